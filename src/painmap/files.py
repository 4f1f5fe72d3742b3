"""Writing the files a user asks for (SVG pictures, reports) without ever clobbering something else,
and reading the tables painmap ships beside its modules.

The text goes to a temporary file created exclusively (O_EXCL, O_NOFOLLOW, an unpredictable name)
in the target's own folder, and is then renamed over the target, so a reader never sees half a file
and a link planted in a shared folder is never followed. Only a regular file is ever replaced, and
only with `force`: a link (dangling or not), a device, a FIFO or a folder at the target is refused.
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path
from typing import Any

from painmap.errors import UsageError

SHIPPED_MAX_BYTES = 8 << 20  # a shipped table larger than this is not one painmap wrote


def read_shipped(path: Path) -> Any:
    """A JSON table shipped beside the modules (written by one of painmap's own builders), parsed;
    None when it is missing, unreadable, too large or not JSON: the caller then does without it."""
    import orjson

    try:
        with path.open("rb") as f:
            raw = f.read(SHIPPED_MAX_BYTES + 1)
        return None if len(raw) > SHIPPED_MAX_BYTES else orjson.loads(raw)
    except (OSError, ValueError):
        return None


def write_new(path: str, text: str, force: bool = False) -> None:
    """Write `text` (UTF-8) to `path`; UsageError (one line) when that would be unsafe or fails."""
    target = os.path.abspath(path)
    try:
        found = os.lstat(target)
    except FileNotFoundError:
        found = None
    except OSError as exc:
        raise UsageError(f"cannot write {path!r}: {exc.strerror}") from None
    if found is not None:
        if stat.S_ISDIR(found.st_mode):
            raise UsageError(f"{path!r} is a folder: give a file name such as pain.svg")
        if not stat.S_ISREG(found.st_mode):
            kind = "a symbolic link" if stat.S_ISLNK(found.st_mode) else "not a regular file"
            raise UsageError(f"{path!r} is {kind}; painmap only replaces regular files: choose another name")
        if not force:
            raise UsageError(f"{path!r} already exists: pass --force to replace it, or choose another name")
    import secrets  # here, not at import: reading a shipped table must not pay for it (~15 M instructions)

    folder, name = os.path.split(target)
    data = text.encode("utf-8")
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    temporary = ""
    try:
        for _ in range(100):  # a clash with a random 128-bit name means someone is guessing: retry
            temporary = os.path.join(folder, f".{name}.{secrets.token_hex(16)}.tmp")
            try:
                fd = os.open(temporary, flags, 0o666)
                break
            except FileExistsError:
                temporary = ""
        else:
            raise UsageError(f"cannot write {path!r}: no free temporary name in its folder")
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)
        finally:
            os.close(fd)
        _check_still_replaceable(target, path, force)
        os.replace(temporary, target)
        temporary = ""
    except OSError as exc:
        raise UsageError(f"cannot write {path!r}: {exc.strerror or exc}") from None
    finally:
        if temporary:
            with contextlib.suppress(OSError):
                os.unlink(temporary)


def _check_still_replaceable(target: str, path: str, force: bool) -> None:
    # Something may have appeared at the target while we wrote; look again just before the rename.
    try:
        found = os.lstat(target)
    except FileNotFoundError:
        return
    if not stat.S_ISREG(found.st_mode):
        raise UsageError(
            f"{path!r} changed into something other than a regular file while writing; not replaced"
        )
    if not force:
        raise UsageError(
            f"{path!r} appeared while writing: pass --force to replace it, or choose another name"
        )
