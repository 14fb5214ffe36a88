"""Ingest benchmark: builds the index of corpus/ from scratch into a temporary directory, then runs it again with
nothing changed. Prints wall time, passages per second and peak memory. Not a test: it prints figures.

    python -m evals.benchmarks.ingest_benchmark [--corpus corpus]
"""

from __future__ import annotations

import argparse
import resource
import tempfile
import time
from pathlib import Path

from assistant.embedding.embedders import create_embeddings
from assistant.core.settings import Settings
from ingest.build import build_index


def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# About 1,000 tokens of German prose: the embedder's speed at the moment of the run, since a shared 2-core machine
# varies by a quarter from hour to hour and the from-scratch time moves with it.
CALIBRATION = [
    "Der Landkreis Osnabrück fördert Vorhaben, die Arbeitsplätze schaffen, Gewerbeflächen erschließen und die "
    "Energie- und Mobilitätswende in den Gemeinden voranbringen. " * 6
] * 8


def _embedder_speed(embeddings) -> float | None:  # noqa: ANN001
    """Tokens per second of the embedder on a fixed German sample (None where it cannot count tokens)."""
    try:
        tokens = sum(embeddings.count_tokens(text) for text in CALIBRATION)
    except NotImplementedError:
        return None
    started = time.perf_counter()
    embeddings.embed_passages(CALIBRATION)
    return tokens / (time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=Path("corpus"))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="irek-bench-") as tmp:
        settings = Settings(corpus_dir=args.corpus, index_dir=Path(tmp) / "index")
        started = time.perf_counter()
        embeddings = create_embeddings(settings)
        embeddings.load()
        model_seconds = time.perf_counter() - started
        speed = _embedder_speed(embeddings)
        rows = []
        for label, rebuild in (("von Grund auf", True), ("unverändert erneut", False)):
            started = time.perf_counter()
            report = build_index(settings, embeddings, rebuild=rebuild)
            seconds = time.perf_counter() - started
            rows.append((label, seconds, report.passages, report.embedded, _peak_mib()))
    print(f"Modell laden: {model_seconds:.2f} s")
    if speed:
        print(f"Embedder-Geschwindigkeit vor dem Lauf: {speed:,.0f} Tokens/s".replace(",", "."))
    print(f"{'Lauf':<20} {'Wandzeit s':>10} {'Passagen':>9} {'eingebettet':>12} {'Passagen/s':>11} {'Spitze RSS MiB':>15}")
    for label, seconds, passages, embedded, peak in rows:
        print(f"{label:<20} {seconds:>10.2f} {passages:>9} {embedded:>12} {passages / seconds:>11.1f} {peak:>15.0f}")


if __name__ == "__main__":
    main()
