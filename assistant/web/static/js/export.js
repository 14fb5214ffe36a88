/* "Entwurf exportieren": the conversation's answers as a DOCX or Markdown section (POST /api/export). */

import { $, $$, h } from "./dom.js";
import { postJSON } from "./api.js";
import { state } from "./state.js";

/** The checkbox list of this conversation's answers (choices made before are kept). */
export function refreshExportList() {
  const list = $("#export-answers");
  const previous = new Map($$("input", list).map((input) => [input.value, input.checked]));
  list.replaceChildren(...state.entries.map((entry) => {
    const id = `export-${entry.id}`;
    const checked = previous.has(String(entry.id)) ? previous.get(String(entry.id)) : !entry.data.abstained;
    return h("li", {}, h("label", { for: id },
      h("input", { type: "checkbox", id, value: String(entry.id), checked }),
      h("span", {}, entry.question.length > 160 ? `${entry.question.slice(0, 157)} …` : entry.question)));
  }));
  $("#export-empty").hidden = state.entries.length > 0;
}

function filenameFrom(response, fallback) {
  const header = response.headers.get("content-disposition") || "";
  const star = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(header);
  if (star) { try { return decodeURIComponent(star[1].trim()); } catch (_) { /* ignore */ } }
  const plain = /filename\s*=\s*"?([^";]+)"?/i.exec(header);
  return plain ? plain[1].trim() : fallback;
}

export function setupExport() {
  const form = $("#export-form");
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const error = $("#export-error");
    const status = $("#export-status");
    error.textContent = "";
    status.textContent = "";
    const chosen = new Set($$("#export-answers input:checked").map((i) => i.value));
    const answers = state.entries.filter((e) => chosen.has(String(e.id)));
    if (!answers.length) {
      error.textContent = state.entries.length
        ? "Bitte wählen Sie mindestens eine Antwort aus."
        : "Es gibt noch nichts zu exportieren. Stellen Sie zuerst im Chat oder im Projekt-Check eine Frage.";
      return;
    }
    const format = (form.querySelector('input[name="format"]:checked') || {}).value || "docx";
    const title = $("#export-title").value.trim() || "Projektskizze";
    const button = $("#export-button");
    button.disabled = true;
    try {
      const response = await postJSON("api/export", {
        format, title,
        answers: answers.map((e) => ({ question: e.question, ...e.data })),
      }, "*/*");
      const blob = await response.blob();
      const name = filenameFrom(response, `entwurf.${format}`);
      const url = URL.createObjectURL(blob);
      const link = h("a", { href: url, download: name, hidden: true });
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60000);
      status.textContent = `Der Entwurf „${name}“ wurde erstellt und heruntergeladen.`;
    } catch (err) {
      error.textContent = err.message;
    } finally {
      button.disabled = false;
    }
  });
}
