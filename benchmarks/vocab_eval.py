"""How much of an independent lay vocabulary the red-flag reader understands.

Run `python benchmarks/vocab_eval.py` from the repository top.

lay_vocabulary.json holds short phrases people really write (forums, patients' stories, leaflets
quoting patients, many Englishes), gathered blind by helpers who never saw painmap's word lists,
each with the page it was seen on and a quote of at most 25 words. Each row names a clinical
feature of data/redflags.json and a kind:
  says        the phrase, about the writer's own body, means the feature ("wet myself without knowing");
  looks-like  it shares the feature's words but means something harmless ("cabin fever").
A "says" phrase is read when painmap finds that feature in it alone; a "looks-like" phrase is
passed when it does not. The phrases were used to grow the word lists (in general forms, never
copied one by one), so these figures are development figures, not a held-out test: the case sets
(redflags_eval.py) are what measure the warnings.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from painmap.api import load_dataset
from painmap.redflags import read_text

VOCABULARY = Path(__file__).with_name("lay_vocabulary.json")


def evaluate(rows: list[dict]) -> dict:
    ds = load_dataset()
    total: Counter[str] = Counter()
    read: Counter[str] = Counter()
    misread: list[str] = []
    passed = looks = 0
    for row in rows:
        found = row["feature"] in read_text(row["phrase"], ds)[0]
        if row["kind"] == "says":
            total[row["feature"]] += 1
            read[row["feature"]] += found
        else:
            looks += 1
            passed += not found
            if found:
                misread.append(f"{row['feature']}: {row['phrase']}")
    says = sum(total.values())
    return {
        "says": says,
        "read": sum(read.values()) / max(says, 1),
        "looks_like": looks,
        "passed": passed / max(looks, 1),
        "by_feature": {f: round(read[f] / total[f], 3) for f in sorted(total)},
        "misread": misread,
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--vocabulary", type=Path, default=VOCABULARY)
    parser.add_argument("--json", action="store_true", help="figures as JSON on stdout")
    args = parser.parse_args(argv)
    try:
        rows = json.loads(args.vocabulary.read_text())
    except (OSError, ValueError) as exc:
        print(f"cannot read the vocabulary from {args.vocabulary}: {exc}", file=sys.stderr)
        return 1
    report = evaluate(rows)
    if args.json:
        print(json.dumps(report, indent=2))
        return 0
    print(f"says: {report['read']:.3f} of {report['says']} phrases read as their feature")
    print(f"looks-like: {report['passed']:.3f} of {report['looks_like']} phrases not read as it")
    worst = sorted(report["by_feature"].items(), key=lambda kv: kv[1])[:10]
    print("least read: " + ", ".join(f"{f} {v:.2f}" for f, v in worst))
    return 0


if __name__ == "__main__":
    sys.exit(main())
