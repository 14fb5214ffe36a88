/* An answer on the page, as a card for people in a hurry: the bottom line (`summary`) on top, then "Passende Ziele",
 * "Förderwege" (one card each: rate and the decisive caveat shown, the rest folded) and "Quellen" as compact source
 * cards (document, section, page). Nothing appears twice: the prose keeps only what the cards do not say, folded.
 * At most ANSWER_BUDGET characters are on screen before anything is unfolded; what does not fit is folded.
 */

import { h } from "./dom.js";
import { copyAnswerButton } from "./copy.js";
import { feedbackBox } from "./feedback.js";
import { openSource } from "./source-panel.js";
import { state } from "./state.js";

export const ANSWER_BUDGET = 1500;
const FIT_LABELS = [[0.8, "hoch"], [0.6, "mittel"], [0, "gering"]];
const ABBREVIATIONS = new Set(["z", "B", "bzw", "Nr", "ggf", "d", "h", "u", "a", "S", "Abs", "vgl", "Fn", "Mio", "Mrd", "ca", "inkl", "insb", "sog", "gem", "lt", "Ziff"]);

// -- rich text, built as DOM nodes ---------------------------------------------------------------------------------

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

/** Renders text into container; ctx.citations (n -> citation) turns [n] into chips that open the source. */
export function renderRichText(container, text, ctx) {
  container.replaceChildren();
  for (const block of paragraphs(text)) {
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

const paragraphs = (text) => String(text || "").replace(/\r\n/g, "\n").split(/\n{2,}/).filter((b) => b.trim());

/** Text without markup and citation numbers (for the screen reader's announcement). */
export const plainText = (text) => String(text || "").replace(/\*\*(.+?)\*\*/g, "$1").replace(/\s*\[\d+\]/g, "").replace(/\s+/g, " ").trim();

// -- the parts of an answer ----------------------------------------------------------------------------------------

/** The bottom line: `summary`, or (until the pipeline fills it) the first paragraph of `answer`. */
export function summaryOf(data) {
  const summary = String(data.summary || "").trim();
  return summary || (paragraphs(data.answer)[0] || "").trim();
}

/** The first sentence of a condition and the rest ("z. B.", "Nr." and the like do not end a sentence). */
export function firstSentence(text) {
  const t = String(text || "").trim();
  const boundary = /[.!?]\s+(?=[A-ZÄÖÜ„(])/g;
  let match;
  while ((match = boundary.exec(t)) !== null) {
    if (match.index < 30) continue;
    const word = /([A-Za-zÄÖÜäöüß]+)$/.exec(t.slice(0, match.index));
    if (word && (word[1].length === 1 || ABBREVIATIONS.has(word[1]))) continue;
    return [t.slice(0, match.index + 1), t.slice(match.index + match[0].length)];
  }
  return [t, ""];
}

// -- citation chips ------------------------------------------------------------------------------------------------

function chip(n, ctx) {
  const citation = ctx && ctx.citations ? ctx.citations.get(n) : null;
  if (!citation) return h("span", { class: "chip", title: `Beleg ${n}` }, String(n));
  return h("button", {
    type: "button",
    class: "chip",
    "data-n": n,
    "aria-expanded": "false",
    "aria-controls": "source-panel",
    "aria-label": `Beleg ${n} öffnen: ${citation.citation}`,
    onclick: (event) => openSource(citation, event.currentTarget),
  }, h("span", {}, String(n)));
}

function chips(numbers, ctx) {
  return (numbers || []).flatMap((n, i) => (i ? [" ", chip(n, ctx)] : [chip(n, ctx)]));
}

// -- cards ---------------------------------------------------------------------------------------------------------

function goalCard(goal, ctx) {
  const leitziel = goal.leitziel || {};
  const corridor = goal.corridor || {};
  const fit = typeof goal.score === "number" ? FIT_LABELS.find(([bound]) => goal.score >= bound)[1] : null;
  const context = [
    leitziel.code || leitziel.title ? [h("dt", {}, "Leitziel"), h("dd", {}, [leitziel.code, leitziel.title].filter(Boolean).join(" "))] : null,
    corridor.code || corridor.title ? [h("dt", {}, "Themenkorridor"), h("dd", {}, [corridor.code, corridor.title].filter(Boolean).join(" "))] : null,
  ].filter(Boolean);
  return h("li", { class: "card goal-card" },
    h("h4", {}, h("span", { class: "code" }, goal.code || ""), goal.title || ""),
    h("p", { class: "card-line" },
      fit ? h("span", { class: "fit" }, `Passung: ${fit}`) : null,
      goal.citations && goal.citations.length ? h("span", { class: "card-cites" }, chips(goal.citations, ctx)) : null),
    context.length ? h("details", { class: "fold" }, h("summary", {}, "Einordnung"), h("dl", {}, context)) : null,
  );
}

/** The decisive caveat of a path: why it is blocked, or its first condition (the funding rules sort blocking and
 * applying conditions first); shown as its first sentence, the rest of it stays in the fold. */
function caveatOf(path) {
  const source = path.blocked ? (path.reasons || []) : (path.conditions || []);
  if (!source.length) return { caveat: "", rest: [] };
  const [first, remainder] = firstSentence(source[0]);
  return { caveat: first, rest: [remainder, ...source.slice(1)].filter(Boolean) };
}

function pathCard(path, ctx) {
  const { caveat, rest } = caveatOf(path);
  const steps = path.next_steps || [];
  // a blocked path's reasons often restate one of its conditions: that condition is not listed again
  const gist = (t) => firstSentence(String(t).replace(/\s*\[\d+\]/g, ""))[0];
  const reasons = new Set((path.reasons || []).map(gist));
  const otherConditions = path.blocked ? (path.conditions || []).filter((c) => !reasons.has(gist(c))) : rest;
  const details = [
    path.blocked && rest.length ? [h("dt", {}, "Weitere Gründe"), h("dd", {}, h("ul", {}, rest.map((r) => h("li", {}, r))))] : null,
    path.applicants ? [h("dt", {}, "Wer darf beantragen"), h("dd", {}, path.applicants)] : null,
    otherConditions.length ? [h("dt", {}, path.blocked ? "Bedingungen" : "Weitere Bedingungen"), h("dd", {}, h("ul", {}, otherConditions.map((c) => h("li", {}, c))))] : null,
    path.where_to_apply ? [h("dt", {}, "Antrag"), h("dd", {}, path.where_to_apply)] : null,
    steps.length ? [h("dt", {}, steps.length === 1 ? "Nächster Schritt" : "Nächste Schritte"), h("dd", {}, steps.length === 1 ? steps[0] : h("ol", {}, steps.map((s) => h("li", {}, s))))] : null,
    path.citations && path.citations.length ? [h("dt", {}, "Belege"), h("dd", { class: "card-cites" }, chips(path.citations, ctx))] : null,
  ].filter(Boolean);
  // a path closed only if the excluded line is the main one: which line brings in most is still open
  const state = path.undecided ? " undecided" : path.blocked ? " blocked" : "";
  const badge = path.undecided ? h("span", { class: "badge open" }, "Hängt von der Haupttätigkeit ab")
    : path.blocked ? h("span", { class: "badge no" }, "Ausgeschlossen") : h("span", { class: "badge ok" }, "Kommt in Frage");
  return h("li", { class: `card path-card${state}` },
    badge,
    h("h4", {}, path.name || path.id || "Förderweg"),
    path.max_rate && !path.blocked ? h("p", { class: "rate" }, h("strong", {}, "Fördersatz: "), path.max_rate) : null,
    caveat ? h("p", { class: "caveat" }, h("strong", {}, path.undecided ? "Entscheidend: " : path.blocked ? "Warum nicht: " : "Wichtig: "), caveat) : null,
    details.length ? h("details", { class: "fold" }, h("summary", {}, "Bedingungen, Antrag, nächste Schritte"), h("dl", {}, details)) : null,
  );
}

/** Compact source cards, grouped by document; one card per place (section and page) with its citation numbers. */
function sourceCards(citations, ctx) {
  const groups = new Map();
  for (const c of citations) {
    const doc = state.documents.get(c.document);
    const title = c.title || (doc && doc.title) || c.document;
    if (!groups.has(title)) groups.set(title, { title, summary: doc && doc.kind === "summary", places: new Map() });
    const full = String(c.citation || "");
    const place = full.startsWith(`${title}, `) ? full.slice(title.length + 2) : full;
    const places = groups.get(title).places;
    if (!places.has(place)) places.set(place, []);
    places.get(place).push(c.n);
  }
  return [...groups.values()].map((g) => ({
    title: g.title,
    summary: g.summary,
    cards: [...g.places.entries()].map(([place, numbers]) => h("li", { class: "source-card" },
      h("span", { class: "where" }, place || g.title), h("span", { class: "source-chips" }, chips(numbers, ctx)))),
  }));
}

// -- the whole answer ----------------------------------------------------------------------------------------------

/** The characters of element that are on screen before anything is unfolded (closed <details> count their summary);
 * every element counts one more, for the line break or space the browser puts between blocks. */
export function visibleLength(element) {
  let length = 0;
  const walk = (node) => {
    if (node.nodeType === Node.TEXT_NODE) { length += node.data.replace(/\s+/g, " ").length; return; }
    if (node.nodeType !== Node.ELEMENT_NODE || node.hidden || node.classList.contains("visually-hidden")) return;
    length += 1;
    if (node.tagName === "DETAILS" && !node.open) { const s = node.querySelector(":scope > summary"); if (s) walk(s); return; }
    for (const child of node.childNodes) walk(child);
  };
  walk(element);
  return length;
}

/** A list of cards with a "Weitere …" fold after it; fold() moves the last shown card into the fold (the first card
 * always stays); finish() removes the fold when nothing went into it. */
function foldingList(parent, className, items, moreLabel) {
  const list = h("ul", { class: `cards ${className}` }, items);
  const folded = h("ul", { class: `cards ${className}` });
  const summary = h("summary", {});
  const fold = h("details", { class: "fold more", hidden: true }, summary, folded);
  parent.append(list, fold);
  return {
    fold() {
      if (list.children.length <= 1) return false;
      folded.prepend(list.lastElementChild);
      summary.textContent = `${moreLabel} (${folded.children.length})`;
      fold.hidden = false;
      return true;
    },
    finish() { if (!folded.children.length) fold.remove(); },
  };
}

/** The source cards grouped by document, with a "Weitere Quellen" fold of the same groups after them. */
function foldingSources(parent, groups) {
  const group = (g) => h("div", { class: "source-group", "data-doc": g.title },
    h("p", { class: "source-doc" }, g.title, g.summary ? h("span", { class: "kind" }, "Zusammenfassung") : null),
    h("ul", { class: "source-row" }, g.cards || []));
  const shown = h("div", { class: "sources" }, groups.map(group));
  const folded = h("div", { class: "sources" });
  const summary = h("summary", {});
  const fold = h("details", { class: "fold more", hidden: true }, summary, folded);
  parent.append(shown, fold);
  return {
    fold() {
      const cards = shown.querySelectorAll(".source-card");
      if (cards.length <= 1) return false;
      const card = cards[cards.length - 1];
      const from = card.closest(".source-group");
      let to = [...folded.children].find((g) => g.dataset.doc === from.dataset.doc);
      if (!to) { to = group({ title: from.dataset.doc, summary: !!from.querySelector(".kind") }); folded.prepend(to); }
      to.querySelector("ul").prepend(card);
      if (!from.querySelector(".source-card")) from.remove();
      summary.textContent = `Weitere Quellen (${folded.querySelectorAll(".source-card").length})`;
      fold.hidden = false;
      return true;
    },
    finish() { if (!folded.children.length) fold.remove(); },
  };
}

/** The answer card: summary, goals, funding paths, the folded rest, sources, copy and feedback. */
export function renderAnswer(container, entry) {
  const data = entry.data;
  const ctx = { citations: new Map((data.citations || []).map((c) => [c.n, c])) };
  container.replaceChildren();
  container.classList.toggle("abstained", !!data.abstained);
  container.append(h("span", { class: "who" }, "IREK-Assistent"));
  const summary = h("div", { class: "answer-summary" });
  renderRichText(summary, data.abstained ? data.answer : summaryOf(data), ctx);
  container.append(summary);

  const tools = h("div", { class: "answer-tools" }, copyAnswerButton(entry), feedbackBox(entry));
  const total = data.timings_ms && data.timings_ms.total;
  if (typeof total === "number") {
    tools.append(h("span", { class: "timing" }, `Antwortzeit ${new Intl.NumberFormat("de-DE", { maximumFractionDigits: 1 }).format(total / 1000)} s`));
  }
  if (data.abstained) { container.append(tools); return; }

  const body = h("div", { class: "answer-body" });
  container.append(body, tools);
  const folding = {};
  const goals = data.goals || [];
  const paths = [...(data.funding_paths || [])].sort((a, b) => Number(!!a.blocked) - Number(!!b.blocked));
  if (goals.length) {
    body.append(h("h3", { class: "section-label" }, "Passende Ziele"));
    folding.goals = foldingList(body, "goals", goals.map((g) => goalCard(g, ctx)), "Weitere Ziele");
  }
  if (paths.length) {
    body.append(h("h3", { class: "section-label" }, "Förderwege"));
    folding.paths = foldingList(body, "paths", paths.map((p) => pathCard(p, ctx)), "Weitere Förderwege");
  }
  const prose = String(data.details || "");  // what the text says beyond summary and cards (the server decides)
  const missing = (data.missing_facts || []).filter((m) => !prose.includes(m));
  if (prose || missing.length) {
    const text = h("div", { class: "answer-text" });
    renderRichText(text, prose, ctx);
    if (missing.length) text.append(h("p", {}, "Für eine genauere Einschätzung fehlt noch:"), h("ul", {}, missing.map((m) => h("li", {}, m))));
    body.append(h("details", { class: "fold more-text" }, h("summary", {}, "Ausführliche Antwort"), text));
  }
  const groups = sourceCards(data.citations || [], ctx);
  if (groups.length) {
    body.append(h("h3", { class: "section-label" }, "Quellen"));
    folding.sources = foldingSources(body, groups);
  }
  // within the budget (the whole card, tools included): fold sources first, then goals, then paths, last cards first
  for (const name of ["sources", "goals", "paths"]) {
    const list = folding[name];
    while (list && visibleLength(container) > ANSWER_BUDGET && list.fold()) { /* one more card folded */ }
  }
  for (const list of Object.values(folding)) list.finish();
}

/** While the answer streams: the first paragraph (the summary) in its box, then the rest as it comes. */
export function renderStreaming(view, text) {
  const [first, ...rest] = paragraphs(text);
  let summary = view.querySelector(".answer-summary");
  let more = view.querySelector(".answer-stream");
  if (!summary) {
    summary = h("div", { class: "answer-summary" });
    more = h("div", { class: "answer-text answer-stream" });
    view.append(summary, more);
  }
  renderRichText(summary, first || "", null);
  renderRichText(more, rest.join("\n\n"), null);
}
