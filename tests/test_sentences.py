"""A sentence in, understood; symptoms without a place; sides that conflict; search and list by place."""

from __future__ import annotations

import json

import pytest

import painmap
from painmap.errors import UsageError


def test_a_sentence_becomes_places_symptoms_and_activities():
    result = painmap.match(text="my hip and buttock hurt when I lie on that side")
    assert {a.id for a in result.query.areas} == {"hip", "buttock"}
    assert result.query.activities and "lie" in result.query.activities[0]
    assert result.matches


def test_words_not_understood_are_reported(run):
    result = painmap.match(text="pain in my buttock, zorblatt down the back of my leg")
    assert "zorblatt" in result.query.ignored
    page = run("match", "pain in my buttock, zorblatt down the back of my leg")
    assert "Not understood: zorblatt" in page.stdout


def test_movements_are_not_places():
    result = painmap.match(text="stiff neck, can't turn my head")
    assert [a.id for a in result.query.areas] == ["neck"]


def test_an_area_that_names_a_movement_is_read_as_a_sentence(run):
    # given with --area, the part that moves is not a place that hurts either
    query = painmap.match(areas=["stiff neck, can't turn my head"]).query
    assert [a.id for a in query.areas] == ["neck"]
    assert any("turn" in s for s in query.symptoms + query.activities)
    # a movement with no place of its own is what brings the pain on, beside the places given
    doc = json.loads(run("match", "-a", "hip", "-a", "worse lying on my side", "--json").stdout)
    assert [a["id"] for a in doc["query"]["areas"]] == ["hip"]
    assert any("lying" in a for a in doc["query"]["activities"])
    # a place that is only a place keeps its plain reading
    assert [a.id for a in painmap.match(areas=["neck", "head"]).query.areas] == ["neck", "head"]


def test_a_side_named_in_the_sentence_is_kept():
    result = painmap.match(text="a sharp ache in my left buttock")
    assert [(a.id, a.side and a.side.value) for a in result.query.areas] == [("buttock", "left")]


def test_symptoms_alone_rank_by_the_records(run):
    doc = json.loads(run("match", "-s", "tennis elbow", "--json").stdout)
    assert doc["query"]["areas"] == []
    assert doc["matches"] and all(
        any(r["kind"] in {"symptom", "condition", "activity"} for r in m["reasons"]) for m in doc["matches"]
    )
    assert "No place given" in run("match", "-s", "tennis elbow").stdout


def test_a_symptom_that_meets_no_record_is_reported():
    result = painmap.match(["hip"], symptoms=["qwzx blorp"])
    assert result.query.unmatched == ("qwzx blorp",)


def test_a_side_that_contradicts_the_words_is_an_error():
    with pytest.raises(UsageError, match="conflicts"):
        painmap.match(["left hip"], side="right")


def test_list_by_a_place_lists_the_muscles_lying_there(run):
    doc = json.loads(run("list", "--region", "hip", "--json").stdout)
    ids = {m["id"] for m in doc["muscles"]}
    assert {"gluteus-medius", "tensor-fasciae-latae"} <= ids
    assert "temporalis" not in ids


def test_search_finds_by_any_word(run):
    doc = json.loads(run("search", "tennis", "elbow", "--json").stdout)
    assert any("Tennis elbow" in c["text"] for c in doc["conditions"])
    doc = json.loads(run("search", "SCM", "--json").stdout)
    assert {m["id"] for m in doc["muscles"]} >= {
        "sternocleidomastoid-sternal",
        "sternocleidomastoid-clavicular",
    }
    assert run("search", "").exit_code == 2


@pytest.mark.parametrize(
    ("text", "doing"),
    [
        ("Sitting at my desk all day gives me an ache between my shoulder blades", "sitting"),
        ("my calf cramps up running uphill", "running"),
    ],
)
def test_what_someone_is_doing_is_an_activity_without_a_cue_word(text, doing):
    result = painmap.match(text=text)
    assert any(doing in a for a in result.query.activities)
    assert not any(doing in s for s in result.query.symptoms)


def test_how_it_feels_is_not_an_activity():
    result = painmap.match(text="a burning, throbbing ache in my buttock")
    assert not result.query.activities


def test_a_band_around_the_head_is_not_the_it_band():
    result = painmap.match(text="headache like a band around my forehead")
    assert [a.id for a in result.query.areas] == ["forehead"]
    assert [a.id for a in painmap.match(["IT band"]).query.areas] == ["side-of-thigh"]


def test_a_direction_before_a_place_in_a_sentence_narrows_it():
    result = painmap.match(text="an ache down the outside of my whole leg when I walk")
    ids = [a.id for a in result.query.areas]
    assert "leg" not in ids and "side-of-thigh" in ids and "outside" not in " ".join(result.query.symptoms)


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("my knee hurts at the back", "back-of-knee"),
        ("pain in my elbow on the outside when I lift the kettle", "outer-elbow"),
        ("my big toe is sore on top", "top-of-big-toe"),
    ],
)
def test_a_direction_after_a_place_narrows_it(text, place):
    assert [a.id for a in painmap.match(text=text).query.areas] == [place]


def test_places_named_together_are_all_kept():
    result = painmap.match(text="pain along my collarbone and into my upper chest")
    assert [a.id for a in result.query.areas] == ["collarbone", "upper-chest"]


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("my sholder blade hurts when i breathe in", "shoulder-blade"),
        ("my wrists hurt on the thumb side when I lift my baby", "thumb-side-of-wrist"),
        ("shin pain on the inside", "inner-shin"),
    ],
)
def test_misspelt_and_sided_places_in_a_sentence(text, place):
    assert place in [a.id for a in painmap.match(text=text).query.areas]


def test_a_side_said_after_the_place_is_its_side():
    result = painmap.match(text="my neck is killing me on the left")
    assert [(a.id, a.side and a.side.value) for a in result.query.areas] == [("neck", "left")]


def test_directions_before_and_after_one_place():
    result = painmap.match(text="the outside of my upper thigh hurts at the back")
    assert result.query.areas and all(a.id != "back" for a in result.query.areas)


def test_a_direction_that_opens_the_next_place_is_not_the_last_ones():
    result = painmap.match(text="it runs down the front of my thigh to the inside of my knee")
    assert [a.id for a in result.query.areas] == ["front-of-thigh", "inner-knee"]
    assert [a.id for a in painmap.match(text="my elbow hurts on the outside of it").query.areas] == [
        "outer-elbow"
    ]


def test_a_new_thought_inside_a_clause_is_matched_on_its_own():
    result = painmap.match(text="I have heartburn that acid tablets don't help at all")
    assert "heartburn" in result.query.symptoms
    alone = painmap.match(symptoms=["heartburn"])
    assert alone.matches and [m.id for m in result.matches[:3]] == [m.id for m in alone.matches[:3]]


def test_verb_forms_meet_and_what_brings_it_on_may_be_a_listed_symptom():
    """'lie' meets a record's 'lying'; an activity meets a record's symptoms as well as its activities."""
    from painmap.text import stemmed_key

    assert stemmed_key("lie on my side") == stemmed_key("lying on my side") == stemmed_key("lay on my side")
    assert stemmed_key("typing") == stemmed_key("type") and stemmed_key("sitting") == stemmed_key("sit")
    result = painmap.match(text="my hip and buttock hurt when I lie on that side")
    assert result.query.activities and not result.query.unmatched
    assert any(r.kind in ("activity", "symptom") for r in result.matches[0].reasons)


@pytest.mark.parametrize(
    ("text", "wanted", "unwanted"),
    [
        # a lone direction word is no place: "at the bottom" of something, "rear-ended"
        ("the back of my neck is tight right at the bottom", "back-of-neck", "buttock"),
        ("rear-ended last week and now the back of my neck hurts", "back-of-neck", "back"),
        # a direction before "my"/"the" places the next place, not the one before it
        ("upper arm pain just below the shoulder", "upper-arm", "above-elbow"),
        # one letter slipped, after "my" or a side
        ("throbbing in my left tempel", "temple", None),
        ("my kneee hurts", "knee", None),
        # R and L before a place are sides
        ("R knee hurts going downhill", "knee", None),
    ],
)
def test_everyday_wordings_of_where(text, wanted, unwanted):
    ids = [a.id for a in painmap.match(text=text).query.areas]
    assert any(i == wanted or i.startswith(wanted) or wanted in i for i in ids), ids
    if unwanted:
        assert unwanted not in ids


def test_a_lone_letter_is_a_side_only_before_a_place():
    assert painmap.match(text="R knee hurts").query.areas[0].side.value == "right"
    assert all(a.side is None for a in painmap.match(text="my feet r sore").query.areas)


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("my hip hurts when I sleep on my left side", "hip"),
        ("my temple aches when I clench my jaw", "temple"),
    ],
)
def test_a_posture_or_what_a_part_does_is_how_not_where(text, place):
    result = painmap.match(text=text)
    assert [a.id for a in result.query.areas] == [place]
    assert result.query.activities


def test_counted_digits_and_edges_in_a_sentence():
    query = painmap.match(text="my thumb and first two fingers go numb").query
    assert [a.id for a in query.areas] == ["thumb", "index-finger", "middle-finger"]
    assert "first" not in " ".join(query.symptoms)
    query = painmap.match(text="the outer edge of my heel is sore").query
    assert [a.id for a in query.areas] == ["outer-heel"]


def test_a_count_of_time_is_not_a_symptom():
    query = painmap.match(text="my knee has hurt for 3 weeks after two long runs").query
    assert not any(w in " ".join(query.symptoms + query.activities) for w in ("3", "two", "weeks"))
    assert "long runs" in query.activities


def test_pins_and_needles_is_one_symptom_and_leaning_on_a_place_is_not_pain_there():
    query = painmap.match(text="pins and needles in my little finger when I lean on my elbow").query
    assert [a.id for a in query.areas] == ["little-finger"]
    assert len(query.symptoms) == 1 and "pins" in query.symptoms[0] and "needles" in query.symptoms[0]


def _places(text: str) -> list[str]:
    return [a.id for a in painmap.match(text=text).query.areas]


@pytest.mark.parametrize(
    "text, hurting, not_hurting",
    [
        ("my neck is stiff, I can't look over my shoulder", {"neck"}, {"shoulder"}),
        ("my shoulder is stiff, I can't reach behind my back", {"shoulder"}, {"back"}),
        ("my shoulder aches when I put my arms over my head", {"shoulder"}, {"head"}),
        ("my calf cramped, I pulled my toes back and it let go", {"calf"}, {"toes"}),
        ("my wrist hurts when I tie my hair up", {"wrist"}, {"scalp"}),
        ("the ball of my foot burns when I wear heels", {"ball-of-foot"}, {"heel"}),
        (
            "my thumb and index finger are numb, my pinky is fine",
            {"thumb", "index-finger"},
            {"little-finger"},
        ),
        (
            "it's like a cramp in your calf but under my shoulder blade",
            {"bottom-of-shoulder-blade"},
            {"calf"},
        ),
        # a place the pain stops short of
        ("it runs from my shoulder down the arm but not into the hand", {"shoulder", "arm"}, {"hand"}),
        ("an ache at the front of my hip that stops before the knee", {"front-of-hip"}, {"knee"}),
        ("it's my shin that hurts, not my knee", {"shin"}, {"knee"}),
    ],
)
def test_a_place_that_is_moved_worn_compared_or_fine_is_not_where_it_hurts(text, hurting, not_hurting):
    read = set(_places(text))
    assert hurting <= read and not (not_hurting & read)


def test_a_place_the_pain_moves_to_and_one_after_a_pain_word_are_where_it_hurts():
    assert "ear" in _places("my throat is sore and now the pain is moving to my left ear")
    assert _places("a pulling ache at the base of my skull") == ["base-of-skull"]


def test_two_fingers_or_toes_sharing_one_noun_are_both_read():
    assert set(_places("my ring and little fingers tingle")) == {"ring-finger", "little-finger"}
    assert set(_places("my big and second toes hurt on the left")) == {"big-toe", "second-toe"}
    assert set(_places("my upper back and shoulder are stiff")) == {"upper-back", "shoulder"}


def test_words_for_how_pain_feels_are_understood_even_where_no_record_uses_them():
    query = painmap.match(text="excruciating searing agony in my knee, a crick in my neck").query
    assert not {"excruciating", "searing", "agony", "crick"} & set(query.ignored)
    assert "zorblatt" in painmap.match(text="zorblatt agony in my knee").query.ignored


def test_a_condition_named_by_a_place_is_a_condition_and_its_place_only_when_no_other_is_named():
    q = painmap.match(text="shin splint pain along the inside of my shin when I run").query
    assert [a.id for a in q.areas] == ["inner-shin"]  # the name's "shin" is no second place
    assert "shin splint" in q.symptoms
    q = painmap.match(text="I have tennis elbow").query
    assert [a.id for a in q.areas] == ["elbow"]
    assert q.symptoms == ("tennis elbow",)
    # the muscles whose records name the condition rise on it
    with_name = painmap.match(text="my elbow hurts, tennis elbow", limit=5)
    records = {
        m.id for m in with_name.matches if "tennis elbow" in " ".join(painmap.show(m.id).conditions).lower()
    }
    assert records and with_name.matches[0].id in records
    # "neck pain" and "ankle swelling" say no more than a place that hurts
    q = painmap.match(text="ankle swelling and knee pain").query
    assert {a.id for a in q.areas} == {"ankle", "knee"}


def test_both_sides_of_a_joint_are_its_inner_and_outer_sides_not_both_legs():
    q = painmap.match(text="pain at the front and on both sides of my knee").query
    assert {a.id for a in q.areas} == {"front-of-knee", "inner-knee", "outer-knee"}
    assert all(a.side is None for a in q.areas)
    assert "front" not in " ".join(q.symptoms)  # the direction named a place, it is no symptom
    # both sides of the neck are its left and right
    q = painmap.match(text="pain on both sides of my neck").query
    assert {(a.id, a.side.value) for a in q.areas} == {("side-of-neck", "left"), ("side-of-neck", "right")}


def test_what_brings_it_on_is_shown_as_said():
    q = painmap.match(text="my lower back hurts when I stand up after sitting for a while").query
    assert q.activities == ("stand up after sitting",)


def test_words_the_red_flag_check_reads_are_not_reported_as_not_understood():
    q = painmap.match(text="lower back ache, I have osteoporosis and diabetes").query
    assert "osteoporosis" not in q.ignored and "diabetes" not in q.ignored
    assert "zorblatt" in painmap.match(text="lower back ache, zorblatt").query.ignored


@pytest.mark.parametrize(
    "text, not_a_place",
    [
        ("my shoulder hurts reaching into the back seat of the car", "back"),
        ("my tailbone is worse on the hard seats at work", "buttock"),
        ("a knot in my trap every time I train chest", "chest"),
        ("cramp in my calf at night, had to jiggle my foot", "foot"),
    ],
)
def test_furniture_training_and_fidgeting_are_not_places(text, not_a_place):
    assert not_a_place not in {a.id for a in painmap.match(text=text).query.areas}
    assert "buttock" in {a.id for a in painmap.match(text="my seat hurts after a long ride").query.areas}


def test_a_side_said_on_its_own_is_the_side_of_the_places_named():
    q = painmap.match(text="some days an earache, some days my back teeth ache, always on the right").query
    assert {a.side.value for a in q.areas} == {"right"}
    # a side a movement goes to is not where it hurts
    q = painmap.match(text="my neck hurts, worse when I look to the left").query
    assert all(a.side is None for a in q.areas)
    # ... also in a clause whose only places are moved ("turn my head"), not where it hurts
    q = painmap.match(text="a crick in my neck, the left side of it is stiff and I can't turn my head").query
    assert [(a.id, a.side.value) for a in q.areas] == [("neck", "left")]


def test_a_lone_direction_word_is_no_symptom():
    # "behind" says where, not what it feels like; the place is read, the word is not a symptom
    query = painmap.match(text="the sole of my foot hurts just behind my toes").query
    assert "behind" not in query.symptoms and {a.id for a in query.areas} >= {"sole"}
    query = painmap.match(text="there's a nagging ache above my knee").query
    assert not any("theres" in s or s == "above" for s in query.symptoms)
    # nor is a word of time ("last month ...")
    query = painmap.match(text="last month my knee hurt, now just my shin").query
    assert "last" not in query.symptoms


def test_words_typed_short_are_read_as_the_full_words():
    query = painmap.match(text="my hip n buttock hurt when walkin, worse at nite").query
    assert [a.id for a in query.areas] == ["hip", "buttock"]
    assert "walking" in " ".join(query.activities) and not {"walkin", "nite", "n"} & set(query.ignored)


def test_a_limb_someone_cannot_stand_on_is_what_bears_weight_not_another_pain():
    query = painmap.match(text="my hip hurts and she can't stand on that leg").query
    assert [a.id for a in query.areas] == ["hip"]
