"""Batch matching: JSON Lines of queries in, JSON Lines of results out, one bad line never stops it."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from painmap.api import match
from painmap.errors import PainmapError
from painmap.models import SCHEMA_VERSION
from painmap.render.json import match_document

KEYS = {"areas", "symptoms", "activities", "side", "limit"}


def run_batch(lines: Iterable[str | bytes]) -> Iterator[dict[str, Any]]:
    """One output document per non-blank input line, in order: a match result or an error."""
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            if isinstance(line, bytes):
                try:
                    line = line.decode("utf-8")
                except UnicodeDecodeError:
                    raise ValueError("the line is not UTF-8 text") from None
            query = _parse(line)
            result = match(**query)
        except (ValueError, PainmapError) as exc:
            yield {"schema_version": SCHEMA_VERSION, "line": number, "error": _one_line(exc)}
            continue
        yield {**match_document(result), "line": number}


def _parse(line: str) -> dict[str, Any]:
    try:
        doc = json.loads(line)
    except ValueError as exc:
        raise ValueError(f"not valid JSON ({exc.msg} at column {exc.colno})") from None
    if not isinstance(doc, dict):
        raise ValueError('each line must be a JSON object such as {"areas": ["hip"]}')
    unknown = sorted(set(doc) - KEYS)
    if unknown:
        raise ValueError(f"unknown key {unknown[0]!r}; allowed: {', '.join(sorted(KEYS))}")
    if "areas" not in doc:
        raise ValueError('missing "areas": give a list of places, e.g. {"areas": ["hip"]}')
    query: dict[str, Any] = {}
    for name in ("areas", "symptoms", "activities"):
        if name in doc:
            value = doc[name]
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise ValueError(f'"{name}" must be a list of strings')
            query[name] = value
    if not query["areas"]:
        raise ValueError('"areas" is empty: name at least one place that hurts')
    side = doc.get("side")
    if side is not None and not isinstance(side, str):
        raise ValueError('"side" must be "left", "right" or null')
    query["side"] = side
    if "limit" in doc:
        limit = doc["limit"]
        if not isinstance(limit, int) or isinstance(limit, bool):
            raise ValueError('"limit" must be a whole number')
        query["limit"] = limit
    return query


def _one_line(exc: Exception) -> str:
    return " ".join(str(exc).split())
