"""Scoring on known referral patterns, and the scorer's invariants."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

import painmap
from painmap.dataset import load_dataset


def top(result, n=3):
    return [m.id for m in result.matches[:n]]


def test_low_back_buttock_side_of_thigh_is_a_gluteal(ds):
    result = painmap.match(["lower back", "buttock", "side of thigh"])
    assert result.matches[0].id in {"gluteus-medius", "gluteus-minimus"}


def test_sciatica_pattern_finds_piriformis_or_minimus(ds):
    result = painmap.match(["buttock", "back of thigh"], symptoms=["sciatica"])
    assert {"piriformis", "gluteus-minimus"} & set(top(result))


def test_explaining_all_places_beats_one_strong_place(ds):
    result = painmap.match(["belt line", "side of thigh"])
    first = result.matches[0]
    assert {r.input for r in first.reasons if r.kind == "area"} == {"belt line", "side of thigh"}


def test_essential_counts_more_than_spillover(ds):
    """Two muscles alike but for whether a place is in the essential or the spillover zone."""
    from painmap.dataset import MusclePattern
    from painmap.scoring import fit

    place = ds.places["buttock"].mask
    core = MusclePattern(essential=place, spillover=0, points=())
    wide = MusclePattern(essential=ds.places["calf"].mask, spillover=place, points=())
    assert (
        fit(place, core).likelihood
        > fit(place, wide).likelihood
        > fit(place, MusclePattern(wide.essential, 0, ())).likelihood
    )


def test_symptom_lifts_the_muscle_that_has_it(ds):
    plain = {m.id: m.score for m in painmap.match(["hip"], limit=200).matches}
    with_symptom = {
        m.id: m.score for m in painmap.match(["hip"], symptoms=["lying on my side"], limit=200).matches
    }
    assert with_symptom["gluteus-medius"] > plain["gluteus-medius"]


def test_every_listed_muscle_explains_a_place(ds):
    for m in painmap.match(["hip", "buttock"], symptoms=["sitting"], limit=30).matches:
        assert any(r.kind == "area" for r in m.reasons), m.id


def test_scores_are_shares_of_the_evidence(ds):
    result = painmap.match(["buttock", "tailbone"], limit=500)
    assert result.matches
    assert 0.0 < sum(m.score for m in result.matches) <= 1.0 + 1e-3
    for m in result.matches:
        assert 0.0 <= m.score <= 1.0


def test_unmarked_pattern_costs_a_little(ds):
    """A pattern that predicts pain far from the marked places ranks below an equal one that does not."""
    from painmap.dataset import MusclePattern
    from painmap.scoring import UNMARKED, _unmarked_factor

    place = ds.places["buttock"].mask
    compact = MusclePattern(place, 0, ())
    sprawling = MusclePattern(place | ds.places["calf"].mask, 0, ())
    assert _unmarked_factor(compact, place) == 1.0
    assert 1.0 - UNMARKED <= _unmarked_factor(sprawling, place) < 1.0


PLACE_IDS = st.sampled_from(sorted(load_dataset().places))


@settings(max_examples=60, deadline=None)
@given(st.lists(PLACE_IDS, min_size=1, max_size=4, unique=True))
def test_scores_are_bounded_ranked_and_deterministic(places):
    first = painmap.match(places, limit=500)
    again = painmap.match(list(places), limit=500)
    assert [m.id for m in first.matches] == [m.id for m in again.matches]
    scores = [m.score for m in first.matches]
    assert all(0.0 <= s <= 1.0 for s in scores)
    assert scores == sorted(scores, reverse=True)
    for a, b in zip(first.matches, first.matches[1:], strict=False):
        # equal scores share a rank; a lower score never shares one
        assert (a.rank == b.rank) == (a.score == b.score)
        assert b.rank >= a.rank
        assert a.tied == (a.score in [m.score for m in first.matches if m is not a])


def test_a_left_and_a_right_place_are_two_patterns(ds):
    """One muscle's pattern is one-sided: a left hip and a right knee cannot both be its pain."""
    both_left = painmap.match(["left hip", "left side of thigh"], limit=500)
    crossed = painmap.match(["left hip", "right side of thigh"], limit=500)
    assert any(sum(r.kind == "area" for r in m.reasons) == 2 for m in both_left.matches[:3])
    for m in crossed.matches:
        assert m.side is not None
        assert sum(r.kind == "area" for r in m.reasons) <= 1, m.id


import pytest  # noqa: E402


@pytest.mark.parametrize(
    ("area", "words"),
    [
        ("outer elbow", "tennis elbow"),
        ("inner elbow", "golfer's elbow"),
        ("jaw", "TMJ"),
        ("heel", "plantar fasciitis"),
        ("shoulder", "frozen shoulder"),
        ("buttock", "sciatica"),
        ("hand", "carpal tunnel"),
        ("shin", "shin splints"),
        ("temple", "tension headache"),
        ("upper abdomen", "heartburn"),
        ("ear", "ringing in the ear"),
        ("head", "dizziness"),
        ("calf", "calf cramps at night"),
        ("forearm", "weak grip"),
        ("knee", "knee buckling"),
    ],
)
def test_condition_names_and_symptom_words_match(area, words):
    result = painmap.match([area], symptoms=[words], limit=5)
    assert any(
        r.kind in {"symptom", "condition"} and r.input == words for m in result.matches for r in m.reasons
    ), words


def test_a_symptom_counts_once_per_muscle():
    for m in painmap.match(["outer elbow"], symptoms=["tennis elbow"], limit=20).matches:
        assert sum(r.input == "tennis elbow" for r in m.reasons) <= 1


def test_unknown_symptom_words_are_ignored():
    plain = painmap.match(["hip"])
    noisy = painmap.match(["hip"], symptoms=["qwzx blorp"])
    assert [m.id for m in plain.matches] == [m.id for m in noisy.matches]


def test_a_symptom_that_only_names_places_adds_nothing():
    import painmap

    plain = painmap.match(["inner knee"], limit=10)
    restated = painmap.match(["inner knee"], symptoms=["medial knee pain"], limit=10)
    assert [m.id for m in plain.matches] == [m.id for m in restated.matches]
    assert [m.score for m in plain.matches] == [m.score for m in restated.matches]


def test_a_muscle_many_people_lack_counts_for_less(ds):
    """The prior of a muscle present in only some people is scaled by that share, and it says so."""
    from dataclasses import replace

    from painmap.models import Query, ResolvedArea
    from painmap.scoring import evidence, muscle_weight

    rare = [m for m in ds.muscles.values() if m.present_in is not None]
    assert rare and all(0 < m.present_in <= 1 for m in rare)
    muscle = min(rare, key=lambda m: m.present_in)
    place = next(p for p in ds.places.values() if p.mask & ds.patterns[muscle.id].essential)
    area = ResolvedArea(input=place.name, id=place.id, name=place.name, side=None, how="exact")
    ev = evidence(Query(areas=(area,)), ds)
    lacking, *_ = muscle_weight(muscle.id, ev, ds)
    everyone = replace(ds, muscles={**ds.muscles, muscle.id: replace(muscle, present_in=None)})
    having, *_ = muscle_weight(muscle.id, ev, everyone)
    assert lacking == pytest.approx(having * muscle.present_in)
    shown = painmap.match([place.name], limit=500).matches
    reasons = next(m.reasons for m in shown if m.id == muscle.id)
    assert any(r.kind == "prevalence" and r.weight < 0 and "not everyone" in r.detail for r in reasons)


def test_the_same_place_on_the_other_side_is_not_called_unexplained(ds):
    """Both knees: each muscle is ranked on its best side; the other knee is what the same muscle on
    that side would explain, not a place it never reaches."""
    top = painmap.match(["both knees"]).matches[0]
    other = [r for r in top.reasons if r.kind == "unexplained" and "knee" in r.detail]
    assert other and all("same muscle" in r.detail and "does not send" not in r.detail for r in other)
    # a place the pattern never reaches, on either side, is still said to be unexplained
    far = painmap.match(["left knee", "right temple"]).matches[0]
    assert any("does not send pain" in r.detail for r in far.reasons)
