// What both consoles do with the key a person types: keep it in sessionStorage (this
// tab only), send it as a bearer token on every request to the proxy, turn a refusal
// into the proxy's error code and message, wire the sign-in and sign-out buttons, and
// say how things went in the page's status line. The consoles differ only in what they
// fetch and how they show it, so that is all their own scripts hold.

export const $ = (id) => document.getElementById(id);

export function say(text, kind) {
  const message = $("message");
  message.textContent = text;
  message.dataset.kind = kind || "info";
}

// A person's key, stored under `storageName`: "guardrail-auditor-key", say.
export class KeySession {
  constructor(storageName) {
    this.storageName = storageName;
  }

  get signedIn() {
    return Boolean(sessionStorage.getItem(this.storageName));
  }

  // The response's text; a refusal throws an Error saying the proxy's code and message.
  async request(path, { method = "GET", body } = {}) {
    const headers = { authorization: "Bearer " + (sessionStorage.getItem(this.storageName) || "") };
    if (body !== undefined) headers["content-type"] = "application/json";
    const response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
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

  // Signing in stores the key and calls `load`; signing out forgets it, calls `clear`
  // to empty the page and says so.
  bind(load, clear) {
    $("sign-in").addEventListener("submit", (event) => {
      event.preventDefault();
      sessionStorage.setItem(this.storageName, $("key").value.trim());
      $("key").value = "";
      say("");
      load();
    });
    $("sign-out").addEventListener("click", () => {
      sessionStorage.removeItem(this.storageName);
      clear();
      say("Signed out. 已登出。");
    });
  }
}
