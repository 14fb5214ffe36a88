/* Projekt-Check: the structured form (POST /api/match); the result is shown here and joins the chat. */

import { $, h } from "./dom.js";
import { postJSON } from "./api.js";
import { renderAnswer } from "./answer.js";
import { addUserTurn, announceAnswer, remember } from "./chat.js";
import { selectTab } from "./tabs.js";

const APPLICANT_LABELS = { company: "Unternehmen", municipality: "Kommune", association: "Verein / gemeinnützig", research: "Forschungseinrichtung", private: "Privatperson" };
const SIZE_LABELS = { small: "klein", medium: "mittel", large: "groß" };

export function setupCheck() {
  const form = $("#check-form");
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const error = $("#check-error");
    const description = $("#check-description");
    const text = description.value.trim();
    if (!text) {
      error.textContent = "Bitte beschreiben Sie Ihr Vorhaben in ein paar Sätzen.";
      description.setAttribute("aria-invalid", "true");
      description.focus();
      return;
    }
    description.removeAttribute("aria-invalid");
    error.textContent = "";
    const value = (id) => $(id).value.trim() || null;
    const startedValue = (form.querySelector('input[name="started"]:checked') || {}).value;
    const projectType = value("#check-type");
    const payload = {
      applicant_type: value("#check-applicant"),
      company_size: value("#check-size"),
      sector: value("#check-sector"),
      project_types: projectType ? [projectType] : [],
      already_started: startedValue === "yes" ? true : startedValue === "no" ? false : null,
      municipality: value("#check-municipality"),
      description: text,
    };
    const button = $("#check-button");
    button.disabled = true;
    const result = $("#check-result");
    result.replaceChildren(h("p", { class: "thinking" }, "Das Vorhaben wird geprüft …"));
    try {
      const response = await postJSON("api/match", payload);
      const body = await response.json();
      const data = body && body.answer !== undefined && typeof body.answer === "object" ? body.answer : body;
      const question = `Projekt-Check: ${text}`;
      const entry = remember(question, data, "check");
      const view = h("article", { class: "turn-assistant", "aria-labelledby": "check-result-title" });
      renderAnswer(view, entry);
      result.replaceChildren(h("h2", { id: "check-result-title", class: "section-label", tabindex: "-1" }, "Ergebnis des Projekt-Checks"),
        profileSummary(body.profile), view,
        h("p", {}, h("button", { type: "button", class: "button secondary", onclick: () => { selectTab($("#tab-chat")); $("#question").focus(); } }, "Im Chat nachfragen")));
      $("#check-result-title").focus();
      announceAnswer(data);
      // the result joins the conversation, so follow-up questions in the chat build on it
      addUserTurn(text, "Projekt-Check");
      const li = h("li", { class: "turn-assistant" });
      $("#conversation").append(li);
      renderAnswer(li, entry);
    } catch (err) {
      result.replaceChildren();
      error.textContent = err.message;
    } finally {
      button.disabled = false;
    }
  });
}

/** The facts the funding paths were judged by (explicit answers before what was read from the description). */
function profileSummary(profile) {
  if (!profile || typeof profile !== "object") return null;
  const typeLabel = (value) => {
    const option = $(`#check-type option[value="${CSS.escape(value)}"]`);
    return option ? option.textContent : value;
  };
  const rows = [
    ["Antragsteller", APPLICANT_LABELS[profile.applicant_type] || profile.applicant_type],
    ["Größe", SIZE_LABELS[profile.company_size] || profile.company_size],
    ["Branche", profile.sector],
    ["Art des Vorhabens", (profile.project_types || []).map(typeLabel).join(", ")],
    ["Schon begonnen", profile.already_started === true ? "ja" : profile.already_started === false ? "nein" : null],
    ["Kommune", profile.municipality],
  ].filter(([, v]) => v);
  if (!rows.length) return null;
  return h("div", { class: "profile-summary" },
    h("p", { class: "hint" }, "Beurteilt mit diesen Angaben (Ihre Auswahl, ergänzt aus der Beschreibung):"),
    h("dl", { class: "source-meta" }, rows.map(([k, v]) => [h("dt", {}, k), h("dd", {}, v)])));
}
