/* Talking to the API: JSON requests with the API's German error messages, the answer stream (Server-Sent Events of
 * POST /api/chat) and the notice when the service is not ready.
 */

import { $, h } from "./dom.js";

const FALLBACK_MESSAGES = {
  400: "Die Anfrage ist fehlerhaft.",
  404: "Diese Adresse gibt es nicht.",
  413: "Die Eingabe ist zu lang.",
  422: "Die Anfrage ist unvollständig oder fehlerhaft.",
  429: "Zu viele Anfragen in kurzer Zeit. Bitte warten Sie einen Moment.",
  503: "Der Assistent ist gerade nicht bereit. Bitte versuchen Sie es später noch einmal.",
};
export const NETWORK_ERROR = "Der Server ist nicht erreichbar. Bitte prüfen Sie Ihre Verbindung und versuchen Sie es erneut.";
export const GENERIC_ERROR = "Es ist ein unerwarteter Fehler aufgetreten. Bitte versuchen Sie es später noch einmal.";

export class ApiError extends Error {
  constructor(status, message) { super(message); this.status = status; }
}

/** The German message of an error response; never the raw body (no stack traces, no HTML). */
async function errorFrom(response) {
  let detail = null;
  try {
    const body = await response.json();
    if (body && typeof body.detail === "string" && body.detail.trim()) detail = body.detail.trim();
    else if (body && Array.isArray(body.errors) && body.errors[0] && typeof body.errors[0].message === "string") detail = body.errors[0].message;
  } catch (_) { /* not JSON */ }
  // the API's `detail` is German text meant for people; anything else (HTML, traces) is never shown
  return new ApiError(response.status, detail || FALLBACK_MESSAGES[response.status] || GENERIC_ERROR);
}

async function request(path, options = {}) {
  let response;
  try {
    response = await fetch(path, options);
  } catch (error) {
    if (error && error.name === "AbortError") throw error;
    throw new ApiError(0, NETWORK_ERROR);
  }
  if (!response.ok) {
    const error = await errorFrom(response);
    if (response.status === 503) showNotReady(error.message);
    throw error;
  }
  return response;
}

export async function getJSON(path) {
  const response = await request(path, { headers: { Accept: "application/json" } });
  return response.json();
}

export async function postJSON(path, payload, accept = "application/json") {
  return request(path, {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: accept },
    body: JSON.stringify(payload),
  });
}

/** Reads a text/event-stream body and calls onEvent(name, data) per event. */
async function readEvents(response, onEvent) {
  const reader = response.body.getReader();
  const decoder = new TextDecoder("utf-8");
  let buffer = "";
  const dispatch = (block) => {
    let name = "message";
    const data = [];
    for (const line of block.split(/\r?\n/)) {
      if (!line || line.startsWith(":")) continue;
      const colon = line.indexOf(":");
      const field = colon === -1 ? line : line.slice(0, colon);
      let value = colon === -1 ? "" : line.slice(colon + 1);
      if (value.startsWith(" ")) value = value.slice(1);
      if (field === "event") name = value;
      else if (field === "data") data.push(value);
    }
    if (!data.length) return;
    let parsed;
    try { parsed = JSON.parse(data.join("\n")); } catch (_) { parsed = { text: data.join("\n") }; }
    onEvent(name, parsed);
  };
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let cut;
    while ((cut = buffer.search(/\r?\n\r?\n/)) !== -1) {
      const block = buffer.slice(0, cut);
      buffer = buffer.slice(cut).replace(/^\r?\n\r?\n/, "");
      dispatch(block);
    }
  }
  buffer += decoder.decode();
  if (buffer.trim()) dispatch(buffer);
}

/** The error of an aborted request (the stop button): recognised by `aborted`. */
export const ABORTED = "Die Antwort wurde angehalten.";
const aborted = (error) => error && error.name === "AbortError";

/** POST /api/chat (server-sent events: delta …, answer | error); falls back to /api/ask without streaming.
 * onAccepted() runs once the server has taken the question (status 200); onText(text) gets the whole text received
 * so far after every delta; signal (AbortController) stops it. The result is the final answer JSON. */
export async function streamAnswer(payload, { onText = () => {}, onAccepted = () => {}, signal } = {}) {
  try {
    return await readAnswer(payload, onText, onAccepted, signal);
  } catch (error) {
    if (aborted(error) || (signal && signal.aborted)) {
      const stop = new ApiError(0, ABORTED);
      stop.aborted = true;
      throw stop;
    }
    if (error instanceof ApiError) throw error;
    throw new ApiError(0, NETWORK_ERROR);
  }
}

async function readAnswer(payload, onText, onAccepted, signal) {
  const response = await fetch("api/chat", {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "text/event-stream" },
    body: JSON.stringify(payload),
    signal,
  });
  if (response.status === 404 || response.status === 405) {
    const plain = await request("api/ask", {
      method: "POST", headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify(payload), signal,
    });
    onAccepted();
    return plain.json();
  }
  if (!response.ok) {
    const error = await errorFrom(response);
    if (response.status === 503) showNotReady(error.message);
    throw error;
  }
  onAccepted();
  if (!(response.headers.get("content-type") || "").includes("text/event-stream")) return response.json();

  let text = "";
  let final = null;
  let failure = null;
  await readEvents(response, (name, data) => {
    if (name === "delta") {
      text += data.text || "";
      onText(text);
    } else if (name === "answer") {
      final = data;
    } else if (name === "error") {
      failure = new ApiError(data.status || 500, typeof data.detail === "string" ? data.detail : GENERIC_ERROR);
    }
  });
  if (failure) throw failure;
  if (!final) throw new ApiError(0, "Die Antwort ist unvollständig angekommen. Bitte fragen Sie noch einmal.");
  return final;
}

// -- service status ------------------------------------------------------------------------------------------------

function showNotReady(detail) {
  const box = $("#service-status");
  box.replaceChildren(
    h("strong", {}, "Der Assistent ist im Moment nicht verfügbar."),
    h("span", {}, detail || FALLBACK_MESSAGES[503]),
  );
  box.hidden = false;
}

export async function checkReadiness() {
  try {
    const response = await fetch("readyz", { headers: { Accept: "application/json" } });
    if (response.status === 503) {
      const error = await errorFrom(response);
      showNotReady(error.message);
      return false;
    }
    if (response.ok) $("#service-status").hidden = true;
    return response.ok;
  } catch (_) {
    showNotReady(NETWORK_ERROR);
    return false;
  }
}
