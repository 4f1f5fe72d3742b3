"""`match --batch`: JSON Lines in, JSON Lines out, bad lines reported in place."""

from __future__ import annotations

import json

from painmap.models import SCHEMA_VERSION


def lines_of(result) -> list[dict]:
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_good_batch_from_stdin(run):
    queries = [
        {"areas": ["hip", "buttock"], "limit": 3},
        {"areas": ["temple"], "symptoms": ["headache"], "side": "left"},
        {"areas": ["calf"], "activities": ["running"]},
    ]
    result = run("match", "--batch", "-", input="\n".join(json.dumps(q) for q in queries) + "\n")
    assert result.exit_code == 0, result.stderr
    docs = lines_of(result)
    assert [d["line"] for d in docs] == [1, 2, 3]
    assert len(docs[0]["matches"]) == 3
    assert docs[1]["query"]["side"] == "left"
    single = json.loads(run("match", "-a", "hip", "-a", "buttock", "--limit", "3", "--json").stdout)
    # match --json also offers next-best questions; a batch line offers them only when asked.
    assert docs[0]["questions"] == []
    assert {k: v for k, v in docs[0].items() if k not in ("line", "questions")} == {
        k: v for k, v in single.items() if k != "questions"
    }


def test_bad_lines_are_reported_in_place(run, tmp_path):
    source = tmp_path / "queries.jsonl"
    source.write_text(
        '{"areas": ["hip"]}\n'
        "\n"
        "not json\n"
        '{"areas": ["nowhere-at-all"]}\n'
        '{"areas": []}\n'
        '{"areas": ["hip"], "colour": "red"}\n'
        '["hip"]\n'
        '{"areas": ["calf"], "limit": 0}\n'
        '{"areas": ["chest", "left arm"]}\n'
    )
    result = run("match", "--batch", str(source))
    assert result.exit_code == 2
    docs = lines_of(result)
    assert [d["line"] for d in docs] == [1, 3, 4, 5, 6, 7, 8, 9]
    errors = {d["line"]: d["error"] for d in docs if "error" in d}
    assert set(errors) == {3, 4, 5, 6, 7, 8}
    assert "JSON" in errors[3] and "nowhere-at-all" in errors[4] and "colour" in errors[6]
    assert all(d["schema_version"] == SCHEMA_VERSION for d in docs)
    assert docs[-1]["warnings"][0]["urgency"] == "emergency"  # red flags apply per line
    assert "6 bad lines" in result.stderr


def test_batch_refuses_query_options_and_missing_files(run):
    mixed = run("match", "--batch", "-", "--area", "hip", input="")
    assert mixed.exit_code == 2 and "--batch" in mixed.stderr and mixed.stdout == ""
    missing = run("match", "--batch", "/no/such/file.jsonl")
    assert missing.exit_code == 2 and "cannot read" in missing.stderr and missing.stdout == ""


def test_non_utf8_line(run):
    from typer.testing import CliRunner

    from painmap.cli import app

    result = CliRunner().invoke(
        app, ["match", "--batch", "-"], input=b'\xff\xfe{"areas"\n{"areas":["hip"]}\n'
    )
    assert result.exit_code == 2
    docs = lines_of(result)
    assert "UTF-8" in docs[0]["error"] and docs[1]["matches"]


def test_a_long_batch_uses_workers_and_keeps_order():
    from painmap.batch import CHUNK, batch_json_lines

    areas = ["hip", "calf", "temple", "nowhere-at-all", "outer elbow", "heel"]
    lines = [json.dumps({"areas": [areas[i % len(areas)]], "limit": 2}) for i in range(2 * CHUNK + 37)]
    lines[5] = "not json"
    parallel = list(batch_json_lines(lines, workers=2))
    serial = list(batch_json_lines(lines, workers=1))
    assert parallel == serial
    docs = [json.loads(text) for text, _ in parallel]
    assert [d["line"] for d in docs] == list(range(1, len(lines) + 1))
    assert sum(bad for _, bad in parallel) == len([i for i in range(len(lines)) if i % 6 == 3 or i == 5])


def test_a_waiting_client_gets_each_answer_before_it_closes_the_pipe():
    """A co-process: write one line, wait for its answer, write the next. The pipe stays open, so
    an answer that waits for more input (or for the end) would never come: the guard below turns
    that hang into a failure instead of a stuck suite."""
    import os
    import select
    import subprocess
    import sys

    proc = subprocess.Popen(
        [sys.executable, "-m", "painmap", "match", "--batch", "-"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONUNBUFFERED": ""},
    )
    try:
        answers = []
        for query in ({"areas": ["hip"], "limit": 2}, "not json", {"areas": ["calf"], "limit": 1}):
            line = query if isinstance(query, str) else json.dumps(query)
            proc.stdin.write(line.encode() + b"\n")
            proc.stdin.flush()
            ready, _, _ = select.select([proc.stdout], [], [], 120)
            assert ready, f"no answer to {line!r} while the pipe stays open"
            answers.append(json.loads(proc.stdout.readline()))
        proc.stdin.close()
        assert proc.wait(timeout=120) == 2  # one bad line, reported in place
    finally:
        proc.kill()
        proc.wait()
    assert [a["line"] for a in answers] == [1, 2, 3]
    assert len(answers[0]["matches"]) == 2 and "error" in answers[1] and len(answers[2]["matches"]) == 1


def test_arrivals_keep_lines_and_limits():
    """Lines split across reads, a line over the limit and a last line without a newline."""
    import io

    from painmap.batch import TOO_LONG, read_arrivals

    class Trickle(io.RawIOBase):  # hands out a few bytes per read, as a slow pipe does
        def __init__(self, data: bytes) -> None:
            self.data = data

        def readable(self) -> bool:
            return True

        def readinto(self, buffer) -> int:
            chunk, self.data = self.data[:7], self.data[7:]
            buffer[: len(chunk)] = chunk
            return len(chunk)

    data = b'{"areas":["hip"]}\n' + b"x" * 40 + b"\n\n" + b'{"areas":["calf"]}'
    for stream in (io.BytesIO(data), Trickle(data)):
        lines = [line for group in read_arrivals(stream, limit=30) for line in group]
        assert lines == [b'{"areas":["hip"]}\n', TOO_LONG, b"\n", b'{"areas":["calf"]}']


def test_a_pool_that_broke_before_a_group_was_handed_out_cuts_the_run_short(monkeypatch):
    # A worker can die between two groups of lines: the next submit fails, not a result.
    from concurrent.futures.process import BrokenProcessPool

    import pytest

    from painmap import batch
    from painmap.errors import BatchCutShort

    class Broken:
        def submit(self, *args):
            raise BrokenProcessPool("a worker died")

        def shutdown(self, *args, **kwargs):
            pass

    monkeypatch.setattr(batch, "_start_pool", lambda workers: Broken())
    monkeypatch.setattr(batch, "_can_fork", lambda: True)
    group = ['{"areas": ["hip"]}'] * (2 * batch.CHUNK)
    with pytest.raises(BatchCutShort) as caught:
        list(batch.answer_arrivals([["{}"], group], workers=2))
    assert caught.value.first_unanswered == 2  # the first line of the group never handed out
