// reelgraph UI: live search, evidence highlighting, and curation through the JSON API.
// Plain browser JavaScript, no build step; the graph view has its own bundle.
"use strict";

const TOKEN_KEY = "reelgraph-token";

function el(tag, attrs, text) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) node.setAttribute(key, value);
  if (text !== undefined) node.textContent = text;   // text only: article text is never parsed as HTML
  return node;
}

function toast(message, undoId) {
  const box = document.getElementById("toast");
  box.replaceChildren(el("span", {}, message));
  if (undoId) {
    const undo = el("button", { type: "button", class: "undo", "data-audit": String(undoId) }, "Undo");
    box.appendChild(undo);
  }
  box.hidden = false;
  clearTimeout(box._timer);
  box._timer = setTimeout(() => { box.hidden = true; }, 8000);
}

// A change that reloads the page says what it did (with its Undo) on the reloaded page.
function reloadWithToast(message, undoId, href) {
  sessionStorage.setItem("reelgraph-toast", JSON.stringify({ message, undoId }));
  if (href) location.href = href; else location.reload();
}

function showPendingToast() {
  const pending = sessionStorage.getItem("reelgraph-toast");
  if (!pending) return;
  sessionStorage.removeItem("reelgraph-toast");
  const { message, undoId } = JSON.parse(pending);
  toast(message, undoId);
}

// ---- the token: asked once, kept for this tab in sessionStorage ----

function token(ask) {
  let value = sessionStorage.getItem(TOKEN_KEY);
  if (!value && ask) {
    value = window.prompt("This changes the graph. Token (REELGRAPH_TOKEN of the server):");
    if (value) sessionStorage.setItem(TOKEN_KEY, value.trim());
  }
  showSignedIn();
  return value ? value.trim() : null;
}

function showSignedIn() {
  const button = document.getElementById("token-button");
  if (button) button.textContent = sessionStorage.getItem(TOKEN_KEY) ? "Sign out" : "Sign in";
}

async function write(method, url, body) {
  for (let attempt = 0; attempt < 2; attempt++) {
    const secret = token(true);
    if (!secret) throw new Error("no token given");
    const options = { method, headers: { Authorization: "Bearer " + secret } };
    if (body instanceof FormData) options.body = body;
    else if (body !== undefined) {
      options.headers["Content-Type"] = "application/json";
      options.body = JSON.stringify(body);
    }
    const response = await fetch(url, options);
    const data = await response.json().catch(() => ({}));
    if (response.status === 401 && attempt === 0) {
      sessionStorage.removeItem(TOKEN_KEY);       // wrong token: ask again once
      continue;
    }
    if (!response.ok) throw new Error((data.error && data.error.message) || response.statusText);
    return data;
  }
  throw new Error("the token was refused");
}

// ---- search as you type ----

function setupSearch() {
  const box = document.getElementById("search-box");
  const list = document.getElementById("search-results");
  if (!box || !list) return;
  let timer = null;
  let latest = 0;
  box.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const q = box.value.trim();
      if (!q) { list.hidden = true; return; }
      const ticket = ++latest;
      const response = await fetch("/api/search?limit=10&q=" + encodeURIComponent(q));
      if (ticket !== latest || !response.ok) return;
      const data = await response.json();
      list.replaceChildren();
      for (const e of data.entities || []) {
        const a = el("a", { href: "/entities/" + e.id, class: "hit entity t-" + e.type }, e.name);
        a.appendChild(el("span", { class: "type" }, e.type));
        list.appendChild(a);
      }
      for (const d of data.documents || []) {
        const a = el("a", { href: "/documents/" + d.id, class: "hit document" }, d.title || d.source);
        a.appendChild(el("span", { class: "type" }, "article"));
        list.appendChild(a);
      }
      if (!list.children.length) list.appendChild(el("span", { class: "muted hit" }, "nothing found"));
      list.hidden = false;
    }, 150);
  });
  document.addEventListener("click", (event) => {
    if (!list.contains(event.target) && event.target !== box) list.hidden = true;
  });
}

// ---- evidence in the article ----

function highlightFact(factId, scroll) {
  const text = document.getElementById("doc-text");
  if (!text) return false;
  document.querySelectorAll(".seg.active").forEach((s) => s.classList.remove("active"));
  document.querySelectorAll(".doc-facts .fact.active").forEach((f) => f.classList.remove("active"));
  const segments = text.querySelectorAll('.seg[data-facts~="' + factId + '"]');
  segments.forEach((s) => s.classList.add("active"));
  const row = document.querySelector('.doc-facts .fact[data-fact="' + factId + '"]');
  if (row) row.classList.add("active");
  if (scroll && segments.length) segments[0].scrollIntoView({ block: "center" });
  return segments.length > 0;
}

function setupEvidence() {
  const text = document.getElementById("doc-text");
  if (text) {
    const wanted = new URLSearchParams(location.search).get("fact");
    if (wanted) highlightFact(wanted, true);
    document.querySelectorAll(".doc-facts .fact").forEach((row) => {
      row.addEventListener("click", (event) => {
        if (event.target.closest("button, a, summary")) return;
        highlightFact(row.dataset.fact, true);
        history.replaceState(null, "", "?fact=" + row.dataset.fact);
      });
    });
    text.addEventListener("click", (event) => {
      const seg = event.target.closest(".seg.ev");
      if (!seg || event.target.closest("a")) return;
      const first = seg.dataset.facts.trim().split(" ")[0];
      highlightFact(first, false);
      const row = document.querySelector('.doc-facts .fact[data-fact="' + first + '"]');
      if (row) row.scrollIntoView({ block: "nearest" });
    });
  }
  // Anywhere else, clicking a fact opens its evidence.
  document.addEventListener("click", (event) => {
    if (text || event.target.closest("button, a, summary, details, input, form")) return;
    const row = event.target.closest(".fact");
    const details = row && row.querySelector("details.evidence");
    if (details) details.open = !details.open;
  });
  // On the document page, opening a fact's evidence also lights it up in the text.
  document.querySelectorAll("details.evidence").forEach((details) => {
    details.addEventListener("toggle", () => {
      if (details.open) highlightFact(details.dataset.fact, true);
    });
  });
}

// ---- curation ----

function markStatus(factId, status) {
  document.querySelectorAll('[data-fact="' + factId + '"].fact').forEach((row) => {
    row.classList.remove("s-asserted", "s-confirmed", "s-rejected");
    row.classList.add("s-" + status);
  });
  document.querySelectorAll('.tools[data-fact="' + factId + '"] .status').forEach((badge) => {
    badge.className = "status s-" + status;
    badge.textContent = status;
  });
}

function auditId(result) {
  return result.audit_id || null;
}

async function curate(button) {
  const factId = button.dataset.fact;
  const action = button.dataset.action;
  try {
    if (action === "edit") {
      const value = window.prompt("New value:", button.dataset.value || "");
      if (value === null || !value.trim()) return;
      const result = await write("PATCH", "/api/facts/" + factId, { value: value.trim() });
      toast("Value changed; reload to see it everywhere.", auditId(result));
      return;
    }
    const result = await write("POST", "/api/facts/" + factId + "/" + action);
    markStatus(factId, action === "confirm" ? "confirmed" : "rejected");
    toast("Fact " + (action === "confirm" ? "confirmed." : "rejected."), auditId(result));
  } catch (error) {
    toast("Not done: " + error.message);
  }
}

async function undo(auditIdValue) {
  try {
    await write("POST", "/api/audit/" + auditIdValue + "/undo");
    reloadWithToast("Undone.");
  } catch (error) {
    toast("Not undone: " + error.message);
  }
}

function setupCuration() {
  document.addEventListener("click", (event) => {
    const act = event.target.closest("button.act");
    if (act) { event.preventDefault(); curate(act); return; }
    const undoButton = event.target.closest("button.undo");
    if (undoButton) { event.preventDefault(); undo(undoButton.dataset.audit); }
  });
  const tokenButton = document.getElementById("token-button");
  if (tokenButton) {
    tokenButton.addEventListener("click", () => {
      if (sessionStorage.getItem(TOKEN_KEY)) sessionStorage.removeItem(TOKEN_KEY);
      else token(true);
      showSignedIn();
    });
    showSignedIn();
  }
  document.querySelectorAll("form.merge-form").forEach((form) => {
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const other = Number(new FormData(form).get("other"));
      try {
        const result = await write("POST", "/api/entities/merge", { keep: Number(form.dataset.keep), other });
        reloadWithToast("Merged entity " + other + " into this one.", auditId(result));
      } catch (error) { toast("Not merged: " + error.message); }
    });
  });
  document.querySelectorAll("form.split-form").forEach((form) => {
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const names = new FormData(form).getAll("names");
      if (!names.length) { toast("Tick the names to split off."); return; }
      try {
        const result = await write("POST", "/api/entities/" + form.dataset.entity + "/split", { names });
        reloadWithToast("Split off into entity " + result.new_entity_id + ".", auditId(result),
                        "/entities/" + result.new_entity_id);
      } catch (error) { toast("Not split: " + error.message); }
    });
  });
  const upload = document.getElementById("upload-form");
  if (upload) {
    upload.addEventListener("submit", async (event) => {
      event.preventDefault();
      toast("Reading and extracting…");
      try {
        const result = await write("POST", "/api/documents", new FormData(upload));
        reloadWithToast("Article " + result.status + ".", null, "/documents/" + result.document_id);
      } catch (error) { toast("Not stored: " + error.message); }
    });
  }
}

document.addEventListener("DOMContentLoaded", () => {
  setupSearch();
  setupEvidence();
  setupCuration();
  showPendingToast();
});
