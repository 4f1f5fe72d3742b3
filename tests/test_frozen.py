"""painmap.frozen makes classes that behave as `dataclass(frozen=True)` ones: checked side by side."""

from __future__ import annotations

import copy
import dataclasses
from dataclasses import field
from typing import Any

import pytest

from painmap import models
from painmap.frozen import frozen

OPTIONS = [
    {},
    {"kw_only": True},
    {"slots": True},
    {"eq": False},
]


def _pair(options: dict[str, Any]) -> tuple[type, type]:
    """The same class made by dataclass and by frozen."""

    def body() -> dict[str, Any]:
        return {
            "__annotations__": {"a": "int", "b": "tuple[str, ...]", "c": "float | None", "d": "list[int]"},
            "b": (),
            "c": None,
            "d": field(default_factory=list, repr=False, compare=False),
            "__module__": __name__,
        }

    real = dataclasses.dataclass(frozen=True, **options)(type("Thing", (), body()))
    ours = frozen(**options)(type("Thing", (), body()))
    return real, ours


def _outcome(call: Any) -> tuple[str, Any]:
    try:
        return "ok", call()
    except Exception as exc:
        return type(exc).__name__, str(exc).replace("Thing.__init__()", "__init__()")


@pytest.mark.parametrize("options", OPTIONS)
def test_behaves_as_a_frozen_dataclass(options: dict[str, Any]) -> None:
    real, ours = _pair(options)
    kw = options.get("kw_only", False)
    for cls in (real, ours):
        assert dataclasses.is_dataclass(cls)
        assert cls.__dataclass_params__.frozen
        assert cls.__dataclass_params__.eq == options.get("eq", True)
    assert [(f.name, f.type, f.kw_only) for f in dataclasses.fields(real)] == [
        (f.name, f.type, f.kw_only) for f in dataclasses.fields(ours)
    ]
    assert real.__doc__ == ours.__doc__
    assert real.__match_args__ == ours.__match_args__
    for cls in (real, ours):
        assert hasattr(cls, "__slots__") == bool(options.get("slots"))

    made = []
    for cls in (real, ours):
        x = cls(a=1, b=("p", "q"))
        y = cls(a=1, b=("p", "q"), d=[5])
        z = cls(a=2)
        made.append((x, y, z))
        assert x.c is None and x.d == [] and x.d is not cls(a=1).d  # a fresh default each time
        with pytest.raises(dataclasses.FrozenInstanceError, match="cannot assign to field 'a'"):
            x.a = 3  # type: ignore[misc]
        with pytest.raises(dataclasses.FrozenInstanceError, match="cannot delete field 'b'"):
            del x.b  # type: ignore[misc]
        # (Python 3.11's own slotted frozen dataclass fails here with a TypeError of its own)
        with pytest.raises(dataclasses.FrozenInstanceError if cls is ours else Exception):
            x.other = 1  # type: ignore[attr-defined]
        changed = dataclasses.replace(x, a=7)
        assert (changed.a, changed.b, type(changed)) == (7, ("p", "q"), cls)
        assert dataclasses.asdict(y) == {"a": 1, "b": ("p", "q"), "c": None, "d": [5]}
        assert copy.copy(x) == x if options.get("eq", True) else True
        assert copy.deepcopy(x).b == x.b  # through __reduce_ex__, as pickling goes
    (rx, ry, rz), (ox, oy, oz) = made
    assert repr(rx) == repr(ox) and repr(ry) == repr(oy)
    assert (rx == ry, rx == rz, rx != ry) == (ox == oy, ox == oz, ox != oy)
    assert (rx == 1) == (ox == 1)
    if options.get("eq", True):
        assert hash(rx) == hash(ox) and hash(ry) == hash(oy)  # d is left out of both
    else:
        assert ox != oy  # identity, as a dataclass with eq=False

    for args, kwargs in [((1,), {}), ((1, ("x",)), {"c": 2.0}), ((), {"b": ()}), ((), {"a": 1, "e": 2})]:
        calls = [_outcome(lambda c=cls, a=args, k=kwargs: c(*a, **k)) for cls in (real, ours)]
        assert calls[0][0] == calls[1][0], (args, kwargs, calls)
        if calls[0][0] == "ok":
            assert repr(calls[0][1]) == repr(calls[1][1])
    if not kw:
        assert repr(real(1, ("x",), 2.0, [1])) == repr(ours(1, ("x",), 2.0, [1]))


def test_a_subclass_of_a_frozen_class() -> None:
    @frozen(kw_only=True)
    class Base:
        a: int

    @frozen(kw_only=True)
    class Child(Base):
        b: str = "x"

    c = Child(a=1)
    assert repr(c) == "test_a_subclass_of_a_frozen_class.<locals>.Child(a=1, b='x')"
    assert c == Child(a=1, b="x") and c != Base(a=1)
    with pytest.raises(dataclasses.FrozenInstanceError):
        c.b = "y"  # type: ignore[misc]


def test_recursive_repr() -> None:
    @frozen
    class Box:
        items: list[Any]

    box = Box([])
    box.items.append(box)
    assert repr(box) == "test_recursive_repr.<locals>.Box(items=[...])"


def test_models_docs_are_what_dataclass_writes() -> None:
    """A model without a docstring gets dataclass's own (its signature), which pydantic knows to
    leave out of the JSON Schema."""
    for cls in vars(models).values():
        if not (isinstance(cls, type) and dataclasses.is_dataclass(cls)) or cls.__module__ != models.__name__:
            continue
        namespace: dict[str, Any] = {"__annotations__": {}, "__module__": cls.__module__}
        for f in dataclasses.fields(cls):
            namespace["__annotations__"][f.name] = f.type
            if f.default is not dataclasses.MISSING:
                namespace[f.name] = f.default
        if "__doc__" in cls.__dict__ and not cls.__doc__.startswith(f"{cls.__name__}("):
            namespace["__doc__"] = cls.__doc__
        twin = dataclasses.dataclass(frozen=True, kw_only=True)(type(cls.__name__, (), namespace))
        assert cls.__doc__ == twin.__doc__, cls
