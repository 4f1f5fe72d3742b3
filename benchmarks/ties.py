"""How often the top of the ranking stands alone: `python benchmarks/ties.py` from the repository top.

Draws random queries of 1 to 3 named places (fixed seed), ranks each, and reports the share whose
first score is strictly above the second, and any equal scores shown at different ranks (there must
be none: equal scores share a rank).
"""

from __future__ import annotations

import argparse
import itertools
import random

import painmap


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args()
    ds = painmap.load_dataset()
    places = sorted(ds.places)
    rng = random.Random(args.seed)
    alone = misranked = 0
    tied_tops: list[str] = []
    for _ in range(args.queries):
        query = rng.sample(places, rng.randint(1, 3))
        matches = painmap.match(query, limit=50).matches
        if len(matches) < 2 or matches[0].score > matches[1].score:
            alone += 1
        else:
            tied_tops.append(", ".join(query))
        for a, b in itertools.pairwise(matches):
            misranked += a.score == b.score and a.rank != b.rank
    print(f"queries: {args.queries}")
    print(f"top score stands alone: {alone / args.queries:.3f}")
    print(f"equal scores at different ranks: {misranked}")
    for query in tied_tops[:10]:
        print(f"  tie at the top: {query}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
