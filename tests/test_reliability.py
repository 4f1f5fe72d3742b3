"""The fault audit's reproducers (../shared/audits/reliability.md, D1-D24) as tests."""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from painmap import dataset as dataset_module
from painmap import rebuild
from painmap.errors import DatasetError, UsageError
from painmap.files import write_new

PAINMAP = [sys.executable, "-m", "painmap"]


def painmap(*args: str, env: dict | None = None, **kw):
    return subprocess.run([*PAINMAP, *args], capture_output=True, env={**os.environ, **(env or {})}, **kw)


def same(a, b, where=""):
    """Equal and of the same types all the way down (3 == 3.0 is not good enough)."""
    assert type(a) is type(b), (where, type(a), type(b))
    if dataclasses.is_dataclass(a):
        for f in dataclasses.fields(a):
            same(getattr(a, f.name), getattr(b, f.name), f"{where}.{f.name}")
    elif isinstance(a, (tuple, list)):
        assert len(a) == len(b), where
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            same(x, y, f"{where}[{i}]")
    elif isinstance(a, dict):
        assert a.keys() == b.keys(), where
        for k in a:
            same(a[k], b[k], f"{where}.{k}")
    else:
        assert a == b, (where, a, b)


def _same_hint(a, b) -> bool:
    """Two type hints alike; metadata without == of its own (`Loose` stand-ins, or pydantic's
    FieldInfo once pydantic is loaded) alike when of one type with one repr."""
    import typing

    if isinstance(a, rebuild.Loose) or isinstance(b, rebuild.Loose):
        return type(a) is type(b)
    if typing.get_origin(a) is typing.Annotated or typing.get_origin(b) is typing.Annotated:
        return (
            typing.get_origin(b) is typing.get_origin(a)
            and _same_hint(a.__origin__, b.__origin__)
            and len(a.__metadata__) == len(b.__metadata__)
            and all(_same_hint(x, y) for x, y in zip(a.__metadata__, b.__metadata__, strict=True))
        )
    if typing.get_origin(a) is not None or typing.get_origin(b) is not None:
        args_a, args_b = typing.get_args(a), typing.get_args(b)
        return (
            typing.get_origin(a) == typing.get_origin(b)
            and len(args_a) == len(args_b)
            and all(_same_hint(x, y) for x, y in zip(args_a, args_b, strict=True))
        )
    return type(a) is type(b) and (a == b or repr(a) == repr(b))


def test_the_rebuilders_type_hints_are_typings():
    # rebuild evaluates the models' string annotations itself (each compiled once): the same hints
    # as typing.get_type_hints, for every dataclass of the package's data models
    import importlib
    import typing

    checked = 0
    for name in ("painmap.models", "painmap.atlas_models", "painmap.atlas", "painmap.dataset"):
        module = importlib.import_module(name)
        for cls in vars(module).values():
            if isinstance(cls, type) and dataclasses.is_dataclass(cls) and cls.__module__ == name:
                expected = typing.get_type_hints(cls, localns=rebuild._Names(name), include_extras=True)
                found = rebuild._hints(cls)
                assert found.keys() == expected.keys(), cls
                for field_name, hint in expected.items():
                    assert _same_hint(found[field_name], hint), (cls, field_name)
                    checked += 1
    assert checked > 150


def test_data_read_through_orjson_is_what_the_standard_library_reads():
    # a hit reads the (already validated) data files through orjson: the same values, of the same
    # types, as json.loads, on every data file; what orjson refuses is read by json.loads itself
    root = dataset_module.data_root()
    for name in dataset_module.FILES:
        raw = dataset_module.read_data_file(root, name, str(root))
        same(dataset_module.loads(raw), json.loads(raw), name)
        same(dataset_module.loads(raw, typed=True), json.loads(raw), name)
    # typed: an integer beyond 64 bits, read as a float, is no integer to the exact rebuild (so the
    # file is validated instead, as it is when anything else differs)
    from painmap.models import RedFlagFile

    doc = json.loads(dataset_module.read_data_file(root, "redflags.json", str(root)))
    doc["ages"]["child_below"] = 10**20
    with pytest.raises(rebuild.Mismatch):
        rebuild.build(RedFlagFile, dataset_module.loads(json.dumps(doc).encode(), typed=True), exact=True)
    oddities = (
        b'{"a": 123456789012345678901234567890, "b": -9300000000000000000, "c": 18446744073709551615}',
        b'{"a": 0.1000000000000000055511151231257827, "b": 1e400, "c": -0, "d": 5e-324}',
        b"[2.2250738585072011e-308, 0.30000000000000004, 1.7976931348623157e308, 9007199254740993,"
        b" 123456789.123456789, -9223372036854775808, 4.35, 0.1e1, 1E-7, 100000000000000000.5]",
        b'["\\ud800", "\\u00e9"]',
        b"\xef\xbb\xbf[1]",
        b"[" * 2000 + b"]" * 2000,
    )
    for odd in oddities:
        try:
            expected = json.loads(odd)
        except RecursionError:
            continue
        same(dataset_module.loads(odd), expected, odd[:20])


def test_cache_hit_builds_exactly_what_validation_builds():
    root = dataset_module.data_root()
    raw = {n: dataset_module.read_data_file(root, n, str(root)) for n in dataset_module.FILES}
    fast = dataset_module._build_unvalidated(raw)
    assert fast is not None
    for name, model in dataset_module.file_models().items():
        # A hit builds only the files whose objects it uses; the rebuilder must still match
        # validation on every file.
        built = (
            fast[name] if fast[name] is not None else rebuild.build(model, json.loads(raw[name]), exact=True)
        )
        same(built, dataset_module._validate(raw, name, model, str(root)), name)


def test_patterns_drawn_on_first_use_are_the_ones_validation_draws():
    # a hit draws each muscle's pattern when first asked for; validation draws them all at once
    ds = dataset_module.load_dataset()
    muscles = tuple(ds.muscles.values())
    lazy = dataset_module._build(ds.atlas, muscles, lambda: ds.redflag_file, "here", check=False).patterns
    eager = dataset_module._build(ds.atlas, muscles, lambda: ds.redflag_file, "here", check=True).patterns
    assert list(lazy) == list(eager) == [m.id for m in muscles] and len(lazy) == len(eager)

    def fields(pattern):
        return (pattern.essential, pattern.spillover, pattern.points, [fields(p) for p in pattern.parts])

    for muscle_id in reversed(list(eager)):  # any order of asking gives the same
        assert muscle_id in lazy
        assert fields(lazy[muscle_id]) == fields(eager[muscle_id])
    assert "no-such-muscle" not in lazy


def test_cache_holds_no_data_and_a_forged_record_changes_nothing(tmp_path, dataset_copy, monkeypatch):
    # D1, D2, D4: the record is not code and not data; a hit still reads the data files.
    monkeypatch.setenv("PAINMAP_CACHE_DIR", str(tmp_path / "cache"))
    dataset_copy()
    dataset_module._load.cache_clear()
    first = dataset_module.load_dataset()
    (record,) = (tmp_path / "cache").iterdir()
    assert record.name.startswith("painmap-validated-") and record.stat().st_size < 200
    assert oct(record.stat().st_mode & 0o777) == "0o600"
    record.write_bytes(b"garbage")
    dataset_module._load.cache_clear()
    same(dataset_module.load_dataset().redflags, first.redflags)


def test_red_flags_a_hit_cannot_rebuild_are_validated_when_first_used(tmp_path, dataset_copy, monkeypatch):
    # On a hit the red-flag file is built only when a command needs it; if the rebuild cannot be
    # exact (a name validation strips), it is validated then, giving what a first run gives.
    monkeypatch.setenv("PAINMAP_CACHE_DIR", str(tmp_path / "cache"))

    def spaced(doc):
        doc["features"][0]["name"] = "  " + doc["features"][0]["name"] + " "

    dataset_copy("redflags.json", spaced)
    dataset_module._load.cache_clear()
    cold = dataset_module.load_dataset()
    assert cold.redflag_file.features[0].name == cold.redflag_file.features[0].name.strip()
    dataset_module._load.cache_clear()
    warm = dataset_module.load_dataset()  # a hit: the record was written by the first load
    assert "redflag_file" not in warm.memo
    same(warm.redflag_file, cold.redflag_file)
    same(warm.redflags, cold.redflags)


def test_cache_folder_others_can_write_is_not_used(tmp_path, dataset_copy, monkeypatch):
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o1777)  # D1: /tmp-like
    monkeypatch.setenv("PAINMAP_CACHE_DIR", str(shared))
    dataset_copy()
    dataset_module._load.cache_clear()
    dataset_module.load_dataset()
    assert list(shared.iterdir()) == []


def test_cache_path_must_be_absolute(monkeypatch):
    # D5 and D7: a relative folder (PAINMAP_CACHE_DIR=proj, XDG_CACHE_HOME=relcache, HOME unset) is not used
    monkeypatch.setenv("PAINMAP_CACHE_DIR", "proj")
    assert dataset_module.cache_dir() is None
    monkeypatch.delenv("PAINMAP_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", "relcache")
    monkeypatch.setenv("HOME", "/home/someone")
    assert dataset_module.cache_dir() == Path("/home/someone/.cache/painmap")
    monkeypatch.setenv("HOME", "")
    monkeypatch.setattr(dataset_module, "_passwd_home", lambda: "")
    assert dataset_module.cache_dir() is None


def test_prune_keeps_other_files_and_leaves_no_temporaries(tmp_path, dataset_copy, monkeypatch):
    # D5, D6
    cache = tmp_path / "cache"
    cache.mkdir(mode=0o700)
    for name in ("dataset-train.pickle", "painmap-validated-" + "0" * 32 + ".json"):
        (cache / name).write_text("x")
    monkeypatch.setenv("PAINMAP_CACHE_DIR", str(cache))
    dataset_copy()
    dataset_module._load.cache_clear()
    dataset_module.load_dataset()
    names = sorted(p.name for p in cache.iterdir())
    assert "dataset-train.pickle" in names and "painmap-validated-" + "0" * 32 + ".json" in names
    assert not [n for n in names if n.endswith(".tmp")]


def test_a_changed_rule_is_validated_again(monkeypatch):
    # D3: the digest covers the package's code (constraints.py among it)
    root = dataset_module.data_root()
    raw = {n: dataset_module.read_data_file(root, n, str(root)) for n in dataset_module.FILES}
    before = dataset_module._digest(raw)
    real = Path.read_bytes
    monkeypatch.setattr(Path, "read_bytes", lambda p: real(p) + (b"#" if p.name == "constraints.py" else b""))
    assert dataset_module._digest(raw) != before


def test_the_digest_is_blake2b():
    # the interpreter's own BLAKE2b, which spares hashlib's import, gives hashlib's digest
    import hashlib

    for data in (b"", b"painmap", bytes(range(256)) * 1000):
        made = dataset_module._hasher()
        made.update(data)
        assert made.hexdigest() == hashlib.blake2b(data, digest_size=16).hexdigest()


@pytest.mark.parametrize(
    ("name", "content", "says"),
    [
        ("muscles.json", '{"muscles": [' + ",".join(["1"] * 200_000) + "]}", "should be an object"),  # D15
        ("muscles.json", '{"muscles": [], "muscles": []}', "appears twice"),  # D17
        ("atlas.json", '{"x": NaN}', "NaN"),  # D18
    ],
)
def test_hostile_data_files(dataset_copy, name, content, says):
    folder = dataset_copy()
    (folder / name).write_text(content)
    dataset_module._load.cache_clear()
    with pytest.raises(DatasetError, match=says):
        from painmap.dataset import parse_data, validate_data

        if name == "atlas.json":
            parse_data((folder / name).read_bytes(), name)
        else:
            validate_data((folder / name).read_bytes(), dataset_module.file_models()[name], name)


def test_fifo_and_device_data_files(dataset_copy):
    # D16
    folder = dataset_copy()
    (folder / "muscles.json").unlink()
    os.mkfifo(folder / "muscles.json")
    result = painmap("list", env={"PAINMAP_DATA": str(folder)}, timeout=60)
    assert result.returncode == 1 and b"not a regular file" in result.stderr
    (folder / "muscles.json").unlink()
    (folder / "muscles.json").symlink_to("/dev/zero")
    result = painmap("list", env={"PAINMAP_DATA": str(folder)}, timeout=60)
    assert result.returncode == 1 and b"not a regular file" in result.stderr


def test_write_new_refuses_links_devices_and_folders(tmp_path):
    # D12, D13, D14
    dangling = tmp_path / "d.svg"
    dangling.symlink_to("missing.txt")
    for force in (False, True):
        with pytest.raises(UsageError, match="symbolic link"):
            write_new(str(dangling), "<svg/>", force)
    assert dangling.is_symlink()
    device = tmp_path / "null.svg"
    os.mknod(device, 0o666 | 0o020000, os.makedev(1, 3))
    with pytest.raises(UsageError, match="not a regular file"):
        write_new(str(device), "<svg/>", True)
    target = tmp_path / "pain.svg"
    victim = tmp_path / "notes.txt"
    victim.write_text("mine")
    for pid in range(os.getpid(), os.getpid() + 50):  # the old predictable names
        (tmp_path / f"pain.svg.{pid}.tmp").symlink_to(victim)
    write_new(str(target), "<svg/>")
    assert victim.read_text() == "mine" and target.read_text() == "<svg/>"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".pain.svg")]
    with pytest.raises(UsageError, match="already exists"):
        write_new(str(target), "<svg/>")


def batch(stdin: bytes, *extra: str, **kw):
    return painmap("match", "--batch", "-", *extra, input=stdin, timeout=120, **kw)


def test_batch_lines_are_isolated():
    # D19, D20, D21
    deep = b"[" * 100_000 + b"]" * 100_000
    stdin = b'{"areas":["hip"]}\n' + deep + b'\n{"areas":["hip\\ud800"]}\n'
    stdin += b'{"areas": ["' + b"x" * 3_000_000 + b'"]}\n{"areas":["buttock"]}\n'
    result = batch(stdin)
    docs = [json.loads(line) for line in result.stdout.splitlines()]
    assert [d["line"] for d in docs] == [1, 2, 3, 4, 5]
    assert "matches" in docs[0] and "matches" in docs[4]
    assert "deeply" in docs[1]["error"] and "surrogate" in docs[2]["error"] and "longer" in docs[3]["error"]
    assert result.returncode == 2 and b"Traceback" not in result.stderr


def test_batch_from_a_device_is_refused():
    result = painmap("match", "--batch", "/dev/zero", timeout=60)
    assert result.returncode == 2 and b"device" in result.stderr


def test_a_dead_worker_ends_the_run(tmp_path):
    # D23: kill one worker; the run must end by itself, with one line naming the unanswered lines
    import signal
    import time

    source = tmp_path / "big.jsonl"
    source.write_text('{"areas": ["hip"]}\n' * 200_000)
    proc = subprocess.Popen(
        [*PAINMAP, "match", "--batch", str(source)], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    children: list[str] = []
    while not children and proc.poll() is None:
        time.sleep(0.2)
        children = Path(f"/proc/{proc.pid}/task/{proc.pid}/children").read_text().split()
    if not children:
        pytest.skip("the batch finished before a worker could be killed")
    os.kill(int(children[0]), signal.SIGKILL)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 3
    assert b"not answered" in err and err.count(b"\n") == 1
    for line in out.splitlines():
        json.loads(line)


def test_streams():
    # D8, D9, D10, D11, D24
    with open("/dev/full", "wb") as full:
        for args in (("areas",), ("--version",), ("list", "--json")):
            result = subprocess.run([*PAINMAP, *args], stdout=full, stderr=subprocess.PIPE, timeout=60)
            assert result.returncode == 3 and result.stderr.count(b"\n") == 1, args
    closed = subprocess.run([*PAINMAP, "show", "soleus"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    assert closed.returncode == 0
    shell = f"{sys.executable} -m painmap"
    for cmd, code in (
        (f"{shell} show soleus >&-", 3),
        (f"{shell} match --batch - <&-", 2),
        (f"{shell} match --area nowhere 2>&-", 2),
        (f"{shell} list --json | head -c 10 >/dev/null; exit ${{PIPESTATUS[0]}}", 141),
    ):
        result = subprocess.run(["bash", "-c", cmd], capture_output=True, timeout=60)
        assert result.returncode == code, cmd
        assert result.stdout in (b"",) or cmd.endswith("]}"), cmd
    bad = subprocess.run(
        [*PAINMAP, "match", "-a", "hip", "-s", os.fsdecode(b"caf\xe9"), "--json"], capture_output=True
    )
    assert bad.returncode == 2 and bad.stdout == b"" and b"UTF-8" in bad.stderr


def test_svg_to_stdout_and_svg_names(tmp_path):
    result = painmap("map", "-a", "hip", "--svg", "-")
    assert result.returncode == 0 and result.stdout.startswith(b"<?xml")
    assert painmap("match", "-a", "hip", "--json", "--svg", "-").returncode == 2
    png = painmap("map", "-a", "hip", "--svg", str(tmp_path / "pain.png"))
    assert png.returncode == 2 and b".svg" in png.stderr and not (tmp_path / "pain.png").exists()


@pytest.mark.parametrize("field", ["aliases", "symptoms"])
def test_exact_build_refuses_a_text_validation_would_strip(field):
    # A list of texts is checked in one pass (aliases: tuple[Text, ...]; symptoms: NonEmptyTexts):
    # one text with a space around it must still send the file to validation.
    from painmap.models import MuscleFile

    doc = json.loads(dataset_module.read_data_file(dataset_module.data_root(), "muscles.json", "data"))
    muscle = next(m for m in doc["muscles"] if m.get(field))
    muscle[field] = [*muscle[field][:-1], muscle[field][-1] + " "]
    with pytest.raises(rebuild.Mismatch):
        rebuild.build(MuscleFile, doc, exact=True)
