"""The limits of the HTTP API, as plain ASGI middleware (docs/operations.md, "Grenzen und Schutz"):

- `SecurityHeaders`: CSP (nothing from outside), nosniff, no framing, no referrer, on every response;
- `RateLimit`: a token bucket per client address for /api/* (IREK_RATE_LIMIT_PER_MINUTE, IREK_RATE_LIMIT_BURST) and
  a second one for posting feedback (IREK_FEEDBACK_PER_MINUTE): 429 with `Retry-After`;
- `BodyGuard`: the body is read before the app sees it, counting the bytes as they arrive (chunked included):
  413 over IREK_MAX_BODY_BYTES, 408 when it does not arrive within IREK_BODY_READ_TIMEOUT_S, 400 for a JSON body
  that is not UTF-8 or nested deeper than MAX_JSON_DEPTH;
- `AnswerCap`: at most IREK_MAX_CONCURRENT_ANSWERS answers (ask, chat, match) in work: 503 with `Retry-After`;
- `Deadline`: a response must begin within IREK_REQUEST_DEADLINE_S: 504 (a stream handles its deadline itself).

Every refusal is JSON with a German `detail`, like the app's own errors.
"""

from __future__ import annotations

import asyncio
import json
import math
import time
from collections.abc import Iterable

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from assistant.api.schemas import MAX_JSON_DEPTH
from assistant.core.settings import Settings

ANSWER_PATHS = frozenset({"/api/ask", "/api/chat", "/api/match"})
FEEDBACK_PATH = "/api/feedback"

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
       "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
]


def _number(value: float) -> str:
    return f"{value:,.0f}".replace(",", ".")


def too_large_message(max_bytes: int) -> str:
    size = f"{max_bytes / (1024 * 1024):g} MB" if max_bytes >= 1024 * 1024 else f"{_number(max_bytes)} Bytes"
    return f"Die Anfrage ist zu groß (höchstens {size})."


def too_slow_message(seconds: float) -> str:
    return (f"Die Anfrage kam zu langsam an (der Inhalt muss innerhalb von {seconds:g} Sekunden vollständig "
            "übertragen sein). Bitte noch einmal senden.")


def rate_message(seconds: int) -> str:
    return (f"Zu viele Anfragen von Ihrer Adresse. Bitte warten Sie {seconds} Sekunde{'n' if seconds != 1 else ''} "
            "und versuchen Sie es dann noch einmal.")


FEEDBACK_RATE = "Zu viele Rückmeldungen von Ihrer Adresse in kurzer Zeit. Bitte warten Sie {seconds} Sekunden."
BUSY = ("Der Assistent beantwortet gerade sehr viele Fragen gleichzeitig. Bitte versuchen Sie es in wenigen Sekunden "
        "noch einmal.")
NOT_UTF8 = "Der Inhalt der Anfrage ist kein gültiges UTF-8. Bitte als UTF-8-kodiertes JSON senden."
TOO_DEEP = f"Der Inhalt der Anfrage ist zu tief verschachtelt (höchstens {MAX_JSON_DEPTH} Ebenen)."


def deadline_message(seconds: float) -> str:
    return (f"Die Antwort hat zu lange gedauert (Zeitlimit {seconds:g} Sekunden) und wurde abgebrochen. Bitte die "
            "Frage kürzer fassen oder später noch einmal versuchen.")


async def send_error(send: Send, status: int, detail: str, headers: Iterable[tuple[bytes, bytes]] = ()) -> None:
    body = json.dumps({"detail": detail}, ensure_ascii=False).encode("utf-8")
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                            *headers]})
    await send({"type": "http.response.body", "body": body})


def _header(scope: Scope, name: bytes) -> bytes | None:
    for key, value in scope.get("headers") or []:
        if key == name:
            return value
    return None


class SecurityHeaders:
    """Adds the security headers to every HTTP response that does not set them itself."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers") or [])
                present = {key.lower() for key, _ in headers}
                headers.extend((key, value) for key, value in SECURITY_HEADERS if key not in present)
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, with_headers)


class TokenBuckets:
    """Per key: up to `burst` requests at once, refilled at `per_minute`; memory bounded by dropping full buckets."""

    MAX_KEYS = 10000

    def __init__(self, per_minute: int, burst: int, clock=time.monotonic) -> None:  # noqa: ANN001
        self.rate = per_minute / 60.0
        self.burst = float(burst)
        self.clock = clock
        self._buckets: dict[str, tuple[float, float]] = {}

    def take(self, key: str) -> int:
        """0 when the request may pass; otherwise the seconds until it may (Retry-After)."""
        now = self.clock()
        tokens, stamp = self._buckets.get(key, (self.burst, now))
        tokens = min(self.burst, tokens + (now - stamp) * self.rate)
        if tokens >= 1.0:
            self._buckets[key] = (tokens - 1.0, now)
            if len(self._buckets) > self.MAX_KEYS:
                self._prune(now)
            return 0
        self._buckets[key] = (tokens, now)
        return max(1, math.ceil((1.0 - tokens) / self.rate))

    def _prune(self, now: float) -> None:
        full = [k for k, (tokens, stamp) in self._buckets.items() if tokens + (now - stamp) * self.rate >= self.burst]
        for key in full:
            del self._buckets[key]


class RateLimit:
    """429 with `Retry-After` once a client (IP address as uvicorn sees it; behind a proxy with --proxy-headers, the
    forwarded one) exceeds its bucket. Only /api/* counts: the page, /healthz and /readyz are never limited."""

    def __init__(self, app: ASGIApp, settings: Settings) -> None:
        self.app = app
        self.general = (TokenBuckets(settings.rate_limit_per_minute, settings.rate_limit_burst)
                        if settings.rate_limit_per_minute > 0 else None)
        self.feedback = (TokenBuckets(settings.feedback_per_minute, max(1, settings.feedback_per_minute))
                         if settings.feedback_per_minute > 0 else None)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["path"].startswith("/api/"):
            client = (scope.get("client") or ("unbekannt", 0))[0]
            wait = self.general.take(client) if self.general else 0
            if not wait and self.feedback and scope["path"] == FEEDBACK_PATH and scope["method"] == "POST":
                wait = self.feedback.take(client)
                if wait:
                    await send_error(send, 429, FEEDBACK_RATE.format(seconds=wait),
                                     [(b"retry-after", str(wait).encode())])
                    return
            if wait:
                await send_error(send, 429, rate_message(wait), [(b"retry-after", str(wait).encode())])
                return
        await self.app(scope, receive, send)


def json_too_deep(text: str) -> bool:
    """Nested deeper than MAX_JSON_DEPTH (or too deep for the parser itself). Invalid JSON is not judged here: the
    app answers it with its own 422."""
    if text.count("[") + text.count("{") <= MAX_JSON_DEPTH:
        return False
    try:
        value = json.loads(text)
    except RecursionError:
        return True
    except ValueError:
        return False
    level = [(value, 1)]
    while level:
        item, depth = level.pop()
        if depth > MAX_JSON_DEPTH:
            return True
        children = item.values() if isinstance(item, dict) else item if isinstance(item, list) else ()
        level.extend((child, depth + 1) for child in children if isinstance(child, (dict, list)))
    return False


class BodyGuard:
    """Reads the whole body before the app runs, bounded in size and time, then hands it on unchanged."""

    def __init__(self, app: ASGIApp, settings: Settings) -> None:
        self.app = app
        self.max_bytes = settings.max_body_bytes
        self.timeout = settings.body_read_timeout_s

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        length = _header(scope, b"content-length")
        chunked = b"chunked" in (_header(scope, b"transfer-encoding") or b"").lower()
        if length is not None and length.strip().isdigit() and int(length) > self.max_bytes:
            await send_error(send, 413, too_large_message(self.max_bytes))
            return
        if not chunked and (length is None or not length.strip().isdigit() or int(length) == 0):
            await self.app(scope, receive, send)
            return
        chunks: list[bytes] = []
        size = 0
        try:
            async with asyncio.timeout(self.timeout):
                while True:
                    message = await receive()
                    if message["type"] == "http.disconnect":
                        return  # the client has gone; nobody to answer
                    chunk = message.get("body", b"")
                    size += len(chunk)
                    if size > self.max_bytes:  # the rest of the body stays unread: this connection ends
                        await send_error(send, 413, too_large_message(self.max_bytes), [(b"connection", b"close")])
                        return
                    chunks.append(chunk)
                    if not message.get("more_body", False):
                        break
        except TimeoutError:
            await send_error(send, 408, too_slow_message(self.timeout), [(b"connection", b"close")])
            return
        body = b"".join(chunks)
        content_type = (_header(scope, b"content-type") or b"").decode("latin-1").lower()
        if body and (not content_type or "json" in content_type):
            try:
                text = body.decode("utf-8")
            except UnicodeDecodeError:
                await send_error(send, 400, NOT_UTF8)
                return
            too_deep = await asyncio.to_thread(json_too_deep, text) if len(text) > 65536 else json_too_deep(text)
            if too_deep:
                await send_error(send, 400, TOO_DEEP)
                return

        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()  # later calls wait for the disconnect, as without the guard

        await self.app(scope, replay, send)


class AnswerCap:
    """At most `limit` answers in work in this process; one more is refused at once (503, Retry-After) instead of
    queueing without end."""

    RETRY_AFTER_S = 2

    def __init__(self, app: ASGIApp, settings: Settings) -> None:
        self.app = app
        self.limit = settings.max_concurrent_answers
        self.in_work = 0  # one event loop: no lock needed

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "POST" or scope["path"] not in ANSWER_PATHS:
            await self.app(scope, receive, send)
            return
        if self.in_work >= self.limit:
            await send_error(send, 503, BUSY, [(b"retry-after", str(self.RETRY_AFTER_S).encode())])
            return
        self.in_work += 1
        try:
            await self.app(scope, receive, send)
        finally:
            self.in_work -= 1


class Deadline:
    """504 when no response has begun within the deadline. A Server-Sent-Events stream is exempt once it has begun:
    /api/chat ends its own stream at the deadline with an `error` event."""

    def __init__(self, app: ASGIApp, settings: Settings) -> None:
        self.app = app
        self.seconds = settings.request_deadline_s

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def watch(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                content_type = dict(message.get("headers") or []).get(b"content-type", b"")
                if content_type.startswith(b"text/event-stream"):
                    timer.reschedule(None)
            await send(message)

        try:
            async with asyncio.timeout(self.seconds) as timer:
                await self.app(scope, receive, watch)
        except TimeoutError:
            if not timer.expired():
                raise
            if not started:
                await send_error(send, 504, deadline_message(self.seconds))
