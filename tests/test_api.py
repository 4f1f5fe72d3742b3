"""The Python API, used without the CLI."""

from __future__ import annotations

import pytest

import painmap
from painmap.models import MatchResult, Muscle


def test_match_returns_the_result_model():
    result = painmap.match(
        ["lower back", "side of thigh"], symptoms=["lying on my side"], side="left", limit=5
    )
    assert isinstance(result, MatchResult)
    assert len(result.matches) == 5 and result.query.side == "left"
    assert result.matches[0].reasons


def test_match_accepts_a_single_string():
    assert painmap.match("hip").query.areas[0].id == "hip"


def test_show_muscles_areas():
    gm = painmap.show("glute med")
    assert isinstance(gm, Muscle) and gm.id == "gluteus-medius"
    assert len(painmap.muscles()) >= 120
    assert all(m.region == "thigh" for m in painmap.muscles("thigh"))
    assert any(a.id == "side-of-thigh" for a in painmap.areas())


def test_errors_are_exported():
    with pytest.raises(painmap.UnknownArea):
        painmap.match(["nowhere-at-all"])
    with pytest.raises(painmap.UnknownMuscle):
        painmap.show("nosuchmuscle")
    with pytest.raises(painmap.AmbiguousMuscle):
        painmap.show("hamstrings")
    with pytest.raises(painmap.UsageError):
        painmap.match(["hip"], limit=0)
    with pytest.raises(painmap.UsageError):
        painmap.match([])
    assert issubclass(painmap.UnknownArea, painmap.PainmapError)


def test_version():
    assert painmap.__version__


def test_the_version_is_the_package_metadata_version():
    from importlib.metadata import version

    assert painmap.__version__ == version("painmap")
