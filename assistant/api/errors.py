"""Every error as JSON with a German `detail` the page can show; never a stack trace in a response.

- invalid request (RequestValidationError): 422 `{"detail": "...", "errors": [{"field", "type", "message"}]}`;
  a text over its length limit (a question over 2,000 characters) gives 413 with the same shape;
- QueryError of the services (unknown document or section, empty query): 422;
- no usable index: 503 `{"detail": "...", "reason": "..."}` (the reason names no file path);
- unknown address or method, 404 of a route: the German detail;
- a body that is not UTF-8 or nested too deeply: 400 (normally from assistant/api/limits.py, which also answers
  408, 413, 429, 503 and 504; `LIMIT_ERRORS` documents them all in the OpenAPI document);
- anything else: 500 with a German message; the exception is logged.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from assistant.api.limits import NOT_UTF8, TOO_DEEP
from assistant.api.schemas import ErrorOut
from assistant.api.state import NOT_READY, ServiceUnavailable
from assistant.core.errors import QueryError

logger = logging.getLogger("assistant.api")

INTERNAL_ERROR = ("Bei der Bearbeitung ist ein interner Fehler aufgetreten. Bitte versuchen Sie es noch einmal; "
                  "besteht das Problem weiter, wenden Sie sich an die Betreuung des IREK-Assistenten.")
BAD_BODY = "Der Inhalt der Anfrage konnte nicht gelesen werden."

# The answers of the limits (assistant/api/limits.py) and of the body checks, on every /api route.
LIMIT_ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorOut, "description": "Inhalt nicht lesbar: kein UTF-8, oder JSON tiefer als 32 Ebenen "
                                            "verschachtelt."},
    408: {"model": ErrorOut, "description": "Der Inhalt kam nicht rechtzeitig vollständig an "
                                            "(IREK_BODY_READ_TIMEOUT_S)."},
    413: {"model": ErrorOut, "description": "Anfrage zu groß (IREK_MAX_BODY_BYTES, gezählt wie die Bytes ankommen) "
                                            "oder Text zu lang."},
    429: {"model": ErrorOut, "description": "Zu viele Anfragen von dieser Adresse (IREK_RATE_LIMIT_PER_MINUTE); "
                                            "`Retry-After` sagt, wann es wieder geht.",
          "headers": {"Retry-After": {"description": "Sekunden bis zur nächsten erlaubten Anfrage.",
                                      "schema": {"type": "integer"}}}},
    504: {"model": ErrorOut, "description": "Zeitlimit der Anfrage überschritten (IREK_REQUEST_DEADLINE_S)."},
}

FIELD_NAMES = {
    "question": "Frage", "history": "Verlauf", "role": "Rolle", "content": "Inhalt", "q": "Suchbegriff",
    "doc": "Dokument", "section": "Abschnitt", "corridor": "Themenkorridor", "k": "Anzahl der Treffer",
    "rating": "Bewertung", "comment": "Kommentar", "answer": "Antwort", "answer_id": "Antwort-ID",
    "format": "Format", "title": "Titel", "answers": "Antworten", "limit": "Anzahl",
    "applicant_type": "Art der Antragstellenden", "company_size": "Unternehmensgröße", "sector": "Branche",
    "project_types": "Projektart", "project_type": "Projektart", "already_started": "bereits begonnen",
    "municipality": "Gemeinde", "description": "Beschreibung des Vorhabens",
}
_STATUS_TEXT = {
    400: BAD_BODY,
    404: "Diese Adresse gibt es nicht.",
    405: "Diese Methode ist für diese Adresse nicht erlaubt.",
    413: "Die Anfrage ist zu groß.",
}


def _field(loc: tuple[Any, ...]) -> tuple[str, str]:
    parts = [str(p) for p in loc if p not in ("body", "query", "path")]
    names = [p for p in parts if not p.isdigit()]
    label = FIELD_NAMES.get(names[-1], names[-1]) if names else "Anfrage"
    return ".".join(parts) or "body", label


def _number(value: Any) -> str:
    return f"{value:,}".replace(",", ".") if isinstance(value, int) else str(value)


def german_message(error: dict[str, Any]) -> str:
    kind = error.get("type", "")
    ctx = error.get("ctx") or {}
    field, label = _field(tuple(error.get("loc") or ()))
    where = f"„{label}“" + (f" ({field})" if label != field and field != "body" else "")
    if kind == "json_invalid":
        return "Der Inhalt der Anfrage ist kein gültiges JSON."
    if kind == "missing":
        return f"Die Angabe {where} fehlt."
    if kind in ("string_too_short", "too_short"):
        return f"Die Angabe {where} darf nicht leer sein."
    if kind == "string_too_long":
        return f"Die Angabe {where} ist zu lang (höchstens {_number(ctx.get('max_length'))} Zeichen)."
    if kind == "too_long":
        return f"Die Angabe {where} hat zu viele Einträge (höchstens {ctx.get('max_length')})."
    if kind == "string_unicode":
        return f"Die Angabe {where} enthält ungültige Zeichen (kein gültiger Unicode-Text)."
    if kind in ("string_type", "str_type"):
        return f"Die Angabe {where} muss ein Text sein."
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return f"Die Angabe {where} muss eine ganze Zahl sein."
    if kind in ("bool_parsing", "bool_type"):
        return f"Die Angabe {where} muss wahr oder falsch sein (true/false)."
    if kind in ("greater_than_equal", "greater_than"):
        return f"Die Angabe {where} muss mindestens {ctx.get('ge', ctx.get('gt'))} sein."
    if kind in ("less_than_equal", "less_than"):
        return f"Die Angabe {where} darf höchstens {ctx.get('le', ctx.get('lt'))} sein."
    if kind in ("literal_error", "enum"):
        return f"Die Angabe {where} hat einen unzulässigen Wert (erlaubt: {str(ctx.get('expected', '')).replace(' or ', ' oder ')})."
    if kind in ("list_type", "tuple_type"):
        return f"Die Angabe {where} muss eine Liste sein."
    if kind in ("model_attributes_type", "dict_type", "model_type"):
        return (f"Die Angabe {where} muss ein JSON-Objekt sein." if field != "body"
                else "Der Inhalt der Anfrage muss ein JSON-Objekt sein.")
    if kind == "extra_forbidden":
        return f"Die Angabe {where} ist unbekannt."
    if kind == "value_error":
        message = str(ctx.get("error") or error.get("msg", ""))
        return message.removeprefix("Value error, ")
    return f"Die Angabe {where} ist ungültig."


def _is_too_long(error: dict[str, Any]) -> bool:
    return error.get("type") == "string_too_long"


async def validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
    errors = list(exc.errors())
    items = [{"field": "body" if e.get("type") == "json_invalid" else _field(tuple(e.get("loc") or ()))[0],
              "type": e.get("type"), "message": german_message(e)} for e in errors]
    too_long = [item for item, error in zip(items, errors) if _is_too_long(error)]
    if too_long:
        return JSONResponse({"detail": too_long[0]["message"], "errors": too_long}, status_code=413)
    detail = " ".join(dict.fromkeys(item["message"] for item in items)) or "Die Anfrage ist ungültig."
    return JSONResponse({"detail": detail, "errors": items}, status_code=422)


async def query_error(request: Request, exc: QueryError) -> JSONResponse:
    message = str(exc)
    status = 413 if "zu lang" in message else 422
    return JSONResponse({"detail": message, "errors": [{"field": "query", "type": "query_error", "message": message}]},
                        status_code=status)


async def service_unavailable(request: Request, exc: ServiceUnavailable) -> JSONResponse:
    return JSONResponse({"detail": NOT_READY, "reason": exc.reason}, status_code=503, headers={"Retry-After": "30"})


def _body_error(exc: StarletteHTTPException) -> str | None:
    """FastAPI's own 400 for a body it could not parse, in German by its cause."""
    cause = exc.__cause__
    if isinstance(cause, UnicodeError):
        return NOT_UTF8
    if isinstance(cause, RecursionError):
        return TOO_DEEP
    return BAD_BODY if exc.status_code == 400 else None


async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
    detail = exc.detail
    if exc.status_code == 400 and detail == "There was an error parsing the body":
        detail = _body_error(exc)
    if not isinstance(detail, str) or detail in ("Not Found", "Method Not Allowed", "Request Entity Too Large") \
            or not detail.strip():
        detail = _STATUS_TEXT.get(exc.status_code, "Die Anfrage konnte nicht bearbeitet werden.")
    return JSONResponse({"detail": detail}, status_code=exc.status_code, headers=getattr(exc, "headers", None))


async def internal_error(request: Request, exc: Exception) -> JSONResponse:
    logger.error("Fehler bei %s %s", request.method, request.url.path, exc_info=exc)
    return JSONResponse({"detail": INTERNAL_ERROR}, status_code=500)


def install(app: FastAPI) -> None:
    app.add_exception_handler(RequestValidationError, validation_error)
    app.add_exception_handler(QueryError, query_error)
    app.add_exception_handler(ServiceUnavailable, service_unavailable)
    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(Exception, internal_error)
