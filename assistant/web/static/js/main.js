/* IREK-Assistent – Web-Chat des Landkreises Osnabrück: the page's start.
 * Native ES modules, no build step, no external resources. Every text that comes from the server or the user is put
 * into the page with textContent / DOM nodes, never as HTML. German citation strings come from the server only.
 *
 *   dom.js           h(), $, $$, icons, announcer
 *   state.js         the shared state (history, answers, documents, panel trigger), kept in sessionStorage
 *   api.js           fetch with German errors, the answer stream (SSE) with stop, service status
 *   answer.js        the answer card: summary, goal and funding-path cards, source cards, the folded rest
 *   feedback.js      thumb first, then an optional comment
 *   source-panel.js  the "Quelle" panel: dialog, focus trap, highlighted quote, neighbours
 *   copy.js          "Zitat kopieren", selected text and "Antwort kopieren"
 *   chat.js          question form, conversation, stop, retry, reload, "Neues Gespräch" with undo
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
