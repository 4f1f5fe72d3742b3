"""Simulated patients for the guided interview: run from the repository top, `python benchmarks/interview.py`.

Two kinds of patient, each asked the best question painmap offers, then the best after that answer,
and so on (the same path as `painmap match --json --yes ID --no ID`):
- muscle patients: for each muscle, a person whose pain is that muscle's pattern on the right side.
  They start from the named place most inside its essential zone and answer truthfully from the
  pattern: a place hurts when it meets the essential cells; a symptom or activity is theirs when the
  muscle's record lists it; a self-check reproduces their pain only on their own muscle.
- evaluation patients: the one-muscle cases of eval_cases.json, dev and test halves apart. They
  start from the case's first place and answer place questions from the case's places (a place hurts
  when it meets their cells); they are not sure about anything else (that question is skipped and
  the next one asked, as the guided mode does; a skip is not counted as a question).
Top-1 and top-3 after 0, 1, 2, 3 and 5 questions; the average gain of the questions asked.
Nothing here tunes anything; the test half is reported, never fitted.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path

import painmap
from painmap.areas import resolve_areas
from painmap.dataset import load_dataset
from painmap.interview import slug

CASES = Path(__file__).with_name("eval_cases.json")
AFTER = (0, 1, 2, 3, 5)
Answerer = Callable[[dict], str | None]  # question -> "yes", "no" or None (not sure)


def interview(start: dict, truth: str, answer: Answerer, rounds: int = max(AFTER)) -> tuple[dict, list]:
    """Rank after each answered question: {n: rank of truth or None}, and the gains of the questions."""
    yes: list[str] = []
    no: list[str] = []
    skipped: set[str] = set()
    ranks: dict[int, int | None] = {}
    gains: list[float] = []
    asked = 0
    while True:
        result = painmap.match(**start, yes=yes, no=no, questions=5, limit=10)
        ids = [m.id for m in result.matches]
        ranks[asked] = ids.index(truth) + 1 if truth in ids else None
        if asked == rounds:
            break
        todo = [q for q in result.questions if q.id not in skipped]
        reply = None
        while todo and reply is None:
            question = todo.pop(0)
            reply = answer(
                {"id": question.id, "kind": question.kind, "place": question.place, "muscle": question.muscle}
            )
            if reply is None:
                skipped.add(question.id)
        if reply is None:
            for n in range(asked + 1, rounds + 1):
                ranks[n] = ranks[asked]
            break
        gains.append(question.gain)
        (yes if reply == "yes" else no).append(question.id)
        asked += 1
    return ranks, gains


def muscle_patients() -> list[tuple[dict, str, Answerer]]:
    ds = load_dataset()
    out = []
    for muscle_id, pattern in ds.patterns.items():
        muscle = ds.muscles[muscle_id]
        # the named place lying most inside the essential zone (then the larger)
        best = max(
            (p for p in ds.places.values() if p.mask & pattern.essential),
            key=lambda p: ((p.mask & pattern.essential).bit_count() / p.mask.bit_count(), p.mask.bit_count()),
        )
        symptoms = {slug(s) for s in muscle.symptoms}
        activities = {slug(a) for a in muscle.activities}

        def answer(
            q: dict, pattern=pattern, muscle_id=muscle_id, symptoms=symptoms, activities=activities
        ) -> str:
            kind, _, rest = q["id"].partition(":")
            if kind == "area":
                hit = ds.places[rest].mask & pattern.essential
            elif kind == "check":
                hit = rest == muscle_id
            else:
                hit = rest in (symptoms if kind == "symptom" else activities)
            return "yes" if hit else "no"

        side = "right " if best.lateral else ""
        out.append(({"areas": [side + best.name]}, muscle_id, answer))
    return out


def case_patients(split: str) -> list[tuple[dict, str, Answerer]]:
    ds = load_dataset()
    out = []
    for case in json.loads(CASES.read_text()):
        if case["split"] != split or len(case["expected"]) != 1 or not case["areas"]:
            continue
        try:
            cells = 0
            for area in resolve_areas(list(case["areas"]), ds):
                cells |= ds.places[area.id].mask
        except painmap.PainmapError:
            continue

        def answer(q: dict, cells: int = cells) -> str | None:
            if q["kind"] != "area":
                return None
            return "yes" if ds.places[q["place"]].mask & cells else "no"

        start = {
            "areas": [case["areas"][0]],
            "symptoms": case.get("symptoms", ()),
            "activities": case.get("activities", ()),
        }
        out.append((start, case["expected"][0], answer))
    return out


def report(name: str, patients: list[tuple[dict, str, Answerer]]) -> dict:
    top1 = dict.fromkeys(AFTER, 0)
    top3 = dict.fromkeys(AFTER, 0)
    gains: list[float] = []
    for start, truth, answer in patients:
        ranks, g = interview(start, truth, answer)
        gains += g
        for n in AFTER:
            r = ranks.get(n)
            top1[n] += r == 1
            top3[n] += r is not None and r <= 3
    n = max(len(patients), 1)
    figures = {
        "patients": len(patients),
        "top1": {k: round(v / n, 3) for k, v in top1.items()},
        "top3": {k: round(v / n, 3) for k, v in top3.items()},
        "average_gain": round(sum(gains) / max(len(gains), 1), 3),
    }
    print(f"== {name}: {len(patients)} patients ==")
    print("questions: " + "  ".join(f"{k:>5}" for k in AFTER))
    print("top-1:     " + "  ".join(f"{figures['top1'][k]:5.3f}" for k in AFTER))
    print("top-3:     " + "  ".join(f"{figures['top3'][k]:5.3f}" for k in AFTER))
    print(f"average gain of the questions asked: {figures['average_gain']:.3f} bits ({len(gains)} questions)")
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--only", choices=("muscles", "dev", "test"), help="run one group only")
    parser.add_argument("--json", action="store_true", help="also print the figures as JSON")
    args = parser.parse_args()
    out = {}
    if args.only in (None, "muscles"):
        out["muscles"] = report("muscle patients", muscle_patients())
    for split in ("dev", "test"):
        if args.only in (None, split):
            out[split] = report(f"evaluation one-muscle cases, {split} half", case_patients(split))
    if args.json:
        print(json.dumps(out, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
