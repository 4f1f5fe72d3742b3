"""The guided interview: next-best questions, answers by id, batch answers, and the guided mode."""

from __future__ import annotations

import json
import os
import sys
from dataclasses import replace

import pytest

import painmap
from painmap.interview import (
    _candidates,
    _now,
    _posterior,
    _slugs,
    clinician_only,
    next_questions,
    self_check,
    slug,
)
from painmap.scoring import evidence, muscle_weight


def _doc(run, *args):
    result = run("match", *args, "--json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_match_json_offers_questions_with_stable_ids(run):
    doc = _doc(run, "-a", "knee")
    questions = doc["questions"]
    assert 1 <= len(questions) <= 5
    assert [q["gain"] for q in questions] == sorted((q["gain"] for q in questions), reverse=True)
    for q in questions:
        kind, _, rest = q["id"].partition(":")
        assert kind == q["kind"] and q["text"].endswith("?")
        if kind == "area":
            assert q["place"] == rest and q["muscle"] is None
        if kind == "check":
            assert q["muscle"] == rest
    assert [q["id"] for q in _doc(run, "-a", "knee")["questions"]] == [q["id"] for q in questions]


@pytest.mark.parametrize("areas", [["neck"], ["hip"], ["knee"], ["lower back", "buttock"], ["shoulder"]])
def test_no_question_asks_about_a_place_already_marked_in_part(areas):
    """Asked about a place that shares cells with one marked, a person says yes for the part that
    already hurts: a question that tells nothing new."""
    ds = painmap.load_dataset()
    result = painmap.match(areas, questions=5)
    marked = [ds.places[a.id].mask for a in result.query.areas]
    asked = [q.place for q in result.questions if q.kind == "area"]
    assert asked
    assert not [p for p in asked if any(ds.places[p].mask & m for m in marked)]


def test_yes_to_a_place_marks_it_and_no_counts_against(run):
    base = _doc(run, "-a", "knee")
    area = next(q for q in base["questions"] if q["kind"] == "area")
    place = area["place"]
    ds = painmap.load_dataset()
    covers = {
        m: bool((ds.patterns[m].essential | ds.patterns[m].spillover) & ds.places[place].mask)
        for m in (x["id"] for x in base["matches"])
    }
    said_yes = _doc(run, "-a", "knee", "--yes", area["id"])
    said_no = _doc(run, "-a", "knee", "--no", area["id"])
    assert place in [a["id"] for a in said_yes["query"]["areas"]]
    assert said_yes["query"]["answers"] == [
        {"id": area["id"], "kind": "area", "answer": "yes", "about": ds.places[place].name}
    ]
    assert said_no["query"]["answers"][0]["answer"] == "no"
    yes_scores = {m["id"]: m["score"] for m in said_yes["matches"]}
    no_scores = {m["id"]: m["score"] for m in said_no["matches"]}
    # a pattern reaching the place gains share on "yes" over "no"; one that misses it loses share
    for muscle, covered in covers.items():
        if muscle in yes_scores and muscle in no_scores:
            assert (yes_scores[muscle] > no_scores[muscle]) == covered, muscle
    assert area["id"] not in [q["id"] for q in said_yes["questions"]]


def test_check_answer_moves_its_muscle(run):
    base = _doc(run, "-a", "right hip")
    second = base["matches"][1]["id"]
    confirmed = _doc(run, "-a", "right hip", "--yes", f"check:{second}")
    assert confirmed["matches"][0]["id"] == second
    top = base["matches"][0]["id"]
    denied = _doc(run, "-a", "right hip", "--no", f"check:{top}")
    assert denied["matches"][0]["id"] != top


def test_symptom_answers(run):
    ds = painmap.load_dataset()
    muscle = ds.muscles["gluteus-medius"]
    ident = f"symptom:{slug(muscle.symptoms[0])}"
    yes = _doc(run, "-a", "right hip", "--yes", ident)
    no = _doc(run, "-a", "right hip", "--no", ident)
    assert muscle.symptoms[0] in yes["query"]["symptoms"]
    share = lambda d: next((m["score"] for m in d["matches"] if m["id"] == muscle.id), 0.0)  # noqa: E731
    assert share(yes) > share(no)


@pytest.mark.parametrize(
    "args",
    [
        ("--yes", "area:no-such-place"),
        ("--yes", "nonsense"),
        ("--yes", "check:nobody"),
        ("--yes", "area:calf", "--no", "area:calf"),
    ],
)
def test_bad_answers_are_usage_errors(run, args):
    result = run("match", "-a", "knee", *args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith("painmap: error:") and len(result.stderr.splitlines()) == 1


def test_fast_posterior_is_the_scorers(ds):
    """The shortcut that adds one answer's term gives what a full rescoring gives."""
    result = painmap.match(["right hip"])
    query = result.query
    ids = [m.id for m in painmap.match(["right hip"], limit=15).matches]
    now = _now(query, evidence(query, ds, ids), ids, ds)
    checked = 0
    for cand in _candidates(query, ids, ds)[:40]:
        for answer in ("yes", "no"):
            fast = _posterior(query, now, cand, answer, ds)
            full = painmap.match(["right hip"], limit=15, **{answer: [cand.id]}).query
            ev = evidence(full, ds, ids)
            slow = [muscle_weight(m, ev, ds)[0] for m in ids]
            assert fast == pytest.approx(slow, rel=1e-9), (cand.id, answer)
            checked += 1
    assert checked >= 20


def test_questions_avoid_what_is_answered(ds):
    query = painmap.match(["knee"]).query
    first = next_questions(query, ds)[0]
    answered = painmap.match(["knee"], yes=[first.id]).query
    assert first.id not in [q.id for q in next_questions(answered, ds)]
    assert next_questions(replace(query, areas=()), ds) == ()  # nothing to go on: nothing to ask


def test_batch_lines_take_answers(run):
    lines = [
        {"areas": ["knee"], "yes": ["area:calf"], "no": ["area:sit-bone"]},
        {"areas": ["knee"], "questions": 3},
        {"areas": ["knee"], "yes": "area:calf"},
        {"areas": ["knee"], "yes": ["area:nowhere"]},
    ]
    result = run("match", "--batch", "-", input="\n".join(json.dumps(x) for x in lines) + "\n")
    docs = [json.loads(line) for line in result.stdout.splitlines()]
    assert [a["id"] for a in docs[0]["query"]["answers"]] == ["area:calf", "area:sit-bone"]
    single = _doc(run, "-a", "knee", "--yes", "area:calf", "--no", "area:sit-bone")
    assert [m["id"] for m in docs[0]["matches"]] == [m["id"] for m in single["matches"]]
    assert 1 <= len(docs[1]["questions"]) <= 3
    assert "error" in docs[2] and "yes" in docs[2]["error"]
    assert "error" in docs[3] and "area:nowhere" in docs[3]["error"]


# --- the guided mode through a pseudo-terminal ----------------------------------------------------

pexpect = pytest.importorskip("pexpect", reason="pexpect drives the guided mode through a pseudo-terminal")
SCRIPT = [sys.executable, "-c", "from painmap.cli import main; main()"]


def _spawn(*args: str):
    env = {**os.environ, "TERM": "xterm", "COLUMNS": "120", "LINES": "40"}
    child = pexpect.spawn(
        SCRIPT[0], [*SCRIPT[1:], *args], env=env, encoding="utf-8", timeout=60, dimensions=(40, 120)
    )
    return child


DOWN, ENTER = "\x1b[B", "\r"


def test_guided_mode_end_to_end(tmp_path):
    child = _spawn()  # no arguments on a terminal: the guided mode
    child.expect("Where does it hurt")
    child.send(ENTER)  # type it in my own words
    child.expect("what makes it worse")
    child.send("my right hip hurts when I lie on it" + ENTER)
    child.expect("Understood: right hip")
    child.expect("Where exactly in the hip")  # which part of a broad place: picked, not asked yes/no
    child.send(DOWN + ENTER)  # the first part listed: the side of the hip
    for _ in range(5):
        index = child.expect([r"\?", "Muscles whose trigger points"])
        if index == 1:
            break
        child.send(DOWN + ENTER)  # "No"
    child.expect("Muscles whose trigger points may cause pain at: right side of the hip")
    child.expect("Self-check")
    child.expect(r"Save a picture")
    child.send("y")
    child.expect("File name")
    target = tmp_path / "pain.svg"
    child.send("\x15" * 3)  # clear the suggested name
    child.sendline(str(target))
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert "<svg" in target.read_text()


def test_ctrl_c_leaves_cleanly():
    child = _spawn("guide")
    child.expect("Where does it hurt")
    child.sendintr()
    child.expect(pexpect.EOF)
    out = child.before
    child.close()
    assert child.exitstatus == 130
    assert "Traceback" not in out
    assert out.strip().splitlines()[-1].strip() == "painmap: stopped"


def test_no_terminal_prints_help():
    import subprocess

    done = subprocess.run(SCRIPT, capture_output=True, text=True, stdin=subprocess.DEVNULL)
    assert done.returncode == 0
    assert "Usage" in done.stdout and "guide" in done.stdout


def test_slugs_in_one_pass_are_each_slug(ds):
    texts = [t for m in ds.muscles.values() for t in (*m.symptoms, *m.activities, *m.conditions)]
    texts += ["", "--", " Ça va? ", "ΣΑΣ end", "two\nlines", "a\n", "İstanbul", "x_y-z  Q"]
    assert _slugs(texts) == [slug(t) for t in texts]
    assert _slugs(texts[:-8]) == [slug(t) for t in texts[:-8]]
    plain = ["", "--", "-a-", "a---b", "Tab\tX", "x_y-z  Q", "(Pain) at night!", "  ", "K\u212a"]
    assert _slugs(plain) == [slug(t) for t in plain]
    assert _slugs([]) == []


def test_the_guided_mode_shows_a_tie_as_a_tie(capsys):
    from painmap.guide import _results

    result = painmap.match(["back of the thigh"], limit=10)
    tied = [m for m in result.matches[:5] if m.tied]  # the two inner hamstrings share a pattern there
    assert tied
    _results(result)
    out = capsys.readouterr().out
    assert f"={tied[0].rank}. {tied[0].name}" in out


class _Picks:
    """Stands in for the prompts: answers each choice with the next label given."""

    def __init__(self, *labels: str) -> None:
        self.labels = list(labels)
        self.asked: list[str] = []

    def choose(self, message, choices):
        self.asked.append(message)
        label = self.labels.pop(0)
        assert label in choices
        return label


def test_a_broad_place_typed_is_narrowed_to_the_part_picked():
    from painmap.guide import WHOLE, _which_part

    found = painmap.match(text="both my knees hurt going down stairs")
    ask = _Picks("Inner knee")
    assert _which_part(ask, found) == ["left Inner knee", "right Inner knee"]
    assert ask.asked == ["Where exactly in the knee?"]  # once for both knees
    assert _which_part(_Picks(WHOLE), found) is None  # the words are used as they were read
    assert _which_part(_Picks(), painmap.match(["kneecap"])) is None  # nothing finer to pick


class _Typed(_Picks):
    """Types `words` where asked, and picks the given labels."""

    def __init__(self, words: str, *labels: str) -> None:
        super().__init__(*labels)
        self.words = words

    def text(self, message, default=""):
        return self.words


def test_a_warning_the_typed_words_set_off_comes_before_any_further_question(capsys):
    from painmap.guide import _where

    shown: set[str] = set()
    words = "my dad is 84, since this afternoon he is sweaty, muddled and hot, and his lower back hurts"
    ask = _Typed(words, "Type it in my own words")
    assert _where(ask, shown) == {"text": words}
    out = capsys.readouterr().out
    assert "!! EMERGENCY" in out and shown  # shown once, not again after the questions
    assert ask.asked == ["Where does it hurt?"]  # no "Where exactly in the lower back?" first


def test_no_self_check_is_asked_for_a_muscle_only_a_clinician_can_reach(ds):
    from painmap.interview import clinician_only

    internal = [m for m in ds.muscles if clinician_only(m, ds)]
    assert {"levator-ani", "obturator-internus"} <= set(internal)
    for places in (["tailbone"], ["perineum"], ["inside the pelvis"]):
        result = painmap.match(places, questions=5, limit=10)
        assert any(m.id in internal for m in result.matches[:5])  # they lead here, yet ...
        assert not [q for q in result.questions if q.kind == "check" and q.muscle in internal]
    text = self_check("levator-ani", ds)
    assert "press firmly" not in text and "trained clinician" in text


def test_a_self_check_for_a_deep_point_says_how_to_reach_it(ds):
    # a record that says its point cannot be pressed directly gives the way in with the spot
    deep = [
        m
        for m, muscle in ds.muscles.items()
        if "cannot be pressed directly" in muscle.trigger_points[0].where and not clinician_only(m, ds)
    ]
    assert deep
    for m in deep:
        text = self_check(m, ds)
        assert "reached" in text and "press firmly" in text
    # one a record says only a clinician reaches is not for pressing at home
    neck = [m for m, muscle in ds.muscles.items() if "only by a clinician" in muscle.trigger_points[0].where]
    assert neck and all("press firmly" not in self_check(m, ds) for m in neck)
