"""Reports of evaluation runs: Markdown for one run; one static, offline HTML page over all stored runs.

The HTML page has a section per set: the metrics over the runs as Vega-Lite charts (altair; the Vega/Vega-Lite/
vega-embed JavaScript comes inlined from vl-convert-python, no CDN), with run labels (date, short commit), 95 %
interval bands, the gate's bounds as dashed lines and tooltips; a "what changed" panel for the last two runs (paired
tests, flipped cases both ways, provenance warnings); the metrics by tag; and a case × run grid whose cells open the
answer text, its citations and the failure reasons.
"""

from __future__ import annotations

import html
import json
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import yaml

from evals import provenance
from evals.harness import (LOWER_IS_BETTER, METRICS, RATE_METRICS, RunResult, compare_runs, flipped_checks,
                           paired_tests)

GATE_FILE = Path(__file__).resolve().parent / "gate.yaml"
GRID_RUNS = 12  # the grid shows the last runs of a set; the charts show all
SIGNIFICANT = 0.05


def _fmt(value: Any) -> str:
    return "–" if value is None else (f"{value:.3f}" if isinstance(value, float) and value <= 1.0 else str(value))


def interval_text(entry: dict[str, Any] | None) -> str:
    return "–" if not entry or entry.get("low") is None else f"[{entry['low']:.3f}, {entry['high']:.3f}]"


def markdown_report(run: RunResult) -> str:
    data = run.to_json()
    lines = [f"# Auswertung: {run.set_name}", ""]
    if run.version:
        lines += [f"Satzversion: {run.version}", ""]
    lines += ["| Kennzahl | Wert | 95-%-Intervall | n |", "|---|---|---|---|"]
    for name in METRICS:
        entry = data["intervals"].get(name)
        lines.append(f"| {name} | {_fmt(run.metrics.get(name))} | {interval_text(entry)} | {entry['n'] if entry else ''} |")
    failed = [c for c in run.cases if not c.passed]
    lines += ["", f"{len(run.cases) - len(failed)} von {len(run.cases)} Fällen bestanden "
                  f"(95 %: {interval_text(data['cases_passed'])}).", ""]
    if data["by_tag"]:
        lines += ["## Nach Tags", "", "| Tag | Fälle | bestanden | 95-%-Intervall |", "|---|---|---|---|"]
        lines += [f"| {tag} | {t['cases_passed']['total']} | {t['cases_passed']['passed']} | {interval_text(t['cases_passed'])} |"
                  for tag, t in data["by_tag"].items()]
        lines.append("")
    if run.meta:
        lines += ["## Herkunft", ""] + [f"- {name}: {value}" for name, value in provenance.summary_rows(data)] + [""]
    if failed:
        lines += ["## Nicht bestandene Fälle", ""]
        for case in failed:
            lines += [f"### {case.id}", "", f"**Frage:** {case.question}", "",
                      f"**Erwartet:** `{json.dumps(case.expect, ensure_ascii=False)}`", ""]
            lines += [f"- {failure}" for failure in case.failures]
            answer = case.answer.get("answer", "")
            lines += ["", "**Antwort:**", "", "> " + answer.replace("\n", "\n> ")[:1500], ""]
    return "\n".join(lines) + "\n"


def store_run(run: RunResult, runs_dir: Path) -> Path:
    runs_dir.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S")
    path = runs_dir / f"{stamp}-{run.set_name}.json"
    counter = 2
    while path.exists():  # two runs in the same second keep both files
        path = runs_dir / f"{stamp}-{counter}-{run.set_name}.json"
        counter += 1
    data = run.to_json() | {"run_at": datetime.now(timezone.utc).isoformat(timespec="seconds")}
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


# -- the HTML page -------------------------------------------------------------------------------------------------

def gate_bounds(gate_file: Path = GATE_FILE) -> dict[str, dict[str, float]]:
    """The gate's bounds by set name (the `name` of each set file, else its file name)."""
    try:
        gate = yaml.safe_load(gate_file.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError):
        return {}
    found = {}
    for entry in gate.get("sets", []):
        path = gate_file.parents[1] / entry["file"]
        name = path.stem
        try:
            with path.open(encoding="utf-8") as handle:  # the name stands near the top; no need to parse the cases
                for line in handle:
                    if line.startswith("name:"):
                        name = str(yaml.safe_load(line)["name"])
                        break
        except OSError:
            pass
        found[name] = dict(entry.get("bounds") or {})
    return found


def _labels(runs: list[dict[str, Any]]) -> list[str]:
    labels, seen = [], {}
    for run in runs:
        label = provenance.label(run)
        seen[label] = seen.get(label, 0) + 1
        labels.append(label if seen[label] == 1 else f"{label} ({seen[label]})")
    return labels


def _chart_rows(runs: list[dict[str, Any]], labels: list[str], metrics: list[str],
                bounds: dict[str, float]) -> list[dict[str, Any]]:
    rows = []
    for order, (run, label) in enumerate(zip(runs, labels)):
        for metric in metrics:
            value = (run.get("metrics") or {}).get(metric)
            if not isinstance(value, (int, float)):
                continue
            interval = (run.get("intervals") or {}).get(metric) or {}
            rows.append({"run": label, "order": order, "metric": metric, "value": value,
                         "low": interval.get("low"), "high": interval.get("high"), "n": interval.get("n"),
                         "method": interval.get("method") or "", "bound": bounds.get(metric)})
    return rows


def _chart(rows: list[dict[str, Any]], labels: list[str], metrics: list[str], axis_format: str, title: str) -> dict:
    """Small multiples, one per metric: the value over the runs, its interval (band and bar), the gate bound."""
    import altair as alt

    x = alt.X("run:O", sort=labels, title=None, axis=alt.Axis(labelAngle=-35, labelLimit=180))
    number = axis_format
    tooltip = [alt.Tooltip("run:N", title="Lauf"), alt.Tooltip("metric:N", title="Kennzahl"),
               alt.Tooltip("value:Q", title="Wert", format=number), alt.Tooltip("low:Q", title="95 % von", format=number),
               alt.Tooltip("high:Q", title="95 % bis", format=number), alt.Tooltip("n:Q", title="n"),
               alt.Tooltip("bound:Q", title="Schranke (Gate)", format=number)]
    y = alt.Y("value:Q", title=None, scale=alt.Scale(zero=False, nice=True), axis=alt.Axis(format=number, tickCount=5))
    base = alt.Chart().encode(x=x)
    band = base.mark_area(opacity=0.18, color="#1f5f99").encode(y=alt.Y("low:Q", title=None), y2="high:Q") \
        .transform_filter("isValid(datum.low)")
    bar = base.mark_rule(color="#1f5f99", opacity=0.5).encode(y=alt.Y("low:Q", title=None), y2="high:Q") \
        .transform_filter("isValid(datum.low)")
    line = base.mark_line(point=alt.OverlayMarkDef(size=60, filled=True), color="#1f5f99").encode(y=y, tooltip=tooltip)
    rule = alt.Chart().mark_rule(color="#b03a2e", strokeDash=[6, 3], strokeWidth=1.5).encode(
        y=alt.Y("mean(bound):Q", title=None), tooltip=[alt.Tooltip("mean(bound):Q", title="Schranke (Gate)", format=number)]
    ).transform_filter("isValid(datum.bound)")
    chart = alt.layer(band, bar, line, rule, data=alt.Data(values=rows)).properties(width=260, height=150).facet(
        facet=alt.Facet("metric:N", sort=metrics, title=None, header=alt.Header(labelFontWeight="bold", labelFontSize=12)),
        columns=3,
    ).resolve_scale(y="independent").properties(title=title)
    return chart.to_dict()


class _Texts:
    """Answer texts stored once per page: most answers are the same from run to run."""

    def __init__(self) -> None:
        self.texts: list[str] = []
        self._index: dict[str, int] = {}

    def ref(self, text: str) -> int:
        if text not in self._index:
            self._index[text] = len(self.texts)
            self.texts.append(text)
        return self._index[text]


def _case_payload(run: dict[str, Any], label: str, texts: _Texts) -> dict[str, dict[str, Any]]:
    return {c["id"]: {"run": label, "passed": c["passed"], "failures": c.get("failures", []),
                      "answer": texts.ref(c.get("answer", "")), "question": c.get("question", ""),
                      "expect": c.get("expect", {}), "citations": c.get("citations", []), "tags": c.get("tags", [])}
            for c in run.get("cases", [])}


def _what_changed(old: dict[str, Any], new: dict[str, Any], old_label: str, new_label: str, set_id: str) -> str:
    deltas, flipped = compare_runs(old, new)
    tests = paired_tests(old, new)
    parts = [f'<section class="changed" aria-label="Was hat sich geändert"><h3>Was hat sich geändert: '
             f'{html.escape(old_label)} → {html.escape(new_label)}</h3>']
    warnings = provenance.differences(old, new)
    if warnings:
        parts.append('<ul class="warnings">' + "".join(f"<li>⚠ {html.escape(w)}</li>" for w in warnings) + "</ul>")
    rows = []
    for name, a, b, delta in deltas:
        test = tests.get(name)
        better = delta is not None and ((delta < 0) if name in LOWER_IS_BETTER else (delta > 0))
        css = "" if not delta else ("better" if better else "worse")
        significant = test is not None and test["p"] < SIGNIFICANT
        p_cell = "–" if not test else f"{test['p']:.3f}{' *' if significant else ''}"
        method = "" if not test else ("McNemar exakt" if test["method"] == "mcnemar-exact" else "Permutation") + \
            f", +{test['gained']}/−{test['lost']} von {test['shared']}"
        bands = "".join(f'<td class="small">{interval_text((run.get("intervals") or {}).get(name))}</td>' for run in (old, new))
        rows.append(f'<tr><td>{name}</td><td>{_fmt(a)}</td><td>{_fmt(b)}</td>'
                    f'<td class="{css}">{"–" if delta is None else f"{delta:+.4g}"}</td>{bands}<td>{p_cell}</td>'
                    f'<td>{method}</td></tr>')
    overall = tests["cases_passed"]
    parts.append('<table class="deltas"><thead><tr><th>Kennzahl</th><th>alt</th><th>neu</th><th>Δ</th><th>95 % alt</th>'
                 '<th>95 % neu</th><th>p</th><th>Test</th></tr></thead><tbody>' + "".join(rows) + "</tbody></table>")
    parts.append(f'<p>Bestanden über {overall["shared"]} gemeinsame Fälle: {overall["gained"]} gewonnen, '
                 f'{overall["lost"]} verloren, p = {overall["p"]:.3f} (McNemar exakt, zweiseitig; * = p &lt; 0,05).</p>')
    old_cases, new_cases = {c["id"]: c for c in old["cases"]}, {c["id"]: c for c in new["cases"]}
    for now, title, css in ((True, "Jetzt bestanden", "gained"), (False, "Jetzt nicht bestanden", "lost")):
        items = [case_id for case_id, _, after in flipped if after == now]
        entries = "".join(
            f'<li><button type="button" class="case-link" data-set="{set_id}" data-case="{html.escape(case_id)}" '
            f'data-run="{html.escape(new_label)}">{html.escape(case_id)}</button> '
            f'<span class="which">{html.escape(", ".join(flipped_checks(old_cases[case_id], new_cases[case_id])))}</span></li>'
            for case_id in items)
        parts.append(f'<div class="flips {css}"><h4>{title} ({len(items)})</h4>'
                     f'{"<ul>" + entries + "</ul>" if items else "<p>keine</p>"}</div>')
    return "".join(parts) + "</section>"


def _tag_table(run: dict[str, Any]) -> str:
    tags = run.get("by_tag") or {}
    if not tags:
        return ""
    rows = []
    for tag, figures in tags.items():
        share = figures["cases_passed"]
        shown = ", ".join(f"{k} {v:.3f} {interval_text(figures['intervals'].get(k))}" for k, v in figures["metrics"].items()
                          if v is not None and k in figures["intervals"])
        rows.append(f"<tr><td>{html.escape(tag)}</td><td>{share['total']}</td><td>{share['passed']}</td>"
                    f"<td>{interval_text(share)}</td><td class='small'>{html.escape(shown)}</td></tr>")
    return ('<details class="tags"><summary>Nach Tags (letzter Lauf)</summary><table><thead><tr><th>Tag</th><th>Fälle</th>'
            '<th>bestanden</th><th>95 %</th><th>Kennzahlen [95 %]</th></tr></thead><tbody>' + "".join(rows) +
            "</tbody></table></details>")


def _grid(set_id: str, runs: list[dict[str, Any]], labels: list[str]) -> str:
    ids: list[str] = []
    for run in runs:
        ids += [c["id"] for c in run["cases"] if c["id"] not in ids]
    by_run = [{c["id"]: c for c in run["cases"]} for run in runs]
    flipped_last = set()
    if len(runs) >= 2:
        flipped_last = {case_id for case_id, _, _ in compare_runs(runs[-2], runs[-1])[1]}
    head = "".join(f'<th scope="col" title="{html.escape(label)}"><span>{html.escape(label)}</span></th>' for label in labels)
    body = []
    for case_id in ids:
        cells = []
        for label, cases in zip(labels, by_run):
            case = cases.get(case_id)
            if case is None:
                cells.append('<td class="absent" title="nicht im Lauf">·</td>')
                continue
            state = "pass" if case["passed"] else "fail"
            cells.append(f'<td class="{state}"><button type="button" class="case-link" data-set="{set_id}" '
                         f'data-case="{html.escape(case_id)}" data-run="{html.escape(label)}" '
                         f'aria-label="{html.escape(case_id)}, {html.escape(label)}: '
                         f'{"bestanden" if case["passed"] else "nicht bestanden"}">{"✓" if case["passed"] else "✗"}</button></td>')
        flip = ' class="flipped"' if case_id in flipped_last else ""
        body.append(f'<tr{flip}><th scope="row">{html.escape(case_id)}</th>{"".join(cells)}</tr>')
    return (f'<details class="grid" open><summary>Fälle × Läufe ({len(ids)} Fälle; gekippt im letzten Lauf: '
            f'{len(flipped_last)}, markiert)</summary><div class="grid-scroll"><table class="case-grid" data-set="{set_id}">'
            f'<thead><tr><th scope="col">Fall</th>{head}</tr></thead><tbody>{"".join(body)}</tbody></table></div></details>')


def _provenance_table(run: dict[str, Any]) -> str:
    rows = "".join(f"<tr><th scope='row'>{html.escape(k)}</th><td>{html.escape(v)}</td></tr>"
                   for k, v in provenance.summary_rows(run))
    return f'<table class="provenance"><caption>Herkunft des letzten Laufs</caption>{rows}</table>'


def _json_for_script(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False).replace("</", "<\\/")


def _javascript_bundle() -> str:
    """Vega, Vega-Lite and vega-embed as one script (from vl-convert-python, for the Vega-Lite version of altair)."""
    import vl_convert as vlc
    from altair.utils._importers import vl_version_for_vl_convert

    return vlc.javascript_bundle(vl_version=vl_version_for_vl_convert()).replace("</script", "<\\/script")


STYLE = """
body{font-family:system-ui,sans-serif;margin:0;color:#1a1a1a;background:#fafafa}
header{background:#1f5f99;color:#fff;padding:1rem 2rem}header a{color:#fff;margin-right:1rem}
main{padding:1rem 2rem}section.set{background:#fff;border:1px solid #ddd;border-radius:6px;padding:1rem 1.5rem;margin-bottom:2rem}
table{border-collapse:collapse;margin:.5rem 0}td,th{border:1px solid #ddd;padding:.2rem .5rem;text-align:left;vertical-align:top}
caption{text-align:left;font-weight:600;padding:.3rem 0}.small{font-size:.85em}
.better{color:#1e7b34;font-weight:600}.worse{color:#b03a2e;font-weight:600}
.warnings{color:#8a5a00;background:#fff6e0;padding:.5rem 1.5rem;border-radius:4px}
.flips{display:inline-block;vertical-align:top;margin-right:3rem}.flips.gained h4{color:#1e7b34}.flips.lost h4{color:#b03a2e}
.which{color:#555;font-size:.85em}
.grid-scroll{overflow:auto;max-height:36rem}.case-grid th[scope=col] span{writing-mode:vertical-rl;transform:rotate(180deg);font-weight:normal;font-size:.8em}
.case-grid td{text-align:center;padding:0}.case-grid td button{border:0;background:none;width:100%;padding:.2rem .5rem;cursor:pointer;font-size:1em}
.case-grid td.pass{background:#e3f4e6}.case-grid td.fail{background:#fbe3e0}.case-grid td.absent{color:#aaa}
.case-grid tr.flipped th{background:#fff2b3}.case-link{cursor:pointer}
.chart{margin:.5rem 0 1rem}dialog{max-width:60rem;width:90vw;border:1px solid #999;border-radius:6px}
dialog pre{white-space:pre-wrap;background:#f4f4f4;padding:.5rem;max-height:20rem;overflow:auto}
dialog blockquote{margin:.3rem 0 .6rem 1rem;color:#333;border-left:3px solid #1f5f99;padding-left:.5rem}
"""

SCRIPT = """
(function () {
  const report = JSON.parse(document.getElementById('report-data').textContent);
  const options = {renderer: 'svg', actions: false, tooltip: {theme: 'light'}};
  window.irekReport = {charts: {}, data: report};
  const pending = report.charts.map(chart => vegaEmbed('#' + chart.id, chart.spec, options)
    .then(result => { window.irekReport.charts[chart.id] = result.view; }));
  Promise.all(pending).then(() => document.body.setAttribute('data-charts-ready', 'true'))
    .catch(error => { document.body.setAttribute('data-charts-error', String(error)); console.error(error); });
  const dialog = document.getElementById('case-detail');
  function text(tag, value, cls) { const el = document.createElement(tag); el.textContent = value; if (cls) el.className = cls; return el; }
  function show(setId, caseId, runLabel) {
    const entry = ((report.cases[setId] || {})[runLabel] || {})[caseId];
    const body = document.getElementById('case-detail-body');
    body.replaceChildren();
    document.getElementById('case-detail-title').textContent = caseId + ' – ' + runLabel;
    if (!entry) { body.append(text('p', 'Für diesen Lauf sind keine Einzelheiten gespeichert.')); dialog.showModal(); return; }
    body.append(text('p', entry.passed ? 'bestanden' : 'nicht bestanden', entry.passed ? 'better' : 'worse'));
    if (entry.question) { body.append(text('h4', 'Frage')); body.append(text('p', entry.question)); }
    if (entry.tags && entry.tags.length) body.append(text('p', 'Tags: ' + entry.tags.join(', '), 'small'));
    body.append(text('h4', 'Erwartet')); body.append(text('pre', JSON.stringify(entry.expect || {}, null, 1)));
    if (entry.failures.length) {
      body.append(text('h4', 'Gründe'));
      const list = document.createElement('ul'); list.className = 'failures';
      entry.failures.forEach(f => list.append(text('li', f))); body.append(list);
    }
    body.append(text('h4', 'Antwort')); body.append(text('pre', report.texts[entry.answer] || '(leer)', 'answer'));
    if (entry.citations && entry.citations.length) {
      body.append(text('h4', 'Belege'));
      const list = document.createElement('ol'); list.className = 'citations';
      entry.citations.forEach(c => {
        const li = text('li', '[' + c.n + '] ' + c.document + (c.section ? ', ' + c.section : '') + (c.page ? ', S. ' + c.page : ''));
        li.append(text('blockquote', c.quote || '')); list.append(li);
      });
      body.append(list);
    }
    dialog.showModal();
  }
  document.addEventListener('click', event => {
    const button = event.target.closest('.case-link');
    if (button) show(button.dataset.set, button.dataset.case, button.dataset.run);
  });
  document.getElementById('case-detail-close').addEventListener('click', () => dialog.close());
})();
"""


def html_report(runs_dir: Path, gate_file: Path = GATE_FILE) -> str:
    runs = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(runs_dir.glob("*.json"))]
    runs.sort(key=lambda r: str(r.get("run_at") or ""))
    by_set: dict[str, list[dict[str, Any]]] = {}
    for run in runs:
        by_set.setdefault(run["set"], []).append(run)
    bounds = gate_bounds(gate_file)
    rates = [m for m in METRICS if m in RATE_METRICS]
    magnitudes = [m for m in METRICS if m not in RATE_METRICS]
    charts, cases, sections, nav, texts = [], {}, [], [], _Texts()
    for number, (name, set_runs) in enumerate(by_set.items(), start=1):
        set_id = f"set-{number}"
        labels = _labels(set_runs)
        set_bounds = bounds.get(name, {})
        nav.append(f'<a href="#{set_id}">{html.escape(name)}</a>')
        last = set_runs[-1]
        version = f" (Version {html.escape(str(last['version']))})" if last.get("version") else ""
        passed = sum(1 for c in last["cases"] if c["passed"])
        share = f" (95 %: {interval_text(last['cases_passed'])})" if last.get("cases_passed") else ""
        gate_note = " Gestrichelt: die Schranken des Gates (evals/gate.yaml)." if set_bounds else ""
        part = [f'<section class="set" id="{set_id}" data-set-name="{html.escape(name)}">',
                f'<h2>Satz „{html.escape(name)}“ – {len(set_runs)} {"Lauf" if len(set_runs) == 1 else "Läufe"}{version}</h2>',
                f'<p>Letzter Lauf: {html.escape(labels[-1])}; {passed} von {len(last["cases"])} Fällen bestanden'
                f'{share}.{gate_note}</p>']
        for kind, metrics, fmt, title in (("rates", rates, ".3~f", "Anteile mit 95-%-Intervall"),
                                          ("sizes", magnitudes, ",.0f", "Latenz (ms) und Antwortlänge (Zeichen)")):
            rows = _chart_rows(set_runs, labels, metrics, set_bounds)
            if rows:
                chart_id = f"{set_id}-{kind}"
                shown = [m for m in metrics if any(r["metric"] == m for r in rows)]
                charts.append({"id": chart_id, "spec": _chart(rows, labels, shown, fmt, title)})
                part.append(f'<div class="chart" id="{chart_id}" role="img" aria-label="{html.escape(title)}"></div>')
        if len(set_runs) >= 2:
            part.append(_what_changed(set_runs[-2], last, labels[-2], labels[-1], set_id))
        part.append(_tag_table(last))
        grid_runs, grid_labels = set_runs[-GRID_RUNS:], labels[-GRID_RUNS:]
        part.append(_grid(set_id, grid_runs, grid_labels))
        part.append(_provenance_table(last))
        cases[set_id] = {label: _case_payload(run, label, texts) for run, label in zip(grid_runs, grid_labels)}
        sections.append("".join(part) + "</section>")
    page = ['<!doctype html><html lang="de"><head><meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            "<title>IREK-Assistent: Auswertungen</title>", f"<style>{STYLE}</style>"]
    if charts:
        page.append(f"<script>{_javascript_bundle()}</script>")
    page.append(f'</head><body><header><h1>Auswertungen über die gespeicherten Läufe</h1>'
                f'<nav>{"".join(nav)}</nav></header><main>')
    if not runs:
        page.append("<p>Noch keine gespeicherten Läufe. <code>irek eval run SET.yaml</code> speichert jeden Lauf.</p>")
    page += sections
    page.append('</main><dialog id="case-detail" aria-labelledby="case-detail-title"><h3 id="case-detail-title"></h3>'
                '<div id="case-detail-body"></div><button type="button" id="case-detail-close">Schließen</button></dialog>')
    page.append(f'<script type="application/json" id="report-data">{_json_for_script({"charts": charts, "cases": cases, "texts": texts.texts})}</script>')
    if charts:
        page.append(f"<script>{SCRIPT}</script>")
    page.append("</body></html>")
    return "\n".join(page)
