"""Load and validate painmap's dataset once, check its cross-references and build its indices."""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

from painmap.errors import DatasetError
from painmap.atlas import Atlas, Place, build_atlas, check_atlas
from painmap.models import AtlasFile, Muscle, MuscleFile, PlaceFile, RedFlagFile, RedFlagRule
from painmap.text import key

DATA_ENV = "PAINMAP_DATA"
CACHE_ENV = "PAINMAP_CACHE_DIR"
NO_CACHE_ENV = "PAINMAP_NO_CACHE"
CACHE_KEEP = 4
FILES = ("atlas.json", "places.json", "muscles.json", "redflags.json")
ALL_FILES = FILES


@dataclass(frozen=True, eq=False)
class MusclePattern:
    """A muscle's referral pattern as bit sets of base cells (see atlas.py)."""

    essential: int
    spillover: int  # never overlaps essential
    #: each trigger point's location (a bit set; drawn at its centre), in the record's order
    points: tuple[int, ...]


@dataclass(frozen=True, eq=False)
class Dataset:
    """The validated dataset with the lookups the core needs."""

    atlas: Atlas = field(repr=False)
    muscles: Mapping[str, Muscle]
    redflags: tuple[RedFlagRule, ...]
    origin: str
    #: muscle id -> its pattern as cells
    patterns: Mapping[str, MusclePattern] = field(repr=False)
    #: folded name or synonym -> place id
    place_index: Mapping[str, str] = field(repr=False)
    #: folded id, name or alias -> the muscle ids it names (a group alias such as "hamstrings" names several)
    muscle_index: Mapping[str, tuple[str, ...]] = field(repr=False)
    #: lookups derived on first use by the scorer and resolver
    memo: dict[object, object] = field(default_factory=dict, repr=False)

    @property
    def places(self) -> Mapping[str, Place]:
        return self.atlas.places


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
    from importlib.resources import files

    packaged = files("painmap").joinpath("data")  # e.g. imported from a zip
    if packaged.is_dir():
        return packaged
    # Running from a source checkout (editable install): data/ sits at the repository top.
    return here.parents[1] / "data"


def load_dataset() -> Dataset:
    """The dataset painmap uses, loaded and validated on first call only."""
    root = data_root()
    return _load(str(root), root)


@cache
def _load(origin: str, root: Traversable) -> Dataset:
    raw = {name: read_data_file(root, name, origin) for name in FILES}
    digest = _digest(raw)
    cached = _cache_get(digest)
    if cached is not None:
        return replace(cached, origin=origin, memo={})
    atlas_doc = _validate(raw, "atlas.json", AtlasFile, origin)
    places_doc = _validate(raw, "places.json", PlaceFile, origin)
    muscles = _validate(raw, "muscles.json", MuscleFile, origin).muscles
    rules = _validate(raw, "redflags.json", RedFlagFile, origin).rules
    ds = _build(_atlas(raw, atlas_doc, places_doc, origin), muscles, rules, origin)
    _cache_put(digest, ds)
    return ds


def read_data_file(root: Traversable, name: str, origin: str) -> bytes:
    """The bytes of one dataset file; DatasetError naming it when it cannot be read."""
    where = f"{origin}/{name}"
    try:
        return root.joinpath(name).read_bytes()
    except (FileNotFoundError, NotADirectoryError, IsADirectoryError):
        raise DatasetError(
            f"dataset file {where} is missing; {DATA_ENV} must name a folder holding {', '.join(ALL_FILES)}"
        ) from None
    except OSError as exc:
        raise DatasetError(f"cannot read dataset file {where}: {exc.strerror or exc}") from None


def invalid_file(exc: Any, where: str) -> DatasetError:
    """One line for a pydantic ValidationError: the first problem, where, and how many more."""
    err = exc.errors()[0]
    loc = ".".join(str(p) for p in err["loc"]) or "top level"
    more = f" (and {exc.error_count() - 1} more problems)" if exc.error_count() > 1 else ""
    return DatasetError(f"invalid dataset file {where}: {loc}: {err['msg']}{more}")


def _validate(raw: Mapping[str, bytes], name: str, model: type[Any], origin: str) -> Any:
    from pydantic import ValidationError

    from painmap.constraints import adapter

    try:
        return adapter(model).validate_json(raw[name])
    except ValidationError as exc:
        raise invalid_file(exc, f"{origin}/{name}") from None


# --- the validated cache -------------------------------------------------------------------------
# Validating the JSON needs pydantic, whose import alone costs more than a whole lookup. A dataset
# that passed validation is pickled under a key made of the data files' bytes and painmap's own
# model code, so a changed file or a new painmap version is validated afresh.


def _digest(raw: Mapping[str, bytes]) -> str:
    h = hashlib.sha256()
    for name in FILES:
        h.update(name.encode() + b"\0" + len(raw[name]).to_bytes(8, "big") + raw[name])
    for module in ("painmap.models", "painmap.dataset", "painmap.text", "painmap.atlas"):
        h.update(Path(sys.modules[module].__file__ or "").read_bytes())
    h.update(sys.version.encode())
    return h.hexdigest()[:32]


def cache_dir() -> Path | None:
    if os.environ.get(NO_CACHE_ENV):
        return None
    chosen = os.environ.get(CACHE_ENV) or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"), "painmap"
    )
    return Path(chosen)


def _cache_get(digest: str) -> Dataset | None:
    folder = cache_dir()
    if folder is None:
        return None
    try:
        ds = pickle.loads((folder / f"dataset-{digest}.pickle").read_bytes())
    except Exception:  # missing, unreadable or stale: validate instead
        return None
    return ds if isinstance(ds, Dataset) else None


def _cache_put(digest: str, ds: Dataset) -> None:
    folder = cache_dir()
    if folder is None:
        return
    try:
        folder.mkdir(parents=True, exist_ok=True)
        # Keep the few most recent datasets (the packaged one and a clinic's copy, say).
        older = sorted(folder.glob("dataset-*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
        for stale in older[CACHE_KEEP - 1 :]:
            stale.unlink(missing_ok=True)
        tmp = folder / f".dataset-{digest}.{os.getpid()}.tmp"
        tmp.write_bytes(pickle.dumps(ds, protocol=pickle.HIGHEST_PROTOCOL))
        os.replace(tmp, folder / f"dataset-{digest}.pickle")
    except OSError:  # a read-only home is no reason to fail a lookup
        pass


def _atlas(raw: Mapping[str, bytes], atlas_doc: Any, places_doc: Any, origin: str) -> Atlas:
    """The atlas built from its validated files, with its geometry and places checked."""
    import json

    from painmap.shapes import shape_subpaths

    where = f"{origin}/atlas.json"
    for view in atlas_doc.views:
        for shape in (*view.outline, *view.details):
            try:
                shape_subpaths(shape)
            except (KeyError, TypeError, ValueError, IndexError) as exc:
                raise DatasetError(f"invalid dataset file {where}: view {view.id}: bad shape: {exc}") from None
    try:
        atlas = build_atlas(json.loads(raw["atlas.json"]), json.loads(raw["places.json"]))
    except ValueError as exc:
        raise DatasetError(f"invalid dataset in {origin}: {exc}") from None
    problems = check_atlas(atlas)
    if problems:
        more = f" (and {len(problems) - 1} more problems)" if len(problems) > 1 else ""
        raise DatasetError(f"invalid dataset in {origin}: {problems[0]}{more}")
    return atlas


def _build(atlas: Atlas, muscles: tuple[Muscle, ...], rules: tuple[RedFlagRule, ...], origin: str) -> Dataset:
    def fail(message: str) -> DatasetError:
        return DatasetError(f"invalid dataset in {origin}: {message}")

    place_index: dict[str, str] = {}
    for place in atlas.places.values():
        for word in (place.id.replace("-", " "), place.name, *place.synonyms):
            k = key(word)
            if not k:
                continue
            if place_index.get(k, place.id) != place.id:
                raise fail(f"the words {word!r} name both place {place_index[k]!r} and {place.id!r}")
            place_index[k] = place.id

    def cells(muscle: Muscle, names: tuple[str, ...]) -> int:
        mask = 0
        for name in names:
            found = atlas.cells_of((name,))
            if not found:
                raise fail(f"muscle {muscle.id!r} names {name!r}, which is neither a place nor a cell")
            mask |= found
        return mask

    muscle_map: dict[str, Muscle] = {}
    muscle_index: dict[str, tuple[str, ...]] = {}
    patterns: dict[str, MusclePattern] = {}
    for muscle in muscles:
        if muscle.id in muscle_map:
            raise fail(f"muscle id {muscle.id!r} appears twice in muscles.json")
        muscle_map[muscle.id] = muscle
    for muscle in muscles:
        essential = cells(muscle, muscle.pattern.essential)
        spillover = cells(muscle, muscle.pattern.spillover)
        points = []
        for point in muscle.trigger_points:
            if point.pattern is not None:
                essential |= cells(muscle, point.pattern.essential)
                spillover |= cells(muscle, point.pattern.spillover)
            if point.at is not None:
                points.append(cells(muscle, (point.at,)))
        if not essential:
            raise fail(f"muscle {muscle.id!r} has no essential pattern")
        patterns[muscle.id] = MusclePattern(essential, spillover & ~essential, tuple(points))
        for other in muscle.associated_muscles:
            if other not in muscle_map:
                raise fail(
                    f"muscle {muscle.id!r} names associated muscle {other!r}, which is not a muscle id"
                )
        for word in (muscle.id.replace("-", " "), muscle.name, *muscle.aliases):
            k = key(word)
            if k and muscle.id not in muscle_index.get(k, ()):
                muscle_index[k] = (*muscle_index.get(k, ()), muscle.id)
    for muscle in muscles:  # an id or a full name must name one muscle only
        for word in (muscle.id.replace("-", " "), muscle.name):
            if len(muscle_index[key(word)]) > 1:
                raise fail(
                    f"the name {word!r} belongs to several muscles: {', '.join(muscle_index[key(word)])}"
                )

    rule_ids: set[str] = set()
    for rule in rules:
        if rule.id in rule_ids:
            raise fail(f"red-flag rule id {rule.id!r} appears twice in redflags.json")
        rule_ids.add(rule.id)
        for trigger in rule.triggers:
            for place_id in trigger.areas:
                if place_id not in atlas.places:
                    raise fail(f"red-flag rule {rule.id!r} names place {place_id!r}, which is not a place id")

    return Dataset(
        atlas=atlas,
        muscles=muscle_map,
        redflags=rules,
        origin=origin,
        patterns=patterns,
        place_index=place_index,
        muscle_index=muscle_index,
    )
