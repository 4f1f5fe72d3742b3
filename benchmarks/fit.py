"""Fit the scorer's few weights on the development half of the evaluation suite, never the test half.

Run from the repository top: `python benchmarks/fit.py`. A coordinate search: each weight in turn
is tried at a few values around its current one, keeping a change only when the development
objective (MRR + top-3, plus a small share of sentence-mode MRR) rises. It prints the best weights;
copy them into painmap/scoring.py by hand, then check the test half once with benchmarks/eval.py.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import eval as evaluation  # noqa: E402

from painmap import scoring  # noqa: E402

GRID = {
    "SPILLOVER": [0.2, 0.3, 0.45, 0.6, 0.8, 1.0],
    "BACKGROUND": [0.003, 0.01, 0.02, 0.03, 0.05],
    "COVER_POWER": [0.3, 0.4, 0.5, 0.65, 0.8, 1.0],
    "SHARE_POWER": [0.0, 0.15, 0.3, 0.5, 0.75],
    "UNMARKED": [0.0, 0.15, 0.25, 0.35, 0.5, 0.65, 0.8],
    "SYMPTOM_WEIGHT": [0.6, 1.2, 2.0, 3.0],
    "CONDITION_WEIGHT": [0.7, 1.4, 2.5, 4.0],
    "ACTIVITY_WEIGHT": [0.4, 0.8, 1.5],
}
PRIORS = [{1: 1.0, 2: 1.1, 3: 1.25}, {1: 1.0, 2: 1.25, 3: 1.6}, {1: 1.0, 2: 1.5, 3: 2.2}, {1: 1.0, 2: 2.0, 3: 3.5}]


def objective(cases: list[dict], sentences: list[dict]) -> float:
    report = evaluation.evaluate(cases)
    value = report.mrr + report.top3
    if sentences and evaluation.sentence_supported():
        value += 0.25 * evaluation.evaluate_sentences(sentences).ranking.mrr
    return value


def main() -> int:
    cases = evaluation.select(evaluation.load_cases(), "dev")
    sentences = [c for c in cases if c.get("sentence")]
    best = objective(cases, sentences)
    print(f"start: {best:.4f}")
    for _ in range(2):
        for name, values in GRID.items():
            current = getattr(scoring, name)
            for value in values:
                setattr(scoring, name, value)
                scoring._best_phrase.cache_clear()
                got = objective(cases, sentences)
                if got > best + 1e-6:
                    best, current = got, value
                    print(f"  {name} = {value}: {best:.4f}")
            setattr(scoring, name, current)
        current_prior = scoring.PRIOR
        for prior in PRIORS:
            scoring.PRIOR = prior
            got = objective(cases, sentences)
            if got > best + 1e-6:
                best, current_prior = got, prior
                print(f"  PRIOR = {prior}: {best:.4f}")
        scoring.PRIOR = current_prior
    print("best weights:")
    for name in (*GRID, "PRIOR"):
        print(f"  {name} = {getattr(scoring, name)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
