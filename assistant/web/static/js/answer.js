/* An answer on the page: text with **bold**, "- " lists and [n] citation chips, goal cards, funding-path cards,
 * open questions, the list of sources (with the server's citation strings) and the feedback box.
 */

import { h } from "./dom.js";
import { feedbackBox } from "./feedback.js";
import { openSource } from "./source-panel.js";
import { state } from "./state.js";

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

// -- cards and sources ---------------------------------------------------------------------------------------------

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
    return h("li", { class: "source-item" },
      chip(c.n, ctx),
      h("span", {},
        h("span", { class: "where" }, c.citation, doc && doc.kind === "summary" ? h("span", { class: "kind" }, "Zusammenfassung") : null),
        h("span", { class: "quote" }, `„${c.quote}“`)),
    );
  }));
}

// -- the whole answer ----------------------------------------------------------------------------------------------

/** The full answer: text with chips, goal cards, funding-path cards, open questions, sources, feedback. */
export function renderAnswer(container, entry) {
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
