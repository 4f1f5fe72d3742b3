"""Red-flag warnings against cases written in patients' own words: `python benchmarks/redflags_eval.py`.

Each case in redflag_cases.json is what a person might type (one or two sentences), optional place
phrases, and a kind:
  danger    a presentation a clinician would want seen, with the condition and the minimum urgency
            (emergency > urgent > soon);
  ordinary  a hard negative that shares the words of a danger case (sore thighs after squats);
  negated   the dangerous words present but denied, past or about someone else.
Every case names the public page it rests on and quotes at most 30 words of it; the wording is ours.

A danger case is caught when painmap warns with the case's urgency or a higher one. An ordinary or
negated case is passed when painmap gives no warning at all. Sensitivity = caught / danger cases;
specificity = passed / ordinary (or negated) cases.

How painmap is asked: `painmap.red_flags(text=..., areas=...)` when that function exists (a sequence of
warnings with `.urgency` and `.id`); otherwise `painmap.match(areas or DEFAULT_AREAS, symptoms=[text])`
and its `.warnings`. A PainmapError counts as no warning.

Split rule (dev/test), by SOURCE so that no page's wording is in both halves:
  1. Each source gets a group: the condition of most of its danger cases (ties: alphabetical); a source
     with no danger case is in the group "none".
  2. Within a group, sources are sorted by URL and dealt alternately; the groups, in alphabetical
     order, start in turn with dev and with test (dev, test, dev, ... then test, dev, test, ...), so
     that groups with an odd number of sources do not all tip the same way.
Every danger condition has at least two sources of its own, so it has cases in both halves.

redflag_cases_extra.json is a second development set, written later by someone who had not seen the
rules or the first set, from 159 sources none of which the first set uses; all its cases are dev
(adding them to the first file would have re-dealt its sources between the halves). Run it with
`--cases benchmarks/redflag_cases_extra.json --split dev`. redflag_cases_extra2.json is a third
set of the same kind (191 cases, 186 more sites) and redflag_cases_extra3.json a fourth (182 cases,
180 more sites, in text-speak and many Englishes) and redflag_cases_extra4.json a fifth (173 cases,
166 sites, the alarming detail said indirectly or buried), redflag_cases_extra5.json a sixth (130 cases,
122 sites, on the ten conditions the test half catches least) and redflag_cases_extra6.json a
seventh (124 cases, 103 sites, every condition) and redflag_cases_extra7.json an eighth (115 cases,
89 sites, unexpected wordings); redflag_cases_extra8.json to extra38.json are a ninth to
thirty-ninth (179, 165, 171, 160, 162, 170, 163, 170, 158, 134, 88, 150, 140, 140, 140, 145, 140,
144, 130, 148, 120, 120, 116, 108, 109, 98, 99, 100, 94, 74 and 95 cases, each from sources none of
the earlier sets use), each measured once before any tuning on it; extra39.json to extra50.json are
a fortieth to fifty-first of the same kind (102, 98, 102, 104, 100, 107, 104, 98, 105, 101, 107 and
106 cases); extra33.json to extra50.json are held back from the model of signs together
(benchmarks/redflag_model.py) to measure it.
`assign_splits` implements the rule; the tests check the case file against it.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import painmap

CASES = Path(__file__).with_name("redflag_cases.json")
# match() needs at least one place; a case that names none is asked about the whole back, the
# commonest place people bring to painmap, so the default is a neutral, frequent query.
DEFAULT_AREAS = ("back",)
URGENCY_RANK = {"soon": 1, "urgent": 2, "emergency": 3}
SPLITS = ("dev", "test")


@dataclass(frozen=True)
class Warned:
    id: str
    urgency: str


@dataclass
class Report:
    split: str
    danger: int = 0
    caught: int = 0
    ordinary: int = 0
    ordinary_passed: int = 0
    negated: int = 0
    negated_passed: int = 0
    per_condition: dict[str, list[int]] = field(default_factory=dict)  # condition -> [caught, total]
    misses: list[str] = field(default_factory=list)

    @property
    def sensitivity(self) -> float:
        return self.caught / self.danger if self.danger else 0.0

    @property
    def specificity_ordinary(self) -> float:
        return self.ordinary_passed / self.ordinary if self.ordinary else 0.0

    @property
    def specificity_negated(self) -> float:
        return self.negated_passed / self.negated if self.negated else 0.0

    def to_json(self) -> dict:
        return {
            "split": self.split,
            "danger": self.danger,
            "sensitivity": round(self.sensitivity, 4),
            "ordinary": self.ordinary,
            "specificity_ordinary": round(self.specificity_ordinary, 4),
            "negated": self.negated,
            "specificity_negated": round(self.specificity_negated, 4),
            "per_condition": {
                c: {"caught": k, "cases": n, "sensitivity": round(k / n, 4)}
                for c, (k, n) in sorted(self.per_condition.items())
            },
            "misses": self.misses,
        }

    def lines(self, misses: bool = False) -> list[str]:
        out = [
            f"[{self.split}] danger {self.danger}: sensitivity {self.sensitivity:.3f} "
            f"({self.caught}/{self.danger})",
            f"[{self.split}] ordinary {self.ordinary}: specificity {self.specificity_ordinary:.3f}; "
            f"negated {self.negated}: specificity {self.specificity_negated:.3f}",
            f"[{self.split}] per condition:",
        ]
        out += [f"    {c:<28} {k:>3}/{n:<3} {k / n:.2f}" for c, (k, n) in sorted(self.per_condition.items())]
        if misses:
            out.append(f"[{self.split}] misses ({len(self.misses)}):")
            out += [f"    {m}" for m in self.misses]
        return out


def warnings_for(text: str, areas: Sequence[str]) -> list[Warned]:
    """painmap's warnings for what the person typed, through the newest API that exists."""
    red_flags = getattr(painmap, "red_flags", None)
    try:
        if red_flags is not None:
            found = red_flags(text=text, areas=list(areas))
        else:
            found = painmap.match(list(areas) or list(DEFAULT_AREAS), symptoms=[text]).warnings
    except painmap.PainmapError:
        return []
    return [Warned(id=str(w.id), urgency=str(getattr(w.urgency, "value", w.urgency))) for w in found]


def highest(warned: Iterable[Warned]) -> int:
    return max((URGENCY_RANK.get(w.urgency, 0) for w in warned), default=0)


def evaluate(cases: Iterable[dict], split: str = "all") -> Report:
    report = Report(split=split)
    for case in cases:
        warned = warnings_for(case["text"], case.get("areas") or ())
        said = ", ".join(f"{w.id}:{w.urgency}" for w in warned) or "no warning"
        if case["kind"] == "danger":
            report.danger += 1
            tally = report.per_condition.setdefault(case["condition"], [0, 0])
            tally[1] += 1
            if highest(warned) >= URGENCY_RANK[case["urgency"]]:
                report.caught += 1
                tally[0] += 1
            else:
                report.misses.append(f"{case['id']} (want {case['urgency']}): {said} <- {case['text']!r}")
        else:
            passed = not warned
            if case["kind"] == "ordinary":
                report.ordinary += 1
                report.ordinary_passed += passed
            else:
                report.negated += 1
                report.negated_passed += passed
            if not passed:
                report.misses.append(f"{case['id']} ({case['kind']}): {said} <- {case['text']!r}")
    return report


def assign_splits(cases: Iterable[dict]) -> dict[str, str]:
    """The split of every source (by URL), by the rule in the module docstring."""
    danger_conditions: dict[str, Counter[str]] = defaultdict(Counter)
    for case in cases:
        counts = danger_conditions[case["url"]]
        if case["kind"] == "danger":
            counts[case["condition"]] += 1
    groups: dict[str, list[str]] = defaultdict(list)
    for url, counts in danger_conditions.items():
        if counts:
            top = max(counts.values())
            groups[min(c for c, n in counts.items() if n == top)].append(url)
        else:
            groups["none"].append(url)
    return {
        url: SPLITS[(g + i) % 2]
        for g, name in enumerate(sorted(groups))
        for i, url in enumerate(sorted(groups[name]))
    }


def load_cases(path: Path = CASES) -> list[dict]:
    return json.loads(path.read_text())


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--cases", type=Path, default=CASES)
    parser.add_argument("--split", choices=(*SPLITS, "all"), default=None, help="one half only")
    parser.add_argument("--misses", action="store_true", help="list the cases painmap got wrong")
    parser.add_argument("--json", action="store_true", help="figures as JSON on stdout")
    args = parser.parse_args(argv)
    try:
        cases = load_cases(args.cases)
    except (OSError, ValueError) as exc:
        print(f"cannot read cases from {args.cases}: {exc}", file=sys.stderr)
        return 1
    splits = [args.split] if args.split else list(SPLITS)
    reports = [evaluate([c for c in cases if s == "all" or c["split"] == s], split=s) for s in splits]
    if args.json:
        print(json.dumps([r.to_json() for r in reports], indent=2))
    else:
        print("\n\n".join("\n".join(r.lines(misses=args.misses)) for r in reports))
    return 0


if __name__ == "__main__":
    sys.exit(main())
