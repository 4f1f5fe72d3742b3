"""No input ever breaks painmap: exit 0, 1 or 2, no traceback, stdout empty or JSON."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

import painmap
from painmap.cli import app

TEXT = st.one_of(
    st.text(max_size=40),
    st.text(alphabet=st.characters(categories=("Cc", "Cs", "So", "Po", "Zs")), max_size=20),
    st.sampled_from(["hip", "left hip", "-x", "--json", "", " ", "🙂", "side of thigh", "ﬁnger", "\x00"]),
    st.sampled_from(["ab -" * 2_500, "hip " * 2_500, "x" * 10_000]),  # 10,000 characters
    st.from_regex(r"-{1,2}[a-z]{0,8}", fullmatch=True),
)
SETTINGS = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _check(result) -> None:
    assert result.exit_code in (0, 1, 2), (result.exit_code, result.exception)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.stderr
    if result.stdout.strip():
        json.loads(result.stdout)


@SETTINGS
@given(
    areas=st.lists(TEXT, min_size=0, max_size=3),
    symptoms=st.lists(TEXT, max_size=2),
    activities=st.lists(TEXT, max_size=2),
    limit=st.one_of(st.none(), st.integers(-5, 10**6).map(str), TEXT),
    side=st.one_of(st.none(), st.sampled_from(["left", "right", "LEFT"]), TEXT),
)
def test_match_never_breaks(areas, symptoms, activities, limit, side):
    args = ["match", "--json"]
    for flag, values in (("--area", areas), ("--symptom", symptoms), ("--activity", activities)):
        for value in values:
            args += [flag, value]
    if limit is not None:
        args += ["--limit", limit]
    if side is not None:
        args += ["--side", side]
    _check(CliRunner().invoke(app, args))


@SETTINGS
@given(name=TEXT)
def test_show_never_breaks(name):
    _check(CliRunner().invoke(app, ["show", "--json", "--", name]))  # "--": a name may start with "-"


@SETTINGS
@given(lines=st.lists(st.binary(max_size=80), max_size=6))
def test_batch_never_breaks(lines):
    result = CliRunner().invoke(app, ["match", "--batch", "-"], input=b"\n".join(lines))
    assert result.exit_code in (0, 2)
    assert result.exception is None or isinstance(result.exception, SystemExit)
    for line in result.stdout.splitlines():
        assert "line" in json.loads(line)


@SETTINGS
@given(areas=st.lists(TEXT, max_size=3), symptoms=st.lists(TEXT, max_size=2), side=st.one_of(st.none(), TEXT))
def test_api_raises_only_its_own_errors(areas, symptoms, side):
    try:
        result = painmap.match(areas, symptoms=symptoms, side=side)
    except painmap.PainmapError:
        return
    assert all(0 <= m.score <= 1 for m in result.matches)
