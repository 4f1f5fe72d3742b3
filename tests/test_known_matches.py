"""The shipped table of similarities between the records' own phrases (known_matches.py)."""

from __future__ import annotations

import random
import subprocess
import sys

import orjson
import pytest
from rapidfuzz import fuzz, process

import painmap.known_matches as km
from painmap.scoring import TEXT_CUTOFF, _best_phrase, _keyed, record_keys

FIELDS = ("symptoms", "conditions", "activities")


def _fresh(wanted, phrases):
    hit = process.extractOne(wanted, phrases, scorer=fuzz.token_set_ratio, score_cutoff=TEXT_CUTOFF)
    return None if hit is None else (hit[2], hit[1])


def test_the_shipped_table_is_what_the_records_make_now():
    """Rebuild it with `python -m painmap.known_matches` after changing a record's phrases."""
    shipped = orjson.loads(km.TABLE.read_bytes())
    assert shipped == km.build(), "known_matches.json is stale: run python -m painmap.known_matches"


def test_the_table_answers_as_rapidfuzz_does(ds):
    """Every answer read from the table, best phrase and ties included, is extractOne's."""
    table = km.table()
    assert table is not None
    queries = random.Random(7).sample(sorted(table._queries), 120)
    compared = found = 0
    for wanted in queries:
        for muscle in ds.muscles.values():
            for field in FIELDS:
                phrases = _keyed(muscle, field, ds)[0]
                if phrases:
                    got = _best_phrase.__wrapped__(wanted, phrases)
                    assert got == _fresh(wanted, phrases), (wanted, muscle.id, field)
                    compared += 1
                    found += got is not None
    assert compared > 10_000 and found > 100


def test_every_record_phrase_is_in_the_table(ds):
    table = km.table()
    assert table is not None and table.known >= record_keys(ds)


@pytest.mark.parametrize(
    "wanted", ["pain when i type on a keyboard all day", "throb behind eye", "zzzz qqqq"]
)
def test_words_the_table_does_not_hold_are_compared_afresh(ds, wanted):
    muscle = ds.muscles["trapezius-upper"]
    for field in FIELDS:
        phrases = _keyed(muscle, field, ds)[0]
        assert _best_phrase.__wrapped__(wanted, phrases) == _fresh(wanted, phrases)
    known = next(iter(km.table()._queries))
    odd = ("a phrase no record holds", *_keyed(muscle, "symptoms", ds)[0])
    assert _best_phrase.__wrapped__(known, odd) == _fresh(known, odd)


@pytest.mark.parametrize("content", [b"{not json", b'{"scorer": "ratio", "hits": [], "queries": []}', b"[]"])
def test_a_broken_table_is_not_used(tmp_path, monkeypatch, content):
    broken = tmp_path / "known_matches.json"
    broken.write_bytes(content)
    monkeypatch.setattr(km, "TABLE", broken)
    monkeypatch.setattr(km, "_loaded", [])
    assert km.table() is None


def test_a_place_only_query_with_questions_needs_no_fuzzy_matcher():
    """Its questions weigh the candidates' symptoms and activities against each other's records:
    all from the table."""
    code = (
        "import sys, painmap\n"
        "r = painmap.match(['hip', 'buttock'], questions=5)\n"
        "print('rapidfuzz' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
