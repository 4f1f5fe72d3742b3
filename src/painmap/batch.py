"""Batch matching: JSON Lines of queries in, JSON Lines of results out, one bad line never stops it.

Every non-blank input line, whatever its bytes, gets exactly one output line: its result or an error
object. A line longer than MAX_LINE_BYTES is answered with an error at once and skipped unread. A
long batch is spread over the machine's cores (forked workers, so each starts with the dataset
already loaded); output order is always input order. A worker that dies ends the run with
BatchCutShort naming the first unanswered line, never a hang.
"""

from __future__ import annotations

import json
import os
import signal
from collections import deque
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import IO, Any

from painmap.api import match
from painmap.errors import BatchCutShort, PainmapError
from painmap.models import SCHEMA_VERSION
from painmap.render.json import dumps, match_document

KEYS = {"text", "areas", "symptoms", "activities", "side", "limit", "yes", "no", "questions"}
CHUNK = 500  # lines a worker takes at a time; a batch shorter than two chunks runs in-process
MAX_LINE_BYTES = 1 << 20  # 1 MiB: a real query is a few hundred bytes


class TooLong:
    """Stands in for a line longer than MAX_LINE_BYTES (its bytes are skipped, never held)."""


TOO_LONG = TooLong()
Line = str | bytes | TooLong


def read_lines(stream: IO[bytes], limit: int = MAX_LINE_BYTES) -> Iterator[bytes | TooLong]:
    """The lines of a binary stream, with TOO_LONG for each line over `limit` bytes; memory stays
    within `limit` whatever the input (a 10 GB line, /dev/zero...)."""
    while line := stream.readline(limit + 1):
        if len(line) > limit and not (len(line) == limit + 1 and line.endswith(b"\n")):
            while (rest := stream.readline(1 << 16)) and not rest.endswith(b"\n"):
                pass
            yield TOO_LONG
        else:
            yield line


def run_batch(lines: Iterable[Line]) -> Iterator[dict[str, Any]]:
    """One output document per non-blank input line, in order: a match result or an error."""
    for number, line in enumerate(lines, start=1):
        document = _answer(number, line)
        if document is not None:
            yield document


def batch_json_lines(lines: Iterable[Line], workers: int | None = None) -> Iterator[tuple[str, bool]]:
    """`run_batch` written as JSON text, one (line, is_error) per answer, using several processes.

    Raises BatchCutShort if a worker process dies (killed by the OOM killer, say)."""
    numbered = enumerate(lines, start=1)
    head = list(islice(numbered, 2 * CHUNK))
    workers = workers or min(os.cpu_count() or 1, 4)
    if len(head) < 2 * CHUNK or workers < 2 or not _can_fork():
        for chunk in (head, numbered):
            yield from _answer_chunk(list(chunk) if chunk is head else chunk)
        return

    def chunks() -> Iterator[list[tuple[int, Line]]]:
        yield head[:CHUNK]
        yield head[CHUNK:]
        while chunk := list(islice(numbered, CHUNK)):
            yield chunk

    yield from _in_workers(chunks(), workers)


def _in_workers(chunks: Iterator[list[tuple[int, Line]]], workers: int) -> Iterator[tuple[str, bool]]:
    import multiprocessing
    from concurrent.futures import Future, ProcessPoolExecutor

    fork = multiprocessing.get_context("fork")
    pool = ProcessPoolExecutor(workers, mp_context=fork, initializer=_worker_setup)
    pending: deque[tuple[int, Future[list[tuple[str, bool]]]]] = deque()
    try:
        for chunk in chunks:
            pending.append((chunk[0][0], pool.submit(_answer_list, chunk)))
            while len(pending) > 2 * workers:  # a bounded window: memory stays flat on any batch
                yield from _result(*pending.popleft())
        while pending:
            yield from _result(*pending.popleft())
    finally:
        pool.shutdown(wait=False, cancel_futures=True)
        # Only the processes this batch started: a worker busy with a cancelled run must not
        # linger (Ctrl-C, a dead sibling).
        for child in multiprocessing.active_children():
            child.terminate()
        pool.shutdown(wait=True)


def _result(first_line: int, future: Any) -> list[tuple[str, bool]]:
    try:
        return future.result()  # type: ignore[no-any-return]
    except Exception as exc:  # BrokenProcessPool, above all: a worker was killed
        raise BatchCutShort(first_line, exc) from None


def _worker_setup() -> None:
    # Ctrl-C goes to the whole process group: the parent alone reports it, workers stay silent.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _can_fork() -> bool:
    import multiprocessing

    return "fork" in multiprocessing.get_all_start_methods()


def _answer_list(chunk: list[tuple[int, Line]]) -> list[tuple[str, bool]]:
    return list(_answer_chunk(chunk))


def _answer_chunk(chunk: Iterable[tuple[int, Line]]) -> Iterator[tuple[str, bool]]:
    for number, line in chunk:
        document = _answer(number, line)
        if document is None:
            continue
        text = dumps(document, indent=None)
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:  # a lone surrogate such as "\\ud800" echoed back from the line
            document = _error(number, "the line holds an escape that is not text (a lone surrogate)")
            text = dumps(document, indent=None)
        yield text, "error" in document


def _error(number: int, message: str) -> dict[str, Any]:
    return {"schema_version": SCHEMA_VERSION, "line": number, "error": " ".join(message.split())}


def _answer(number: int, line: Line) -> dict[str, Any] | None:
    if isinstance(line, TooLong):
        return _error(number, f"the line is longer than {MAX_LINE_BYTES:,} bytes, the limit for one query")
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
        error = _error(number, str(exc))
        warnings = getattr(exc, "warnings", ())
        return {**error, "warnings": warnings} if warnings else error
    except RecursionError:
        return _error(number, "the line is nested too deeply")
    except Exception as exc:  # isolation: whatever goes wrong stays on this line
        return _error(number, f"painmap failed on this line ({type(exc).__name__}); please report it")
    return {**match_document(result), "line": number}


def _parse(line: str) -> dict[str, Any]:
    try:
        doc = json.loads(line)
    except json.JSONDecodeError as exc:
        raise ValueError(f"not valid JSON ({exc.msg} at column {exc.colno})") from None
    except RecursionError:
        raise ValueError("not valid JSON for painmap: nested too deeply") from None
    if not isinstance(doc, dict):
        raise ValueError('each line must be a JSON object such as {"areas": ["hip"]}')
    unknown = sorted(set(doc) - KEYS)
    if unknown:
        raise ValueError(f"unknown key {unknown[0]!r}; allowed: {', '.join(sorted(KEYS))}")
    if not any(k in doc for k in ("areas", "text", "symptoms")):
        raise ValueError('missing "areas": give a list of places, e.g. {"areas": ["hip"]}, or a "text"')
    query: dict[str, Any] = {}
    if "text" in doc:
        if not isinstance(doc["text"], str):
            raise ValueError('"text" must be a string: the pain in the person\'s own words')
        query["text"] = doc["text"]
    for name in ("areas", "symptoms", "activities", "yes", "no"):
        if name in doc:
            value = doc[name]
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise ValueError(f'"{name}" must be a list of strings')
            query[name] = value
    if "areas" in query and not query["areas"] and "text" not in query and not query.get("symptoms"):
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
    if "questions" in doc:
        # Asking costs far more than ranking, so a batch line gets questions only when it asks.
        asked = doc["questions"]
        if not isinstance(asked, int) or isinstance(asked, bool) or not 0 <= asked <= 5:
            raise ValueError('"questions" must be a whole number from 0 to 5')
        query["questions"] = asked
    return query
