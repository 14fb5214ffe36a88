/* "Zitat kopieren": the quote with the server's citation string to the clipboard, and the part of a passage the
 * user selected.
 */

import { announce, h } from "./dom.js";

function quoteWithCitation(quote, citation) {
  const clean = String(quote || "").replace(/\s+/g, " ").trim();
  return `„${clean}“ (${citation})`;
}

async function copyText(text) {
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
