"""Objects that last as long as the process (imported modules, the dataset and what is built from
it), made with no garbage collection on the way and then frozen out of later collections, which
would otherwise scan them again and again: none of them can ever be garbage."""

from __future__ import annotations

import gc
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def uncollected(build: Callable[[], T], *, freeze: bool = True) -> T:
    """What `build` makes, made with collection off; then, unless `freeze` is false (the caller
    decides afterwards), everything alive is frozen out of later collections."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        found = build()
    finally:
        if collecting:
            gc.enable()
    if freeze:
        gc.freeze()
    return found


def uncollected_import(name: str) -> object:
    """A module imported by `uncollected`: its classes and functions, and those of the modules it
    imports, live as long as the process."""
    from importlib import import_module

    return uncollected(lambda: import_module(name))
