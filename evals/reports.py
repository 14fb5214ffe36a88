"""Reports of evaluation runs: Markdown for one run, HTML with the metrics of all stored runs as charts."""

from __future__ import annotations

import html
import json
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from evals.harness import LOWER_IS_BETTER, METRICS, RunResult


def _fmt(value: Any) -> str:
    return "–" if value is None else (f"{value:.3f}" if isinstance(value, float) and value <= 1.0 else str(value))


def markdown_report(run: RunResult) -> str:
    lines = [f"# Auswertung: {run.set_name}", "", "| Kennzahl | Wert |", "|---|---|"]
    lines += [f"| {name} | {_fmt(run.metrics.get(name))} |" for name in METRICS]
    failed = [c for c in run.cases if not c.passed]
    lines += ["", f"{len(run.cases) - len(failed)} von {len(run.cases)} Fällen bestanden.", ""]
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


def _svg_chart(title: str, runs: list[dict[str, Any]], metric: str) -> str:
    points = [(i, r["metrics"].get(metric)) for i, r in enumerate(runs) if isinstance(r["metrics"].get(metric), (int, float))]
    width, height, pad = 420, 160, 30
    if not points:
        return f"<figure><figcaption>{html.escape(title)}: keine Werte</figcaption></figure>"
    values = [v for _, v in points]
    low, high = (0.0, 1.0) if metric not in LOWER_IS_BETTER else (0.0, max(values) * 1.2 or 1.0)
    span = max(1, len(runs) - 1)
    xy = [(pad + (width - 2 * pad) * i / span, height - pad - (height - 2 * pad) * (v - low) / ((high - low) or 1)) for i, v in points]
    path = " ".join(f"{x:.1f},{y:.1f}" for x, y in xy)
    dots = "".join(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3"><title>{html.escape(runs[i]["run_at"])}: {v}</title></circle>'
                   for (x, y), (i, v) in zip(xy, points))
    return (f'<figure><figcaption>{html.escape(title)} (zuletzt {_fmt(values[-1])})</figcaption>'
            f'<svg viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" '
            f'aria-label="{html.escape(title)} über {len(runs)} Läufe">'
            f'<line x1="{pad}" y1="{height - pad}" x2="{width - pad}" y2="{height - pad}" stroke="#888"/>'
            f'<text x="4" y="{pad}" font-size="10">{_fmt(high)}</text><text x="4" y="{height - pad}" font-size="10">{_fmt(low)}</text>'
            f'<polyline points="{path}" fill="none" stroke="#1f5f99" stroke-width="2"/>{dots}</svg></figure>')


def html_report(runs_dir: Path) -> str:
    runs = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(runs_dir.glob("*.json"))]
    by_set: dict[str, list[dict[str, Any]]] = {}
    for run in runs:
        by_set.setdefault(run["set"], []).append(run)
    parts = ['<!doctype html><html lang="de"><head><meta charset="utf-8"><title>IREK-Assistent: Auswertungen</title>',
             "<style>body{font-family:system-ui,sans-serif;margin:2rem;color:#1a1a1a}figure{display:inline-block;margin:0 1rem 1rem 0}"
             "figcaption{font-weight:600;margin-bottom:.3rem}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2rem .5rem}</style>",
             "</head><body><h1>Auswertungen über die gespeicherten Läufe</h1>"]
    if not runs:
        parts.append("<p>Noch keine gespeicherten Läufe. <code>irek eval run SET.yaml</code> speichert jeden Lauf.</p>")
    for name, set_runs in by_set.items():
        parts.append(f"<h2>Satz „{html.escape(name)}“ – {len(set_runs)} Läufe</h2>")
        parts += [_svg_chart(metric, set_runs, metric) for metric in METRICS]
        last = set_runs[-1]
        rows = "".join(f"<tr><td>{m}</td><td>{_fmt(last['metrics'].get(m))}</td></tr>" for m in METRICS)
        parts.append(f"<table><caption>Letzter Lauf ({html.escape(last['run_at'])})</caption><tr><th>Kennzahl</th><th>Wert</th></tr>{rows}</table>")
    parts.append("</body></html>")
    return "\n".join(parts)
