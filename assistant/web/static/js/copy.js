/* "Zitat kopieren": the quote with the server's citation string to the clipboard, and the part of a passage the
 * user selected. "Antwort kopieren": the whole answer with its sources as plain text.
 */

import { announce, h } from "./dom.js";

const quoted = (quote) => `„${String(quote || "").replace(/\s+/g, " ").trim()}“`;
const quoteWithCitation = (quote, citation) => `${quoted(quote)} (${citation})`;

export async function copyText(text) {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch (_) { /* fall back below */ }
  const area = h("textarea", { class: "visually-hidden", "aria-hidden": "true", readonly: true });
  area.value = text;
  document.body.append(area);
  area.select();
  let ok = false;
  try { ok = document.execCommand("copy"); } catch (_) { ok = false; }
  area.remove();
  return ok;
}

/** Copies „quote“ (citation); citation is the server's German citation string. */
export async function copyQuote(quote, citation, statusEl) {
  const text = quoteWithCitation(quote, citation);
  const ok = await copyText(text);
  const message = ok ? "Zitat mit Fundstelle in die Zwischenablage kopiert." : "Kopieren nicht möglich. Bitte markieren und manuell kopieren.";
  if (statusEl) statusEl.textContent = message;
  announce(message);
  return ok;
}

/** The text the user selected inside element ("" when the selection is empty or elsewhere). */
export function selectedTextWithin(element) {
  const selection = window.getSelection();
  if (!selection || selection.isCollapsed || !selection.rangeCount) return "";
  const range = selection.getRangeAt(0);
  return element.contains(range.commonAncestorContainer) ? selection.toString().trim() : "";
}

/** The answer as plain text for an e-mail or a file note: the text without markup, then its numbered sources. */
export function answerAsText(entry) {
  const data = entry.data;
  const text = String(data.answer || "").replace(/\*\*(.+?)\*\*/g, "$1").replace(/\n{3,}/g, "\n\n").trim();
  const sources = (data.citations || []).map((c) => `[${c.n}] ${c.citation}: ${quoted(c.quote)}`);
  return [`Frage: ${entry.question}`, text, sources.length ? `Quellen:\n${sources.join("\n")}` : ""].filter(Boolean).join("\n\n");
}

export function copyAnswerButton(entry) {
  const status = h("span", { class: "hint copy-status", role: "status" });
  const button = h("button", { type: "button", class: "button secondary small copy-answer" }, "Antwort kopieren");
  button.addEventListener("click", async () => {
    const ok = await copyText(answerAsText(entry));
    status.textContent = ok ? "Antwort mit Quellen kopiert." : "Kopieren nicht möglich. Bitte markieren und manuell kopieren.";
  });
  return h("span", { class: "copy-tool" }, button, status);
}
