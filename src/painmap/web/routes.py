"""What `painmap serve` answers, as pure functions from a request to a response (no sockets here).

Every answer comes from the Python API and the renderers the CLI uses: a ranking is the very
document `match --json` prints, a muscle is `show --json` or its page sections. Nothing is ranked
here. Bad input becomes a 4xx with a JSON error, never a traceback.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from functools import cache
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from painmap import api
from painmap.atlas import side_code
from painmap.errors import DatasetError, PainmapError, UnknownArea, UnknownMuscle
from painmap.frozen import frozen

MAX_BODY = 64 * 1024
MAX_ITEMS = 400  # cells, places, symptoms... in one request
MAX_TEXT = 300  # characters in one item

JSON = "application/json; charset=utf-8"
HTML = "text/html; charset=utf-8"
SVG = "image/svg+xml; charset=utf-8"


@frozen
class Response:
    status: int
    content_type: str
    body: bytes
    #: a file name when the answer is meant to be saved (Content-Disposition: attachment)
    download: str | None = None


class BadRequest(Exception):
    def __init__(self, status: int, message: str, **extra: Any) -> None:
        super().__init__(message)
        self.status = status
        self.extra = extra


def error(status: int, message: str, **extra: Any) -> Response:
    return _json({"error": " ".join(message.split()), **extra}, status)


def handle(method: str, target: str, body: bytes = b"") -> Response:
    """The answer to one request; never raises."""
    try:
        path, query = _split(target)
        if method == "GET":
            route = _GET.get(path)
            if route is not None:
                return route(query)
            if path.startswith("/muscle/"):
                return muscle_page(unquote(path.removeprefix("/muscle/")))
            if path.startswith("/api/muscle/"):
                return muscle_json(unquote(path.removeprefix("/api/muscle/")))
            if path in _POST:
                return error(405, f"{path} takes POST")
            return error(404, f"no page at {path}")
        if method == "POST":
            route = _POST.get(path)
            if route is None:
                return error(405 if path in _GET else 404, f"nothing takes POST at {path}")
            return route(_json_body(body))
        return error(405, f"method {method} is not allowed; use GET or POST")
    except BadRequest as exc:
        return error(exc.status, str(exc), **exc.extra)
    except (UnknownArea, UnknownMuscle) as exc:
        return error(
            404 if isinstance(exc, UnknownMuscle) else 400, str(exc), suggestions=list(exc.suggestions)
        )
    except DatasetError as exc:
        return error(500, str(exc))
    except PainmapError as exc:
        return error(400, str(exc), suggestions=list(getattr(exc, "suggestions", ())))


# --- GET ------------------------------------------------------------------------------------------


def index(_query: Mapping[str, list[str]]) -> Response:
    from painmap.web.page import index_html

    return Response(200, HTML, _index_bytes(index_html))


@cache
def _index_bytes(render: Callable[[Mapping[str, bool]], str]) -> bytes:
    return render(features()).encode("utf-8")


def resolve(query: Mapping[str, list[str]]) -> Response:
    """The places the words name, as `--area` reads them, with the drawn cells of each."""
    from painmap.areas import resolve_area
    from painmap.dataset import load_dataset

    words = _one(query, "q")
    ds = load_dataset()
    out = []
    for area in resolve_area(words, ds):
        side = side_code(area.side)
        cells = ds.atlas.shaded(ds.places[area.id].mask, side)
        out.append(
            {
                "id": area.id,
                "name": area.name,
                "side": area.side,
                "how": area.how,
                "cells": [c.id for c in cells],
            }
        )
    return _json({"input": words, "areas": out})


def places(_query: Mapping[str, list[str]]) -> Response:
    """Every place (for the keyboard list): id, name, whether it has sides."""
    return _json({"places": [{"id": p.id, "name": p.name, "lateral": p.lateral} for p in api.areas()]})


def muscle_json(name: str) -> Response:
    from painmap.render.json import muscle_record

    return _json(muscle_record(api.show(name)))


def muscle_page(name: str) -> Response:
    from painmap.web.page import muscle_html

    muscle = api.show(name)
    return Response(200, HTML, muscle_html(muscle).encode("utf-8"))


# --- POST -----------------------------------------------------------------------------------------


def match(doc: Mapping[str, Any]) -> Response:
    from painmap.render.json import match_document

    return _json(match_document(_run_match(doc)))


def report(doc: Mapping[str, Any]) -> Response:
    """The printable HTML handout of the current ranking."""
    result = _run_match(doc)
    from painmap.dataset import load_dataset

    return Response(200, HTML, _handout()(result, load_dataset()).encode("utf-8"), "painmap-report.html")


_QUERY_KEYS = {
    "cells": list,
    "areas": list,
    "symptoms": list,
    "activities": list,
    "yes": list,
    "no": list,
    "text": str,
    "side": str,
    "limit": int,
}


def _run_match(doc: Mapping[str, Any]) -> Any:
    unknown = sorted(set(doc) - set(_QUERY_KEYS))
    if unknown:
        raise BadRequest(400, f"unknown field {unknown[0]!r}; the fields are {', '.join(_QUERY_KEYS)}")
    for name, value in doc.items():
        if value is None:
            continue
        kind = _QUERY_KEYS[name]
        if kind is int and (not isinstance(value, int) or isinstance(value, bool)):
            raise BadRequest(400, f"{name} must be a whole number")
        if kind is str and (not isinstance(value, str) or len(value) > 4 * MAX_TEXT):
            raise BadRequest(400, f"{name} must be a short text")
        if kind is list and (
            not isinstance(value, list)
            or len(value) > MAX_ITEMS
            or not all(isinstance(v, str) and len(v) <= MAX_TEXT for v in value)
        ):
            raise BadRequest(400, f"{name} must be a list of at most {MAX_ITEMS} short texts")
    answers = {k: doc[k] for k in ("yes", "no") if doc.get(k)}
    if answers and not features()["answers"]:
        raise BadRequest(400, "this painmap cannot take answers to questions yet")
    areas = [*api.areas_of_cells(doc.get("cells") or ()), *(doc.get("areas") or ())]
    return api.match(
        areas=areas,
        symptoms=doc.get("symptoms") or (),
        activities=doc.get("activities") or (),
        text=doc.get("text"),
        side=doc.get("side"),
        limit=doc.get("limit") or 10,
        **answers,
    )


# --- what this painmap can do ---------------------------------------------------------------------


@cache
def features() -> dict[str, bool]:
    """What the page offers: answers to questions and the HTML handout."""
    return {"answers": True, "handout": True}


def _handout() -> Callable[[Any, Any], str]:
    """The HTML handout of a ranking, stamped with today's date and this version."""
    from datetime import date

    from painmap import __version__
    from painmap.render.html import match_html

    return lambda result, ds: match_html(result, ds, made=date.today().isoformat(), version=__version__)


# --- plumbing -------------------------------------------------------------------------------------

_GET: dict[str, Callable[[Mapping[str, list[str]]], Response]] = {
    "/": index,
    "/api/resolve": resolve,
    "/api/places": places,
}
_POST: dict[str, Callable[[Mapping[str, Any]], Response]] = {"/api/match": match, "/api/report": report}


def _split(target: str) -> tuple[str, dict[str, list[str]]]:
    parts = urlsplit(target)
    if not parts.path.startswith("/"):
        raise BadRequest(400, "bad request target")
    try:
        query = parse_qs(parts.query, strict_parsing=False, max_num_fields=20)
    except ValueError:
        raise BadRequest(400, "too many query fields") from None
    return parts.path, query


def _one(query: Mapping[str, list[str]], name: str) -> str:
    values = query.get(name)
    if not values or not values[0].strip():
        raise BadRequest(400, f"give the words to look up as ?{name}=...")
    if len(values[0]) > MAX_TEXT:
        raise BadRequest(400, f"{name} is too long (at most {MAX_TEXT} characters)")
    return values[0]


def _json_body(body: bytes) -> dict[str, Any]:
    if len(body) > MAX_BODY:
        raise BadRequest(413, f"the request body is larger than {MAX_BODY // 1024} KB")
    try:
        doc = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        raise BadRequest(400, "the request body is not valid JSON") from None
    if not isinstance(doc, dict):
        raise BadRequest(400, "the request body must be a JSON object")
    return doc


def _json(document: Any, status: int = 200) -> Response:
    from painmap.render.json import dumps

    return Response(status, JSON, dumps(document, indent=None).encode("utf-8"))


__all__ = ["MAX_BODY", "BadRequest", "Response", "error", "features", "handle"]
