// The console's audit view: the proxy renders the view (figures, SVG charts, records)
// on the server and this script only fetches it with the auditor's key (kept by
// console-session.js in sessionStorage, this tab only) and places it. The server
// escapes every value from the trail; the fragment is parsed inertly (no script in it
// runs, and the page's policy allows none) and its nodes are adopted.
import { $, KeySession, say } from "./console-session.js";

const session = new KeySession("guardrail-auditor-key");

function params() {
  return new URLSearchParams(window.location.search);
}

function place(fragment) {
  const parsed = new DOMParser().parseFromString(fragment, "text/html");
  $("view").replaceChildren(...Array.from(parsed.body.childNodes).map((node) => document.adoptNode(node)));
}

async function load() {
  const view = $("view");
  view.replaceChildren();
  document.body.dataset.loaded = "false";
  if (!session.signedIn) {
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
    place(await session.request(path));
    say(requestId ? "Call " + requestId : tenant ? "Tenant " + tenant : "All tenants 全部租戶");
    document.body.dataset.loaded = "true";
  } catch (error) {
    view.replaceChildren();
    say(error.message, "error");
  }
}

document.addEventListener("DOMContentLoaded", () => {
  session.bind(load, () => $("view").replaceChildren());
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
