/* The page's one mutable state, shared by the modules. */

export const MAX_HISTORY_TURNS = 12;

export const state = {
  history: [],          // [{role, content}] sent with every question
  entries: [],          // answers of this conversation: {id, question, data, origin}
  documents: new Map(), // id -> {title, kind}
  busy: false,
  lastTrigger: null,    // element that opened the source panel (focus returns there)
  currentSource: null,  // {quote, citation} of the passage in the panel
  entrySeq: 0,
  sessionKey: `web-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`,
};
