/* Quellensuche for staff: passages by term, document, section and IREK corridor (GET /api/search), each with the
 * server's citation string, "Quelle öffnen" and "Zitat kopieren" (a selected part of a passage is quoted alone).
 */

import { $, h } from "./dom.js";
import { getJSON } from "./api.js";
import { copyQuote, selectedTextWithin } from "./copy.js";
import { openSource } from "./source-panel.js";
import { state } from "./state.js";

export function setupSearch() {
  const form = $("#search-form");
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const q = $("#search-q").value.trim();
    const error = $("#search-error");
    const summary = $("#search-summary");
    const list = $("#search-results");
    if (!q) {
      error.textContent = "Bitte geben Sie einen Suchbegriff ein.";
      $("#search-q").setAttribute("aria-invalid", "true");
      $("#search-q").focus();
      return;
    }
    $("#search-q").removeAttribute("aria-invalid");
    error.textContent = "";
    const params = new URLSearchParams({ q, k: $("#search-k").value });
    if ($("#search-doc").value) params.set("doc", $("#search-doc").value);
    if ($("#search-section").value.trim()) params.set("section", $("#search-section").value.trim());
    if ($("#search-corridor").value) params.set("corridor", $("#search-corridor").value);
    const button = $("#search-button");
    button.disabled = true;
    summary.textContent = "Suche läuft …";
    try {
      const data = await getJSON(`api/search?${params}`);
      const hits = Array.isArray(data) ? data : (data.hits || data.results || []);
      summary.textContent = hits.length
        ? `${hits.length} Treffer für „${q}“.`
        : `Keine Treffer für „${q}“ mit diesen Filtern.`;
      list.replaceChildren(...hits.map((hit, i) => searchHit(hit, i)));
    } catch (err) {
      summary.textContent = "";
      list.replaceChildren();
      error.textContent = err.message;
    } finally {
      button.disabled = false;
    }
  });
}

function searchHit(hit, i) {
  const section = [hit.section, hit.section_title].filter(Boolean).join(" ") || "Ohne Abschnitt";
  const textEl = h("p", { class: "hit-text" }, hit.text || "");
  const status = h("p", { class: "hint", role: "status" });
  const headingId = `hit-${i}`;
  return h("li", { class: "hit", "aria-labelledby": headingId },
    h("h3", { id: headingId }, section),
    h("p", { class: "hit-citation" }, hit.citation),
    textEl,
    h("div", { class: "hit-actions" },
      h("button", {
        type: "button", class: "button secondary small", "aria-controls": "source-panel",
        onclick: (event) => openSource({ chunk_id: hit.chunk_id, quote: selectedTextWithin(textEl) || null }, event.currentTarget),
      }, "Quelle öffnen"),
      h("button", {
        type: "button", class: "button primary small",
        onclick: () => copyQuote(selectedTextWithin(textEl) || hit.text, hit.citation, status),
      }, "Zitat kopieren"),
    ),
    status,
  );
}

/** The document and corridor filters (GET /api/documents, /api/goals); the search works without them. */
export async function loadFilters() {
  try {
    const data = await getJSON("api/documents");
    const documents = Array.isArray(data) ? data : (data.documents || []);
    const select = $("#search-doc");
    for (const d of documents) {
      state.documents.set(d.id, { title: d.title, kind: d.kind });
      select.append(h("option", { value: d.id }, d.kind === "summary" ? `${d.title} (Zusammenfassung)` : d.title));
    }
  } catch (_) { /* the search still works without the list */ }
  try {
    const goals = await getJSON("api/goals");
    const corridors = goals.corridors || [];
    const select = $("#search-corridor");
    for (const c of corridors) select.append(h("option", { value: c.code }, `${c.code} ${c.title}`));
  } catch (_) { /* optional */ }
}
