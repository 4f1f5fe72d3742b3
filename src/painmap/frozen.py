"""Frozen dataclasses without generated code: what `@dataclass(frozen=True)` makes, made cheaply.

`dataclasses.dataclass` writes each class's __init__, __repr__, __eq__, __hash__, __setattr__ and
__delattr__ as source text and compiles it: about 1.5 ms a class, and a lookup imports some forty
of them. Here the same methods are closures over the class's fields, built without compiling
anything. The class is still a dataclass (`fields`, `replace`, `asdict`, pydantic's validation and
JSON Schema all see the same fields) and behaves as the frozen dataclass would: keyword and
positional arguments as declared, defaults and default factories, the same repr, equality and
hash over the compared fields, FrozenInstanceError on assignment (tests/test_frozen.py compares
each behaviour with `dataclasses.dataclass`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from operator import attrgetter
from typing import Any, TypeVar, overload

C = TypeVar("C", bound=type)

_MISSING = dataclasses.MISSING


@overload
def frozen(cls: C, /) -> C: ...
@overload
def frozen(*, kw_only: bool = False, eq: bool = True, slots: bool = False) -> Callable[[C], C]: ...
def frozen(cls: Any = None, /, *, kw_only: bool = False, eq: bool = True, slots: bool = False) -> Any:
    """`@dataclass(frozen=True, kw_only=..., eq=..., slots=...)`, without compiling code."""

    def wrap(cls: C) -> C:
        return _make(cls, kw_only=kw_only, eq=eq, slots=slots)

    return wrap if cls is None else wrap(cls)


def _make(cls: Any, *, kw_only: bool, eq: bool, slots: bool) -> Any:
    if "__post_init__" in cls.__dict__ or "__init__" in cls.__dict__:
        raise TypeError(f"{cls.__name__}: painmap.frozen makes __init__ itself and runs no __post_init__")
    documented = bool(cls.__dict__.get("__doc__"))
    if not documented:
        cls.__doc__ = cls.__name__  # set below; spares dataclass() computing a signature first
    # dataclass() refuses an unfrozen class over a frozen one: a subclass of one of ours is made
    # frozen by it (two small methods compiled, replaced below), the rest not
    over_frozen = any(
        getattr(getattr(base, "__dataclass_params__", None), "frozen", False) for base in cls.__mro__[1:]
    )
    cls = dataclasses.dataclass(
        cls, init=False, repr=False, eq=False, frozen=over_frozen, kw_only=kw_only, slots=slots
    )
    params = cls.__dataclass_params__
    params.init = params.repr = params.frozen = True
    params.eq = eq
    fields = list(dataclasses.fields(cls))
    if any(not f.init for f in fields):
        raise TypeError(f"{cls.__name__}: every field must be set by __init__")
    cls.__init__ = _init(cls, fields)
    cls.__repr__ = _repr(tuple(f.name for f in fields if f.repr))
    if eq:
        compared = tuple(f.name for f in fields if f.compare)
        hashed = tuple(f.name for f in fields if (f.compare if f.hash is None else f.hash))
        cls.__eq__ = _eq(_values(compared))
        cls.__hash__ = _hash(_values(hashed))
    names = tuple(f.name for f in fields)
    cls.__setattr__, cls.__delattr__ = _frozen(cls, names)
    if slots:
        cls.__getstate__, cls.__setstate__ = _state(names)
    if not documented:
        cls.__doc__ = cls.__name__ + _signature_text(fields)
    return cls


def _values(names: tuple[str, ...]) -> Callable[[Any], tuple[Any, ...]]:
    """The tuple of these attributes (a tuple even of one or none, as dataclass compares)."""
    if len(names) >= 2:
        return attrgetter(*names)
    if len(names) == 1:
        one = attrgetter(names[0])
        return lambda obj: (one(obj),)
    return lambda obj: ()


def _init(cls: Any, fields: list[dataclasses.Field[Any]]) -> Callable[..., None]:
    names = tuple(f.name for f in fields)
    positional = tuple(f.name for f in fields if not f.kw_only)
    defaults = {f.name: f.default for f in fields if f.default is not _MISSING}
    factories = tuple((f.name, f.default_factory) for f in fields if f.default_factory is not _MISSING)
    count = len(names)
    setter = object.__setattr__
    slotted = "__slots__" in cls.__dict__
    qualname = cls.__qualname__

    def __init__(self: Any, *args: Any, **kwargs: Any) -> None:
        if args:
            if len(args) == count and not kwargs and not slotted and positional == names:
                self.__dict__.update(zip(names, args, strict=True))  # all given in order
                return
            if len(args) > len(positional):
                raise TypeError(
                    f"{qualname}.__init__() takes {len(positional) + 1} positional arguments"
                    f" but {len(args) + 1} were given"
                )
            for name, value in zip(positional, args, strict=False):
                if name in kwargs:
                    raise TypeError(f"{qualname}.__init__() got multiple values for argument {name!r}")
                kwargs[name] = value
        if len(kwargs) == count:
            if not slotted and tuple(kwargs) == names:  # all given, in order
                self.__dict__.update(kwargs)
                return
            values = kwargs
        else:
            values = {**defaults, **kwargs}
            for name, factory in factories:
                if name not in kwargs:
                    values[name] = factory()
            if len(values) != count:
                _bad_arguments(qualname, names, values)
        try:
            if slotted:
                for name in names:
                    setter(self, name, values[name])
            else:
                self.__dict__.update(zip(names, map(values.__getitem__, names), strict=True))
        except KeyError:  # as many values as fields, but an unknown one in place of a missing one
            _bad_arguments(qualname, names, values)

    __init__.__qualname__ = f"{qualname}.__init__"
    return __init__


def _bad_arguments(qualname: str, names: tuple[str, ...], values: dict[str, Any]) -> None:
    unknown = [k for k in values if k not in names]
    if unknown:
        raise TypeError(f"{qualname}.__init__() got an unexpected keyword argument {unknown[0]!r}")
    missing = [n for n in names if n not in values]
    raise TypeError(
        f"{qualname}.__init__() missing {len(missing)} required argument{'s' if len(missing) > 1 else ''}:"
        f" {', '.join(repr(m) for m in missing)}"
    )


def _repr(names: tuple[str, ...]) -> Callable[[Any], str]:
    import _thread

    running: set[tuple[int, int]] = set()

    def __repr__(self: Any) -> str:
        key = (id(self), _thread.get_ident())
        if key in running:
            return "..."
        running.add(key)
        try:
            inner = ", ".join(f"{name}={getattr(self, name)!r}" for name in names)
        finally:
            running.discard(key)
        return f"{self.__class__.__qualname__}({inner})"

    return __repr__


def _eq(values: Callable[[Any], tuple[Any, ...]]) -> Callable[[Any, Any], Any]:
    def __eq__(self: Any, other: Any) -> Any:
        if other.__class__ is self.__class__:
            return values(self) == values(other)
        return NotImplemented

    return __eq__


def _hash(values: Callable[[Any], tuple[Any, ...]]) -> Callable[[Any], int]:
    def __hash__(self: Any) -> int:
        return hash(values(self))

    return __hash__


def _frozen(cls: Any, names: tuple[str, ...]) -> tuple[Callable[..., None], Callable[..., None]]:
    def __setattr__(self: Any, name: str, value: Any) -> None:
        if type(self) is cls or name in names:
            raise dataclasses.FrozenInstanceError(f"cannot assign to field {name!r}")
        super(cls, self).__setattr__(name, value)

    def __delattr__(self: Any, name: str) -> None:
        if type(self) is cls or name in names:
            raise dataclasses.FrozenInstanceError(f"cannot delete field {name!r}")
        super(cls, self).__delattr__(name)

    return __setattr__, __delattr__


def _state(names: tuple[str, ...]) -> tuple[Callable[[Any], list[Any]], Callable[[Any, Any], None]]:
    """Pickling support for a slotted frozen class, as dataclass gives it."""

    def __getstate__(self: Any) -> list[Any]:
        return [getattr(self, name) for name in names]

    def __setstate__(self: Any, state: Any) -> None:
        for name, value in zip(names, state, strict=False):
            object.__setattr__(self, name, value)

    return __getstate__, __setstate__


def _signature_text(fields: list[dataclasses.Field[Any]]) -> str:
    """The text of __init__'s signature as `inspect.signature` gives it for a dataclass (which
    dataclass() makes the doc of a class without one, and pydantic knows to leave out of a schema)."""
    parts: list[str] = []
    starred = False
    for f in fields:
        if f.kw_only and not starred:
            parts.append("*")
            starred = True
        text = f"{f.name}: {f.type!r}" if isinstance(f.type, str) else f"{f.name}: {_type_text(f.type)}"
        if f.default is not _MISSING:
            text += f" = {f.default!r}"
        elif f.default_factory is not _MISSING:
            text += " = <factory>"
        parts.append(text)
    return f"({', '.join(parts)})"


def _type_text(tp: Any) -> str:
    if isinstance(tp, type) and tp.__module__ != "typing":
        return tp.__qualname__ if tp.__module__ == "builtins" else f"{tp.__module__}.{tp.__qualname__}"
    return repr(tp).replace("typing.", "")
