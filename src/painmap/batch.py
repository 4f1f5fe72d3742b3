"""Batch matching: JSON Lines of queries in, JSON Lines of results out, one bad line never stops it.

A long batch is spread over the machine's cores (forked workers, so each starts with the dataset
already loaded); output order is always input order.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any

from painmap.api import match
from painmap.errors import PainmapError
from painmap.models import SCHEMA_VERSION
from painmap.render.json import dumps, match_document

KEYS = {"areas", "symptoms", "activities", "side", "limit"}
CHUNK = 500  # lines a worker takes at a time; a batch shorter than two chunks runs in-process


def run_batch(lines: Iterable[str | bytes]) -> Iterator[dict[str, Any]]:
    """One output document per non-blank input line, in order: a match result or an error."""
    for number, line in enumerate(lines, start=1):
        document = _answer(number, line)
        if document is not None:
            yield document


def batch_json_lines(lines: Iterable[str | bytes], workers: int | None = None) -> Iterator[tuple[str, bool]]:
    """`run_batch` written as JSON text, one (line, is_error) per answer, using several processes."""
    numbered = enumerate(lines, start=1)
    head = list(islice(numbered, 2 * CHUNK))
    workers = workers or min(os.cpu_count() or 1, 4)
    if len(head) < 2 * CHUNK or workers < 2 or not _can_fork():
        for chunk in (head, numbered):
            yield from _answer_chunk(list(chunk) if chunk is head else chunk)
        return
    import multiprocessing

    def chunks() -> Iterator[list[tuple[int, str | bytes]]]:
        yield head[:CHUNK]
        yield head[CHUNK:]
        while chunk := list(islice(numbered, CHUNK)):
            yield chunk

    with multiprocessing.get_context("fork").Pool(workers) as pool:
        for answers in pool.imap(_answer_list, chunks()):
            yield from answers


def _can_fork() -> bool:
    import multiprocessing

    return "fork" in multiprocessing.get_all_start_methods()


def _answer_list(chunk: list[tuple[int, str | bytes]]) -> list[tuple[str, bool]]:
    return list(_answer_chunk(chunk))


def _answer_chunk(chunk: Iterable[tuple[int, str | bytes]]) -> Iterator[tuple[str, bool]]:
    for number, line in chunk:
        document = _answer(number, line)
        if document is not None:
            yield dumps(document, indent=None), "error" in document


def _answer(number: int, line: str | bytes) -> dict[str, Any] | None:
    if not line.strip():
        return None
    try:
        if isinstance(line, bytes):
            try:
                line = line.decode("utf-8")
            except UnicodeDecodeError:
                raise ValueError("the line is not UTF-8 text") from None
        result = match(**_parse(line))
    except (ValueError, PainmapError) as exc:
        error = {"schema_version": SCHEMA_VERSION, "line": number, "error": " ".join(str(exc).split())}
        warnings = getattr(exc, "warnings", ())
        return {**error, "warnings": warnings} if warnings else error
    return {**match_document(result), "line": number}


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
