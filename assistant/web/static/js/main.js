/* IREK-Assistent – Web-Chat des Landkreises Osnabrück: the page's start.
 * Native ES modules, no build step, no external resources. Every text that comes from the server or the user is put
 * into the page with textContent / DOM nodes, never as HTML. German citation strings come from the server only.
 *
 *   dom.js           h(), $, $$, icons, announcer
 *   state.js         the shared state (history, answers, documents, panel trigger)
 *   api.js           fetch with German errors, the answer stream (SSE), service status
 *   answer.js        answer text, citation chips, goal and funding-path cards, sources
 *   feedback.js      thumbs and comment
 *   source-panel.js  the "Quelle" panel: dialog, focus, highlighted quote, neighbours
 *   copy.js          "Zitat kopieren" and selected text
 *   chat.js          question form and conversation
 *   check.js         Projekt-Check
 *   search.js        Quellensuche and its filters
 *   export.js        Entwurf exportieren
 *   tabs.js          the tabs
 */

import { checkReadiness } from "./api.js";
import { setupChat } from "./chat.js";
import { setupCheck } from "./check.js";
import { setupExport } from "./export.js";
import { loadFilters, setupSearch } from "./search.js";
import { setupSourcePanel } from "./source-panel.js";
import { state } from "./state.js";
import { setupTabs } from "./tabs.js";

function start() {
  setupTabs();
  setupChat();
  setupSourcePanel();
  setupCheck();
  setupSearch();
  setupExport();
  checkReadiness();
  loadFilters();
}

// module scripts run after the document is parsed; the check keeps start() safe wherever the script is placed
if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
else start();

// for the browser tests and for support: the state is readable, not writable from outside
window.irekAssistent = { get history() { return state.history.slice(); }, get entries() { return state.entries.slice(); } };
