// What the explorer and the dashboards share: the words of the page's language, the API key,
// fetching with it, and errors shown in the page (never left as uncaught rejections).
//
// The key is kept in localStorage, so that a dashboard opened in a new tab has it too; "forget"
// removes it. It is checked against the API before the page says it is in use.
"use strict";
const KEY = "graphsvc-key";
const T = JSON.parse(document.getElementById("texts").textContent);
const LANG = document.documentElement.lang;

function say(template, values = {}) {
  return template.replace(/\{(\w+)\}/g, (_, name) => (name in values ? String(values[name]) : `{${name}}`));
}

function apiKey() { return localStorage.getItem(KEY); }

function showError(message) {
  const box = document.getElementById("error");
  box.textContent = message ? say(T.error, { message }) : "";
  box.hidden = !message;
}

class ApiError extends Error {
  constructor(status, message) { super(message); this.status = status; }
}

async function api(path, { as = "json", method = "GET", body } = {}) {
  const key = apiKey();
  if (!key) throw new ApiError(401, T.key_needed);
  const headers = { Authorization: `Bearer ${key}` };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  if (!response.ok) {
    let message = `${response.status}`;
    try { const problem = await response.json(); message = problem.detail || problem.message || message; } catch (_) { /* not JSON */ }
    throw new ApiError(response.status, message);
  }
  return as === "text" ? response.text() : response.json();
}

// Runs an action started by the user or the page; its failure is shown, never thrown further.
async function attempt(action) {
  try {
    const result = await action();
    showError("");
    return result;
  } catch (error) {
    showError(error.message || String(error));
    return undefined;
  }
}
window.addEventListener("unhandledrejection", (event) => {
  event.preventDefault();
  showError(event.reason && event.reason.message ? event.reason.message : String(event.reason));
});

function element(tag, text, attributes = {}) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = text;
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  return node;
}

function explorerLink(kind, id, text) {
  const params = new URLSearchParams({ kind, id });
  if (LANG !== "fr") params.set("lang", LANG);
  return element("a", text, { href: `/explore?${params}`, class: "to-explorer", "data-kind": kind, "data-id": id });
}

async function checkKey() {
  const state = document.getElementById("key-state");
  if (!apiKey()) { state.textContent = T.key_none; return false; }
  state.textContent = T.key_checking;
  try {
    await api("/ranking");  // a manager's read: a frontend key or a revoked one is refused here
    state.textContent = T.key_ok;
    document.dispatchEvent(new Event("graphsvc:key"));
    return true;
  } catch (error) {
    state.textContent = say(T.key_refused, { message: error.message });
    return false;
  }
}

document.getElementById("key-form").addEventListener("submit", (event) => {
  event.preventDefault();
  const value = document.getElementById("key").value.trim();
  if (value) localStorage.setItem(KEY, value);
  document.getElementById("key").value = "";
  checkKey();
});
document.getElementById("forget-key").addEventListener("click", () => {
  localStorage.removeItem(KEY);
  checkKey();
});
