// The key lives in this tab's sessionStorage only: entered once, gone when the tab closes.
"use strict";
const KEY = "graphsvc-key";

function apiKey() { return sessionStorage.getItem(KEY); }

function showError(message) {
  const box = document.getElementById("error");
  box.textContent = message;
  box.hidden = !message;
}

async function api(path, { as = "json" } = {}) {
  const key = apiKey();
  if (!key) { showError("Enter a manager or admin API key first."); throw new Error("no key"); }
  const response = await fetch(path, { headers: { Authorization: `Bearer ${key}` } });
  if (!response.ok) {
    let message = `${response.status}`;
    try { message = (await response.json()).message || message; } catch (_) { /* not JSON */ }
    showError(message);
    throw new Error(message);
  }
  showError("");
  return as === "text" ? response.text() : response.json();
}

function element(tag, text, attributes = {}) {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  return node;
}

function refreshKeyState() {
  document.getElementById("key-state").textContent = apiKey() ? "key in use for this tab" : "no key";
}

document.getElementById("key-form").addEventListener("submit", (event) => {
  event.preventDefault();
  const value = document.getElementById("key").value.trim();
  if (value) sessionStorage.setItem(KEY, value);
  document.getElementById("key").value = "";
  refreshKeyState();
  document.dispatchEvent(new Event("graphsvc:key"));
});
document.getElementById("forget-key").addEventListener("click", () => {
  sessionStorage.removeItem(KEY);
  refreshKeyState();
});
refreshKeyState();
