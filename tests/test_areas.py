"""Area resolution: synonyms, case, plurals, punctuation, side, typos, phrases, and errors."""

from __future__ import annotations

import pytest

from painmap.areas import resolve_area, resolve_areas
from painmap.atlas import iter_bits
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
    (mid,) = resolve_area("right tailbone", ds)
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
        ("ball of the foot under the big toe", ["ball-under-big-toe"]),
        ("bottom of the small toes", ["ball-under-small-toes"]),
        ("left side of my neck", ["side-of-neck"]),
        ("between the shoulder blades", ["between-shoulder-blades"]),
        ("lateral thigh", ["side-of-thigh"]),
        ("posterior knee", ["back-of-knee"]),
        ("medial ankle", ["inner-ankle"]),
        ("underside of the heel", ["bottom-of-heel"]),
        ("thumb side of the forearm", ["thumb-side-of-forearm"]),
        ("back of the fingers", ["back-of-fingers"]),
        ("my bottom front teeth", ["lower-front-teeth"]),
        ("underside of my big toe", ["underside-of-big-toe"]),
        ("top of my big toe", ["top-of-big-toe"]),
        ("behind my shoulder blade", ["shoulder-blade"]),
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


@pytest.mark.parametrize(
    "text",
    [
        "teeth",
        "scalp",
        "love handles",
        "nape of my neck",
        "pinky toe",
        "instep",
        "mastoid",
        "kneecap",
        "shin bone",
        "collar bone",
        "breastbone",
        "tummy",
        "bum",
        "crown",
        "thenar",
        "web of my thumb",
        "ball of my foot",
        "inner heel",
        "outer heel",
        "flank",
        "side of my trunk",
        "tip of my elbow",
    ],
)
def test_everyday_words_resolve(ds, text):
    assert resolve_area(text, ds)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("left and right hip", [("hip", Side.LEFT), ("hip", Side.RIGHT)]),
        ("both hips", [("hip", Side.LEFT), ("hip", Side.RIGHT)]),
        ("left hip and right knee", [("hip", Side.LEFT), ("knee", Side.RIGHT)]),
        ("left hip down to the knee", [("hip", Side.LEFT), ("knee", Side.LEFT)]),
    ],
)
def test_each_place_keeps_its_own_side(ds, text, expected):
    assert [(a.id, a.side) for a in resolve_area(text, ds)] == expected


def test_a_broad_word_is_the_union_of_its_parts(ds):
    teeth = ds.places["teeth"].mask
    for part in ("upper-teeth", "lower-teeth"):
        assert ds.places[part].mask & teeth == ds.places[part].mask
    assert ds.atlas.within("upper-teeth", "teeth")


@pytest.mark.parametrize(
    ("text", "first", "second"),
    [
        ("down the outside and back of the leg", "outer", "back-of-leg"),
        ("outside and front of the thigh", "side-of-thigh", "front-of-thigh"),
        ("front and outside of the upper arm", "front-of-upper-arm", "outer-upper-arm"),
    ],
)
def test_direction_words_joined_by_and_share_their_place(ds, text, first, second):
    ids = [a.id for a in resolve_area(text, ds)]
    assert len(ids) == 2
    assert first in ids[0] and ids[1] == second


def test_a_direction_no_name_holds_narrows_the_place(ds):
    """'outside of the upper thigh' is the outer part of the upper thigh, not all of it."""
    (area,) = resolve_area("outside of the upper thigh", ds)
    upper, outer = ds.places["upper-thigh"].mask, ds.places["side-of-thigh"].mask
    mask = ds.places[area.id].mask
    assert mask & upper == mask and mask & outer == mask and mask != upper
    whole = [a.id for a in resolve_area("down the outside of the whole leg", ds)]
    leg = ds.places["leg"].mask
    cells = 0
    for place_id in whole:
        cells |= ds.places[place_id].mask
    assert cells & leg == cells and cells.bit_count() < leg.bit_count() // 3


@pytest.mark.parametrize(
    ("text", "ids"),
    [
        ("front of the shoulder joint", ["front-of-shoulder"]),
        ("upper back between the shoulder blades", ["upper-back", "between-shoulder-blades"]),
    ],
)
def test_a_place_named_with_its_direction_word_is_not_narrowed(ds, text, ids):
    assert [a.id for a in resolve_area(text, ds)] == ids


@pytest.mark.parametrize(
    ("text", "named", "face"),
    [
        ("back of the shin", "shin", "back"),
        ("pain behind my shin bone", "shin", "back"),
        ("front of the calf", "calf", "front"),
    ],
)
def test_the_other_face_of_a_place_is_that_face_of_the_part_holding_it(ds, text, named, face):
    """The back of a place drawn only on the front is the back of the part holding it (the shin's
    back: the calf), never the place itself with the word 'back' dropped."""
    areas = resolve_area(text, ds)
    holder = ds.places[ds.atlas.parent(named)].mask
    for area in areas:
        mask = ds.places[area.id].mask
        views = {ds.atlas.base_view[ds.atlas.bases[i]] for i in iter_bits(mask)}
        assert views == {face} and mask & holder == mask and area.id != named


@pytest.mark.parametrize(
    ("text", "ids"),
    [
        ("the thigh, front and back", ["front-of-thigh", "back-of-thigh"]),
        ("left knee, inside and outside", ["inner-knee", "outer-knee"]),
        # a place word listed last stays a place
        ("neck and back", ["neck", "back"]),
        ("shoulder and upper back", ["shoulder", "upper-back"]),
    ],
)
def test_directions_listed_last_qualify_the_place_before_them(ds, text, ids):
    assert [a.id for a in resolve_area(text, ds)] == ids


def test_the_side_of_a_place_with_no_side_of_its_own_is_its_outer_side(ds):
    for text, place in (("the side of my knee", "knee"), ("side of the foot", "foot")):
        (area,) = resolve_area(text, ds)
        mask, whole = ds.places[area.id].mask, ds.places[place].mask
        assert mask & whole == mask and mask != whole and area.id.startswith("outer")
    assert [a.id for a in resolve_area("side of the neck", ds)] == ["side-of-neck"]


def test_the_other_face_goes_no_further_than_the_part_holding_the_place(ds):
    """'Behind the kneecap' is deep to it, not the back of the knee."""
    assert [a.id for a in resolve_area("back of the kneecap", ds)] == ["kneecap"]


def test_a_side_goes_with_a_shared_place(ds):
    areas = resolve_area("front and outside of the right shoulder", ds)
    assert len(areas) == 2 and all(a.side == Side.RIGHT for a in areas)


@pytest.mark.parametrize(
    ("text", "ids"),
    [
        ("upper and lower back", ["upper-back", "low-back"]),
        ("middle and ring finger", ["middle-finger", "ring-finger"]),
        ("sole of the big toe", ["underside-of-big-toe"]),
    ],
)
def test_levels_and_soles(ds, text, ids):
    assert [a.id for a in resolve_area(text, ds)] == ids


def test_right_meaning_exactly_is_not_a_side(ds):
    (area,) = resolve_area("right in the middle of my back", ds)
    assert area.side is None
    (area,) = resolve_area("right hip", ds)
    assert area.side == Side.RIGHT


@pytest.mark.parametrize(
    ("text", "ids"),
    [
        # a list's commas and a range's "to" join places; a word that names no place alone borrows
        # the place word of the part after it
        ("little, ring and middle fingers", ["little-finger", "ring-finger", "middle-finger"]),
        ("little and ring fingers", ["little-finger", "ring-finger"]),
        ("mid to low back", ["mid-back", "low-back"]),
        ("neck, shoulders and upper back", ["neck", "shoulder", "upper-back"]),
    ],
)
def test_lists_and_ranges_name_every_place(ds, text, ids):
    assert [a.id for a in resolve_area(text, ds)] == ids


def test_direction_words_in_any_order_and_after_the_place(ds):
    assert [a.id for a in resolve_area("front bottom teeth", ds)] == [
        a.id for a in resolve_area("bottom front teeth", ds)
    ]
    inner = ds.places["knee"].mask & ds.places["inner-knee"].mask
    assert all(ds.places[a.id].mask & inner for a in resolve_area("knee on the inside", ds))
    # the thumb side is the outer side, the body standing with the palms forward
    outer = resolve_area("thumb side of the elbow", ds)
    assert outer and all(ds.places[a.id].mask & ds.places["outer-elbow"].mask for a in outer)
    assert "front-of-neck" not in [
        a.id for a in resolve_area("upper arm near the shoulder, front and back", ds)
    ]


def test_r_and_l_before_a_place_are_sides(ds):
    areas = resolve_area("R knee and L hip", ds)
    assert [(a.id, a.side) for a in areas] == [("knee", Side.RIGHT), ("hip", Side.LEFT)]


@pytest.mark.parametrize(
    ("text", "ids"),
    [
        ("first two fingers", ["index-finger", "middle-finger"]),
        ("last two toes", ["fourth-toe", "pinky-toe"]),
        ("middle three toes", ["second-toe", "third-toe", "fourth-toe"]),
        ("two fingers", ["fingers"]),  # no end to count from: the fingers
    ],
)
def test_digits_counted_from_an_end(ds, text, ids):
    assert [a.id for a in resolve_area(text, ds)] == ids


def test_a_part_word_after_a_direction_says_no_more_than_the_direction(ds):
    # not the outer border of the shoulder blade because "border" is in its name
    assert [a.id for a in resolve_area("the outer border of the foot", ds)] == ["outer-foot"]
    assert [a.id for a in resolve_area("outer edge of the heel", ds)] == ["outer-heel"]
    assert [a.id for a in resolve_area("outer edge of the shoulder blade", ds)] == [
        "outer-edge-of-shoulder-blade"
    ]


def test_keys_together_are_each_key(ds):
    from painmap.text import key, keys

    texts = [w for p in ds.places.values() for w in (p.id.replace("-", " "), p.name, *p.synonyms)]
    texts += [w for m in ds.muscles.values() for w in (m.id.replace("-", " "), m.name, *m.aliases)]
    odd = [
        "",
        "  ",
        "The IT band's edge",
        "right on the hip",
        "Right Hip",
        "calves & shelves",
        "ss s",
        "it band\nright",
        "O'Neill's",
        "café knee",
        "a-b_c",
        "my pains",
        "Σ",
        "right",
        "left  hip  ",
        "aves halves bus gas ss its 10s 100s 3rd's",
        "right in right on hips right",
        "the a an",
        "\tleft\thip\t",
        "x_y-z",
        "shelves calves's elves ves",
        "pains in both legs right now",
        "right, on the hip; the IT -- band",
        "bit band, it bands",
    ]
    for batch in (texts, odd, texts + odd, odd[:3], [odd[2]]):
        assert keys(batch) == [key(t) for t in batch]
    assert keys([]) == []


@pytest.mark.parametrize("text", ["sholdr blade", "lowwer bak", "ankel"])
def test_a_misspelt_place_gets_suggestions(ds, text):
    with pytest.raises(UnknownArea) as err:
        resolve_area(text + " zzq", ds)
    assert err.value.suggestions


@pytest.mark.parametrize("text", ["spleen", "qwertyuiop"])
def test_a_word_like_no_place_gets_no_guess(ds, text):
    # Suggestions only when a name is close to the words; a far one would only mislead.
    with pytest.raises(UnknownArea) as err:
        resolve_area(text, ds)
    assert err.value.suggestions == ()
    assert "did you mean" not in str(err.value)


@pytest.mark.parametrize(
    ("text", "ids"),
    [
        ("kidney area", ["side-of-low-back"]),
        ("right ovary", ["lower-side-of-abdomen"]),
        ("womb", ["lower-abdomen"]),
        ("prostate", ["perineum"]),
        ("rotator cuff", ["shoulder"]),
        ("tonsils", ["throat"]),
    ],
)
def test_organs_and_parts_people_name_as_where_it_hurts(ds, text, ids):
    assert [a.id for a in resolve_area(text, ds)] == ids
