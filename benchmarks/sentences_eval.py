"""How painmap reads everyday sentences nobody here wrote: `python benchmarks/sentences_eval.py`.

sentence_cases.json holds 160 sentences written by someone who had not seen how painmap reads words
(each grounded in a public page's wording, cited with a short quote): the text as a person would
type it, the places that hurt in plain region names ("outer ankle", "shoulder blade"), the side,
and words that name a body part without saying it hurts ("can't turn my head"). Split by source
into a development half (looked at when mending the reader) and a test half (only measured).

For each sentence, painmap.match(text=...) is asked what the words say; a region counts as found
when a place it read shares atlas cells with the region (the region's name resolved as a place).
Reported: regions found, sentences with every region found, sentences read exactly (every region
found and nothing else), the share of places read that the writer did not mean, and sides right.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import painmap
from painmap.areas import resolve_areas
from painmap.dataset import load_dataset

CASES = Path(__file__).with_name("sentence_cases.json")


def evaluate(cases: list[dict], verbose: bool = False) -> dict[str, float]:
    ds = load_dataset()
    masks: dict[str, int] = {}

    def mask_of(region: str) -> int:
        if region not in masks:
            masks[region] = 0
            for area in resolve_areas([region], ds):
                masks[region] |= ds.places[area.id].mask
        return masks[region]

    regions = found = read = wrong = every = exact = sides = 0
    for case in cases:
        query = painmap.match(text=case["text"], limit=1).query
        got = [(a.input, ds.places[a.id].mask) for a in query.areas]
        expected = [mask_of(r) for r in case["regions"]]
        missing = [
            r for r, m in zip(case["regions"], expected, strict=True) if not any(g & m for _, g in got)
        ]
        extra = [said for said, g in got if not any(g & m for m in expected)]
        side_right = case.get("side") in (None, "both") or (
            query.side is not None and query.side.value == case["side"]
        )
        regions += len(expected)
        found += len(expected) - len(missing)
        read += len(got)
        wrong += len(extra)
        every += not missing
        exact += not missing and not extra
        sides += side_right
        if verbose and (missing or extra or not side_right):
            print(
                f"{case['id']}: {case['text']}\n    missing {missing}, not meant {extra}, side {query.side}"
            )
    n = max(len(cases), 1)
    return {
        "sentences": len(cases),
        "regions found": round(found / max(regions, 1), 3),
        "every region found": round(every / n, 3),
        "read exactly": round(exact / n, 3),
        "places not meant": round(wrong / max(read, 1), 3),
        "side right": round(sides / n, 3),
    }


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--split", choices=("dev", "test"), help="one half only (default: both)")
    parser.add_argument("-v", "--verbose", action="store_true", help="print each sentence read wrongly")
    args = parser.parse_args()
    cases = json.loads(CASES.read_text())
    for split in (args.split,) if args.split else ("dev", "test"):
        figures = evaluate([c for c in cases if c["split"] == split], verbose=args.verbose)
        print(f"[{split}] " + "  ".join(f"{k}: {v}" for k, v in figures.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
