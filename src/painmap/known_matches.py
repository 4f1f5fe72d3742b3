"""Similarities between the records' own phrases, worked out once and shipped with the package.

Choosing questions (interview.py) asks how well each symptom or activity phrase of one muscle's
record meets every other candidate's record: the same fuzzy comparison a typed symptom gets
(scoring._best_phrase, rapidfuzz's token_set_ratio), hundreds of times a query. Both sides are
phrases of the packaged records, so the answers never change between runs; importing rapidfuzz and
comparing again cost a quarter of a place-only `match --json`.

`known_matches.json` holds, for every record phrase (as its lookup key) and every phrase of every
record field, the similarity of each pair at or above the cutoff. It is a table of a pure function of
two strings: a pair it lists is right for any dataset, and a phrase it does not list (a person's own
words, another dataset's records) is compared by rapidfuzz as before. Rebuild it after changing the
records or their keys: `python -m painmap.known_matches` (a test says when it is stale).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

TABLE = Path(__file__).with_name("known_matches.json")
SCORER = "token_set_ratio"

_loaded: list[Any] = []  # [Table or None], filled on first use


class Table:
    """The shipped similarities: `row(wanted)` is {phrase: similarity} for a listed query, else None."""

    def __init__(self, doc: dict[str, Any]) -> None:
        self.cutoff = float(doc["cutoff"])
        self.choices: list[str] = doc["choices"]
        self.known = frozenset(self.choices)
        self._queries = {q: i for i, q in enumerate(doc["queries"])}
        self._hits: list[list[float]] = doc["hits"]
        self._rows: dict[str, dict[str, float]] = {}

    def row(self, wanted: str) -> dict[str, float] | None:
        found = self._rows.get(wanted)
        if found is None:
            i = self._queries.get(wanted)
            if i is None:
                return None
            flat = self._hits[i]
            found = self._rows[wanted] = {
                self.choices[int(c)]: s for c, s in zip(flat[::2], flat[1::2], strict=True)
            }
        return found


def table() -> Table | None:
    """The shipped table, read once; None when it is missing, too large or not what this code reads."""
    if not _loaded:
        _loaded.append(_read())
    return _loaded[0]  # type: ignore[no-any-return]


def _read() -> Table | None:
    from painmap.files import read_shipped

    doc = read_shipped(TABLE)
    try:
        if doc.get("scorer") != SCORER or len(doc["hits"]) != len(doc["queries"]):
            return None
        return Table(doc)
    except (KeyError, TypeError, AttributeError):
        return None


def build(cutoff: float | None = None) -> dict[str, Any]:
    """The table for the packaged records: every record phrase's key against every field phrase's key."""
    from rapidfuzz import fuzz, process

    from painmap.dataset import load_dataset
    from painmap.scoring import TEXT_CUTOFF, record_keys, stemmed_key

    cutoff = TEXT_CUTOFF if cutoff is None else cutoff
    ds = load_dataset()
    queries = sorted(
        {stemmed_key(t) for m in ds.muscles.values() for t in (*m.symptoms, *m.activities)} - {""}
    )
    choices = sorted(record_keys(ds))
    hits = []
    for q in queries:
        found = process.extract(q, choices, scorer=fuzz.token_set_ratio, score_cutoff=cutoff, limit=None)
        row: list[float] = []
        for _, score, index in sorted(found, key=lambda h: h[2]):
            row += [index, score]
        hits.append(row)
    return {"scorer": SCORER, "cutoff": cutoff, "queries": queries, "choices": choices, "hits": hits}


def main() -> int:
    import orjson

    from painmap.files import write_new

    doc = build()
    write_new(str(TABLE), orjson.dumps(doc).decode() + "\n", force=True)  # never through a link
    pairs = sum(len(r) // 2 for r in doc["hits"])
    print(
        f"wrote {TABLE} ({len(doc['queries'])} phrases, {len(doc['choices'])} record phrases, {pairs} pairs)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
