/* The page's one mutable state, shared by the modules, and its copy in the tab's sessionStorage: the conversation
 * and the question being typed survive a reload and are cleared with the conversation (nothing is kept after the
 * tab is closed, which suits shared office computers). */

export const MAX_HISTORY_TURNS = 12;
const MAX_STORED_ENTRIES = 30;
const CONVERSATION_KEY = "irek-assistent:gespraech:v1";
const DRAFT_KEY = "irek-assistent:entwurf:v1";

export const state = {
  history: [],          // [{role, content}] sent with every question
  entries: [],          // answers of this conversation: {id, key, question, data, origin}
  documents: new Map(), // id -> {title, kind}
  busy: false,
  controller: null,     // AbortController of the answer that is coming
  lastTrigger: null,    // element that opened the source panel (focus returns there)
  currentSource: null,  // {quote, citation} of the passage in the panel
  entrySeq: 0,
  sessionKey: `web-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`,
};

function storage() {
  try { return window.sessionStorage; } catch (_) { return null; }
}

/** Writes the conversation; when the browser's quota is reached, the oldest answers are left out. */
export function saveConversation() {
  const store = storage();
  if (!store) return;
  if (!state.entries.length) { store.removeItem(CONVERSATION_KEY); return; }
  for (let keep = MAX_STORED_ENTRIES; keep > 0; keep = Math.floor(keep / 2)) {
    try {
      store.setItem(CONVERSATION_KEY, JSON.stringify({
        sessionKey: state.sessionKey, entrySeq: state.entrySeq, history: state.history, entries: state.entries.slice(-keep),
      }));
      return;
    } catch (_) { /* quota: try with fewer answers */ }
  }
}

/** Reads a stored conversation into the state; true when there was one. */
export function loadConversation() {
  const store = storage();
  try {
    const saved = store && JSON.parse(store.getItem(CONVERSATION_KEY) || "null");
    if (!saved || !Array.isArray(saved.entries) || !saved.entries.length) return false;
    state.entries = saved.entries.filter((e) => e && typeof e.question === "string" && e.data && typeof e.data === "object");
    state.history = Array.isArray(saved.history) ? saved.history.slice(-MAX_HISTORY_TURNS) : [];
    state.entrySeq = Number(saved.entrySeq) || state.entries.length;
    if (typeof saved.sessionKey === "string") state.sessionKey = saved.sessionKey;
    return state.entries.length > 0;
  } catch (_) {
    return false;
  }
}

export function saveDraft(text) {
  const store = storage();
  try { if (store) { if (text) store.setItem(DRAFT_KEY, text); else store.removeItem(DRAFT_KEY); } } catch (_) { /* full */ }
}

export function loadDraft() {
  const store = storage();
  try { return (store && store.getItem(DRAFT_KEY)) || ""; } catch (_) { return ""; }
}
