"""Build painmap's dataclasses from parsed JSON by following their type hints, without pydantic.

Generic over any frozen dataclass (nested dataclasses, tuples, enums, literals, optional fields), so
new dataset fields need no code here. Two uses, both in dataset.py:
- exact: for data files known to have passed validation, build exactly what pydantic would, or raise
  Mismatch at the first doubt (then painmap validates with pydantic instead);
- not exact: a cheap first pass over an untrusted file that stops at the first value whose JSON kind
  pydantic would certainly reject, so a file full of junk never makes pydantic collect millions of errors.
"""

from __future__ import annotations

import builtins
import dataclasses
import inspect
import sys
import types
import typing
from collections import abc
from enum import Enum
from functools import cache
from typing import Any


class Mismatch(Exception):
    """A value that does not have the shape its type hint asks for; str() says where and why."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
        self.path: list[object] = []

    def __str__(self) -> str:
        return f"{'.'.join(str(p) for p in self.path) or 'top level'}: {self.message}"


def _at(key: object, exc: Mismatch) -> Mismatch:
    exc.path.insert(0, key)
    return exc


class Loose:
    """Stands for a name only pydantic defines (a constrained string or tuple, say): its exact
    transform is unknown here, so an exact build accepts only values every such type leaves alone."""

    def __init__(self, *args: object, **kwargs: object) -> None:  # called as Field(...) in Annotated
        pass


class _Names(dict[str, Any]):
    def __init__(self, module: str) -> None:
        super().__init__()
        self.module = vars(sys.modules[module])

    def __missing__(self, name: str) -> Any:
        if name in self.module:
            return self.module[name]
        return getattr(builtins, name, Loose)


@cache
def _fields(cls: type[Any]) -> tuple[tuple[str, Any, bool], ...]:
    """(name, type hint, required) for each field set by __init__."""
    hints = _hints(cls)
    return tuple(
        (
            f.name,
            hints[f.name],
            f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING,
        )
        for f in dataclasses.fields(cls)
        if f.init
    )


_COMPILED: dict[str, types.CodeType] = {}


def _hints(cls: type[Any]) -> dict[str, Any]:
    """`typing.get_type_hints(cls, include_extras=True)` with names only pydantic defines as
    `Loose`, for classes whose annotations are whole strings (`from __future__ import annotations`)
    or plain objects: each string is evaluated in its class's module as get_type_hints would, but
    compiled once however many fields share it (typing compiles it anew for every field)."""
    hints: dict[str, Any] = {}
    for base in reversed(cls.__mro__):
        annotations = inspect.get_annotations(base)
        if not annotations:
            continue
        module = vars(sys.modules[base.__module__])
        names = _Names(base.__module__)
        for name, value in annotations.items():
            if isinstance(value, str):
                code = _COMPILED.get(value)
                if code is None:
                    code = _COMPILED[value] = compile(value, "<string>", "eval")
                value = eval(code, module, names)  # the package's own annotations
            hints[name] = type(None) if value is None else value
    return hints


def _forbids_extra(cls: type[Any]) -> bool:
    config = getattr(cls, "__pydantic_config__", None) or {}
    return config.get("extra") == "forbid"


_KIND = {dict: "an object", list: "a list", str: "a string", bool: "true or false", type(None): "null"}


def _kind(value: object) -> str:
    return _KIND.get(type(value), "a number")


Builder = typing.Callable[[Any], Any]


def build(tp: Any, value: Any, *, exact: bool) -> Any:
    """`value` (parsed JSON) as an instance of `tp`; Mismatch when it cannot be (see the module doc)."""
    return builder(tp, exact)(value)


@cache
def builder(tp: Any, exact: bool) -> Builder:
    """A function building `tp` from parsed JSON, made once per type: the hot path of a cache hit."""
    origin = typing.get_origin(tp)
    if origin is typing.Annotated:
        inner, *metadata = typing.get_args(tp)
        rewrites = [r for m in metadata for r in _transforms(m).values()] if exact else []
        if rewrites:
            return _untouched(builder(inner, exact), rewrites)
        return builder(inner, exact)
    if tp is Loose or isinstance(tp, Loose):
        return _loose if exact else _anything
    if tp is Any:
        return _refuse("an untyped field") if exact else _anything
    if origin is typing.Union or origin is types.UnionType:
        return _union(typing.get_args(tp), exact)
    if origin is typing.Literal:
        return _literal(typing.get_args(tp), exact)
    if origin in (tuple, list):
        return _sequence(tp, origin, exact)
    if origin in (dict, abc.Mapping):
        key, item = typing.get_args(tp) or (str, Any)
        if exact and key is not str:
            return _refuse("keys that are not strings")
        return _mapping(builder(item, exact))
    if isinstance(tp, type):
        if dataclasses.is_dataclass(tp):
            return _dataclass(tp, exact)
        if issubclass(tp, Enum):
            return _enum(tp, exact)
        return _scalar(tp, exact)
    return _refuse(f"a type painmap cannot build without pydantic: {tp!r}") if exact else _anything


def _transforms(metadata: object) -> dict[str, typing.Callable[[str], str]]:
    """The rewrites pydantic's string constraints in `metadata` would apply to a value."""
    rewrites = {"strip_whitespace": str.strip, "to_lower": str.lower, "to_upper": str.upper}
    return {name: rewrite for name, rewrite in rewrites.items() if getattr(metadata, name, None)}


def _untouched(inner: Builder, rewrites: list[typing.Callable[[str], str]]) -> Builder:
    def untouched(value: Any) -> Any:
        if type(value) is str and any(rewrite(value) != value for rewrite in rewrites):
            raise Mismatch("a string that validation would rewrite")
        return inner(value)

    return untouched


def _anything(value: Any) -> Any:
    return value


def _refuse(message: str) -> Builder:
    def refuse(value: Any) -> Any:
        raise Mismatch(message)

    return refuse


def _union(options: tuple[Any, ...], exact: bool) -> Builder:
    nullable = type(None) in options
    choices = [builder(o, exact) for o in options if o is not type(None)]

    def union(value: Any) -> Any:
        if value is None and nullable:
            return None
        failure: Mismatch | None = None
        for choice in choices:
            try:
                return choice(value)
            except Mismatch as exc:
                failure = failure or exc
        raise failure or Mismatch("no type fits")

    return union


def _literal(allowed: tuple[Any, ...], exact: bool) -> Builder:
    def literal(value: Any) -> Any:
        for option in allowed:
            if value == option and type(value) is type(option):
                return value
        if not exact and type(value) not in (list, dict):  # pydantic may coerce "3" to 3: let it judge
            return value
        raise Mismatch(f"should be one of {', '.join(map(repr, allowed))}")

    return literal


def _sequence(tp: Any, origin: type, exact: bool) -> Builder:
    args = typing.get_args(tp)
    fixed = (
        [builder(t, exact) for t in args] if origin is tuple and args and args[-1] is not Ellipsis else None
    )
    item = builder(args[0] if args else Any, exact)
    texts = fixed is None and item is _loose  # tuple[Text, ...]: most fields of a record

    def sequence(value: Any) -> Any:
        if type(value) is not list:
            raise Mismatch(f"should be a list, not {_kind(value)}")
        if texts and _clean_strings(value):
            return tuple(value) if origin is tuple else list(value)
        if fixed is not None and len(fixed) != len(value):
            raise Mismatch(f"should hold {len(fixed)} items")
        items = []
        for i, v in enumerate(value):
            try:
                items.append(fixed[i](v) if fixed is not None else item(v))
            except Mismatch as exc:
                raise _at(i, exc) from None
        return tuple(items) if origin is tuple else items

    return sequence


def _mapping(item: Builder) -> Builder:
    def mapping(value: Any) -> Any:
        if type(value) is not dict:
            raise Mismatch(f"should be an object, not {_kind(value)}")
        built = {}
        for k, v in value.items():
            try:
                built[k] = item(v)
            except Mismatch as exc:
                raise _at(k, exc) from None
        return built

    return mapping


def _dataclass(cls: type[Any], exact: bool) -> Builder:
    strict = exact or _forbids_extra(cls)
    state: dict[str, Any] = {}

    def resolve() -> tuple[list[tuple[str, Builder, bool, Any, bool]], frozenset[str]]:
        # on first use: a dataclass may refer to itself. Each optional field carries how __init__
        # would fill it in, so the class is always called with every field, in order (its quick path)
        defaults = {f.name: f for f in dataclasses.fields(cls)}
        fields = []
        for name, hint, required in _fields(cls):
            f = defaults[name]
            factory = f.default is dataclasses.MISSING
            fill = None if required else (f.default_factory if factory else f.default)
            fields.append((name, builder(hint, exact), required, fill, factory))
        found = state["fields"] = (fields, frozenset(name for name, *_ in fields))
        return found

    def dataclass(value: Any) -> Any:
        if type(value) is not dict:
            raise Mismatch(f"should be an object, not {_kind(value)}")
        fields, names = state.get("fields") or resolve()
        if strict and not names.issuperset(value):
            for k in value:
                if k not in names:
                    raise _at(k, Mismatch("is not a known field"))
        arguments = {}
        for name, make, required, fill, factory in fields:
            if name in value:
                try:
                    arguments[name] = make(value[name])
                except Mismatch as exc:
                    raise _at(name, exc) from None
            elif required:
                raise _at(name, Mismatch("is missing"))
            elif exact:
                arguments[name] = fill() if factory else fill
        return cls(**arguments) if exact else None

    return dataclass


def _enum(cls: type[Enum], exact: bool) -> Builder:
    members = {(type(m.value), m.value): m for m in cls}

    def enum(value: Any) -> Any:
        member = members.get((type(value), value))
        if member is not None:
            return member
        if exact or not isinstance(value, (str, int)):
            raise Mismatch(f"should be one of {', '.join(repr(m.value) for m in cls)}")
        return value

    return enum


def _scalar(tp: type[Any], exact: bool) -> Builder:
    if tp is float:
        lax: tuple[type, ...] = (str,)
    elif tp is int:
        lax = (float, str)
    elif tp is bool:
        lax = (int, str)
    else:
        lax = ()
    if exact and tp not in (bool, int, float, str, type(None)):
        return _refuse(f"a type painmap cannot build without pydantic: {tp.__name__}")

    def scalar(value: Any) -> Any:
        kind = type(value)
        if kind is tp:
            return value
        if tp is float and kind is int:
            return float(value)
        if not exact and (isinstance(value, lax) or tp not in (bool, int, float, str, type(None))):
            return value
        raise Mismatch(f"should be {tp.__name__}, not {_kind(value)}")

    return scalar


def _loose(value: Any) -> Any:
    if type(value) is str and value == value.strip():
        return value
    if type(value) is list:
        if _clean_strings(value):  # the common case, checked in one pass
            return tuple(value)
        items = []
        for i, v in enumerate(value):
            try:
                items.append(_loose(v))
            except Mismatch as exc:
                raise _at(i, exc) from None
        return tuple(items)
    raise Mismatch("a value whose validated form is not known here")


def _clean_strings(values: list[Any]) -> bool:
    """Every item a string that `_loose` leaves as it is (in one C-level pass: str.strip refuses
    anything that is not a string, and a subclass of str never comes out of a JSON parser)."""
    try:
        return values == list(map(str.strip, values))
    except TypeError:
        return False
