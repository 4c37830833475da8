// Entity curation on a speaker page: rename, merge, split a statement's speaker off, or
// reject it, through POST /api/corrections with the bearer token the researcher types in.
// No inline scripts, no HTML built from strings.
"use strict";

const TOKEN_KEY = "zitat-token";
const CURATOR_KEY = "zitat-curator";

function field(id, key) {
  const input = document.getElementById(id);
  input.value = sessionStorage.getItem(key) || "";
  input.addEventListener("change", () => sessionStorage.setItem(key, input.value));
  return input;
}

function setup(panel) {
  const entity = panel.getAttribute("data-entity");
  const token = field("curation-token", TOKEN_KEY);
  const curator = field("curator", CURATOR_KEY);
  const status = document.getElementById("curation-status");

  const say = (message, failed) => {
    status.textContent = message;
    status.classList.toggle("failed", failed);
  };

  async function correct(body, next) {
    if (!curator.value.trim() || !token.value.trim()) {
      say("Give your name and the API token first.", true);
      return;
    }
    say("Saving…", false);
    const response = await fetch("/api/corrections", {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${token.value.trim()}` },
      body: JSON.stringify({ ...body, author: curator.value.trim() }),
    });
    if (response.status === 201) {
      window.location.assign(next);
      return;
    }
    let message = `${response.status}`;
    try {
      const found = await response.json();
      message = (found.error && found.error.message) || message;
    } catch (ignored) {
      // not JSON: keep the status code
    }
    say(`Not saved: ${message}`, true);
  }

  const here = window.location.pathname;
  document.getElementById("rename-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const name = event.target.elements.name.value;
    correct({ action: "rename", entity_id: entity, name }, here);
  });
  document.getElementById("merge-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const target = event.target.elements.target_id.value.trim();
    correct({ action: "merge", entity_id: entity, target_id: target }, `/speakers/${encodeURIComponent(target)}`);
  });
  for (const item of document.querySelectorAll(".statement[data-quotation]")) {
    const quotation = {
      article_id: item.getAttribute("data-article"),
      quotation_id: item.getAttribute("data-quotation"),
    };
    item.querySelector(".split-speaker").addEventListener("click", () =>
      correct({ action: "split", ...quotation }, here));
    item.querySelector(".reject-speaker").addEventListener("click", () =>
      correct({ action: "reject", ...quotation }, here));
  }
}

document.addEventListener("DOMContentLoaded", () => {
  const panel = document.getElementById("curation");
  if (panel) setup(panel);
});
