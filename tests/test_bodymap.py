"""The body map: every area has a place on the pictures, and the SVG and terminal maps draw it."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import pytest

from painmap.bodymap import VIEWS, load_bodymap
from painmap.dataset import Dataset
from painmap.errors import DatasetError, UnknownArea
from painmap.render.svg import areas_svg, muscle_svg
from painmap.render.termmap import BODY_CHAR, PRIMARY_CHAR, SPILLOVER_CHAR, body_map_rich, body_map_text

DATA = Path(__file__).resolve().parents[1] / "data"
SVG = "{http://www.w3.org/2000/svg}"
MUSCLES = ("gluteus-medius", "temporalis", "infraspinatus", "soleus", "levator-ani", "scalenes")


def test_every_area_has_a_region_and_every_region_names_an_area(ds: Dataset) -> None:
    regions = json.loads((DATA / "bodymap.json").read_text())["regions"]
    assert sorted(set(ds.areas) - set(regions)) == [], "areas without a region in bodymap.json"
    assert sorted(set(regions) - set(ds.areas)) == [], "regions naming no area in areas.json"
    bodymap = load_bodymap(ds)
    for area_id in ds.areas:
        assert any(bodymap.shapes(area_id, view) for view in VIEWS), f"{area_id} is drawn nowhere"


def test_paired_areas_are_drawn_on_both_sides(ds: Dataset) -> None:
    bodymap = load_bodymap(ds)
    for area_id, area in ds.areas.items():
        if area.lateral:
            shapes = [s for view in VIEWS for s in bodymap.shapes(area_id, view)]
            assert any(s.mirrored for s in shapes), f"{area_id} is paired but drawn on one side only"


def test_hidden_places_are_marked_as_stand_ins(ds: Dataset) -> None:
    bodymap = load_bodymap(ds)
    for area_id in ("inside-pelvis", "perineum", "inside-mouth", "behind-eye"):
        assert bodymap.is_stand_in(area_id)
    assert not bodymap.is_stand_in("buttock")


def _parse(svg: str) -> ET.Element:
    root = ET.fromstring(svg.encode())
    assert root.tag == f"{SVG}svg"
    for attr in ("width", "height", "viewBox"):
        assert root.get(attr)
    texts = {t.text for t in root.iter(f"{SVG}text")}
    assert {"Front", "Back", "Left", "Right"} <= texts
    assert "href" not in svg  # standalone: nothing loaded from elsewhere
    return root


def _fills(root: ET.Element) -> dict[str, str]:
    return {g.get("class", ""): g.get("fill", "") for g in root.iter(f"{SVG}g") if g.get("class")}


@pytest.mark.parametrize("muscle_id", MUSCLES)
def test_muscle_svg_is_well_formed(ds: Dataset, muscle_id: str) -> None:
    muscle = ds.muscles[muscle_id]
    root = _parse(muscle_svg(muscle, ds))
    assert root.findtext(f"{SVG}title") == muscle.name
    fills = _fills(root)
    assert "primary" in fills
    assert ("spillover" in fills) == bool(muscle.spillover_zones)


def test_primary_and_spillover_look_different(ds: Dataset) -> None:
    root = _parse(muscle_svg(ds.muscles["gluteus-medius"], ds))
    fills = _fills(root)
    assert fills["primary"] != fills["spillover"]
    assert fills["primary"].startswith("#")
    pattern_id = fills["spillover"].removeprefix("url(#").removesuffix(")")
    assert any(p.get("id") == pattern_id for p in root.iter(f"{SVG}pattern")), "the hatch is defined"


def test_areas_svg_outlines_the_areas_and_escapes_the_title(ds: Dataset) -> None:
    m = ds.muscles["gluteus-medius"]
    svg = areas_svg("hip & <buttock>", ["hip", "buttock"], m.primary_zones, m.spillover_zones, ds)
    root = _parse(svg)
    assert root.findtext(f"{SVG}title") == "hip & <buttock>"
    yours = [g for g in root.iter(f"{SVG}g") if g.get("class") == "yours"]
    assert yours and yours[0].get("stroke-dasharray")
    assert {"primary", "spillover", "yours"} <= set(_fills(root))


def test_areas_svg_with_areas_only(ds: Dataset) -> None:
    root = _parse(areas_svg("Your areas", ["temple", "tmj"], [], [], ds))
    assert "primary" not in _fills(root)
    assert "yours" in _fills(root)


def test_unknown_area_is_refused(ds: Dataset) -> None:
    with pytest.raises(UnknownArea):
        areas_svg("x", ["no-such-place"], [], [], ds)
    with pytest.raises(UnknownArea):
        body_map_text(["no-such-place"], [], ds)


def test_terminal_map_uses_both_fill_characters(ds: Dataset) -> None:
    m = ds.muscles["gluteus-medius"]
    text = body_map_text(m.primary_zones, m.spillover_zones, ds)
    grid = "\n".join(text.splitlines()[1:-1])  # without the header and the legend
    assert PRIMARY_CHAR in grid and SPILLOVER_CHAR in grid and BODY_CHAR in grid
    assert "Front" in text and "Back" in text
    rich = body_map_rich(m.primary_zones, m.spillover_zones, ds)
    assert rich.plain == text.rstrip("\n")


def test_terminal_map_of_nothing_has_no_zones(ds: Dataset) -> None:
    grid = "\n".join(body_map_text([], [], ds).splitlines()[1:-1])
    assert PRIMARY_CHAR not in grid and SPILLOVER_CHAR not in grid and BODY_CHAR in grid


def test_small_zones_still_show_on_the_terminal_map(ds: Dataset) -> None:
    for area_id in ("tmj", "fingertips", "toe-tips", "upper-teeth"):
        grid = "\n".join(body_map_text([area_id], [], ds).splitlines()[1:-1])
        assert PRIMARY_CHAR in grid, area_id


def test_area_without_a_region_is_a_dataset_error(dataset_copy: Callable[..., Path]) -> None:
    dataset_copy("bodymap.json", change=lambda doc: doc["regions"].pop("temple"))
    with pytest.raises(DatasetError, match="'temple' has no region"):
        load_bodymap()


def test_region_for_an_unknown_area_is_a_dataset_error(dataset_copy: Callable[..., Path]) -> None:
    def add_region(doc: dict) -> None:
        doc["regions"]["elbow-pit"] = {"from_children": True}

    dataset_copy("bodymap.json", change=add_region)
    with pytest.raises(DatasetError, match="'elbow-pit' names no area"):
        load_bodymap()


def test_malformed_shape_is_a_dataset_error(dataset_copy: Callable[..., Path]) -> None:
    def break_shape(doc: dict) -> None:
        doc["regions"]["temple"]["front"] = [{"path": "M 0 0 A 1 1 0 0 1 5 5"}]

    dataset_copy("bodymap.json", change=break_shape)
    with pytest.raises(DatasetError, match=r"regions\.temple"):
        load_bodymap()


def test_missing_bodymap_is_a_dataset_error(dataset_copy: Callable[..., Path]) -> None:
    root = dataset_copy()
    (root / "bodymap.json").unlink()
    with pytest.raises(DatasetError, match=r"bodymap\.json is missing"):
        load_bodymap()


def test_a_side_draws_paired_places_on_that_side_only(ds: Dataset) -> None:
    from painmap.models import Side
    from painmap.render.svg import areas_svg

    both = areas_svg("t", [], ["side-of-thigh", "sacrum"], [], ds)
    left = areas_svg("t", [], ["side-of-thigh", "sacrum"], [], ds, side=Side.LEFT)
    right = areas_svg("t", [], ["side-of-thigh", "sacrum"], [], ds, side=Side.RIGHT)
    assert left.count("<path") < both.count("<path")
    assert left.count("<path") == right.count("<path")
    assert left != right
