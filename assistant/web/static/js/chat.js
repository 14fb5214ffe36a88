/* The chat: the question form (counter, Enter to send, examples), the conversation with its history, the streamed
 * answer and "Neues Gespräch".
 */

import { $, $$, announce, h } from "./dom.js";
import { GENERIC_ERROR, streamAnswer } from "./api.js";
import { renderAnswer, renderRichText } from "./answer.js";
import { refreshExportList } from "./export.js";
import { closeSource } from "./source-panel.js";
import { MAX_HISTORY_TURNS, state } from "./state.js";

const MAX_QUESTION = 2000;
const NUMBER = new Intl.NumberFormat("de-DE");

export function addUserTurn(text, label = "Sie") {
  $("#intro").hidden = true;
  const li = h("li", { class: "turn-user" }, h("span", { class: "who" }, label), text);
  $("#conversation").append(li);
  return li;
}

function addAssistantTurn() {
  const li = h("li", { class: "turn-assistant", "aria-busy": "true" },
    h("span", { class: "who" }, "IREK-Assistent"),
    h("p", { class: "thinking" }, "Ich suche passende Stellen im IREK und im GRW-Koordinierungsrahmen …"));
  $("#conversation").append(li);
  li.scrollIntoView({ block: "nearest" });
  return li;
}

function showError(li, message) {
  li.className = "turn-error";
  li.removeAttribute("aria-busy");
  li.setAttribute("role", "alert");
  li.replaceChildren(h("strong", {}, "Das hat nicht geklappt. "), h("span", { class: "error-detail" }, message));
}

/** Keeps an answer of this conversation (for follow-up questions and the export); returns its entry. */
export function remember(question, data, origin) {
  const id = ++state.entrySeq;
  const entry = { id, key: `${state.sessionKey}-${id}`, question, data, origin };
  state.entries.push(entry);
  state.history.push({ role: "user", content: question });
  if (!data.abstained) state.history.push({ role: "assistant", content: String(data.answer || "").slice(0, 1900) });
  state.history = state.history.slice(-MAX_HISTORY_TURNS);
  refreshExportList();
  return entry;
}

function historyPayload() {
  return state.history.map((t) => ({ role: t.role, content: t.content }));
}

async function ask(question) {
  if (state.busy) return;
  state.busy = true;
  $("#ask-button").disabled = true;
  addUserTurn(question);
  const li = addAssistantTurn();
  const payload = { question, history: historyPayload() };
  // the streamed text replaces the "thinking" line; the final answer replaces it in turn
  const view = h("div", { class: "answer-text", "aria-busy": "true" });
  let streaming = false;
  const showText = (text) => {
    if (!streaming) { li.replaceChildren(h("span", { class: "who" }, "IREK-Assistent"), view); streaming = true; }
    renderRichText(view, text, null);
  };
  try {
    const data = await streamAnswer(payload, showText);
    const entry = remember(question, data, "chat");
    li.removeAttribute("aria-busy");
    renderAnswer(li, entry);
  } catch (err) {
    showError(li, err.message || GENERIC_ERROR);
  } finally {
    state.busy = false;
    $("#ask-button").disabled = false;
  }
}

function newConversation() {
  state.history = [];
  state.entries = [];
  $("#conversation").replaceChildren();
  $("#intro").hidden = false;
  $("#check-result").replaceChildren();
  refreshExportList();
  closeSource();
  $("#question").focus();
  announce("Neues Gespräch begonnen.");
}

function updateCounter() {
  const field = $("#question");
  const length = field.value.length;
  const counter = $("#question-count");
  counter.textContent = `${NUMBER.format(length)} / ${NUMBER.format(MAX_QUESTION)} Zeichen`;
  const over = length > MAX_QUESTION;
  counter.classList.toggle("over", over);
  if (over) counter.textContent += " – zu lang";
}

export function setupChat() {
  const form = $("#ask-form");
  const field = $("#question");
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const question = field.value.trim();
    const error = $("#question-error");
    if (!question) {
      error.textContent = "Bitte geben Sie eine Frage oder eine Beschreibung Ihres Vorhabens ein.";
      field.setAttribute("aria-invalid", "true");
      field.focus();
      return;
    }
    if (state.busy) return;
    error.textContent = "";
    field.removeAttribute("aria-invalid");
    field.value = "";
    updateCounter();
    ask(question);
  });
  field.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      form.requestSubmit();
    }
  });
  field.addEventListener("input", () => {
    updateCounter();
    if (field.value.trim()) { $("#question-error").textContent = ""; field.removeAttribute("aria-invalid"); }
  });
  $("#new-conversation").addEventListener("click", newConversation);
  for (const button of $$(".example")) {
    button.addEventListener("click", () => {
      field.value = button.textContent.trim();
      updateCounter();
      form.requestSubmit();
    });
  }
  updateCounter();
}
