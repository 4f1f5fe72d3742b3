"""Load and validate painmap's dataset once, check its cross-references and build its indices."""

from __future__ import annotations

import contextlib
import gc
import json
import os
import re
import stat
import sys
import time
from collections.abc import Callable, ItemsView, Iterator, KeysView, Mapping, ValuesView
from dataclasses import asdict, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

from painmap import rebuild
from painmap.atlas import Atlas, Place, build_atlas, check_atlas
from painmap.errors import DatasetError
from painmap.frozen import frozen
from painmap.lasting import uncollected
from painmap.models import Muscle, MuscleFile, RedFlagFile, RedFlagRule
from painmap.text import keys

DATA_ENV = "PAINMAP_DATA"
CACHE_ENV = "PAINMAP_CACHE_DIR"
NO_CACHE_ENV = "PAINMAP_NO_CACHE"
CACHE_KEEP = 4
FILES = ("atlas.json", "places.json", "muscles.json", "redflags.json")
ALL_FILES = FILES


@frozen(eq=False)
class MusclePattern:
    """A muscle's referral pattern as bit sets of base cells (see atlas.py)."""

    essential: int
    spillover: int  # never overlaps essential
    #: each trigger point's location (a bit set; drawn at its centre), in the record's order
    points: tuple[int, ...]
    #: for trigger points with a pattern of their own: that pattern alone, each a pattern in its own
    #: right (a person's pain often comes from one point, not all of them). Not joined to the
    #: muscle-level pattern: in most records that is the main trigger point's zone, not a zone all
    #: of them share (lumbar multifidi: the low back, which the sacral points do not reach)
    parts: tuple[MusclePattern, ...] = ()


@frozen(eq=False)
class Dataset:
    """The validated dataset with the lookups the core needs."""

    atlas: Atlas = field(repr=False)
    muscles: Mapping[str, Muscle]
    origin: str
    #: muscle id -> its pattern as cells
    patterns: Mapping[str, MusclePattern] = field(repr=False)
    #: folded name or synonym -> place id
    place_index: Mapping[str, str] = field(repr=False)
    #: the red-flag file, built on first use (`show`, `list`, `areas` and `map` never need it)
    redflag_source: Callable[[], RedFlagFile] = field(repr=False)
    #: folded id, name or alias -> the muscle ids it names (a group alias such as "hamstrings" names several)
    muscle_index: Mapping[str, tuple[str, ...]] = field(repr=False)
    #: lookups derived on first use by the scorer and resolver
    memo: dict[object, object] = field(default_factory=dict, repr=False)

    @property
    def places(self) -> Mapping[str, Place]:
        return self.atlas.places

    @property
    def redflag_file(self) -> RedFlagFile:
        """The red-flag file whole: its features, scope words and age words as well as its rules."""
        found = self.memo.get("redflag_file")
        if found is None:
            found = self.memo["redflag_file"] = uncollected(self.redflag_source)
        return found  # type: ignore[return-value]

    @property
    def redflags(self) -> tuple[RedFlagRule, ...]:
        return self.redflag_file.rules


def data_root() -> Traversable:
    """Where the dataset is read from: $PAINMAP_DATA, the installed package, or the checkout."""
    return _root_for(os.environ.get(DATA_ENV))


@cache
def _root_for(override: str | None) -> Traversable:
    if override:
        return Path(override)
    here = Path(__file__).resolve().parent
    if (here / "data").is_dir():
        # An ordinary install: the package is a folder on disk. Checking it directly spares the
        # ~7 ms import of importlib.resources on every start.
        return here / "data"
    if here.is_dir() and not (Path(__file__).parent / "data").is_dir():
        # On disk, without data/ beside the package (an editable install): importlib.resources
        # would look in that same folder, so skip its import and go straight to the checkout.
        return here.parents[1] / "data"
    from importlib.resources import files

    packaged = files("painmap").joinpath("data")  # e.g. imported from a zip
    if packaged.is_dir():
        return packaged
    # Running from a source checkout (editable install): data/ sits at the repository top.
    return here.parents[1] / "data"


def load_dataset() -> Dataset:
    """The dataset painmap uses, loaded and validated on first call only."""
    root = data_root()
    loads = _load.cache_info().misses
    # tens of thousands of objects, none of them garbage: no collection can free any
    ds = uncollected(lambda: _load(str(root), root), freeze=False)
    if _load.cache_info().misses != loads:
        # The dataset lives as long as the process: later collections need not scan its objects
        # again and again (about 5 % of a lookup). Only cyclic garbage made before this call is
        # kept for good; everything else is freed as usual.
        gc.freeze()
    return ds


@cache
def _load(origin: str, root: Traversable) -> Dataset:
    raw = {name: read_data_file(root, name, origin) for name in FILES}
    digest = _digest(raw)
    validated = False
    built = _cache_hit(digest) and _build_unvalidated(raw)
    if not built:
        built = {name: _validate(raw, name, model, origin) for name, model in file_models().items()}
        validated = True
    atlas = _atlas(raw, built["atlas.json"], built["places.json"], origin, check=validated)
    if validated:
        redflag_file: RedFlagFile = built["redflags.json"]
        ds = _build(atlas, built["muscles.json"].muscles, lambda: redflag_file, origin, check=True)
        _check_redflags(redflag_file, atlas, origin)
    else:
        redflags = _redflags_on_a_hit(raw, atlas, origin)
        ds = _build(atlas, built["muscles.json"].muscles, redflags, origin, check=False)
    _cache_put(digest)  # only now: the cross-reference checks are part of "valid"
    return ds


def _redflags_on_a_hit(raw: Mapping[str, bytes], atlas: Atlas, origin: str) -> Callable[[], RedFlagFile]:
    """The red-flag file of data that passed validation, built when first needed: straight from its
    JSON, or (when that build differs from pydantic's, see rebuild.py) validated there and then."""

    def source() -> RedFlagFile:
        try:
            return rebuild.build(RedFlagFile, loads(raw["redflags.json"], typed=True), exact=True)  # type: ignore[no-any-return]
        except (rebuild.Mismatch, ValueError, RecursionError):
            pass
        found: RedFlagFile = _validate(raw, "redflags.json", RedFlagFile, origin)
        _check_redflags(found, atlas, origin)
        return found

    return source


def file_models() -> dict[str, type[Any]]:
    """Each data file's model, for validating it."""
    from painmap.atlas_models import AtlasFile, PlaceFile

    return {
        "atlas.json": AtlasFile,
        "places.json": PlaceFile,
        "muscles.json": MuscleFile,
        "redflags.json": RedFlagFile,
    }


# --- reading a data file -------------------------------------------------------------------------
# A data file may come from anywhere ($PAINMAP_DATA): it must be a regular file of bounded size
# (never a FIFO that blocks or a device that never ends), strict JSON (no duplicate keys, which would
# silently drop a red-flag rule; no NaN or Infinity), and validation stops at the first problem so
# a small file of junk cannot take gigabytes.

MAX_DATA_BYTES = 50 * 1024 * 1024


def read_data_file(root: Traversable, name: str, origin: str) -> bytes:
    """The bytes of one dataset file; DatasetError naming it when it cannot be read."""
    where = f"{origin}/{name}"
    missing = f"dataset file {where} is missing; {DATA_ENV} must name a folder holding {', '.join(ALL_FILES)}"
    try:
        if not isinstance(root, Path):  # packaged inside a zip: painmap's own bytes
            return root.joinpath(name).read_bytes()
        return _read_regular(root / name, where)
    except (FileNotFoundError, NotADirectoryError, IsADirectoryError):
        raise DatasetError(missing) from None
    except OSError as exc:
        raise DatasetError(f"cannot read dataset file {where}: {exc.strerror or exc}") from None


def _read_regular(path: Path, where: str) -> bytes:
    # O_NONBLOCK: opening a FIFO must not wait for a writer; it is refused just below.
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError
        if not stat.S_ISREG(info.st_mode):
            raise DatasetError(f"dataset file {where} is not a regular file")
        if info.st_size > MAX_DATA_BYTES:
            raise DatasetError(f"dataset file {where} is larger than {MAX_DATA_BYTES // 2**20} MB")
        with os.fdopen(os.dup(fd), "rb") as stream:
            data = stream.read(MAX_DATA_BYTES + 1)
        if len(data) > MAX_DATA_BYTES:  # it grew while we read
            raise DatasetError(f"dataset file {where} is larger than {MAX_DATA_BYTES // 2**20} MB")
        return data
    finally:
        os.close(fd)


def parse_data(raw: bytes, where: str) -> Any:
    """Strict JSON of a data file: DatasetError on a syntax error, a duplicate key, NaN or Infinity."""
    try:
        return json.loads(raw, object_pairs_hook=_no_duplicate_keys, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        raise DatasetError(
            f"invalid dataset file {where}: not valid JSON "
            f"({exc.msg} at line {exc.lineno} column {exc.colno})"
        ) from None
    except ValueError as exc:  # ours below, or bytes that are not UTF-8
        raise DatasetError(f"invalid dataset file {where}: {exc}") from None
    except RecursionError:
        raise DatasetError(f"invalid dataset file {where}: nested too deeply") from None


def loads(raw: bytes, *, typed: bool = False) -> Any:
    """JSON already known to be strict (it passed `parse_data`) as `json.loads` reads it, through
    orjson, which reads the ~1.1 MB of data files in half the time; through `json.loads` itself
    when orjson refuses the text (a lone surrogate escape, deep nesting) and when the text holds a
    run of 19 digits or more: orjson reads an integer beyond 64 bits as a float. `typed`: the caller
    builds the result with rebuild's exact type checks, where such a float in place of an integer
    is a Mismatch (and then validation decides), so that search is spared on the two large files.
    A test compares both readers on every data file and on such oddities."""
    import orjson

    if typed or raw.translate(_DIGITS_AS_ZERO).find(b"0" * 19) < 0:
        try:
            return orjson.loads(raw)
        except orjson.JSONDecodeError:
            pass
    return json.loads(raw)


_DIGITS_AS_ZERO = bytes(b"0"[0] if chr(c).isdigit() and c < 128 else b"."[0] for c in range(256))


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    doc = dict(pairs)
    if len(doc) != len(pairs):
        seen: set[str] = set()
        twice = next(k for k, _ in pairs if k in seen or seen.add(k))  # type: ignore[func-returns-value]
        raise ValueError(f"the key {twice!r} appears twice in one object")
    return doc


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number painmap accepts")


def invalid_file(exc: Any, where: str) -> DatasetError:
    """One line for a pydantic ValidationError: the first problem, where, and how many more."""
    err = exc.errors()[0]
    loc = ".".join(str(p) for p in err["loc"]) or "top level"
    more = f" (and {exc.error_count() - 1} more problems)" if exc.error_count() > 1 else ""
    return DatasetError(f"invalid dataset file {where}: {loc}: {err['msg']}{more}")


def validate_data(raw: bytes, model: type[Any], where: str) -> Any:
    """A data file checked by pydantic: strict JSON first, then its shape (stopping at the first
    problem), then the full rules. DatasetError (one line) when anything is wrong."""
    from pydantic import ValidationError

    from painmap.constraints import adapter

    check = adapter(model)  # also puts the constraint names where the shape check looks
    doc = parse_data(raw, where)
    try:
        rebuild.build(model, doc, exact=False)
    except rebuild.Mismatch as exc:
        raise DatasetError(f"invalid dataset file {where}: {exc} (checking stopped there)") from None
    try:
        return check.validate_json(raw)
    except ValidationError as exc:
        raise invalid_file(exc, where) from None


def _validate(raw: Mapping[str, bytes], name: str, model: type[Any], origin: str) -> Any:
    return validate_data(raw[name], model, f"{origin}/{name}")


def _build_unvalidated(raw: Mapping[str, bytes]) -> dict[str, Any] | None:
    """The file objects built straight from JSON that is known to have passed validation, without
    pydantic; None when anything differs from what pydantic would build (then it validates). The
    atlas and places files are not built: unvalidated, only their JSON is read (see _atlas)."""
    try:
        return {
            name: rebuild.build(_BUILT_ON_A_HIT[name], loads(raw[name], typed=True), exact=True)
            if name in _BUILT_ON_A_HIT
            else None
            for name in FILES
        }
    except (rebuild.Mismatch, ValueError, RecursionError):
        return None


_BUILT_ON_A_HIT: dict[str, type[Any]] = {"muscles.json": MuscleFile}  # the red flags: when first needed


# --- the validated cache -------------------------------------------------------------------------
# Validating the JSON needs pydantic, whose import alone costs more than a whole lookup. The cache
# holds no data: only a small record saying "data files with this digest passed validation under this
# painmap". A hit still builds every object from the data files themselves (see rebuild.py), so a
# forged or stale record can at worst skip the constraint checks for bytes that are hashed into its
# name; it can never change an answer. Records live in a folder that must be the user's own.

CACHE_PREFIX = "painmap-validated-"
# matched only when pruning (after a validation): compiled then, by re
_RECORD_NAME = r"^painmap-validated-[0-9a-f]{32}\.json$"
_TEMP_NAME = r"^\.painmap-validated-[A-Za-z0-9_]+\.tmp$"
_MARKER = "painmap validated-dataset record"


def _hasher() -> Any:
    """The digest's hash: BLAKE2b, from the interpreter's own module. hashlib would load OpenSSL
    first (~5 ms of every start), and the built-in SHA-256 hashes the ~1.4 MB of data and code
    several times slower than BLAKE2b."""
    try:
        from _blake2 import blake2b  # type: ignore[import-not-found]
    except ImportError:
        from hashlib import blake2b
    return blake2b(digest_size=16)


def _digest(raw: Mapping[str, bytes]) -> str:
    h = _hasher()
    for name in FILES:
        h.update(name.encode() + b"\0" + len(raw[name]).to_bytes(8, "big") + raw[name])
    # Every module of the package itself (models, constraints, validation, this file...), so a
    # painmap with other rules never trusts a record written by another.
    package = Path(__file__).parent
    for name in sorted(n for n in os.listdir(package) if n.endswith(".py")):  # as glob("*.py") lists them
        h.update(name.encode() + b"\0" + (package / name).read_bytes())
    h.update(sys.version.encode())
    return h.hexdigest()[:32]


def _record(digest: str) -> bytes:
    return json.dumps({"marker": _MARKER, "digest": digest}).encode() + b"\n"


def cache_dir() -> Path | None:
    """The cache folder, or None when caching is off or no safe absolute folder is known."""
    if os.environ.get(NO_CACHE_ENV):
        return None
    chosen = os.environ.get(CACHE_ENV)
    if not chosen:
        xdg = os.environ.get("XDG_CACHE_HOME", "")
        if os.path.isabs(xdg):  # the XDG spec says to ignore a relative path
            chosen = os.path.join(xdg, "painmap")
        else:
            home = os.environ.get("HOME") or _passwd_home()
            chosen = os.path.join(home, ".cache", "painmap") if home else ""
    return Path(chosen) if os.path.isabs(chosen) else None


def _passwd_home() -> str:
    try:
        import pwd

        return pwd.getpwuid(os.getuid()).pw_dir
    except (ImportError, KeyError):
        return ""


def _own_private(info: os.stat_result) -> bool:
    """Owned by this user and writable by nobody else."""
    uid = os.geteuid() if hasattr(os, "geteuid") else None
    return (uid is None or info.st_uid == uid) and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def _safe_folder(create: bool) -> Path | None:
    folder = cache_dir()
    if folder is None:
        return None
    try:
        if create:
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = os.stat(folder)
    except OSError:
        return None
    return folder if stat.S_ISDIR(info.st_mode) and _own_private(info) else None


def _cache_hit(digest: str) -> bool:
    folder = _safe_folder(create=False)
    if folder is None:
        return False
    try:
        fd = os.open(folder / f"{CACHE_PREFIX}{digest}.json", os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return False
    try:
        info = os.fstat(fd)
        return stat.S_ISREG(info.st_mode) and _own_private(info) and os.read(fd, 4096) == _record(digest)
    except OSError:
        return False
    finally:
        os.close(fd)


def _cache_put(digest: str) -> None:
    folder = _safe_folder(create=True)
    if folder is None or _cache_hit(digest):
        return
    import tempfile

    temporary = ""
    try:
        fd, temporary = tempfile.mkstemp(prefix=f".{CACHE_PREFIX}", suffix=".tmp", dir=folder)
        with os.fdopen(fd, "wb") as out:
            out.write(_record(digest))
        os.replace(temporary, folder / f"{CACHE_PREFIX}{digest}.json")
        temporary = ""
        _prune(folder)
    except OSError:  # a read-only or full home is no reason to fail a lookup
        pass
    finally:
        if temporary:
            with contextlib.suppress(OSError):
                os.unlink(temporary)


def _prune(folder: Path) -> None:
    """Keep the few most recent records (the packaged dataset and a clinic's copy, say); delete only
    files with our name pattern that hold our marker (or our own temporary files, once old)."""
    ours: list[tuple[float, Path]] = []
    now = time.time()
    for entry in os.scandir(folder):
        info = entry.stat(follow_symlinks=False)
        if not stat.S_ISREG(info.st_mode) or not _own_private(info):
            continue
        path = Path(entry.path)
        if re.match(_TEMP_NAME, entry.name) and now - info.st_mtime > 3600 and info.st_size < 4096:
            with contextlib.suppress(OSError):
                path.unlink()
        elif re.match(_RECORD_NAME, entry.name) and info.st_size < 4096:
            with contextlib.suppress(OSError, ValueError, AttributeError):  # not ours: leave it
                if json.loads(path.read_bytes()).get("marker") == _MARKER:
                    ours.append((info.st_mtime, path))
    for _, stale in sorted(ours, reverse=True)[CACHE_KEEP:]:
        with contextlib.suppress(OSError):
            stale.unlink()


def _atlas(raw: Mapping[str, bytes], atlas_doc: Any, places_doc: Any, origin: str, check: bool) -> Atlas:
    """The atlas built from its files; its geometry and places are checked when they are validated."""
    where = f"{origin}/atlas.json"
    if check:
        from painmap.shapes import shape_subpaths
    for view in atlas_doc.views if check else ():
        for shape in (*view.outline, *view.details):
            given = {k: v for k, v in asdict(shape).items() if v is not None}
            kinds = [k for k in ("polygon", "smooth", "ellipse", "path") if k in given]
            if len(kinds) != 1:
                raise DatasetError(
                    f"invalid dataset file {where}: view {view.id}: a shape needs exactly one of"
                    f" polygon, smooth, ellipse or path, not {kinds or 'none'}"
                )
            try:
                shape_subpaths(given)
            except (KeyError, TypeError, ValueError, IndexError) as exc:
                raise DatasetError(
                    f"invalid dataset file {where}: view {view.id}: bad shape: {exc}"
                ) from None
    try:
        atlas = build_atlas(loads(raw["atlas.json"]), loads(raw["places.json"]))
    except ValueError as exc:
        raise DatasetError(f"invalid dataset in {origin}: {exc}") from None
    problems = check_atlas(atlas) if check else []
    if problems:
        more = f" (and {len(problems) - 1} more problems)" if len(problems) > 1 else ""
        raise DatasetError(f"invalid dataset in {origin}: {problems[0]}{more}")
    return atlas


def _build(
    atlas: Atlas,
    muscles: tuple[Muscle, ...],
    redflag_source: Callable[[], RedFlagFile],
    origin: str,
    check: bool = True,
) -> Dataset:
    """The dataset with its lookups. The word indices are built on first use, unless `check` (the
    files are being validated): then at once, as a word naming two places or muscles is an error."""

    def fail(message: str) -> DatasetError:
        return DatasetError(f"invalid dataset in {origin}: {message}")

    place_index = _Index(lambda: _place_index(atlas, fail))
    if check:
        place_index.table()

    places, select = atlas.places, atlas.select

    def cells(muscle: Muscle, names: tuple[str, ...]) -> int:
        mask = 0
        for name in names:
            place = places.get(name)  # as atlas.cells_of((name,)) finds it, without its loop
            found = place.mask if place is not None else select(name)
            if not found:
                raise fail(f"muscle {muscle.id!r} names {name!r}, which is neither a place nor a cell")
            mask |= found
        return mask

    muscle_map: dict[str, Muscle] = {}
    for muscle in muscles:
        if muscle.id in muscle_map:
            raise fail(f"muscle id {muscle.id!r} appears twice in muscles.json")
        muscle_map[muscle.id] = muscle

    def pattern_of(muscle: Muscle) -> MusclePattern:
        essential = cells(muscle, muscle.pattern.essential)
        spillover = cells(muscle, muscle.pattern.spillover)
        points = []
        parts = []
        for point in muscle.trigger_points:
            if point.pattern is not None:
                own_e = cells(muscle, point.pattern.essential)
                own_s = cells(muscle, point.pattern.spillover)
                essential |= own_e
                spillover |= own_s
                parts.append(MusclePattern(own_e, own_s & ~own_e, ()))
            if point.at is not None:
                points.append(cells(muscle, (point.at,)))
        if not essential:
            raise fail(f"muscle {muscle.id!r} has no essential pattern")
        return MusclePattern(
            essential, spillover & ~essential, tuple(points), tuple(p for p in parts if p.essential)
        )

    patterns: Mapping[str, MusclePattern]
    if check:
        patterns = {}
        for muscle in muscles:
            patterns[muscle.id] = pattern_of(muscle)
            for other in muscle.associated_muscles:
                if other not in muscle_map:
                    raise fail(
                        f"muscle {muscle.id!r} names associated muscle {other!r}, which is not a muscle id"
                    )
    else:  # data that passed these checks: each pattern drawn when first asked for (show needs one)
        patterns = _Patterns(muscle_map, pattern_of)
    muscle_index = _Index(lambda: _muscle_index(muscles, fail))
    if check:
        muscle_index.table()

    return Dataset(
        atlas=atlas,
        muscles=muscle_map,
        origin=origin,
        redflag_source=redflag_source,
        patterns=patterns,
        place_index=place_index,
        muscle_index=muscle_index,
    )


def _check_redflags(redflag_file: RedFlagFile, atlas: Atlas, origin: str) -> None:
    """The red-flag file's cross-references: its feature, place and rule ids."""

    def fail(message: str) -> DatasetError:
        return DatasetError(f"invalid dataset in {origin}: {message}")

    rules = redflag_file.rules
    feature_ids: set[str] = set()
    for feature in redflag_file.features:
        if feature.id in feature_ids:
            raise fail(f"red-flag feature id {feature.id!r} appears twice in redflags.json")
        feature_ids.add(feature.id)
        for area_id in (*feature.places, *feature.outside):
            if area_id not in atlas.places:
                raise fail(
                    f"red-flag feature {feature.id!r} names place {area_id!r}, which is not a place id"
                )
    feature_ids |= {"child", "older-adult"}  # read from the age, not from words
    rule_ids = {rule.id for rule in rules}
    if len(rule_ids) != len(rules):
        twice = next(r.id for i, r in enumerate(rules) if r.id in {q.id for q in rules[:i]})
        raise fail(f"red-flag rule id {twice!r} appears twice in redflags.json")
    for rule in rules:
        for other in rule.superseded_by:
            if other not in rule_ids:
                raise fail(f"red-flag rule {rule.id!r} is superseded by {other!r}, which is not a rule id")
        for trigger in rule.triggers:
            for feature_id in (*(f for group in trigger.all_of for f in group), *trigger.none_of):
                if feature_id not in feature_ids:
                    raise fail(
                        f"red-flag rule {rule.id!r} names feature {feature_id!r}, which is not a feature id"
                    )


V = TypeVar("V")


class _Index(Mapping[str, V]):
    """A word index built on first use: most commands look up places or muscles, not both."""

    def __init__(self, build: Callable[[], dict[str, V]]) -> None:
        self._build = build
        self._table: dict[str, V] | None = None

    def table(self) -> dict[str, V]:
        if self._table is None:
            self._table = uncollected(self._build)
        return self._table

    def __getitem__(self, word: str) -> V:
        return self.table()[word]

    def __iter__(self) -> Iterator[str]:
        return iter(self.table())

    def __len__(self) -> int:
        return len(self.table())

    def __contains__(self, word: object) -> bool:
        return word in self.table()

    def get(self, word: str, default: Any = None) -> Any:
        return self.table().get(word, default)

    def keys(self) -> KeysView[str]:
        return self.table().keys()

    def items(self) -> ItemsView[str, V]:
        return self.table().items()

    def values(self) -> ValuesView[V]:
        return self.table().values()


class _Patterns(dict[str, MusclePattern]):
    """Muscle id -> its pattern, each worked out on first use, in the muscles' order. A dict, so
    that the scorer's many look-ups of a pattern already made stay a plain dict look-up (a batch
    makes hundreds a query); every way of listing it lists all the muscles."""

    def __init__(self, muscles: Mapping[str, Muscle], make: Callable[[Muscle], MusclePattern]) -> None:
        super().__init__()
        self._muscles = muscles
        self._make = make

    def __missing__(self, muscle_id: str) -> MusclePattern:
        made = self._make(self._muscles[muscle_id])  # KeyError for an unknown id, as a dict's
        self[muscle_id] = made
        return made

    def _every(self) -> None:
        if dict.__len__(self) != len(self._muscles) or list(dict.keys(self)) != list(self._muscles):
            made = {muscle_id: self[muscle_id] for muscle_id in self._muscles}  # in the muscles' order
            self.clear()
            self.update(made)

    def __iter__(self) -> Iterator[str]:
        return iter(self._muscles)

    def __len__(self) -> int:
        return len(self._muscles)

    def __contains__(self, muscle_id: object) -> bool:
        return muscle_id in self._muscles

    def get(self, muscle_id: str, default: Any = None) -> Any:  # type: ignore[override]
        return self[muscle_id] if muscle_id in self._muscles else default

    def keys(self) -> KeysView[str]:  # type: ignore[override]
        self._every()
        return dict.keys(self)

    def values(self) -> ValuesView[MusclePattern]:  # type: ignore[override]
        self._every()
        return dict.values(self)

    def items(self) -> ItemsView[str, MusclePattern]:  # type: ignore[override]
        self._every()
        return dict.items(self)


def _place_index(atlas: Atlas, fail: Callable[[str], DatasetError]) -> dict[str, str]:
    """Folded name or synonym -> place id; `fail` for words naming two places."""
    place_index: dict[str, str] = {}
    named = [
        (word, place)
        for place in atlas.places.values()
        for word in (place.id.replace("-", " "), place.name, *place.synonyms)
    ]
    for (word, place), k in zip(named, keys([word for word, _ in named]), strict=True):
        if not k:
            continue
        if place_index.get(k, place.id) != place.id:
            raise fail(f"the words {word!r} name both place {place_index[k]!r} and {place.id!r}")
        place_index[k] = place.id
    return place_index


def _muscle_index(
    muscles: tuple[Muscle, ...], fail: Callable[[str], DatasetError]
) -> dict[str, tuple[str, ...]]:
    """Folded id, name or alias -> the muscle ids it names; `fail` for an id or name naming several."""
    muscle_index: dict[str, tuple[str, ...]] = {}
    named = [
        (word, muscle)
        for muscle in muscles
        for word in (muscle.id.replace("-", " "), muscle.name, *muscle.aliases)
    ]
    folded = keys([word for word, _ in named])
    for (_, muscle), k in zip(named, folded, strict=True):
        if k and muscle.id not in muscle_index.get(k, ()):
            muscle_index[k] = (*muscle_index.get(k, ()), muscle.id)
    # an id or a full name must name one muscle only (each muscle's first two words above)
    start = 0
    for muscle in muscles:
        for word, k in zip(
            (muscle.id.replace("-", " "), muscle.name), folded[start : start + 2], strict=True
        ):
            if len(muscle_index[k]) > 1:
                raise fail(f"the name {word!r} belongs to several muscles: {', '.join(muscle_index[k])}")
        start += 2 + len(muscle.aliases)
    return muscle_index
