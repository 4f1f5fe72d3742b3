"""Ranking quality against the literature: run from the repository top with `python benchmarks/eval.py`.

Each case in eval_cases.json names areas (as a person types them), optional symptoms, and the
muscles a published source names for that pain, most likely first. Every case goes through
painmap.match, the same code path as `painmap match`. A case is a hit at k when any expected muscle
ranks in the top k; its reciprocal rank is 1 / the rank of the first expected muscle found.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

import painmap

CASES = Path(__file__).with_name("eval_cases.json")


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


def evaluate(cases: list[dict], depth: int = 10) -> Report:
    report = Report(cases=len(cases))
    hits = {1: 0, 3: 0, 5: 0}
    reciprocal = 0.0
    single_hits = 0
    for case in cases:
        expected = case["expected"]
        single = len(expected) == 1
        report.single_cases += single
        try:
            result = painmap.match(case["areas"], symptoms=case.get("symptoms", ()), limit=depth)
        except painmap.PainmapError as exc:
            report.misses.append(f"{case['id']}: error: {exc}")
            continue
        ranked = [m.id for m in result.matches]
        found = next((i for i, m in enumerate(ranked, start=1) if m in expected), None)
        for k in hits:
            hits[k] += found is not None and found <= k
        reciprocal += 1 / found if found else 0.0
        single_hits += single and found == 1
        if found != 1:
            where = f"first expected at rank {found}" if found else f"none in the top {depth}"
            report.misses.append(
                f"{case['id']}: expected {', '.join(expected)}; {where}; ranked {', '.join(ranked[:3])}"
            )
    n = max(report.cases, 1)
    report.top1, report.top3, report.top5 = hits[1] / n, hits[3] / n, hits[5] / n
    report.mrr = reciprocal / n
    report.single_top1 = single_hits / max(report.single_cases, 1)
    return report


def load_cases(path: Path = CASES) -> list[dict]:
    return json.loads(path.read_text())


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--cases", type=Path, default=CASES)
    parser.add_argument("--quiet", action="store_true", help="figures only, no list of misses")
    args = parser.parse_args()
    report = evaluate(load_cases(args.cases))
    print("\n".join(report.lines()))
    if not args.quiet:
        print(f"\nnot ranked first ({len(report.misses)}):")
        print("\n".join(f"  {m}" for m in report.misses))
    return 0


if __name__ == "__main__":
    sys.exit(main())
