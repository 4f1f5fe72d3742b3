"""The red-flag case file is well formed and split by source, and its evaluation script runs."""

from __future__ import annotations

import importlib.util
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

import pytest

import painmap

BENCH = Path(__file__).resolve().parents[1] / "benchmarks"
KINDS = {"danger", "ordinary", "negated"}
URGENCIES = {"emergency", "urgent", "soon"}
# The brief's list: every one must be present, with at least six danger presentations.
REQUIRED_CONDITIONS = {
    "heart-attack", "aortic-dissection", "abdominal-aortic-aneurysm", "pulmonary-embolism", "dvt",
    "stroke", "tia", "subarachnoid-haemorrhage", "meningitis", "giant-cell-arteritis",
    "acute-glaucoma", "cervical-artery-dissection", "cauda-equina", "spinal-cord-compression",
    "cervical-myelopathy", "spinal-infection", "spinal-cancer", "vertebral-fracture", "hip-fracture",
    "septic-arthritis", "compartment-syndrome", "acute-limb-ischaemia", "appendicitis",
    "ectopic-pregnancy", "testicular-torsion", "kidney-infection", "infected-kidney-stone",
    "shingles", "child-pain", "cancer-bone-pain", "pancreatitis", "bowel-obstruction",
    "pneumothorax", "sepsis",
}  # fmt: skip


def _eval_module():
    spec = importlib.util.spec_from_file_location("painmap_redflags_eval", BENCH / "redflags_eval.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while being defined
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def cases() -> list[dict]:
    return json.loads((BENCH / "redflag_cases.json").read_text())


def test_counts_per_kind(cases):
    kinds = Counter(c["kind"] for c in cases)
    assert set(kinds) == KINDS
    assert kinds["danger"] >= 300
    assert kinds["ordinary"] >= 200
    assert kinds["negated"] >= 50


def test_every_case_is_complete(cases):
    for case in cases:
        assert case["text"].strip() and case["source"].strip(), case["id"]
        assert case["url"].startswith(("http://", "https://")), case["id"]
        assert case["split"] in {"dev", "test"}, case["id"]
        assert isinstance(case.get("areas", []), list), case["id"]
        if case["kind"] == "danger":
            assert case["urgency"] in URGENCIES and case["condition"], case["id"]
        else:
            assert "urgency" not in case, case["id"]


def test_ids_are_unique(cases):
    ids = [c["id"] for c in cases]
    assert len(ids) == len(set(ids)), [i for i, n in Counter(ids).items() if n > 1]


def test_quotes_are_short(cases):
    for case in cases:
        words = case["quote"].split()
        assert 0 < len(words) <= 30, (case["id"], len(words))


def test_required_conditions_have_enough_danger_cases(cases):
    danger = Counter(c["condition"] for c in cases if c["kind"] == "danger")
    thin = {c: danger[c] for c in REQUIRED_CONDITIONS if danger[c] < 6}
    assert not thin, thin


def test_every_danger_condition_is_in_both_halves(cases):
    halves: dict[str, set[str]] = defaultdict(set)
    for case in cases:
        if case["kind"] == "danger":
            halves[case["condition"]].add(case["split"])
    assert all(h == {"dev", "test"} for h in halves.values()), {
        c: h for c, h in halves.items() if h != {"dev", "test"}
    }


def test_each_source_is_wholly_in_one_split(cases):
    splits: dict[str, set[str]] = defaultdict(set)
    titles: dict[str, set[str]] = defaultdict(set)
    for case in cases:
        splits[case["url"]].add(case["split"])
        titles[case["url"]].add(case["source"])
    assert all(len(s) == 1 for s in splits.values())
    assert all(len(t) == 1 for t in titles.values())  # one title per page, so "source" means one thing


def test_splits_follow_the_documented_rule(cases):
    rule = _eval_module().assign_splits(cases)
    assert {c["id"]: c["split"] for c in cases} == {c["id"]: rule[c["url"]] for c in cases}


def test_halves_are_about_even(cases):
    per_split = Counter(c["split"] for c in cases)
    assert min(per_split.values()) / max(per_split.values()) > 0.8, per_split


def test_every_place_phrase_is_understood(cases):
    # A phrase painmap cannot read would turn the case into an error, not a test of the warnings.
    for phrase in sorted({a for c in cases for a in c.get("areas", [])}):
        painmap.match([phrase])


def test_eval_runs_on_a_few_cases(cases):
    module = _eval_module()
    sample = [next(c for c in cases if c["kind"] == k) for k in sorted(KINDS)]
    report = module.evaluate(sample, split="sample")
    assert report.danger + report.ordinary + report.negated == len(sample)
    assert 0.0 <= report.sensitivity <= 1.0
    figures = report.to_json()
    assert set(figures["per_condition"]) == {c["condition"] for c in sample if c["kind"] == "danger"}


def test_eval_command_line_prints_both_halves_as_json(tmp_path, capsys, cases):
    module = _eval_module()
    small = [c for c in cases if c["kind"] == "danger"][:3] + [c for c in cases if c["kind"] != "danger"][:3]
    path = tmp_path / "cases.json"
    path.write_text(json.dumps(small))
    assert module.main(["--cases", str(path), "--json", "--misses"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert [r["split"] for r in out] == ["dev", "test"]
    assert sum(r["danger"] + r["ordinary"] + r["negated"] for r in out) == len(small)


def test_eval_command_line_reports_an_unreadable_file(tmp_path, capsys):
    missing = tmp_path / "nope.json"
    assert _eval_module().main(["--cases", str(missing)]) == 1
    captured = capsys.readouterr()
    assert captured.out == "" and "cannot read cases" in captured.err


@pytest.mark.parametrize("path", sorted(BENCH.glob("redflag_cases_extra*.json")), ids=lambda p: p.name)
def test_every_extra_development_set_is_well_formed(path):
    cases = json.loads(path.read_text())
    assert cases and len({c["id"] for c in cases}) == len(cases)
    for case in cases:
        assert case["split"] == "dev", case["id"]
        assert case["kind"] in KINDS and case["text"].strip() and case["url"].startswith("http"), case["id"]
        assert len(case["quote"].split()) <= 30, case["id"]
        if case["kind"] == "danger":
            assert case["condition"] in REQUIRED_CONDITIONS and case["urgency"] in URGENCIES, case["id"]


def test_the_lay_vocabulary_is_well_formed_and_mostly_understood():
    """An independent vocabulary (benchmarks/vocab_eval.py): every row names a feature of the file
    and its page; most "says" phrases read as their feature, most look-alikes do not."""
    import importlib.util

    from painmap.api import load_dataset

    rows = json.loads((BENCH / "lay_vocabulary.json").read_text())
    features = {f.id for f in load_dataset().redflag_file.features}
    for row in rows:
        assert row["feature"] in features and row["kind"] in ("says", "looks-like"), row
        assert row["url"].startswith("http") and len(row["quote"].split()) <= 25, row
        assert 2 <= len(row["phrase"].split()) <= 10, row
    spec = importlib.util.spec_from_file_location("vocab_eval", BENCH / "vocab_eval.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    report = module.evaluate(rows)
    assert report["read"] >= 0.70 and report["passed"] >= 0.78, report
