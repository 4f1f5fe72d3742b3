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
from painmap.models import Area, AreaFile, Muscle, MuscleFile, RedFlagFile, RedFlagRule
from painmap.text import key

DATA_ENV = "PAINMAP_DATA"
CACHE_ENV = "PAINMAP_CACHE_DIR"
NO_CACHE_ENV = "PAINMAP_NO_CACHE"
CACHE_KEEP = 4
FILES = ("areas.json", "muscles.json", "redflags.json")
ALL_FILES = (*FILES, "bodymap.json")  # the body map is read only when a picture is drawn


@dataclass(frozen=True, eq=False)
class Dataset:
    """The validated dataset with the lookups the core needs."""

    areas: Mapping[str, Area]
    muscles: Mapping[str, Muscle]
    redflags: tuple[RedFlagRule, ...]
    origin: str
    #: the red-flag file whole: its features, scope words and age words as well as its rules
    redflag_file: RedFlagFile = field(repr=False)
    #: area id -> its ancestors, nearest first
    ancestors: Mapping[str, tuple[str, ...]] = field(repr=False)
    #: area id -> its children
    children: Mapping[str, tuple[str, ...]] = field(repr=False)
    #: folded name or synonym -> area id
    area_index: Mapping[str, str] = field(repr=False)
    #: folded id, name or alias -> the muscle ids it names (a group alias such as "hamstrings" names several)
    muscle_index: Mapping[str, tuple[str, ...]] = field(repr=False)
    #: lookups derived on first use by the scorer and resolver (e.g. area id -> muscles referring there)
    memo: dict[object, object] = field(default_factory=dict, repr=False)
    #: the red-flag phrases compiled for matching (painmap.redflags), built here so the cache keeps it
    redflag_lexicon: object = field(default=None, repr=False)


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
    areas = _validate(raw, "areas.json", AreaFile, origin).areas
    muscles = _validate(raw, "muscles.json", MuscleFile, origin).muscles
    redflag_file = _validate(raw, "redflags.json", RedFlagFile, origin)
    ds = _build(areas, muscles, redflag_file, origin)
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
    for module in ("painmap.models", "painmap.dataset", "painmap.text"):
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


def _build(
    areas: tuple[Area, ...], muscles: tuple[Muscle, ...], redflag_file: RedFlagFile, origin: str
) -> Dataset:
    def fail(message: str) -> DatasetError:
        return DatasetError(f"invalid dataset in {origin}: {message}")

    area_map: dict[str, Area] = {}
    for area in areas:
        if area.id in area_map:
            raise fail(f"area id {area.id!r} appears twice in areas.json")
        area_map[area.id] = area
    children: dict[str, list[str]] = {a: [] for a in area_map}
    for area in areas:
        if area.parent is not None:
            if area.parent not in area_map:
                raise fail(f"area {area.id!r} names parent {area.parent!r}, which is not an area")
            children[area.parent].append(area.id)
    ancestors: dict[str, tuple[str, ...]] = {}
    for area in areas:
        chain: list[str] = []
        parent = area.parent
        while parent is not None:
            if parent == area.id or parent in chain:
                raise fail(f"area {area.id!r} is its own ancestor")
            chain.append(parent)
            parent = area_map[parent].parent
        ancestors[area.id] = tuple(chain)

    area_index: dict[str, str] = {}
    for area in areas:
        for word in (area.id.replace("-", " "), area.name, *area.synonyms):
            k = key(word)
            if not k:
                continue
            if area_index.get(k, area.id) != area.id:
                raise fail(f"the words {word!r} name both area {area_index[k]!r} and {area.id!r}")
            area_index[k] = area.id

    muscle_map: dict[str, Muscle] = {}
    muscle_index: dict[str, tuple[str, ...]] = {}
    for muscle in muscles:
        if muscle.id in muscle_map:
            raise fail(f"muscle id {muscle.id!r} appears twice in muscles.json")
        muscle_map[muscle.id] = muscle
    for muscle in muscles:
        for zone in (*muscle.primary_zones, *muscle.spillover_zones):
            if zone not in area_map:
                raise fail(f"muscle {muscle.id!r} refers pain to {zone!r}, which is not an area id")
        both = set(muscle.primary_zones) & set(muscle.spillover_zones)
        if both:
            raise fail(f"muscle {muscle.id!r} lists {sorted(both)[0]!r} as both primary and spillover")
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

    rules = redflag_file.rules
    feature_ids: set[str] = set()
    for feature in redflag_file.features:
        if feature.id in feature_ids:
            raise fail(f"red-flag feature id {feature.id!r} appears twice in redflags.json")
        feature_ids.add(feature.id)
        for area_id in (*feature.places, *feature.outside):
            if area_id not in area_map:
                raise fail(f"red-flag feature {feature.id!r} names area {area_id!r}, which is not an area id")
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

    from painmap.redflags import compile_lexicon

    return Dataset(
        redflag_lexicon=compile_lexicon(redflag_file),
        areas=area_map,
        muscles=muscle_map,
        redflags=rules,
        origin=origin,
        redflag_file=redflag_file,
        ancestors=ancestors,
        children={a: tuple(c) for a, c in children.items()},
        area_index=area_index,
        muscle_index=muscle_index,
    )
