"""The evaluation suite: its case file is well formed and split by source, and ranking on the dev half
does not fall below its floors. The test half is never floored here, so nobody tunes against it."""

from __future__ import annotations

import importlib.util
import sys
from collections import defaultdict
from pathlib import Path

import pytest

import painmap

BENCH = Path(__file__).resolve().parents[1] / "benchmarks"
IDS = Path(__file__).resolve().parents[2] / "muscle-ids.txt"
# Dev half when set (327 cases, atlas scorer): top-1 0.681, top-3 0.922, MRR 0.802, one-muscle top-1 0.639.
# Lowered from the 266-case floors because the new sourced cases are harder, not because ranking changed.
# Dev half now (312 cases): top-1 0.673, top-3 0.878, MRR 0.785, one-muscle top-1 0.629.
FLOORS = {"top1": 0.65, "top3": 0.86, "mrr": 0.77, "single_top1": 0.61}
# 501 sourced cases exist; keep at least 480.
MIN_CASES = 480
NEW_FAMILIES = {"pain-guide", "muscle-page", "research", "patient-story"}


def _eval_module():
    spec = importlib.util.spec_from_file_location("painmap_eval", BENCH / "eval.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while being defined
    spec.loader.exec_module(module)
    return module


EVAL = _eval_module()
CASES = EVAL.load_cases()


def test_suite_is_broad():
    assert len(CASES) >= MIN_CASES
    assert len({c["id"] for c in CASES}) == len(CASES)
    new = [c for c in CASES if c["family"] != "v0.1-own"]
    assert len({c["family"] for c in new}) >= 3
    assert sum(len(c["expected"]) == 1 for c in new) >= 80
    assert sum(bool(c.get("sentence")) for c in CASES) >= 60


def test_every_case_names_its_source():
    for case in CASES:
        assert case["areas"] and case["expected"], case["id"]
        assert case["family"] and case["source"], case["id"]
        assert case["split"] in ("dev", "test"), case["id"]
        if case["family"] != "v0.1-own":
            assert case["family"] in NEW_FAMILIES, case["id"]
            assert case["quote"] and len(case["quote"].split()) <= 30, case["id"]


def test_every_expected_muscle_exists(ds):
    pending = set()
    if IDS.exists():  # ids being added in parallel may not be in this dataset yet
        pending = {
            line.split("|")[0].strip()
            for line in IDS.read_text().splitlines()
            if "(new, being added)" in line
        }
    for case in CASES:
        unknown = set(case["expected"]) - set(ds.muscles) - pending
        assert not unknown, (case["id"], unknown)


def test_every_source_lies_in_one_split():
    splits = defaultdict(set)
    for case in CASES:
        splits[("source", case["source"])].add(case["split"])
        if "site" in case:
            splits[("site", case["site"])].add(case["split"])
            assert case["split"] == EVAL.split_of(case["site"]), case["id"]
    assert all(len(s) == 1 for s in splits.values()), {k: v for k, v in splits.items() if len(v) > 1}
    new = [c for c in CASES if c["family"] != "v0.1-own"]
    test_share = sum(c["split"] == "test" for c in new) / len(new)
    assert 0.35 <= test_share <= 0.65


def test_dev_ranking_meets_its_floors():
    report = EVAL.evaluate(EVAL.select(CASES, "dev"))
    figures = {name: getattr(report, name) for name in FLOORS}
    assert all(figures[name] >= floor for name, floor in FLOORS.items()), (figures, report.misses)


def test_cases_resolve():
    """Every development case resolves; a test case that does not is a miss the figures count, and
    is not fixed by looking at it (at most 1 % of them)."""
    failed = []
    for case in CASES:
        try:
            texts = {"symptoms": case.get("symptoms", ()), "activities": case.get("activities", ())}
            painmap.match(case["areas"], **texts)
        except painmap.PainmapError:
            failed.append(case)
    assert not [c["id"] for c in failed if c["split"] == "dev"]
    assert len(failed) <= 0.01 * sum(c["split"] == "test" for c in CASES)


@pytest.mark.skipif(not EVAL.sentence_supported(), reason="this painmap has no sentence mode yet")
def test_sentence_mode_answers_without_error():
    report = EVAL.evaluate_sentences(CASES)
    assert report.cases >= 60
    assert not [m for m in report.ranking.misses if ": error:" in m]


def test_the_blind_sentences_are_well_formed_split_by_source_and_read_on_the_dev_half():
    spec = importlib.util.spec_from_file_location("painmap_sentences_eval", BENCH / "sentences_eval.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    cases = __import__("json").loads((BENCH / "sentence_cases.json").read_text())
    assert len(cases) >= 150 and len({c["id"] for c in cases}) == len(cases)
    halves = defaultdict(set)
    for case in cases:
        assert case["split"] in ("dev", "test") and case["regions"] and case["url"]
        assert len(case["quote"].split()) <= 30
        halves[case["url"]].add(case["split"])
    assert all(len(s) == 1 for s in halves.values())  # no page's wording in both halves
    # a floor on the dev half only (0.85 read exactly, 0.069 not meant, when set)
    figures = module.evaluate([c for c in cases if c["split"] == "dev"])
    assert figures["every region found"] >= 0.93 and figures["places not meant"] <= 0.09
