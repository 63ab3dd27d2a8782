// The review console: a reviewer's queue over the proxy's review API. Everything shown
// comes from /v1/reviews with the reviewer's key (kept by console-session.js in
// sessionStorage, this tab only) and is written with textContent, never as HTML:
// answers are untrusted text.
import { $, KeySession, say } from "./console-session.js";

const session = new KeySession("guardrail-reviewer-key");

// The decoded JSON of a request, {} where the body is not JSON.
async function api(method, path, body) {
  const text = await session.request(path, { method, body });
  try {
    return JSON.parse(text);
  } catch (_) {
    return {};
  }
}

function element(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = String(text);
  if (className) node.className = className;
  return node;
}

function textOf(messages) {
  return (messages || [])
    .map((m) => (m.role ? m.role + ": " : "") + (typeof m.content === "string" ? m.content : JSON.stringify(m.content)))
    .join("\n\n");
}

function answerText(review) {
  const first = (review.answer || [])[0] || {};
  return typeof first.content === "string" ? first.content : "";
}

function details(review) {
  const list = element("dl");
  const rows = [
    ["id", review.id],
    ["request id", review.request_id],
    ["tenant", review.tenant],
    ["policy", review.policy],
    ["held at 保留時間", review.created],
    ["deadline 期限", review.deadline || "none (already released)"],
    ["on timeout 逾時處理", review.on_timeout],
    ["decided by 決定者", review.decided_by || "not yet"],
    ["content shown 顯示內容", review.content === "original" ? "original (recorded) 原文（已記錄）" : "redacted 已遮蔽"],
  ];
  for (const [name, value] of rows) {
    list.append(element("dt", name), element("dd", value));
  }
  return list;
}

function actions(review) {
  const box = element("div", undefined, "actions");
  const approve = element("button", "Approve 批准", "approve");
  approve.type = "button";
  approve.addEventListener("click", () => decide(review.id, "approve"));
  const reason = element("textarea", undefined, "reason");
  reason.placeholder = "Reason for rejecting (required) 拒絕原因（必填）";
  reason.setAttribute("aria-label", "Reason for rejecting");
  const reject = element("button", "Reject 拒絕", "reject");
  reject.type = "button";
  reject.addEventListener("click", () => decide(review.id, "reject", { reason: reason.value }));
  box.append(approve, reason, reject);
  if (review.kind === "hold") {
    const text = element("textarea", undefined, "edit-text");
    text.value = answerText(review);
    text.setAttribute("aria-label", "Edited answer");
    const edit = element("button", "Save edit and release 修改並發放", "edit");
    edit.type = "button";
    edit.addEventListener("click", () => decide(review.id, "edit", { text: text.value }));
    box.append(text, edit);
  }
  return box;
}

function render(reviews) {
  const list = $("reviews");
  list.replaceChildren();
  $("count").textContent = reviews.length + " review(s) 項";
  for (const review of reviews) {
    const card = element("article", undefined, "review content-" + review.content);
    card.dataset.id = review.id;
    card.dataset.status = review.status;
    card.append(element("h2", review.use_case + " · " + review.risk_tier + " · " + review.status));
    card.append(details(review));
    card.append(element("h3", "Request 請求"), element("pre", textOf(review.request), "request"));
    card.append(element("h3", "Answer 回答"), element("pre", textOf(review.answer), "answer"));
    if (review.status === "pending" || review.status === "sampled") card.append(actions(review));
    list.append(card);
  }
}

async function load() {
  if (!session.signedIn) {
    render([]);
    say("Sign in with your reviewer key. 請以審核員金鑰登入。");
    return;
  }
  try {
    const status = $("status").value;
    const data = await api("GET", "/v1/reviews" + (status ? "?status=" + encodeURIComponent(status) : ""));
    render(data.data || []);
    document.body.dataset.loaded = "true";
  } catch (error) {
    render([]);
    say(error.message, "error");
  }
}

async function decide(id, action, body) {
  try {
    const decided = await api("POST", "/v1/reviews/" + encodeURIComponent(id) + "/" + action, body || {});
    say(action + ": " + id + " → " + decided.status);
    const message = $("message").textContent;
    await load();
    say(message);
  } catch (error) {
    say(error.message, "error");
  }
}

document.addEventListener("DOMContentLoaded", () => {
  session.bind(load, () => render([]));
  $("refresh").addEventListener("click", load);
  $("status").addEventListener("change", load);
  load();
});
