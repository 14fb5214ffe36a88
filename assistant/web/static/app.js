/* IREK-Assistent – Web-Chat des Landkreises Osnabrück.
 * Plain JavaScript, no build step, no external resources. Every text that comes from the server or the user is put
 * into the page with textContent / DOM nodes, never as HTML.
 */
(() => {
  "use strict";

  const MAX_QUESTION = 2000;
  const MAX_HISTORY_TURNS = 12;
  const NUMBER = new Intl.NumberFormat("de-DE");

  const state = {
    history: [],          // [{role, content}] sent with every question
    entries: [],          // answers of this conversation: {id, question, data, origin}
    documents: new Map(), // id -> {title, kind}
    busy: false,
    lastTrigger: null,    // element that opened the source panel (focus returns there)
    currentSource: null,  // {quote, citation} of the passage in the panel
    entrySeq: 0,
    sessionKey: `web-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`,
  };

  const $ = (selector, root = document) => root.querySelector(selector);
  const $$ = (selector, root = document) => Array.from(root.querySelectorAll(selector));

  /** Element builder: h("p", {class: "x"}, "text", childNode, ...). Strings become text nodes. */
  function h(tag, attrs, ...children) {
    const el = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (key === "class") el.className = value;
      else if (key === "text") el.textContent = value;
      else if (key.startsWith("on") && typeof value === "function") el.addEventListener(key.slice(2), value);
      else el.setAttribute(key, value === true ? "" : String(value));
    }
    for (const child of children.flat(Infinity)) {
      if (child === null || child === undefined || child === false) continue;
      el.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return el;
  }

  const SVG_NS = "http://www.w3.org/2000/svg";
  const ICONS = {
    up: "M2 21h4V9H2v12zm20-11a2 2 0 0 0-2-2h-6.3l1-4.6v-.3c0-.4-.2-.8-.4-1.1L13.2 1 6.6 7.6C6.2 8 6 8.5 6 9v10a2 2 0 0 0 2 2h9c.8 0 1.5-.5 1.8-1.2l3-7.1c.1-.2.2-.5.2-.7v-2z",
    down: "M22 3h-4v12h4V3zM2 14a2 2 0 0 0 2 2h6.3l-1 4.6v.3c0 .4.2.8.4 1.1l1.1 1 6.6-6.6c.4-.4.6-.9.6-1.4V5a2 2 0 0 0-2-2H7c-.8 0-1.5.5-1.8 1.2l-3 7.1c-.1.2-.2.5-.2.7v2z",
  };
  function icon(name) {
    const svg = document.createElementNS(SVG_NS, "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    const path = document.createElementNS(SVG_NS, "path");
    path.setAttribute("d", ICONS[name]);
    path.setAttribute("fill", "currentColor");
    svg.append(path);
    return svg;
  }

  function announce(text) {
    const el = $("#announcer");
    el.textContent = "";
    // a new text node in a live region is announced even when the text repeats
    requestAnimationFrame(() => { el.textContent = text; });
  }

  // -- talking to the API ----------------------------------------------------------------------------------------

  const FALLBACK_MESSAGES = {
    400: "Die Anfrage ist fehlerhaft.",
    404: "Diese Adresse gibt es nicht.",
    413: "Die Eingabe ist zu lang.",
    422: "Die Anfrage ist unvollständig oder fehlerhaft.",
    429: "Zu viele Anfragen in kurzer Zeit. Bitte warten Sie einen Moment.",
    503: "Der Assistent ist gerade nicht bereit. Bitte versuchen Sie es später noch einmal.",
  };
  const NETWORK_ERROR = "Der Server ist nicht erreichbar. Bitte prüfen Sie Ihre Verbindung und versuchen Sie es erneut.";
  const GENERIC_ERROR = "Es ist ein unerwarteter Fehler aufgetreten. Bitte versuchen Sie es später noch einmal.";

  class ApiError extends Error {
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
    } catch (_) {
      throw new ApiError(0, NETWORK_ERROR);
    }
    if (!response.ok) {
      const error = await errorFrom(response);
      if (response.status === 503) showNotReady(error.message);
      throw error;
    }
    return response;
  }

  async function getJSON(path) {
    const response = await request(path, { headers: { Accept: "application/json" } });
    return response.json();
  }

  async function postJSON(path, payload, accept = "application/json") {
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

  // -- service status ----------------------------------------------------------------------------------------------

  function showNotReady(detail) {
    const box = $("#service-status");
    box.replaceChildren(
      h("strong", {}, "Der Assistent ist im Moment nicht verfügbar."),
      h("span", {}, detail || FALLBACK_MESSAGES[503]),
    );
    box.hidden = false;
  }

  async function checkReadiness() {
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

  // -- rich text: **bold**, "- " lists and [n] citation chips, built as DOM nodes ---------------------------------

  function appendInline(parent, text, ctx) {
    const pattern = /\*\*(.+?)\*\*|\[(\d+)\]/g;
    let last = 0;
    let match;
    while ((match = pattern.exec(text)) !== null) {
      if (match.index > last) parent.append(document.createTextNode(text.slice(last, match.index)));
      if (match[1] !== undefined) {
        const strong = h("strong");
        appendInline(strong, match[1], ctx);
        parent.append(strong);
      } else {
        parent.append(chip(Number(match[2]), ctx));
      }
      last = pattern.lastIndex;
    }
    if (last < text.length) parent.append(document.createTextNode(text.slice(last)));
  }

  function renderRichText(container, text, ctx) {
    container.replaceChildren();
    const blocks = String(text || "").replace(/\r\n/g, "\n").split(/\n{2,}/);
    for (const block of blocks) {
      if (!block.trim()) continue;
      let list = null;
      let paragraph = null;
      for (const line of block.split("\n")) {
        const item = /^\s*(?:[-•*]|\d+\.)\s+(.*)$/.exec(line);
        if (item && !/^\s*\*\*/.test(line)) {
          paragraph = null;
          if (!list) { list = h("ul"); container.append(list); }
          const li = h("li");
          appendInline(li, item[1], ctx);
          list.append(li);
        } else if (line.trim()) {
          list = null;
          if (paragraph) paragraph.append(h("br"));
          else { paragraph = h("p"); container.append(paragraph); }
          appendInline(paragraph, line, ctx);
        }
      }
    }
  }

  // -- citations -----------------------------------------------------------------------------------------------------

  function pageText(c) {
    if (c.page_label) return `S. ${c.page_label}`;
    if (c.page) return `S. ${c.page}`;
    return null;
  }

  /** "GRW-Koordinierungsrahmen 2026, Nr. 3.2.1.1, S. 21" when the server gives no citation string. */
  function germanCitation(c) {
    if (c.citation) return c.citation;
    const parts = [c.title || c.document_title || c.document];
    const section = String(c.section || "");
    const number = /^(Anhang\s+\S+|\d+(?:\.\d+)*)/.exec(section);
    if (number) {
      const n = number[1];
      if (n.startsWith("Anhang")) parts.push(n);
      else if (c.document === "irek" && n.split(".").length === 3) parts.push(`Handlungsziel ${n}`);
      else if (c.document === "irek" && n.split(".").length === 2) parts.push(`Leitziel ${n}`);
      else parts.push(`Nr. ${n}`);
    } else if (section) {
      parts.push(`„${section}“`);
    }
    const page = pageText(c);
    if (page) parts.push(page);
    return parts.filter(Boolean).join(", ");
  }

  function quoteWithCitation(quote, citation) {
    const clean = String(quote || "").replace(/\s+/g, " ").trim();
    return `„${clean}“ (${citation})`;
  }

  function chip(n, ctx) {
    const citation = ctx && ctx.citations ? ctx.citations.get(n) : null;
    if (!citation) return h("span", { class: "chip", title: `Beleg ${n}` }, String(n));
    return h("button", {
      type: "button",
      class: "chip",
      "data-n": n,
      "aria-expanded": "false",
      "aria-controls": "source-panel",
      "aria-label": `Beleg ${n} öffnen: ${germanCitation(citation)}`,
      onclick: (event) => openSource(citation, event.currentTarget),
    }, String(n));
  }

  function chipList(numbers, ctx) {
    const frag = document.createDocumentFragment();
    (numbers || []).forEach((n, i) => {
      if (i) frag.append(" ");
      frag.append(chip(n, ctx));
    });
    return frag;
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

  async function copyQuote(quote, citation, statusEl) {
    const text = quoteWithCitation(quote, citation);
    const ok = await copyText(text);
    const message = ok ? "Zitat mit Fundstelle in die Zwischenablage kopiert." : "Kopieren nicht möglich. Bitte markieren und manuell kopieren.";
    if (statusEl) statusEl.textContent = message;
    announce(message);
    return ok;
  }

  // -- answers -----------------------------------------------------------------------------------------------------

  function fitLabel(score) {
    if (typeof score !== "number") return null;
    if (score >= 0.8) return "hoch";
    if (score >= 0.6) return "mittel";
    return "gering";
  }

  function goalCard(goal, ctx) {
    const leitziel = goal.leitziel || {};
    const corridor = goal.corridor || {};
    const fit = fitLabel(goal.score);
    return h("li", { class: "card goal-card" },
      h("h4", {}, h("span", { class: "code" }, goal.code || ""), goal.title || ""),
      h("dl", {},
        leitziel.code || leitziel.title ? [h("dt", {}, "Leitziel"), h("dd", {}, [leitziel.code, leitziel.title].filter(Boolean).join(" "))] : null,
        corridor.code || corridor.title ? [h("dt", {}, "Themenkorridor"), h("dd", {}, [corridor.code, corridor.title].filter(Boolean).join(" "))] : null,
      ),
      fit ? h("p", { class: "fit" }, `Passung zum Vorhaben: ${fit}`,
        h("span", { class: "fitbar", "aria-hidden": "true" }, h("span", { style: `width:${Math.round(Math.max(0, Math.min(1, goal.score)) * 100)}%` }))) : null,
      goal.citations && goal.citations.length ? h("p", { class: "card-cites" }, "Beleg: ", chipList(goal.citations, ctx)) : null,
    );
  }

  function pathCard(path, ctx) {
    const conditions = path.conditions || [];
    const steps = path.next_steps || [];
    const shown = conditions.slice(0, 3);
    const rest = conditions.slice(3);
    return h("li", { class: `card path-card${path.blocked ? " blocked" : ""}` },
      path.blocked ? h("span", { class: "badge no" }, "Derzeit ausgeschlossen") : h("span", { class: "badge ok" }, "Kommt in Frage"),
      h("h4", {}, path.name || path.id || "Förderweg"),
      h("dl", {},
        path.max_rate ? [h("dt", {}, "Fördersatz"), h("dd", {}, path.max_rate)] : null,
        path.applicants ? [h("dt", {}, "Wer darf beantragen"), h("dd", {}, path.applicants)] : null,
        path.blocked && path.reasons && path.reasons.length ? [h("dt", {}, "Warum nicht"), h("dd", {}, h("ul", {}, path.reasons.map((r) => h("li", {}, r))))] : null,
        shown.length ? [h("dt", {}, "Bedingungen"), h("dd", {},
          h("ul", {}, shown.map((c) => h("li", {}, c))),
          rest.length ? h("details", {}, h("summary", {}, `Weitere Bedingungen (${rest.length})`), h("ul", {}, rest.map((c) => h("li", {}, c)))) : null,
        )] : null,
        steps.length ? [h("dt", {}, "Nächster Schritt"), h("dd", {}, steps.length === 1 ? steps[0] : h("ol", {}, steps.map((s) => h("li", {}, s))))] : null,
        path.where_to_apply ? [h("dt", {}, "Antrag"), h("dd", {}, path.where_to_apply)] : null,
      ),
      path.citations && path.citations.length ? h("p", { class: "card-cites" }, "Belege: ", chipList(path.citations, ctx)) : null,
    );
  }

  function sourceList(citations, ctx) {
    return h("ol", { class: "sources" }, citations.map((c) => {
      const doc = state.documents.get(c.document);
      const where = [c.title || (doc && doc.title) || c.document, c.section ? `Abschnitt ${c.section}` : null, pageText(c)].filter(Boolean).join(" · ");
      return h("li", { class: "source-item" },
        chip(c.n, ctx),
        h("span", {},
          h("span", { class: "where" }, where, doc && doc.kind === "summary" ? h("span", { class: "kind" }, "Zusammenfassung") : null),
          h("span", { class: "quote" }, `„${c.quote}“`)),
      );
    }));
  }

  function feedbackBox(entry) {
    const box = h("div", { class: "feedback", role: "group", "aria-label": "Rückmeldung zu dieser Antwort" });
    const label = h("span", { class: "feedback-label" }, "War diese Antwort hilfreich?");
    const up = h("button", { type: "button", class: "thumb", "aria-pressed": "false", "data-rating": "up" }, icon("up"), "Ja");
    const down = h("button", { type: "button", class: "thumb", "aria-pressed": "false", "data-rating": "down" }, icon("down"), "Nein");
    const commentId = `comment-${entry.id}`;
    const comment = h("textarea", { id: commentId, rows: "2", maxlength: "2000" });
    const error = h("p", { class: "field-error", role: "alert" });
    const form = h("form", { class: "feedback-form", hidden: true, novalidate: true },
      h("label", { for: commentId, class: "field-label" }, "Kommentar (freiwillig)"),
      comment,
      error,
      h("div", {}, h("button", { type: "submit", class: "button primary small" }, "Rückmeldung senden")),
    );
    let rating = null;
    const choose = (value) => {
      rating = value;
      up.setAttribute("aria-pressed", String(value === "up"));
      down.setAttribute("aria-pressed", String(value === "down"));
      form.hidden = false;
      comment.focus();
    };
    up.addEventListener("click", () => choose("up"));
    down.addEventListener("click", () => choose("down"));
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      if (!rating) return;
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

  /** The full answer: text with chips, goal cards, funding-path cards, open questions, sources, feedback. */
  function renderAnswer(container, entry) {
    const data = entry.data;
    const ctx = { citations: new Map((data.citations || []).map((c) => [c.n, c])) };
    container.replaceChildren();
    container.classList.toggle("abstained", !!data.abstained);
    container.append(h("span", { class: "who" }, "IREK-Assistent"));
    const text = h("div", { class: "answer-text" });
    renderRichText(text, data.answer, ctx);
    container.append(text);

    const goals = data.goals || [];
    if (goals.length) {
      container.append(h("h3", { class: "section-label" }, "Passende Handlungsziele des IREK"));
      container.append(h("ul", { class: "cards goals" }, goals.slice(0, 3).map((g) => goalCard(g, ctx))));
      if (goals.length > 3) {
        container.append(h("details", { class: "more-goals" },
          h("summary", {}, `Weitere Handlungsziele (${goals.length - 3})`),
          h("ul", { class: "cards goals" }, goals.slice(3).map((g) => goalCard(g, ctx)))));
      }
    }
    const paths = data.funding_paths || [];
    if (paths.length) {
      container.append(h("h3", { class: "section-label" }, "Mögliche Förderwege"));
      container.append(h("ul", { class: "cards paths" }, paths.map((p) => pathCard(p, ctx))));
    }
    const missing = data.missing_facts || [];
    if (missing.length && !/fehlt mir noch/.test(data.answer || "")) {
      container.append(h("div", { class: "missing" },
        h("h3", {}, "Für eine genauere Einschätzung fehlt noch"),
        h("ul", {}, missing.map((m) => h("li", {}, m)))));
    }
    const citations = data.citations || [];
    if (citations.length) {
      container.append(h("h3", { class: "section-label" }, "Quellen"));
      container.append(sourceList(citations, ctx));
    }
    const tools = h("div", { class: "answer-tools" }, feedbackBox(entry));
    const total = data.timings_ms && data.timings_ms.total;
    if (typeof total === "number") {
      tools.append(h("span", { class: "timing" }, `Antwortzeit ${new Intl.NumberFormat("de-DE", { maximumFractionDigits: 1 }).format(total / 1000)} s`));
    }
    container.append(tools);
  }

  // -- conversation ------------------------------------------------------------------------------------------------

  function addUserTurn(text, label = "Sie") {
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

  function remember(question, data, origin) {
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
    try {
      const data = await streamAnswer(li, payload);
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

  /** POST /api/chat (server-sent events: delta …, answer | error); falls back to /api/ask without streaming. */
  async function streamAnswer(li, payload) {
    let response;
    try {
      response = await fetch("api/chat", {
        method: "POST",
        headers: { "Content-Type": "application/json", Accept: "text/event-stream" },
        body: JSON.stringify(payload),
      });
    } catch (_) {
      throw new ApiError(0, NETWORK_ERROR);
    }
    if (response.status === 404 || response.status === 405) {
      const plain = await postJSON("api/ask", payload);
      return plain.json();
    }
    if (!response.ok) {
      const error = await errorFrom(response);
      if (response.status === 503) showNotReady(error.message);
      throw error;
    }
    if (!(response.headers.get("content-type") || "").includes("text/event-stream")) return response.json();

    let text = "";
    let final = null;
    let failure = null;
    const view = h("div", { class: "answer-text", "aria-busy": "true" });
    await readEvents(response, (name, data) => {
      if (name === "delta") {
        if (!text) li.replaceChildren(h("span", { class: "who" }, "IREK-Assistent"), view);
        text += data.text || "";
        renderRichText(view, text, null);
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

  function setupChat() {
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

  // -- source panel ------------------------------------------------------------------------------------------------

  const wide = () => window.matchMedia("(min-width: 901px)").matches;

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

  function closeSource() {
    const dialog = $("#source-panel");
    if (dialog.open) dialog.close();
  }

  function onPanelClosed() {
    document.body.classList.remove("panel-open");
    for (const el of $$('[aria-expanded="true"][aria-controls="source-panel"]')) el.setAttribute("aria-expanded", "false");
    const trigger = state.lastTrigger;
    state.lastTrigger = null;
    if (trigger && document.contains(trigger)) trigger.focus();
  }

  /** Opens the cited passage: citation = {chunk_id, quote?, n?, ...}; trigger = the element to return focus to. */
  async function openSource(citation, trigger) {
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
    const citationText = passage.citation || germanCitation({ ...citation, ...passage, title });
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
  }

  function shorten(text, keep) {
    const t = String(text).trim();
    const max = 220;
    if (t.length <= max) return t;
    return keep === "end" ? `… ${t.slice(-max).replace(/^\S*\s/, "")}` : `${t.slice(0, max).replace(/\s\S*$/, "")} …`;
  }

  function selectedTextWithin(element) {
    const selection = window.getSelection();
    if (!selection || selection.isCollapsed || !selection.rangeCount) return "";
    const range = selection.getRangeAt(0);
    return element.contains(range.commonAncestorContainer) ? selection.toString().trim() : "";
  }

  function setupSourcePanel() {
    const dialog = $("#source-panel");
    $("#source-close").addEventListener("click", closeSource);
    dialog.addEventListener("close", onPanelClosed);
    dialog.addEventListener("keydown", (event) => {
      if (event.key === "Escape") { event.preventDefault(); closeSource(); }
    });
    dialog.addEventListener("click", (event) => {
      if (event.target === dialog && dialog.matches(":modal")) {
        const r = dialog.getBoundingClientRect();
        if (event.clientX < r.left || event.clientX > r.right || event.clientY < r.top || event.clientY > r.bottom) closeSource();
      }
    });
    window.matchMedia("(min-width: 901px)").addEventListener("change", () => {
      if (dialog.open) { const trigger = state.lastTrigger; dialog.close(); state.lastTrigger = trigger; openPanel(); }
    });
  }

  // -- tabs --------------------------------------------------------------------------------------------------------

  const TAB_HASH = { "tab-chat": "", "tab-check": "projekt-check", "tab-search": "quellensuche", "tab-export": "entwurf" };

  function selectTab(tab, { focus = true, updateHash = true } = {}) {
    for (const other of $$('[role="tab"]')) {
      const selected = other === tab;
      other.setAttribute("aria-selected", String(selected));
      other.tabIndex = selected ? 0 : -1;
      $(`#${other.getAttribute("aria-controls")}`).hidden = !selected;
    }
    if (focus) tab.focus();
    if (updateHash) {
      const hash = TAB_HASH[tab.id];
      history.replaceState(null, "", hash ? `#${hash}` : location.pathname + location.search);
    }
    if (tab.id === "tab-export") refreshExportList();
  }

  function setupTabs() {
    const tabs = $$('[role="tab"]');
    for (const tab of tabs) {
      tab.addEventListener("click", () => selectTab(tab));
      tab.addEventListener("keydown", (event) => {
        const i = tabs.indexOf(tab);
        let target = null;
        if (event.key === "ArrowRight") target = tabs[(i + 1) % tabs.length];
        else if (event.key === "ArrowLeft") target = tabs[(i - 1 + tabs.length) % tabs.length];
        else if (event.key === "Home") target = tabs[0];
        else if (event.key === "End") target = tabs[tabs.length - 1];
        if (target) { event.preventDefault(); selectTab(target); }
      });
    }
    const fromHash = Object.entries(TAB_HASH).find(([, hash]) => hash && `#${hash}` === location.hash);
    if (fromHash) selectTab($(`#${fromHash[0]}`), { focus: false, updateHash: false });
  }

  // -- Projekt-Check -----------------------------------------------------------------------------------------------

  function setupCheck() {
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

  const APPLICANT_LABELS = { company: "Unternehmen", municipality: "Kommune", association: "Verein / gemeinnützig", research: "Forschungseinrichtung" };
  const SIZE_LABELS = { small: "klein", medium: "mittel", large: "groß" };

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

  // -- Quellensuche ------------------------------------------------------------------------------------------------

  function setupSearch() {
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
          ? `${hits.length} ${hits.length === 1 ? "Treffer" : "Treffer"} für „${q}“.`
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
    const title = hit.document_title || hit.title || hit.document;
    const section = [hit.section, hit.section_title].filter(Boolean).join(" ") || "Ohne Abschnitt";
    const citationText = hit.citation || germanCitation({ ...hit, title, section });
    const textEl = h("p", { class: "hit-text" }, hit.text || "");
    const status = h("p", { class: "hint", role: "status" });
    const headingId = `hit-${i}`;
    return h("li", { class: "hit", "aria-labelledby": headingId },
      h("h3", { id: headingId }, section),
      h("p", { class: "hit-citation" }, citationText),
      textEl,
      h("div", { class: "hit-actions" },
        h("button", {
          type: "button", class: "button secondary small", "aria-controls": "source-panel",
          onclick: (event) => openSource({ chunk_id: hit.chunk_id, quote: selectedTextWithin(textEl) || null }, event.currentTarget),
        }, "Quelle öffnen"),
        h("button", {
          type: "button", class: "button primary small",
          onclick: () => copyQuote(selectedTextWithin(textEl) || hit.text, citationText, status),
        }, "Zitat kopieren"),
      ),
      status,
    );
  }

  async function loadFilters() {
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

  // -- export ------------------------------------------------------------------------------------------------------

  function refreshExportList() {
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

  function setupExport() {
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

  // -- start -------------------------------------------------------------------------------------------------------

  document.addEventListener("DOMContentLoaded", () => {
    setupTabs();
    setupChat();
    setupSourcePanel();
    setupCheck();
    setupSearch();
    setupExport();
    checkReadiness();
    loadFilters();
  });

  // for the browser tests and for support: the state is readable, not writable from outside
  window.irekAssistent = { get history() { return state.history.slice(); }, get entries() { return state.entries.slice(); } };
})();
