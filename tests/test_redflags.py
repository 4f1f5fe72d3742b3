"""Red-flag rules fire on everyday phrasings, stay quiet on ordinary queries, and lead the output."""

from __future__ import annotations

import json

import pytest

import painmap

# rule id -> queries (areas, symptoms) written the way people type, each of which must set it off
CASES = {
    "heart-attack-signs": [
        (["chest", "left arm"], []),
        (["chest"], ["pressure and sweating"]),
        (["breastbone"], ["goes into my jaw"]),
        (["chest"], ["short of breath", "feel sick"]),
    ],
    "chest-pain-unexplained": [(["chest"], []), (["breastbone"], []), (["middle of the chest"], ["sharp"])],
    "exertional-pain": [
        (["jaw"], ["comes on when climbing stairs"]),
        (["left arm"], ["when I walk uphill"]),
        (["chest"], ["eases with rest"]),
    ],
    "thunderclap-headache": [
        (["head"], ["worst headache of my life"]),
        (["back of the head"], ["came on suddenly like being hit"]),
        (["temple"], ["sudden severe"]),
    ],
    "meningitis-signs": [
        (["head"], ["fever", "stiff neck"]),
        (["neck"], ["high temperature", "stiff"]),
        (["forehead"], ["headache with a rash and fever"]),
    ],
    "cauda-equina-signs": [
        (["lower back"], ["trouble peeing"]),
        (["lower back"], ["can't hold my bladder"]),
        (["buttock"], ["numb between my legs"]),
        (["low back"], ["legs giving way"]),
        (["sacrum"], ["saddle numbness"]),
    ],
    "back-pain-systemic": [
        (["lower back"], ["fever"]),
        (["mid back"], ["night sweats", "losing weight"]),
        (["back"], ["had cancer before"]),
    ],
    "pain-after-injury": [
        (["side of thigh"], ["fell off my bike"]),
        (["shoulder"], ["after a car accident"]),
        (["knee"], ["heard a pop"]),
    ],
    "dvt-signs": [
        (["calf"], ["hot and swollen"]),
        (["back of the leg"], ["red, swollen"]),
        (["calf"], ["swelling after a long flight"]),
    ],
    "clot-in-lung-signs": [
        (["calf"], ["short of breath"]),
        (["leg"], ["suddenly breathless"]),
        (["chest"], ["coughing blood"]),
    ],
    "severe-abdominal-pain": [
        (["lower abdomen"], ["severe, doubled over"]),
        (["belly"], ["vomiting blood"]),
        (["stomach"], ["unbearable"]),
    ],
    "progressive-neurological": [
        (["hand"], ["numbness getting worse"]),
        (["arm"], ["dropping things"]),
        (["foot"], ["foot drop"]),
    ],
    "stroke-signs": [
        (["face"], ["face drooping"]),
        (["arm"], ["slurred speech"]),
        (["head"], ["weak on one side"]),
    ],
    "night-pain-unrelenting": [
        (["lower back"], ["wakes me at night", "no position helps"]),
        (["shoulder"], ["keeps me awake, constant"]),
        (["hip"], ["worse at night and nothing eases it"]),
    ],
    "pain-in-a-child": [
        (["knee"], ["my son"]),
        (["heel"], ["my 9 year old daughter"]),
        (["back"], ["teenager"]),
    ],
    "temple-pain-over-50": [
        (["temple"], ["tender scalp"]),
        (["jaw"], ["jaw pain when chewing", "blurred vision"]),
        (["side of head"], ["double vision"]),
    ],
    "testicle-pain-sudden": [
        (["groin"], ["sudden testicle pain"]),
        (["genitals"], ["swollen testicles"]),
        (["lower abdomen"], ["severe pain in my balls"]),
    ],
    "hot-swollen-joint-fever": [
        (["knee"], ["hot, swollen", "fever"]),
        (["big toe"], ["red and swollen with a temperature"]),
        (["ankle"], ["swelling", "chills"]),
    ],
}

ORDINARY = [
    (["hip"], []),
    (["buttock"], []),
    (["hip", "buttock"], []),
    (["lower back", "side of thigh"], []),
    (["temple", "upper teeth"], []),
    (["outer elbow"], ["tennis elbow"]),
    (["calf"], ["cramps at night"]),
    (["hip"], ["lying on my side"]),
    (["hip"], ["carrying my child on my hip"]),
    (["neck"], ["stiff"]),
    (["heel"], ["worse in the morning"]),
    (["shoulder"], ["can't raise my arm"]),
    (["calf"], ["no fever", "tight"]),
    (["lower back"], ["sitting all day at a desk"]),
    (["head"], ["headache behind the eye"]),
]


def test_every_rule_has_cases_and_the_minimum_is_met(ds):
    assert len(ds.redflags) >= 15
    assert {r.id for r in ds.redflags} == set(CASES)
    assert all(len(v) >= 3 for v in CASES.values())
    for rule in ds.redflags:
        assert rule.sources and rule.advice and rule.why


@pytest.mark.parametrize(
    ("rule_id", "areas", "symptoms"), [(rid, a, s) for rid, cases in CASES.items() for a, s in cases]
)
def test_rule_fires_on_everyday_words(rule_id, areas, symptoms):
    result = painmap.match(areas, symptoms=symptoms)
    assert rule_id in [w.id for w in result.warnings]


@pytest.mark.parametrize(("areas", "symptoms"), ORDINARY)
def test_ordinary_queries_fire_nothing(areas, symptoms):
    assert painmap.match(areas, symptoms=symptoms).warnings == ()


def test_word_order_and_plurals_do_not_matter():
    a = painmap.match(["lower back"], symptoms=["bladder I can't hold"]).warnings
    b = painmap.match(["lower back"], symptoms=["cant hold bladders"]).warnings
    assert [w.id for w in a] == [w.id for w in b] == ["cauda-equina-signs"]


def test_emergency_comes_first_and_matches_still_follow(run):
    result = run("match", "-a", "chest", "-a", "left arm", "--json")
    doc = json.loads(result.stdout)
    assert doc["warnings"][0]["urgency"] == "emergency"
    assert {"id", "urgency", "advice"} <= set(doc["warnings"][0])
    assert doc["matches"], "an emergency still lists the muscles after the warning"
    text = run("match", "-a", "chest", "-a", "left arm").stdout
    assert text.index("EMERGENCY") < text.index("Pain at:") < text.index(" 1. ")


def test_redflags_command(run, ds):
    doc = json.loads(run("redflags", "--json").stdout)
    assert doc["count"] == len(ds.redflags)
    assert doc["rules"][0]["urgency"] == "emergency"
    assert "cauda-equina-signs" in run("redflags").stdout


def test_show_names_what_to_rule_out(run):
    page = run("show", "pectoralis-major-sternal").stdout
    assert "RULE THESE OUT FIRST" in page
    assert "heart" in page.lower()


def test_disclaimer_everywhere(run):
    assert "not a diagnosis" in run("match", "-a", "hip").stdout
    assert "not a diagnosis" in run("show", "gluteus-medius").stdout
    assert "not a diagnosis" in json.loads(run("match", "-a", "hip", "--json").stdout)["disclaimer"]
    assert "not a diagnosis" in json.loads(run("show", "gluteus-medius", "--json").stdout)["disclaimer"]
