"""Ranking quality against the literature: run from the repository top with `python benchmarks/eval.py`.

Each case in eval_cases.json names areas (as the source or a person words them), optional symptoms
and activities, and the muscles a published source names for that pain, most likely first. Every
case goes through painmap.match, the same code path as `painmap match`. A case is a hit at k when
any expected muscle ranks in the top k; its reciprocal rank is 1 / the rank of the first expected
muscle found.

Families: "v0.1-own" (the first 128 cases, written from the same memory as the dataset, so they
flatter it), "pain-guide" (manuals' pain guides as reproduced in public pages), "muscle-page"
(one muscle's referral pattern as a website or book describes it), "research" (papers reporting
which muscles' trigger points go with a complaint), "patient-story" (a person's pain plus what was
found).

Split rule: a case's "site" is the host name of its url without "www." (or the source text when
there is no url). Every site goes wholly to one split: "test" when int(sha256(site)) is odd, else
"dev". The v0.1-own cases are all dev. Tune against dev only; look at test rarely, and never fix a
test miss by looking at the case.

Sentence mode: cases with a "sentence" also go through painmap.match(text=sentence) when this
painmap accepts `text`.
"""

from __future__ import annotations

import argparse
import hashlib
import inspect
import json
import sys
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from pathlib import Path

import painmap

CASES = Path(__file__).with_name("eval_cases.json")
DEPTH = 10


def split_of(site: str) -> str:
    """The split rule recorded in the docstring."""
    return "test" if int(hashlib.sha256(site.encode()).hexdigest(), 16) % 2 else "dev"


@dataclass
class Report:
    cases: int = 0
    top1: float = 0.0
    top3: float = 0.0
    top5: float = 0.0
    mrr: float = 0.0
    single_cases: int = 0
    single_top1: float = 0.0
    misses: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        return [
            f"cases: {self.cases} ({self.single_cases} one-muscle)",
            f"top-1: {self.top1:.3f}  top-3: {self.top3:.3f}  top-5: {self.top5:.3f}  MRR: {self.mrr:.3f}",
            f"one-muscle top-1: {self.single_top1:.3f}",
        ]

    def short(self) -> str:
        return (
            f"n={self.cases:3d}  top1 {self.top1:.3f}  top3 {self.top3:.3f}  MRR {self.mrr:.3f}"
            f"  one-muscle top1 {self.single_top1:.3f} (n={self.single_cases})"
        )


def _score(cases: list[dict], ranked_for) -> Report:
    report = Report(cases=len(cases))
    hits = {1: 0, 3: 0, 5: 0}
    reciprocal = 0.0
    single_hits = 0
    for case in cases:
        expected = case["expected"]
        single = len(expected) == 1
        report.single_cases += single
        try:
            ranked = ranked_for(case)
        except painmap.PainmapError as exc:
            report.misses.append(f"{case['id']}: error: {exc}")
            continue
        found = next((i for i, m in enumerate(ranked, start=1) if m in expected), None)
        for k in hits:
            hits[k] += found is not None and found <= k
        reciprocal += 1 / found if found else 0.0
        single_hits += single and found == 1
        if found != 1:
            where = f"first expected at rank {found}" if found else f"none in the top {DEPTH}"
            report.misses.append(
                f"{case['id']}: expected {', '.join(expected)}; {where}; ranked {', '.join(ranked[:3])}"
            )
    n = max(report.cases, 1)
    report.top1, report.top3, report.top5 = hits[1] / n, hits[3] / n, hits[5] / n
    report.mrr = reciprocal / n
    report.single_top1 = single_hits / max(report.single_cases, 1)
    return report


def evaluate(cases: list[dict], depth: int = DEPTH) -> Report:
    """Area mode: areas, symptoms and activities as structured input."""

    def ranked(case: dict) -> list[str]:
        result = painmap.match(
            case["areas"],
            symptoms=case.get("symptoms", ()),
            activities=case.get("activities", ()),
            limit=depth,
        )
        return [m.id for m in result.matches]

    return _score(cases, ranked)


def sentence_supported() -> bool:
    try:
        return "text" in inspect.signature(painmap.match).parameters
    except (TypeError, ValueError):
        return False


@dataclass
class SentenceReport:
    cases: int = 0
    answered: float = 0.0
    ranking: Report = field(default_factory=Report)


def evaluate_sentences(cases: list[dict], depth: int = DEPTH) -> SentenceReport:
    """Sentence mode: the whole complaint as one sentence through painmap.match(text=...)."""
    with_sentence = [c for c in cases if c.get("sentence")]
    answered = 0

    def ranked(case: dict) -> list[str]:
        nonlocal answered
        result = painmap.match(text=case["sentence"], limit=depth)
        ids = [m.id for m in result.matches]
        answered += bool(ids)
        return ids

    ranking = _score(with_sentence, ranked)
    return SentenceReport(len(with_sentence), answered / max(len(with_sentence), 1), ranking)


def load_cases(path: Path = CASES) -> list[dict]:
    return json.loads(path.read_text())


def select(cases: list[dict], split: str = "all", family: str | None = None) -> list[dict]:
    return [
        c
        for c in cases
        if (split == "all" or c["split"] == split) and (family is None or c["family"] == family)
    ]


def _grouped(cases: list[dict], key: str) -> dict[str, Report]:
    groups: dict[str, list[dict]] = defaultdict(list)
    for case in cases:
        groups[case.get(key, "?")].append(case)
    return {name: evaluate(group) for name, group in sorted(groups.items())}


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--cases", type=Path, default=CASES)
    parser.add_argument("--split", choices=("dev", "test", "all"), default="all")
    parser.add_argument("--family", help="only this family, e.g. research")
    parser.add_argument("--misses", action="store_true", help="list the cases not ranked first")
    parser.add_argument("--json", action="store_true", help="figures as JSON")
    args = parser.parse_args()
    cases = select(load_cases(args.cases), family=args.family)
    splits = ("dev", "test") if args.split == "all" else (args.split,)
    out: dict = {}
    for split in splits:
        part = select(cases, split)
        report = evaluate(part)
        entry = {
            "overall": asdict(report),
            "families": {k: asdict(v) for k, v in _grouped(part, "family").items()},
            "regions": {k: asdict(v) for k, v in _grouped(part, "region").items()},
        }
        if sentence_supported():
            sentences = evaluate_sentences(part)
            entry["sentences"] = {
                "cases": sentences.cases,
                "answered": sentences.answered,
                **asdict(sentences.ranking),
            }
        else:
            entry["sentences"] = None
        out[split] = entry
    if args.json:
        for entry in out.values():
            for report in (entry["overall"], *entry["families"].values(), *entry["regions"].values()):
                if not args.misses:
                    report.pop("misses")
            if entry["sentences"] and not args.misses:
                entry["sentences"].pop("misses")
        print(json.dumps(out, indent=1))
        return 0
    for split, entry in out.items():
        overall = Report(**entry["overall"])
        print(f"== {split} ==")
        print("\n".join(overall.lines()))
        print("by family:")
        for name, data in entry["families"].items():
            print(f"  {name:14s} {Report(**data).short()}")
        print("by region:")
        for name, data in entry["regions"].items():
            print(f"  {name:14s} {Report(**data).short()}")
        if entry["sentences"] is None:
            print("sentence mode: not supported by this painmap")
        else:
            s = entry["sentences"]
            print(f"sentences answered: {s['answered']:.3f} of {s['cases']}")
            ranking = Report(**{k: v for k, v in s.items() if k not in ("answered",)})
            print("sentence mode " + ranking.short())
        if args.misses:
            print(f"not ranked first ({len(overall.misses)}):")
            print("\n".join(f"  {m}" for m in overall.misses))
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
