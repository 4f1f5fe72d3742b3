"""The body atlas: cells fine enough for the charts, places as sets of cells, pictures drawn from them."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from painmap.dataset import Dataset
from painmap.render.svg import Layers, muscle_svg, picture
from painmap.render.termmap import PRIMARY_CHAR, body_map_text

SVG = "{http://www.w3.org/2000/svg}"
CLOSE_UPS = ("face", "head-side", "hand-palm", "hand-back", "foot-top", "foot-sole")
#: the 129 place ids of painmap 0.1: every one keeps working
OLD_PLACE_IDS = """
head forehead temple top-of-head side-of-head back-of-head base-of-skull eyebrow around-eye
behind-eye face cheek sinus upper-teeth lower-teeth inside-mouth jaw chin tmj ear inside-ear
neck back-of-neck side-of-neck front-of-neck throat shoulder top-of-shoulder front-of-shoulder
side-of-shoulder back-of-shoulder armpit back upper-back shoulder-blade
inner-edge-of-shoulder-blade bottom-of-shoulder-blade between-shoulder-blades mid-back low-back
belt-line sacrum si-joint chest breastbone collarbone breast ribs side-of-trunk abdomen
upper-abdomen around-navel lower-abdomen pubic-bone pelvis inside-pelvis perineum genitals
tailbone hip side-of-hip front-of-hip groin buttock sit-bone arm upper-arm front-of-upper-arm
back-of-upper-arm inner-upper-arm outer-upper-arm elbow inner-elbow outer-elbow back-of-elbow
front-of-elbow forearm front-of-forearm back-of-forearm wrist front-of-wrist back-of-wrist hand
palm back-of-hand thumb web-of-thumb fingers index-finger middle-finger ring-finger
little-finger fingertips leg thigh front-of-thigh side-of-thigh inner-thigh back-of-thigh knee
front-of-knee kneecap inner-knee outer-knee back-of-knee lower-leg shin inner-shin calf
outer-leg ankle front-of-ankle inner-ankle outer-ankle back-of-ankle achilles foot heel
bottom-of-heel sole arch instep ball-of-foot top-of-foot outer-foot toes big-toe small-toes
toe-tips
""".split()


def test_the_atlas_is_fine_enough(ds: Dataset) -> None:
    atlas = ds.atlas
    assert len(atlas.cells) >= 400
    assert len(atlas.places) >= 250
    assert {"front", "back", *CLOSE_UPS} <= set(atlas.views)


def test_paired_cells_exist_on_both_sides(ds: Dataset) -> None:
    sides: dict[str, set[str]] = {}
    for cell in ds.atlas.cells:
        sides.setdefault(cell.base, set()).add(cell.side)
    for base, found in sides.items():
        assert found in ({""}, {"l", "r"}), base


def test_old_place_ids_are_kept(ds: Dataset) -> None:
    assert len(OLD_PLACE_IDS) == 129
    assert [p for p in OLD_PLACE_IDS if p not in ds.places] == []


def test_every_muscle_has_cells_and_a_trigger_point_location(ds: Dataset) -> None:
    assert len(ds.muscles) >= 140
    for muscle_id, pattern in ds.patterns.items():
        assert pattern.essential, muscle_id
        assert pattern.points and all(pattern.points), muscle_id


def _root(svg: str) -> ET.Element:
    root = ET.fromstring(svg.encode())
    assert root.tag == f"{SVG}svg" and root.get("viewBox")
    assert "href" not in svg  # standalone
    return root


def _titles(root: ET.Element) -> set[str]:
    return {t.text or "" for t in root.iter(f"{SVG}text")}


@pytest.mark.parametrize(
    ("muscle_id", "close_up"),
    [
        ("temporalis", "Face"),
        ("masseter", "Side of the head (right)"),
        ("adductor-pollicis", "Palm (right)"),
        ("hand-interossei", "Back of the hand"),
        ("flexor-hallucis-longus", "Sole"),
    ],
)
def test_patterns_in_the_head_hand_or_foot_get_a_close_up(ds: Dataset, muscle_id: str, close_up: str) -> None:
    titles = _titles(_root(muscle_svg(ds.muscles[muscle_id], ds)))
    assert any(t.startswith(close_up) for t in titles), titles


def test_a_trunk_pattern_needs_no_close_up(ds: Dataset) -> None:
    titles = _titles(_root(muscle_svg(ds.muscles["quadratus-lumborum"], ds)))
    assert not any(t.startswith(("Face", "Palm", "Sole")) for t in titles)


def test_trigger_points_are_drawn_as_crosses(ds: Dataset) -> None:
    svg = muscle_svg(ds.muscles["gluteus-minimus"], ds)
    crosses = re.findall(r'<path d="M [^"]+ L [^"]+ M [^"]+ L [^"]+" stroke="#000"', svg)
    # each point on both sides of the body, and one in the legend
    assert len(crosses) >= 2 * len(ds.patterns["gluteus-minimus"].points) + 1
    assert "Trigger point" in _titles(_root(svg))


def _cells_drawn(svg: str, fill: str) -> list[list[tuple[float, float]]]:
    out = []
    for points in re.findall(rf'<polygon points="([^"]+)" fill="{re.escape(fill)}"', svg):
        out.append([tuple(map(float, p.split(","))) for p in points.split()])
    return out


def test_a_left_place_is_drawn_on_the_left_only(ds: Dataset) -> None:
    left_hip = Layers(marked=((ds.places["hip"].mask, "l"),))
    both = Layers(marked=((ds.places["hip"].mask, None),))
    from painmap.render.svg import MARKED_FILL

    one = _cells_drawn(picture("left hip", left_hip, ds), MARKED_FILL)
    two = _cells_drawn(picture("hip", both, ds), MARKED_FILL)
    assert one and len(two) == 2 * len(one)
    side_of = {tuple((round(x, 2), round(y, 2)) for x, y in c.polygon): c.side for c in ds.atlas.cells}
    drawn = [side_of[tuple((round(x, 2), round(y, 2)) for x, y in poly)] for poly in one]
    assert set(drawn) == {"l"}


def test_a_one_sided_pattern_is_drawn_on_its_side(ds: Dataset) -> None:
    from painmap.render.svg import PRIMARY_FILL

    pattern = ds.patterns["gluteus-medius"]
    right = _cells_drawn(picture("r", Layers(pattern.essential, 0, "r"), ds), PRIMARY_FILL)
    both = _cells_drawn(picture("b", Layers(pattern.essential, 0, None), ds), PRIMARY_FILL)
    assert right and len(right) < len(both)


def test_warnings_travel_with_the_picture(ds: Dataset) -> None:
    import painmap

    result = painmap.match(["chest", "left arm"], symptoms=["crushing pressure and sweating"])
    assert result.warnings
    svg = picture("chest", Layers(marked=((ds.places["chest"].mask, None),), warnings=result.warnings), ds)
    assert any(result.warnings[0].title in t for t in _titles(_root(svg)))


def test_every_muscle_and_every_place_can_be_drawn(ds: Dataset) -> None:
    for muscle in ds.muscles.values():
        _root(muscle_svg(muscle, ds))
    for place in ds.places.values():
        svg = picture(place.name, Layers(marked=((place.mask, None),)), ds)
        assert 'stroke-dasharray="2 1.2"' in svg, place.id


def _halves(text: str, view: int) -> tuple[str, str]:
    """The left and right halves of one view of the terminal map (0 front, 1 back)."""
    lines = text.splitlines()[1:-1]
    width = max(len(line) for line in lines)
    half = width // 2
    chunk = [line[half * view : half * (view + 1)].ljust(half) for line in lines]
    mid = half // 2
    return "".join(c[:mid] for c in chunk), "".join(c[mid:] for c in chunk)


def test_the_terminal_map_honours_sides(ds: Dataset) -> None:
    text = body_map_text(0, 0, ds, marked=((ds.places["knee"].mask, "r"),))
    left, right = _halves(text, 0)
    # front view: the person's right knee is on the viewer's left
    assert PRIMARY_CHAR in left and PRIMARY_CHAR not in right
    both = body_map_text(0, 0, ds, marked=((ds.places["knee"].mask, None),))
    assert all(PRIMARY_CHAR in half for half in _halves(both, 0))


def test_parent_is_the_smallest_place_holding_it(ds):
    """Same-celled places are synonyms in all but name: the later hangs under the earlier."""
    _, children = ds.atlas.tree()
    for i, (place_id, place) in enumerate(ds.places.items()):
        holders = [
            p
            for j, (pid, p) in enumerate(ds.places.items())
            if pid != place_id and place.mask & p.mask == place.mask and (p.mask != place.mask or j < i)
        ]
        up = ds.atlas.parent(place_id)
        if not holders:
            assert up is None
            continue
        assert up is not None and place_id in children[up] and ds.places[up] in holders
        assert ds.places[up].mask.bit_count() == min(p.mask.bit_count() for p in holders)


def test_a_picture_is_the_same_bytes_whatever_the_hash_seed():
    """Nothing in an SVG depends on set order: two runs with different hash seeds agree byte for byte."""
    import os
    import subprocess
    import sys

    def svg(seed: str) -> bytes:
        env = {**os.environ, "PYTHONHASHSEED": seed}
        command = [sys.executable, "-m", "painmap", "show", "gluteus-medius", "--svg", "-"]
        return subprocess.run(command, env=env, capture_output=True, check=True).stdout

    assert svg("1") == svg("2") == svg("3")
