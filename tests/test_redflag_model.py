"""Red-flag signs together: the learned model beside the rules (redflags.signs_together)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import painmap
import painmap.redflags as rf
from painmap.api import red_flag_words
from painmap.models import Urgency

ROOT = Path(__file__).resolve().parents[1]
ORDER = {"emergency": 0, "urgent": 1, "soon": 2}

# our own words: several signs that no single rule here names, and presentations rules name already
SEVERAL_SIGNS = "my dad is 84 and since this afternoon he's sweaty, muddled and his back aches"
RULED = [
    "crushing chest pain spreading to my left arm and I'm sweating",
    "for two weeks my knee has been swollen and hot and now I feel feverish and unwell",
    "since yesterday my tummy hurts low on the right and I have a temperature and feel sick",
]
QUIET = [
    "no fever, not confused, no sweating, I feel fine, just a sore knee after football",
    "stiff thighs the day after squats",
    "my shoulder aches after painting the ceiling all weekend",
]


def _found(text: str):
    return rf.read_findings(**red_flag_words(text))


def test_the_shipped_model_is_what_the_development_cases_fit():
    """Refit it with `python benchmarks/redflag_model.py` after changing the cases or the features."""
    done = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "redflag_model.py"), "--check"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_several_signs_no_rule_names_are_warned_and_named():
    warnings = painmap.red_flags(text=SEVERAL_SIGNS)
    together = [w for w in warnings if w.id == rf.TOGETHER_ID]
    assert len(together) == 1
    (warning,) = together
    assert warning.urgency in (Urgency.EMERGENCY, Urgency.URGENT)
    assert "confusion or drowsiness" in warning.why  # the signs by their names, not their ids
    said = SEVERAL_SIGNS.lower().replace("'", "")
    assert all(w in said or w == "age 84" for w in warning.matched) and "muddled" in warning.matched
    # more urgent than any rule's own warning, or it would not be there
    others = [ORDER[w.urgency.value] for w in warnings if w.id != rf.TOGETHER_ID]
    assert all(ORDER[warning.urgency.value] < o for o in others)


@pytest.mark.parametrize("text", RULED)
def test_no_signs_together_warning_when_a_rule_warns_as_urgently(text):
    warnings = painmap.red_flags(text=text)
    assert warnings and rf.TOGETHER_ID not in {w.id for w in warnings}


@pytest.mark.parametrize("text", QUIET)
def test_ordinary_and_denied_signs_are_quiet(text):
    assert painmap.red_flags(text=text) == ()
    chance, _ = rf.together_chance(_found(text))
    assert chance < 0.5


def test_only_what_is_said_now_is_weighed():
    """Denied or past signs are not the model's inputs: it reads the same findings as the rules."""
    now = rf.model_features(_found("he is sweaty, muddled and hot"))
    denied = rf.model_features(_found("he is not sweaty, not muddled and not hot"))
    assert {"f:sweating", "f:confusion"} <= now
    assert not {"f:sweating", "f:confusion"} & denied
    assert (
        rf.together_chance(_found("he is not sweaty, not muddled and not hot"))[0]
        < rf.together_chance(_found("he is sweaty, muddled and hot"))[0]
    )


@pytest.mark.parametrize("content", [b"{broken", b'{"models": {}}', b"[]", b'{"models": {"danger": 3}}'])
def test_a_missing_or_broken_model_only_leaves_the_rules(tmp_path, monkeypatch, content):
    bad = tmp_path / "redflag_model.json"
    bad.write_bytes(content)
    monkeypatch.setattr(rf, "MODEL_FILE", bad)
    monkeypatch.setattr(rf, "_MODEL", [])
    assert rf.TOGETHER_ID not in {w.id for w in painmap.red_flags(text=SEVERAL_SIGNS)}
    assert rf.together_chance(_found(SEVERAL_SIGNS)) == (0.0, [])
