/* Feedback under every answer (POST /api/feedback): the thumb first, then an optional comment. The comment field
 * appears only after a thumb; the rating is what counts, the comment travels with it (the form says so). */

import { $, h, icon } from "./dom.js";
import { postJSON } from "./api.js";

export function feedbackBox(entry) {
  const box = h("div", { class: "feedback", role: "group", "aria-label": "Rückmeldung zu dieser Antwort" });
  const label = h("span", { class: "feedback-label" }, "War diese Antwort hilfreich?");
  const up = h("button", { type: "button", class: "thumb", "aria-pressed": "false", "data-rating": "up" }, icon("up"), "Ja");
  const down = h("button", { type: "button", class: "thumb", "aria-pressed": "false", "data-rating": "down" }, icon("down"), "Nein");
  const commentId = `comment-${entry.id}`;
  const hintId = `comment-hint-${entry.id}`;
  const comment = h("textarea", { id: commentId, rows: "2", maxlength: "2000", "aria-describedby": hintId });
  const error = h("p", { class: "field-error", role: "alert" });
  const form = h("form", { class: "feedback-form", hidden: true, novalidate: true },
    h("label", { for: commentId, class: "field-label" }, "Kommentar (freiwillig)"),
    h("p", { id: hintId, class: "hint" }, "Ihre Bewertung wird mit dem Kommentar gesendet. Ohne Kommentar genügt „Rückmeldung senden“."),
    comment,
    error,
    h("div", {}, h("button", { type: "submit", class: "button primary small" }, "Rückmeldung senden")),
  );
  let rating = null;
  const choose = (value) => {
    rating = value;
    up.setAttribute("aria-pressed", String(value === "up"));
    down.setAttribute("aria-pressed", String(value === "down"));
    error.textContent = "";
    form.hidden = false;
    comment.focus();
  };
  up.addEventListener("click", () => choose("up"));
  down.addEventListener("click", () => choose("down"));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (!rating) {
      // the form shows only after a thumb; should it be sent without one, say why nothing is stored
      error.textContent = "Bitte wählen Sie zuerst „Ja“ oder „Nein“. Ein Kommentar wird mit dieser Bewertung gespeichert.";
      up.focus();
      return;
    }
    const submit = $("button[type=submit]", form);
    submit.disabled = true;
    error.textContent = "";
    try {
      await postJSON("api/feedback", {
        question: entry.question,
        answer: entry.data.answer,
        rating,
        comment: comment.value.trim() || null,
        answer_id: entry.key,
      });
      box.replaceChildren(h("p", { class: "feedback-done", tabindex: "-1" }, "Danke für Ihre Rückmeldung!"));
      $(".feedback-done", box).focus();
    } catch (err) {
      error.textContent = err.message;
      submit.disabled = false;
    }
  });
  box.append(label, up, down, form);
  return box;
}
