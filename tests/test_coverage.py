"""Whole-body coverage: the dataset's size and the issues' own probes."""

from __future__ import annotations

import json

import pytest

import painmap

HEAD_TO_HAND = {"head-and-face", "neck", "shoulder-and-upper-back", "chest", "arm", "forearm-and-hand"}


def top(areas, n=3, symptoms=()):
    return [m.id for m in painmap.match(areas, symptoms=symptoms, limit=n).matches]


def test_list_json_covers_the_body_with_no_empty_required_field(run):
    doc = json.loads(run("list", "--json").stdout)
    muscles = doc["muscles"]
    assert len(muscles) >= 120
    assert sum(m["region"] in HEAD_TO_HAND for m in muscles) >= 65
    assert sum(m["region"] not in HEAD_TO_HAND for m in muscles) >= 55
    required = (
        "id",
        "name",
        "region",
        "location",
        "origin",
        "insertion",
        "innervation",
        "actions",
        "referral",
        "pattern",
        "trigger_points",
        "symptoms",
        "activities",
        "conditions",
        "self_care",
        "sources",
    )
    for m in muscles:
        for name in required:
            assert m[name], (m["id"], name)


@pytest.mark.parametrize(
    "muscle_id",
    [
        "temporalis",
        "masseter",
        "lateral-pterygoid",
        "medial-pterygoid",
        "digastric",
        "orbicularis-oculi",
        "zygomaticus-major",
        "frontalis",
        "occipitalis",
        "platysma",
        "buccinator",
        "sternocleidomastoid-sternal",
        "sternocleidomastoid-clavicular",
        "trapezius-upper",
        "trapezius-middle",
        "trapezius-lower",
        "levator-scapulae",
        "splenius-capitis",
        "splenius-cervicis",
        "suboccipitals",
        "scalenes",
        "supraspinatus",
        "infraspinatus",
        "teres-minor",
        "subscapularis",
        "teres-major",
        "latissimus-dorsi",
        "rhomboids",
        "serratus-anterior",
        "serratus-posterior-superior",
        "pectoralis-major-sternal",
        "pectoralis-minor",
        "subclavius",
        "sternalis",
        "deltoid-anterior",
        "coracobrachialis",
        "biceps-brachii",
        "brachialis",
        "triceps-brachii",
        "anconeus",
        "brachioradialis",
        "extensor-carpi-radialis-brevis",
        "extensor-digitorum",
        "supinator",
        "pronator-teres",
        "palmaris-longus",
        "flexor-digitorum-superficialis",
        "adductor-pollicis",
        "opponens-pollicis",
        "hand-interossei",
        "abductor-digiti-minimi-hand",
        "iliocostalis-thoracis",
        "serratus-posterior-inferior",
        "external-oblique",
        "internal-oblique",
        "transversus-abdominis",
        "pyramidalis",
        "rectus-abdominis-upper",
        "rectus-abdominis-lower",
        "coccygeus",
        "levator-ani",
        "obturator-internus",
        "bulbospongiosus-ischiocavernosus",
        "popliteus",
        "gastrocnemius",
        "soleus",
        "plantaris",
        "tibialis-anterior",
        "tibialis-posterior",
        "fibularis-longus",
        "fibularis-brevis",
        "fibularis-tertius",
        "extensor-digitorum-longus",
        "extensor-hallucis-longus",
        "flexor-digitorum-longus",
        "flexor-hallucis-longus",
        "extensor-digitorum-brevis",
        "extensor-hallucis-brevis",
        "abductor-hallucis",
        "flexor-digitorum-brevis",
        "abductor-digiti-minimi-foot",
        "quadratus-plantae",
        "flexor-hallucis-brevis",
        "adductor-hallucis",
        "foot-interossei",
    ],
)
def test_named_muscle_is_present(ds, muscle_id):
    assert muscle_id in ds.muscles


def test_distinct_patterns_are_kept_apart(ds):
    sternal, clavicular = (
        ds.muscles["sternocleidomastoid-sternal"],
        ds.muscles["sternocleidomastoid-clavicular"],
    )
    assert ds.patterns[sternal.id].essential != ds.patterns[clavicular.id].essential
    assert ds.patterns[clavicular.id].essential & ds.places["forehead"].mask
    assert top(["forehead", "ear"], 3)[
        0
    ] == "sternocleidomastoid-clavicular" or "sternocleidomastoid-clavicular" in top(["forehead", "ear"], 3)
    parts = {m.id for m in ds.muscles.values() if m.part_of == "trapezius"}
    assert parts == {"trapezius-upper", "trapezius-middle", "trapezius-lower"}


def test_old_and_new_names():
    assert painmap.show("peroneus longus").id == "fibularis-longus"
    assert painmap.show("SCM sternal head").id == "sternocleidomastoid-sternal"
    assert painmap.show("QL").id == "quadratus-lumborum"
    assert painmap.show("TFL").id == "tensor-fasciae-latae"


def test_issue_probes_head_to_hand():
    assert top(["temple", "upper teeth"], 1) == ["temporalis"]
    wrist_and_elbow = {
        "extensor-carpi-radialis-longus",
        "extensor-carpi-radialis-brevis",
        "extensor-carpi-ulnaris",
        "extensor-digitorum",
        "supinator",
        "brachioradialis",
    }
    assert wrist_and_elbow & set(top(["outer elbow"], 3, symptoms=["tennis elbow"]))
    assert "infraspinatus" in top(["front of shoulder", "front of upper arm"], 3)


def test_issue_probes_trunk_to_toe():
    assert {"soleus", "quadratus-plantae"} & set(top(["heel", "bottom of foot"], 3))
    assert top(["front of ankle", "big toe"], 1) == ["tibialis-anterior"]
    knee = {"popliteus", "gastrocnemius", "biceps-femoris", "semitendinosus", "semimembranosus"}
    assert knee & set(top(["back of knee"], 3))
