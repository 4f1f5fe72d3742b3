"""Dataset integrity: every reference resolves, every muscle is complete, broken data is caught."""

from __future__ import annotations

import pytest

from painmap.dataset import load_dataset
from painmap.errors import DatasetError
from painmap.text import key


def test_every_pattern_has_cells_and_every_associated_muscle_exists(ds):
    for muscle in ds.muscles.values():
        pattern = ds.patterns[muscle.id]
        assert pattern.essential, muscle.id
        assert not pattern.essential & pattern.spillover, muscle.id
        for other in muscle.associated_muscles:
            assert other in ds.muscles, (muscle.id, other)
            assert other != muscle.id


def test_every_muscle_is_complete(ds):
    for m in ds.muscles.values():
        assert m.pattern.essential and m.sources and m.trigger_points, m.id
        assert len(m.symptoms) >= 3 and len(m.activities) >= 3, m.id
        assert len(m.conditions) >= 2 and len(m.self_care) >= 2, m.id
        assert len(m.sources) >= 2 and len(m.associated_muscles) >= 2, m.id
        assert m.aliases and m.facts and m.actions, m.id
        for text in (m.location, m.origin, m.insertion, m.innervation, m.referral):
            assert len(text) > 10, m.id


def test_no_brand_names_in_self_care(ds):
    brands = ("biofreeze", "thera cane", "theracane", "sombra", "corpak", "tiger tail", "lacrosse")
    for m in ds.muscles.values():
        text = " ".join((*m.self_care, *m.avoid)).lower()
        assert not any(b in text for b in brands), m.id


def test_no_word_names_two_places(ds):
    seen: dict[str, str] = {}
    for place in ds.places.values():
        for word in (place.name, *place.synonyms):
            k = key(word)
            assert seen.setdefault(k, place.id) == place.id, (word, seen[k], place.id)


def test_lying_within_follows_from_the_cells(ds):
    atlas = ds.atlas
    assert atlas.within("side-of-thigh", "thigh")
    assert atlas.within("upper-front-teeth", "teeth")
    assert not atlas.within("thigh", "side-of-thigh")
    roots, children = atlas.tree()
    assert "thigh" in roots or any("thigh" in c for c in children.values())
    parent = {c: p for p, cs in children.items() for c in cs}
    for child, up in parent.items():
        assert atlas.within(child, up) or ds.places[child].mask == ds.places[up].mask, child


def test_gluteus_medius_is_complete_and_right(ds):
    gm = ds.muscles["gluteus-medius"]
    assert {"quadratus-lumborum", "gluteus-minimus", "piriformis", "tensor-fasciae-latae"} <= set(
        gm.associated_muscles
    )
    pattern = ds.patterns["gluteus-medius"]
    for place in ("buttock", "belt-line", "side-of-hip"):
        assert pattern.essential & ds.places[place].mask, place
    assert (pattern.essential | pattern.spillover) & ds.places["side-of-thigh"].mask
    assert "Superior gluteal nerve" in gm.innervation
    assert "greater trochanter" in gm.insertion
    assert any("lying on the affected side" in s for s in gm.symptoms)
    assert any("child on the hip" in a for a in gm.activities)
    assert any("Trochanteric bursitis" in c for c in gm.conditions)


def test_at_least_the_core_region_is_covered(ds):
    core = {
        "quadratus-lumborum",
        "iliopsoas",
        "gluteus-maximus",
        "gluteus-medius",
        "gluteus-minimus",
        "piriformis",
        "tensor-fasciae-latae",
        "iliocostalis-lumborum",
        "longissimus-thoracis",
        "lumbar-multifidi",
        "rectus-abdominis-lower",
        "adductor-longus",
        "adductor-magnus",
        "pectineus",
        "gracilis",
        "sartorius",
        "rectus-femoris",
        "vastus-lateralis",
        "vastus-medialis",
        "biceps-femoris",
        "semitendinosus",
    }
    assert core <= set(ds.muscles)


# --- broken datasets -----------------------------------------------------------------------------


def _first_muscle(doc: dict) -> dict:
    return doc["muscles"][0]


BROKEN = [
    (
        "muscles.json",
        lambda d: _first_muscle(d).update(pattern={"essential": ["nowhere"]}),
        "neither a place",
    ),
    ("muscles.json", lambda d: _first_muscle(d).update(associated_muscles=["no-such"]), "not a muscle id"),
    ("muscles.json", lambda d: _first_muscle(d).update(symptoms="lying down"), "symptoms"),
    ("muscles.json", lambda d: _first_muscle(d).pop("sources"), "sources"),
    ("places.json", lambda d: d["places"][1].update(cells=["nowhere.at.all"]), "neither a place nor a cell"),
    ("places.json", lambda d: d["places"].append({"id": "dup", "name": "Dup", "cells": ["hip"]}), None),
    (
        "atlas.json",
        lambda d: d["views"][0]["segments"][0].update(quad=[[0, 0], [400, 0], [400, 520], [0, 520]]),
        "overlap",
    ),
    ("redflags.json", lambda d: d["features"][0].update(places=["nowhere"]), "not a place id"),
    (
        "redflags.json",
        lambda d: d["rules"][0]["triggers"][0].update(all_of=[["no-such"]]),
        "not a feature id",
    ),
]


@pytest.mark.parametrize(("name", "change", "says"), BROKEN)
def test_broken_dataset_is_one_clear_error(dataset_copy, name, change, says):
    dataset_copy(name, change)
    if says is None:  # a change that is still a valid dataset
        assert load_dataset().places["dup"]
        return
    with pytest.raises(DatasetError, match=says):
        load_dataset()


def test_bad_json_and_missing_file(dataset_copy, tmp_path, monkeypatch):
    dataset_copy("muscles.json", raw=b"{not json")
    with pytest.raises(DatasetError, match="invalid dataset file"):
        load_dataset()
    monkeypatch.setenv("PAINMAP_DATA", str(tmp_path / "nowhere"))
    with pytest.raises(DatasetError, match="missing"):
        load_dataset()


def test_a_changed_file_is_validated_again(dataset_copy, tmp_path, monkeypatch):
    import painmap.dataset as dataset_module

    monkeypatch.setenv("PAINMAP_CACHE_DIR", str(tmp_path / "cache"))
    folder = dataset_copy()
    load_dataset()
    doc = (folder / "muscles.json").read_text().replace('"prevalence": 3', '"prevalence": "lots"', 1)
    (folder / "muscles.json").write_text(doc)
    dataset_module._load.cache_clear()
    with pytest.raises(DatasetError, match="prevalence"):
        load_dataset()
