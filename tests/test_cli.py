"""Every command and error path end to end through Typer's CliRunner."""

from __future__ import annotations

import json

import pytest

from painmap.cli import app
from painmap.models import SCHEMA_VERSION


def ok_json(result) -> dict:
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_match_hip_buttock(run):
    result = run("match", "--area", "hip", "--area", "buttock")
    assert result.exit_code == 0
    assert "Gluteus medius" in result.stdout
    assert "not a diagnosis" in result.stdout


def test_match_json_contract(run):
    doc = ok_json(run("match", "--area", "lower back", "--area", "side of thigh", "--json"))
    assert doc["schema_version"] == SCHEMA_VERSION
    assert doc["matches"][0]["id"] in {"gluteus-medius", "gluteus-minimus", "quadratus-lumborum"}
    assert [a["id"] for a in doc["query"]["areas"]] == ["low-back", "side-of-thigh"]
    assert doc["query"]["areas"][0]["input"] == "lower back"
    first = doc["matches"][0]
    assert set(first) >= {"rank", "id", "name", "score", "reasons", "aliases", "region"}
    assert 0 <= first["score"] <= 1
    assert {r["kind"] for r in first["reasons"]} <= {
        "area",
        "unexplained",
        "symptom",
        "activity",
        "condition",
        "prevalence",
    }
    assert "warnings" in doc and "disclaimer" in doc


def test_match_options(run):
    doc = ok_json(
        run(
            "match",
            "-a",
            "hip",
            "-s",
            "lying on my side",
            "--activity",
            "running",
            "--side",
            "left",
            "--limit",
            "3",
            "--json",
        )
    )
    assert len(doc["matches"]) == 3
    assert doc["query"]["side"] == "left"
    assert doc["query"]["symptoms"] == ["lying on my side"]
    kinds = {r["kind"] for m in doc["matches"] for r in m["reasons"]}
    assert "symptom" in kinds


def test_side_from_the_words(run):
    doc = ok_json(run("match", "-a", "left hip", "--json"))
    assert doc["query"]["side"] == "left"


def test_show_page_and_json(run):
    page = run("show", "gluteus-medius")
    assert page.exit_code == 0
    for heading in ("WHERE IT SENDS PAIN", "TRIGGER POINTS", "SELF-CARE", "CHECK THESE TOO", "SOURCES"):
        assert heading in page.stdout
    assert "painmap show quadratus-lumborum" in page.stdout
    doc = ok_json(run("show", "glute med", "--json"))
    assert doc["id"] == "gluteus-medius" and doc["schema_version"] == SCHEMA_VERSION
    assert ok_json(run("show", "gluteus medious", "--json"))["id"] == "gluteus-medius"


def test_list_and_areas(run):
    doc = ok_json(run("list", "--json"))
    assert doc["count"] == len(doc["muscles"]) >= 25
    thigh = ok_json(run("list", "--region", "thigh", "--json"))
    assert thigh["muscles"] and all(m["region"] == "thigh" for m in thigh["muscles"])
    assert "gluteus-medius" in run("list").stdout
    areas = ok_json(run("areas", "--json"))
    assert len(areas["areas"]) >= 250
    by_id = {a["id"]: a for a in areas["areas"]}
    assert by_id["side-of-thigh"]["cells"] and by_id["side-of-thigh"]["lateral"]
    assert by_id["side-of-thigh"]["within"] is not None
    tree = run("areas").stdout
    assert "Side of the thigh" in tree and "outer thigh" in tree


def test_version_and_help(run):
    assert run("--version").stdout.startswith("painmap ")
    assert run("--help").exit_code == 0


def test_every_command_has_help_and_an_example(run):
    import typer.main

    group = typer.main.get_command(app)
    for name, command in group.commands.items():
        assert command.help, name
        assert "painmap" in (command.epilog or ""), f"{name} has no example"
        assert run(name, "--help").exit_code == 0


@pytest.mark.parametrize(
    ("args", "code", "says"),
    [
        (["match", "--area", "xyzzy"], 2, "unknown area 'xyzzy'"),
        (["match", "--area", "thihg"], 0, None),
        (["match"], 2, "nothing to go on"),
        (["match", "--area", ""], 2, "empty area"),
        (["match", "--area", "hip", "--limit", "0"], 2, "limit"),
        (["match", "--area", "hip", "--limit", "x"], 2, "--limit"),
        (["match", "--area", "hip", "--side", "up"], 2, "side must be"),
        (["show", "nosuchmuscle"], 2, "unknown muscle"),
        (["show"], 2, "muscle"),
        (["list", "--region", "moon"], 2, "unknown region"),
        (["nosuch"], 2, "nosuch"),
    ],
)
def test_bad_input_is_one_line_on_stderr(run, args, code, says):
    result = run(*args)
    assert result.exit_code == code, result.stderr
    if code:
        assert result.stdout == ""
        assert len(result.stderr.strip().splitlines()) == 1
        assert says in result.stderr
        assert "Traceback" not in result.stderr


@pytest.mark.parametrize("name", ["muscles.json", "atlas.json", "places.json", "redflags.json"])
def test_broken_dataset_exits_1(run, dataset_copy, name):
    dataset_copy(name, raw=b"[1, 2")
    result = run("match", "--area", "hip")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert name in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_wrong_type_in_dataset_exits_1(run, dataset_copy):
    dataset_copy("muscles.json", lambda d: d["muscles"][0].update(prevalence="lots"))
    result = run("show", "gluteus-medius")
    assert result.exit_code == 1 and "prevalence" in result.stderr


def test_zero_matches_is_not_an_error(run, dataset_copy):
    def only_hip(doc):
        for m in doc["muscles"]:
            m["pattern"] = {"essential": ["hip"], "spillover": []}
            m["trigger_points"] = [{"where": t["where"]} for t in m["trigger_points"]]

    dataset_copy("muscles.json", only_hip)
    result = run("match", "--area", "big toe", "--json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["matches"] == []
    assert "no muscle" in result.stderr


# --- body maps through the CLI -------------------------------------------------------------------


def test_show_draws_the_map_and_can_hide_it(run):
    page = run("show", "gluteus-medius").stdout
    assert "█" in page and "░" in page and "Front" in page
    hidden = run("show", "gluteus-medius", "--no-map").stdout
    assert "█" not in hidden and "WHERE IT SENDS PAIN" in hidden


def test_svg_files_are_written_and_never_overwritten_without_force(run, tmp_path):
    import xml.etree.ElementTree as ET

    target = tmp_path / "gm.svg"
    first = run("show", "gluteus-medius", "--svg", str(target))
    assert first.exit_code == 0 and target.exists()
    assert ET.parse(target).getroot().tag.endswith("svg")
    target.write_text("mine")
    again = run("show", "gluteus-medius", "--svg", str(target))
    assert again.exit_code == 2 and "--force" in again.stderr and again.stdout == ""
    assert target.read_text() == "mine"
    forced = run("show", "gluteus-medius", "--svg", str(target), "--force")
    assert forced.exit_code == 0 and target.read_text().startswith("<?xml")


def test_match_and_map_svg(run, tmp_path):
    import xml.etree.ElementTree as ET

    match_svg = tmp_path / "match.svg"
    result = run("match", "-a", "hip", "-a", "buttock", "--svg", str(match_svg), "--json")
    assert result.exit_code == 0
    top = json.loads(result.stdout)["matches"][0]
    text = match_svg.read_text()
    ET.fromstring(text)
    assert top["name"] in text
    map_svg = tmp_path / "map.svg"
    drawn = run("map", "--area", "side of thigh", "--area", "belt line", "--svg", str(map_svg))
    assert drawn.exit_code == 0 and "side of the thigh" in drawn.stdout
    ET.fromstring(map_svg.read_text())


@pytest.mark.parametrize(
    "args",
    [
        ["map"],
        ["map", "--area", "xyzzy"],
        ["map", "--area", "hip", "--svg", "/no/such/folder/x.svg"],
    ],
)
def test_map_bad_input(run, args):
    result = run(*args)
    assert result.exit_code == 2 and result.stdout == "" and len(result.stderr.strip().splitlines()) == 1


def test_completion_offers_areas_and_muscles():
    import os
    import subprocess
    import sys

    env = {
        **os.environ,
        "_PAINMAP_COMPLETE": "complete_bash",
        "COMP_WORDS": "painmap show glut",
        "COMP_CWORD": "2",
    }
    out = subprocess.run([sys.executable, "-m", "painmap"], env=env, capture_output=True, text=True).stdout
    assert "gluteus-medius" in out.split()
    env.update(COMP_WORDS="painmap match --area side", COMP_CWORD="3")
    out = subprocess.run([sys.executable, "-m", "painmap"], env=env, capture_output=True, text=True).stdout
    assert "side\\ of\\ the\\ thigh" in out.splitlines()  # escaped for bash: one argument


def test_version_and_help_load_no_dataset():
    """--version and --help answer without importing the models, the dataset or the scorer."""
    import subprocess
    import sys

    probe = (
        "import sys\n"
        "from painmap.cli import main\n"
        "sys.argv = ['painmap', sys.argv[1]]\n"
        "try:\n"
        "    main()\n"
        "except SystemExit:\n"
        "    pass\n"
        "heavy = ('painmap.models', 'painmap.dataset', 'painmap.scoring', 'pydantic')\n"
        "print([m for m in heavy if m in sys.modules], file=sys.stderr)\n"
    )
    for flag in ("--version", "--help"):
        done = subprocess.run(
            [sys.executable, "-c", probe, flag], capture_output=True, text=True, timeout=120
        )
        assert done.stderr.strip().splitlines()[-1] == "[]", (flag, done.stderr)
        assert "painmap" in done.stdout


def test_an_unexpected_error_is_one_line_and_exit_70(run, monkeypatch):
    from painmap import api

    def broken(*args, **kwargs):
        raise RuntimeError("simulated fault")

    monkeypatch.setattr(api, "match", broken)
    result = run("match", "--area", "hip")
    assert result.exit_code == 70
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "internal error" in lines[0] and "simulated fault" in lines[0]
    monkeypatch.setenv("PAINMAP_DEBUG", "1")
    assert isinstance(run("match", "--area", "hip").exception, RuntimeError)
