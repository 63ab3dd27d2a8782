// The console's audit view: the proxy renders the view (figures, SVG charts, records)
// on the server and this script only fetches it with the auditor's key (kept in
// sessionStorage, this tab only) and places it. The server escapes every value from
// the trail; the fragment is parsed inertly (no script in it runs, and the page's
// policy allows none) and its nodes are adopted.
"use strict";

const KEY = "guardrail-auditor-key";
const $ = (id) => document.getElementById(id);

function say(text, kind) {
  const message = $("message");
  message.textContent = text;
  message.dataset.kind = kind || "info";
}

function params() {
  return new URLSearchParams(window.location.search);
}

async function fetchView(path) {
  const response = await fetch(path, {
    headers: { authorization: "Bearer " + (sessionStorage.getItem(KEY) || "") },
    cache: "no-store",
    credentials: "omit",
  });
  const text = await response.text();
  if (!response.ok) {
    let error = {};
    try {
      error = JSON.parse(text).error || {};
    } catch (_) {
      error = {};
    }
    throw new Error((error.code || "HTTP " + response.status) + ": " + (error.message || "request failed"));
  }
  return text;
}

function place(fragment) {
  const parsed = new DOMParser().parseFromString(fragment, "text/html");
  $("view").replaceChildren(...Array.from(parsed.body.childNodes).map((node) => document.adoptNode(node)));
}

async function load() {
  const view = $("view");
  view.replaceChildren();
  document.body.dataset.loaded = "false";
  if (!sessionStorage.getItem(KEY)) {
    say("Sign in with your auditor key. 請以審計員金鑰登入。");
    return;
  }
  const query = params();
  const requestId = query.get("request_id");
  const tenant = query.get("tenant") || "";
  $("tenant").value = tenant;
  $("request-id").value = requestId || "";
  try {
    const path = requestId
      ? "/console/audit/records/" + encodeURIComponent(requestId)
      : "/console/audit/view" + (tenant ? "?tenant=" + encodeURIComponent(tenant) : "");
    place(await fetchView(path));
    say(requestId ? "Call " + requestId : tenant ? "Tenant " + tenant : "All tenants 全部租戶");
    document.body.dataset.loaded = "true";
  } catch (error) {
    view.replaceChildren();
    say(error.message, "error");
  }
}

document.addEventListener("DOMContentLoaded", () => {
  $("sign-in").addEventListener("submit", (event) => {
    event.preventDefault();
    sessionStorage.setItem(KEY, $("key").value.trim());
    $("key").value = "";
    say("");
    load();
  });
  $("sign-out").addEventListener("click", () => {
    sessionStorage.removeItem(KEY);
    $("view").replaceChildren();
    say("Signed out. 已登出。");
  });
  $("filter").addEventListener("submit", (event) => {
    event.preventDefault();
    const tenant = $("tenant").value.trim();
    window.location.search = tenant ? "?tenant=" + encodeURIComponent(tenant) : "";
  });
  $("find").addEventListener("submit", (event) => {
    event.preventDefault();
    const requestId = $("request-id").value.trim();
    if (requestId) window.location.search = "?request_id=" + encodeURIComponent(requestId);
  });
  load();
});
