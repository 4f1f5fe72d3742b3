"""Batch matching: JSON Lines of queries in, JSON Lines of results out, one bad line never stops it.

Every non-blank input line, whatever its bytes, gets exactly one output line: its result or an error
object. A line longer than MAX_LINE_BYTES is answered with an error at once and skipped unread.
Input is taken as it arrives: the lines waiting are answered and their answers written at once, so
a client that writes one line into a pipe and waits gets its answer (`read_arrivals`). Only when
many lines are already waiting (a file, a fast pipe) are they spread over the machine's cores
(forked workers, so each starts with the dataset already loaded); output order is always input
order. A worker that dies ends the run with BatchCutShort naming the first unanswered line, never
a hang.
"""

from __future__ import annotations

import json
import os
import signal
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from typing import IO, Any

from painmap.api import match
from painmap.errors import BatchCutShort, PainmapError
from painmap.models import SCHEMA_VERSION
from painmap.render.json import dumps, match_document

KEYS = {"text", "areas", "symptoms", "activities", "side", "limit", "yes", "no", "questions"}
CHUNK = 500  # lines a worker takes at a time; fewer than two chunks waiting are answered in-process
MAX_LINE_BYTES = 1 << 20  # 1 MiB: a real query is a few hundred bytes
MAX_WAITING_LINES = 8 * CHUNK  # lines gathered before answering, however fast they come
MAX_WAITING_BYTES = 8 << 20  # and bytes: memory stays bounded whatever the input
READ_SIZE = 1 << 16


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


def read_arrivals(stream: IO[bytes], limit: int = MAX_LINE_BYTES) -> Iterator[list[bytes | TooLong]]:
    """The lines of a binary stream in groups, each group as soon as no more input is waiting: a
    client that writes one line and waits gets it answered. A line over `limit` bytes becomes
    TOO_LONG (its bytes are dropped as they come, never held), as in `read_lines`."""
    waiting = _waiting_test(stream)
    read = getattr(stream, "read1", stream.read)
    pending = bytearray()
    skipping = False  # inside a line already over the limit
    lines: list[bytes | TooLong] = []
    held = 0
    while True:
        data = read(READ_SIZE)
        if data:
            start = 0
            while (end := data.find(b"\n", start)) != -1:
                if skipping:
                    lines.append(TOO_LONG)
                    skipping = False
                elif len(pending) + end - start > limit:
                    lines.append(TOO_LONG)
                    pending.clear()
                else:
                    line = bytes(pending) + data[start : end + 1] if pending else data[start : end + 1]
                    pending.clear()
                    lines.append(line)
                    held += len(line)
                start = end + 1
            if not skipping:
                pending += data[start:]
                if len(pending) > limit:
                    pending.clear()
                    skipping = True
        if lines and (
            not data or len(lines) >= MAX_WAITING_LINES or held >= MAX_WAITING_BYTES or not waiting()
        ):
            yield lines
            lines, held = [], 0
        if not data:
            break
    if skipping:
        yield [TOO_LONG]
    elif pending:
        yield [bytes(pending)]


def _waiting_test(stream: IO[bytes]) -> Callable[[], bool]:
    """A test whether more input can be read at once, without waiting for it."""
    try:
        fd = stream.fileno()
    except (OSError, ValueError, AttributeError):  # in memory (tests): all of it is waiting
        return lambda: True
    import select

    def waiting() -> bool:
        try:
            return bool(select.select([fd], [], [], 0)[0])
        except (OSError, ValueError):  # select() cannot watch it (Windows pipes): answer now
            return False

    return waiting


def run_batch(lines: Iterable[Line]) -> Iterator[dict[str, Any]]:
    """One output document per non-blank input line, in order: a match result or an error."""
    for number, line in enumerate(lines, start=1):
        document = _answer(number, line)
        if document is not None:
            yield document


def batch_json_lines(lines: Iterable[Line], workers: int | None = None) -> Iterator[tuple[str, bool]]:
    """`run_batch` written as JSON text, one (line, is_error) per answer, using several processes.

    Raises BatchCutShort if a worker process dies (killed by the OOM killer, say)."""
    lines = iter(lines)
    groups = iter(lambda: list(islice(lines, MAX_WAITING_LINES)), [])
    for block in answer_arrivals(groups, workers):
        yield from block


def answer_arrivals(
    arrivals: Iterable[list[Line]], workers: int | None = None
) -> Iterator[list[tuple[str, bool]]]:
    """The answers to each group of waiting lines, in blocks the caller writes out (and flushes)
    as they come. A group of at least two chunks is spread over forked workers.

    Raises BatchCutShort if a worker process dies (killed by the OOM killer, say)."""
    workers = workers or min(os.cpu_count() or 1, 4)
    parallel = workers >= 2 and _can_fork()
    pool: Any = None
    number = 0
    stopped = False
    try:
        for arrival in arrivals:
            numbered = list(enumerate(arrival, start=number + 1))
            number += len(arrival)
            if not parallel or len(numbered) < 2 * CHUNK:
                yield list(_answer_chunk(numbered))
                continue
            if pool is None:
                pool = _start_pool(workers)
            chunks = [numbered[i : i + CHUNK] for i in range(0, len(numbered), CHUNK)]
            # nothing of this group is written until all of it is submitted
            futures = [(chunk[0][0], _submit(pool, chunk, numbered[0][0])) for chunk in chunks]
            for first_line, future in futures:
                yield _result(first_line, future)
        stopped = True
    finally:
        if pool is not None:
            _stop_pool(pool, cut_short=not stopped)


def _start_pool(workers: int) -> Any:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    from painmap.dataset import load_dataset

    load_dataset()  # before the fork: every worker starts with it loaded
    fork = multiprocessing.get_context("fork")
    return ProcessPoolExecutor(workers, mp_context=fork, initializer=_worker_setup)


def _stop_pool(pool: Any, cut_short: bool) -> None:
    if not cut_short:
        pool.shutdown(wait=True)
        return
    import contextlib
    import multiprocessing

    # Only the processes this batch started: a worker busy with a cancelled run must not linger
    # (Ctrl-C, a dead sibling). The pool's own threads then tidy up a broken pool and may print a
    # traceback as they do (a queue writing to a pipe just closed); the run's one line says what
    # happened, so they are quiet until they have finished.
    with open(os.devnull, "w") as quiet, contextlib.redirect_stderr(quiet):
        for child in multiprocessing.active_children():
            child.terminate()
        pool.shutdown(wait=True, cancel_futures=True)


def _submit(pool: Any, chunk: list[tuple[int, Line]], first_unwritten: int) -> Any:
    try:
        return pool.submit(_answer_list, chunk)
    except Exception as exc:  # a worker died before this group was handed out: the pool is broken
        raise BatchCutShort(first_unwritten, exc) from None


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
