"""Area resolution: synonyms, case, plurals, punctuation, side, typos, phrases, and errors."""

from __future__ import annotations

import pytest

from painmap.areas import resolve_area, resolve_areas
from painmap.errors import UnknownArea, UsageError
from painmap.models import Side


@pytest.mark.parametrize(
    ("text", "area_id"),
    [
        ("hip", "hip"),
        ("Side of Thigh", "side-of-thigh"),
        ("outer thigh", "side-of-thigh"),
        ("belt line", "belt-line"),
        ("glutes", "buttock"),
        ("low back", "low-back"),
        ("LOWER BACK!!", "low-back"),
        ("SI joint", "si-joint"),
        ("tailbone", "tailbone"),
        ("back of the thigh", "back-of-thigh"),
        ("buttocks", "buttock"),
        ("sholder", "shoulder"),
        ("outter thigh", "side-of-thigh"),
    ],
)
def test_words_people_type(ds, text, area_id):
    (area,) = resolve_area(text, ds)
    assert area.id == area_id


def test_side_is_read_from_the_words(ds):
    (area,) = resolve_area("left hip", ds)
    assert (area.id, area.side) == ("hip", Side.LEFT)
    (mid,) = resolve_area("right sacrum", ds)
    assert mid.side is None  # a midline place has no side


def test_a_phrase_spanning_two_places(ds):
    found = resolve_area("from the hip down the side of the thigh", ds)
    assert [a.id for a in found] == ["hip", "side-of-thigh"]


def test_duplicates_collapse(ds):
    assert [a.id for a in resolve_areas(["hip", "hips", "Hip"], ds)] == ["hip"]


def test_unknown_area_names_it_and_suggests(ds):
    with pytest.raises(UnknownArea) as err:
        resolve_area("thigggh side", ds)
    assert "thigggh side" in str(err.value)
    assert err.value.suggestions


@pytest.mark.parametrize("text", ["", "   ", "!!!", "left"])
def test_empty_or_side_only_is_a_usage_error(ds, text):
    with pytest.raises(UsageError):
        resolve_area(text, ds)


@pytest.mark.parametrize(
    ("text", "ids"),
    [
        ("outside of my upper arm near the elbow", ["outer-upper-arm", "elbow"]),
        ("inside edge of the shoulder blade", ["inner-edge-of-shoulder-blade"]),
        ("under the shoulder blade", ["bottom-of-shoulder-blade"]),
        ("ball of the foot under the big toe", ["ball-of-foot", "big-toe"]),
        ("bottom of the small toes", ["small-toes"]),
        ("left side of my neck", ["side-of-neck"]),
        ("between the shoulder blades", ["between-shoulder-blades"]),
        ("lateral thigh", ["side-of-thigh"]),
        ("posterior knee", ["back-of-knee"]),
        ("medial ankle", ["inner-ankle"]),
        ("underside of the heel", ["bottom-of-heel"]),
        ("thumb side of the forearm", ["forearm"]),
        ("back of the fingers", ["fingers"]),
        ("my bottom front teeth", ["lower-teeth"]),
        ("where my neck meets my shoulder", ["top-of-shoulder"]),
    ],
)
def test_phrases_people_use(ds, text, ids):
    assert [a.id for a in resolve_area(text, ds)] == ids


def test_side_word_inside_a_phrase(ds):
    (area,) = resolve_area("left side of my neck", ds)
    assert area.side == Side.LEFT


def test_a_word_that_names_no_place_is_still_unknown(ds):
    with pytest.raises(UnknownArea):
        resolve_area("the moon and the stars", ds)
