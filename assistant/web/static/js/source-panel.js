/* The source panel ("Quelle"): the cited passage with the quote highlighted, its neighbours, the server's citation
 * ("Fundstelle") and "Zitat kopieren". A side panel on wide screens, a modal dialog on phones; focus returns to the
 * element that opened it. While it is open, Tab and Shift+Tab stay inside it and Escape closes it, wherever the focus
 * is.
 */

import { $, $$, h } from "./dom.js";
import { getJSON } from "./api.js";
import { copyQuote, selectedTextWithin } from "./copy.js";
import { state } from "./state.js";

const WIDE = "(min-width: 901px)";
const wide = () => window.matchMedia(WIDE).matches;

/** The passage text with the quote marked; the quote is found even where white space differs. */
function markedPassage(text, quote) {
  const block = h("blockquote", { class: "passage" });
  const words = String(quote || "").split(/\s+/).filter(Boolean);
  let match = null;
  if (words.length) {
    const pattern = words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("\\s+");
    match = new RegExp(pattern).exec(text) || new RegExp(pattern, "i").exec(text);
  }
  if (!match) {
    block.append(text);
    return { block, found: false };
  }
  block.append(text.slice(0, match.index), h("mark", {}, match[0]), text.slice(match.index + match[0].length));
  return { block, found: true };
}

function neighbour(passage, which) {
  const keys = which === "prev" ? ["prev", "previous", "before"] : ["next", "after"];
  for (const key of keys) {
    if (passage[key] !== undefined) return passage[key];
    if (passage.neighbours && passage.neighbours[key] !== undefined) return passage.neighbours[key];
    if (passage.context && passage.context[key] !== undefined) return passage.context[key];
  }
  return null;
}

function shorten(text, keep) {
  const t = String(text).trim();
  const max = 220;
  if (t.length <= max) return t;
  return keep === "end" ? `… ${t.slice(-max).replace(/^\S*\s/, "")}` : `${t.slice(0, max).replace(/\s\S*$/, "")} …`;
}

function openPanel() {
  const dialog = $("#source-panel");
  if (wide()) {
    if (dialog.open && dialog.matches(":modal")) dialog.close();
    if (!dialog.open) dialog.show();
    document.body.classList.add("panel-open");
  } else if (!dialog.open) {
    dialog.showModal();
  }
}

export function closeSource() {
  const dialog = $("#source-panel");
  if (dialog.open) dialog.close();
}

function onPanelClosed() {
  document.body.classList.remove("panel-open");
  for (const el of $$('[aria-expanded="true"][aria-controls="source-panel"]')) el.setAttribute("aria-expanded", "false");
  const trigger = state.lastTrigger;
  state.lastTrigger = null;
  // back to the element that opened the panel, unless the user has already moved on (the close event comes after
  // the browser's own return of the focus, and on a busy machine after the next key)
  const active = document.activeElement;
  const unmoved = !active || active === document.body || active === trigger || $("#source-panel").contains(active);
  if (trigger && document.contains(trigger) && unmoved) trigger.focus();
}

/** Opens the cited passage: citation = {chunk_id, quote?, n?, ...}; trigger = the element to return focus to. */
export async function openSource(citation, trigger) {
  for (const el of $$('[aria-expanded="true"][aria-controls="source-panel"]')) el.setAttribute("aria-expanded", "false");
  if (trigger) {
    state.lastTrigger = trigger;
    if (trigger.hasAttribute("aria-expanded")) trigger.setAttribute("aria-expanded", "true");
  }
  const body = $("#source-body");
  $("#source-heading").textContent = citation.n ? `Beleg ${citation.n}` : "Quelle";
  body.replaceChildren(h("p", { class: "thinking" }, "Die Quelle wird geladen …"));
  openPanel();
  $("#source-heading").focus();
  try {
    const passage = await getJSON(`api/passages/${encodeURIComponent(citation.chunk_id)}`);
    renderSource(passage, citation);
  } catch (err) {
    body.replaceChildren(h("p", { class: "field-error", role: "alert" }, err.message));
  }
}

function renderSource(passage, citation) {
  const body = $("#source-body");
  const doc = state.documents.get(passage.document) || {};
  const title = passage.document_title || passage.title || doc.title || passage.document;
  const full = passage.document_full_title || doc.title;
  const fullTitle = full && full !== title ? full : null;
  const section = passage.section && passage.section_title && !String(passage.section).includes(passage.section_title)
    ? `${passage.section} ${passage.section_title}` : (passage.section || passage.section_title || citation.section);
  const page = passage.page_label || passage.page
    ? `S. ${passage.page_label || passage.page}${passage.page && passage.page_label && String(passage.page) !== String(passage.page_label) ? ` (PDF-Seite ${passage.page})` : ""}`
    : "ohne Seitenzählung";
  const citationText = passage.citation; // the server's German citation string
  const quote = citation.quote || null;
  const { block, found } = markedPassage(String(passage.text || ""), quote);
  const status = h("p", { class: "hint", role: "status" });
  const kind = passage.kind || doc.kind;

  const parts = [
    kind === "summary" ? h("p", { class: "source-kind" }, "Zusammenfassung des Projekts, kein Originaltext") : null,
    h("dl", { class: "source-meta" },
      h("dt", {}, "Dokument"), h("dd", { class: "source-document" }, title, fullTitle ? h("span", { class: "hint" }, h("br"), fullTitle) : null),
      section ? [h("dt", {}, "Abschnitt"), h("dd", { class: "source-section" }, section)] : null,
      h("dt", {}, "Seite"), h("dd", { class: "source-page" }, page),
    ),
    h("p", { class: "citation-line" }, h("strong", {}, "Fundstelle: "), h("span", { class: "source-citation" }, citationText)),
  ];
  const prev = neighbour(passage, "prev");
  const next = neighbour(passage, "next");
  const contextText = (n) => (n && typeof n === "object" ? n.text : n) || "";
  if (contextText(prev)) {
    parts.push(h("p", { class: "context-label" }, "Davor"), h("blockquote", { class: "passage context" }, shorten(contextText(prev), "end")));
  }
  parts.push(h("p", { class: "context-label" }, found ? "Zitierte Stelle (markiert)" : "Passage"), block);
  if (contextText(next)) {
    parts.push(h("p", { class: "context-label" }, "Danach"), h("blockquote", { class: "passage context" }, shorten(contextText(next), "start")));
  }
  const copyButton = h("button", { type: "button", class: "button primary small", id: "copy-quote" }, "Zitat kopieren");
  copyButton.addEventListener("click", () => {
    const selection = selectedTextWithin(block);
    copyQuote(selection || quote || passage.text, citationText, status);
  });
  const actions = h("div", { class: "source-actions" }, copyButton);
  for (const [which, label] of [["prev", "Vorherige Passage"], ["next", "Nächste Passage"]]) {
    const n = which === "prev" ? prev : next;
    const id = n && typeof n === "object" ? n.chunk_id : null;
    if (id) {
      actions.append(h("button", {
        type: "button", class: "button secondary small",
        onclick: () => openSource({ chunk_id: id }, state.lastTrigger),
      }, label));
    }
  }
  parts.push(actions, status);
  body.replaceChildren(...parts.filter(Boolean));
  state.currentSource = { quote, citation: citationText };
  // a long passage: the marked quote is scrolled into the panel's view
  const mark = $("mark", body);
  if (mark) mark.scrollIntoView({ block: "center" });
}

const FOCUSABLE = 'button:not([disabled]), [href], input:not([disabled]), select, textarea, summary, [tabindex]:not([tabindex="-1"])';

/** Tab from the panel's last control goes to its first, Shift+Tab from the first to the last. */
function trapFocus(event, dialog) {
  const items = $$(FOCUSABLE, dialog).filter((el) => el.getClientRects().length);
  if (!items.length) return;
  const first = items[0];
  const last = items[items.length - 1];
  const inside = dialog.contains(document.activeElement);
  if (event.shiftKey && (!inside || document.activeElement === first || document.activeElement === $("#source-heading"))) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && (!inside || document.activeElement === last)) {
    event.preventDefault();
    first.focus();
  }
}

export function setupSourcePanel() {
  const dialog = $("#source-panel");
  $("#source-close").addEventListener("click", closeSource);
  dialog.addEventListener("close", onPanelClosed);
  document.addEventListener("keydown", (event) => {
    if (!dialog.open) return;
    if (event.key === "Escape") { event.preventDefault(); closeSource(); }
    else if (event.key === "Tab") trapFocus(event, dialog);
  });
  dialog.addEventListener("click", (event) => {
    if (event.target === dialog && dialog.matches(":modal")) {
      const r = dialog.getBoundingClientRect();
      if (event.clientX < r.left || event.clientX > r.right || event.clientY < r.top || event.clientY > r.bottom) closeSource();
    }
  });
  window.matchMedia(WIDE).addEventListener("change", () => {
    if (dialog.open) { const trigger = state.lastTrigger; dialog.close(); state.lastTrigger = trigger; openPanel(); }
  });
}
