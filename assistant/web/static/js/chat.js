/* The chat: the question form (counter, Enter to send, starter questions), the conversation with its history, the
 * streamed answer with its stop button, retry after an error, the conversation kept across a reload and
 * "Neues Gespräch" with undo. Nothing typed is lost: the question stays in the field until the server accepted it.
 */

import { $, $$, announce, h } from "./dom.js";
import { GENERIC_ERROR, streamAnswer } from "./api.js";
import { plainText, renderAnswer, renderStreaming, summaryOf } from "./answer.js";
import { refreshExportList } from "./export.js";
import { closeSource } from "./source-panel.js";
import { MAX_HISTORY_TURNS, loadConversation, loadDraft, saveConversation, saveDraft, state } from "./state.js";

const MAX_QUESTION = 2000;
const NUMBER = new Intl.NumberFormat("de-DE");
const CHECK_PREFIX = "Projekt-Check: ";
let undo = null; // the conversation just cleared, until the next question

export function addUserTurn(text, label = "Sie") {
  showConversationStarted(true);
  const li = h("li", { class: "turn-user" }, h("span", { class: "who" }, label), text);
  $("#conversation").append(li);
  return li;
}

function showConversationStarted(started) {
  $("#starters").open = !started;
  $("#conversation-tools").hidden = !started;
  $("#panel-chat").classList.toggle("started", started);
}

function addAssistantTurn() {
  const li = h("li", { class: "turn-assistant", "aria-busy": "true" },
    h("span", { class: "who" }, "IREK-Assistent"),
    h("p", { class: "thinking" }, "Ich suche passende Stellen im IREK und im GRW-Koordinierungsrahmen …"));
  $("#conversation").append(li);
  li.scrollIntoView({ block: "nearest" });
  return li;
}

/** An error or a stop in place of the answer, with "Erneut fragen" (the question is sent again). */
function showFailure(li, userLi, question, message, stopped) {
  li.className = stopped ? "turn-stopped" : "turn-error";
  li.removeAttribute("aria-busy");
  if (!stopped) li.setAttribute("role", "alert");
  const retry = h("button", { type: "button", class: "button secondary small retry" }, "Erneut fragen");
  retry.addEventListener("click", () => {
    li.remove();
    userLi.remove();
    ask(question);
  });
  li.replaceChildren(
    h("p", {}, h("strong", {}, stopped ? "Angehalten. " : "Das hat nicht geklappt. "), h("span", { class: "error-detail" }, message)),
    retry);
  return retry;
}

/** Keeps an answer of this conversation (for follow-up questions, the export and a reload); returns its entry. */
export function remember(question, data, origin) {
  const id = ++state.entrySeq;
  const entry = { id, key: `${state.sessionKey}-${id}`, question, data, origin };
  state.entries.push(entry);
  state.history.push({ role: "user", content: question });
  if (!data.abstained) state.history.push({ role: "assistant", content: String(data.answer || "").slice(0, 1900) });
  state.history = state.history.slice(-MAX_HISTORY_TURNS);
  undo = null;
  $("#undo-bar").hidden = true;
  saveConversation();
  refreshExportList();
  return entry;
}

/** The screen reader hears the bottom line only, never the whole answer. */
export function announceAnswer(data) {
  announce(data.abstained ? plainText(data.answer) : `Antwort: ${plainText(summaryOf(data))}`);
}

function setBusy(busy) {
  state.busy = busy;
  $("#ask-button").setAttribute("aria-disabled", String(busy));
  $("#stop-button").hidden = !busy;
}

async function ask(question) {
  if (state.busy) return;
  setBusy(true);
  const field = $("#question");
  const userLi = addUserTurn(question);
  const li = addAssistantTurn();
  const payload = { question, history: state.history.map((t) => ({ role: t.role, content: t.content })) };
  const controller = new AbortController();
  state.controller = controller;
  // the streamed text replaces the "thinking" line: the summary first, then the rest; the final answer replaces it
  const view = h("div", { class: "answer-live" });
  let streaming = false;
  const onText = (text) => {
    if (!streaming) { li.replaceChildren(h("span", { class: "who" }, "IREK-Assistent"), view); streaming = true; }
    renderStreaming(view, text);
  };
  const onAccepted = () => {
    // the server has the question: now the field may be emptied (unless the user typed something new meanwhile)
    if (field.value.trim() === question) { field.value = ""; saveDraft(""); updateCounter(); }
  };
  try {
    const data = await streamAnswer(payload, { onText, onAccepted, signal: controller.signal });
    const entry = remember(question, data, "chat");
    li.removeAttribute("aria-busy");
    renderAnswer(li, entry);
    announceAnswer(data);
  } catch (err) {
    if (!field.value.trim()) { field.value = question; saveDraft(question); updateCounter(); }
    const retry = showFailure(li, userLi, question, err.message || GENERIC_ERROR, !!err.aborted);
    if (err.aborted) { announce("Die Antwort wurde angehalten. Ihre Frage steht wieder im Eingabefeld."); retry.focus(); }
  } finally {
    state.controller = null;
    setBusy(false);
  }
}

function stop() {
  if (state.controller) state.controller.abort();
}

function renderConversation() {
  const list = $("#conversation");
  list.replaceChildren();
  for (const entry of state.entries) {
    const check = entry.origin === "check" && entry.question.startsWith(CHECK_PREFIX);
    addUserTurn(check ? entry.question.slice(CHECK_PREFIX.length) : entry.question, check ? "Projekt-Check" : "Sie");
    const li = h("li", { class: "turn-assistant" });
    list.append(li);
    renderAnswer(li, entry);
  }
  showConversationStarted(state.entries.length > 0);
  refreshExportList();
}

function newConversation() {
  if (state.busy) stop();
  undo = { history: state.history, entries: state.entries, entrySeq: state.entrySeq };
  state.history = [];
  state.entries = [];
  saveConversation();
  $("#conversation").replaceChildren();
  $("#check-result").replaceChildren();
  showConversationStarted(false);
  refreshExportList();
  closeSource();
  $("#undo-bar").hidden = false;
  $("#undo-button").focus();
  announce("Neues Gespräch begonnen. Mit „Rückgängig“ holen Sie das bisherige Gespräch zurück.");
}

function undoNewConversation() {
  if (!undo) return;
  Object.assign(state, undo);
  undo = null;
  saveConversation();
  renderConversation();
  $("#undo-bar").hidden = true;
  $("#question").focus();
  announce("Das Gespräch ist wiederhergestellt.");
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
    if (state.busy) {
      error.textContent = "Bitte warten Sie, bis die Antwort da ist, oder halten Sie sie mit „Stopp“ an.";
      return;
    }
    error.textContent = "";
    field.removeAttribute("aria-invalid");
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
    saveDraft(field.value);
    if (field.value.trim()) { $("#question-error").textContent = ""; field.removeAttribute("aria-invalid"); }
  });
  $("#stop-button").addEventListener("click", stop);
  $("#new-conversation").addEventListener("click", newConversation);
  $("#undo-button").addEventListener("click", undoNewConversation);
  for (const button of $$(".example")) {
    button.addEventListener("click", () => {
      field.value = button.textContent.trim();
      updateCounter();
      form.requestSubmit();
    });
  }
  if (loadConversation()) renderConversation();
  else showConversationStarted(false);
  if (!field.value) field.value = loadDraft();
  updateCounter();
}
