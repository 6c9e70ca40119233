"""The one place review mode writes: one ``[[decision]]`` added to
``editorial/<raw stem>.toml``.

The decision is written only after the whole file, with it, passes the strict loader
(``load_decisions``), so a bad value or a clash of keys leaves the file as it was; a value
XML cannot hold is refused before anything is read. The file's bytes are kept as they are
and the decision is added after them: whatever an editor wrote by hand (a byte-order mark,
Windows line ends, a missing final newline) stays byte for byte, and the decision takes the
file's line ends.

Two review sessions (or two threads of one) may write the same file at once: each holds a
lock (``fcntl.flock`` on the editorial folder itself, so no lock file sits among the
decision files) from reading the file to replacing it. Under the lock the key is chosen
and the decision compared with those already there: the same decision made again (the
same kind, quote, expected and decided values: the same item decided the same way, by
whoever) is not written twice, since a second copy could only be reported stale by the
build; the session is told the key of the one there. A write is atomic: the new content
goes to a temporary file beside the old one, is flushed to disk, and replaces it in one
step (``os.replace``); if the file changed meanwhile (a hand edit saved during the write),
the write starts again from the new content. If anything fails, the old file is left as it
was and no temporary file remains.

The path is checked before anything is opened: it must be a ``.toml`` file directly inside
the editorial folder (after following links), and never ``editors.toml``; it is read
without following a link, and a replace puts a file in place of a link, never writes
through one.
"""

from __future__ import annotations

import fcntl
import os
import secrets
import stat
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from pipeline.editorial.decisions import (EDITORS_FILE, Decision, decision_lines, format_decision, load_decisions,
                                          unwritable)
from pipeline.errors import DecisionFileError, DecisionWriteError, OutsideEditorialError, UnwritableCharacterError
from pipeline.review.actions import decision_key

HEADER = ("# Editorial decisions for {raw}, made in review mode (python -m pipeline review) or by hand.\n"
          "# Anchors quote the raw text; expect is what the pipeline gave when the editor decided.\n")
#: how often a write starts again because the file changed while it was written
ATTEMPTS = 5


@dataclass(frozen=True)
class Written:
    """Where a decision went: its file, ``file:line`` and key; ``already`` when the same
    decision was in the file (made by another session, or before) and nothing was written."""

    path: Path
    origin: str
    key: str
    created: bool = False
    already: bool = False


def decision_file(editorial_dir: Path, raw_name: str) -> Path:
    """``editorial/<raw stem>.toml``, or ``OutsideEditorialError`` when the name or a link
    would put it anywhere else."""
    root = Path(editorial_dir).resolve()
    stem = Path(raw_name).stem
    path = root / f"{stem}.toml"
    if not stem or stem.startswith(".") or path.name == EDITORS_FILE or path.parent != root \
            or path.resolve() != path:
        raise OutsideEditorialError(path, editorial_dir)
    return path


def write_decision(editorial_dir: Path, raw_name: str, fields: dict, editors, item_ident: str,
                   raw_label: str = "") -> Written:
    """Add the decision ``fields`` (a key is added) to the raw file's decision file,
    creating it with a short header; returns where it went (or where the same decision
    already is). Raises ``UnwritableCharacterError`` (a value XML cannot hold),
    ``DecisionFileError`` (the file would not load) or ``DecisionWriteError`` (the disk
    refused), and then nothing is written."""
    path = decision_file(editorial_dir, raw_name)
    origin = display(path, editorial_dir)
    bad = unwritable(fields)
    if bad is not None:
        raise UnwritableCharacterError(origin, *bad)
    with locked(path.parent):
        for _ in range(ATTEMPTS):
            data, seen = read(path, editorial_dir)
            old = decoded(data, origin)
            existing = load_decisions(old, origin, editors) if old else ()
            keyed = {"key": decision_key(fields["kind"], item_ident, {d.key for d in existing}), **fields}
            addition = (HEADER.format(raw=raw_label or raw_name) if not old else "" if old.endswith("\n") else "\n") \
                + "\n" + format_decision(keyed)
            new = load_decisions(old + addition, origin, editors)[-1]  # the strict loader takes the file as it will be
            same = next((d for d in existing if sameness(d) == sameness(new)), None)
            if same is not None:
                return Written(path, same.origin, same.key, already=True)
            if line_end(old) == "\r\n":
                addition = addition.replace("\n", "\r\n")
            if replace_file(path, data + addition.encode("utf-8"), seen, origin):
                return Written(path, f"{origin}:{decision_lines(old + addition)[-1]}", keyed["key"], created=not old)
    raise DecisionWriteError(origin, f"it kept changing while the decision was written ({ATTEMPTS} attempts)")


def sameness(decision: Decision) -> tuple:
    """What makes two decisions the same: kind, quote and values, not who, when, key or ``at``."""
    quote = decision.quote
    return decision.kind, quote.exact, quote.prefix, quote.suffix, decision.expect, decision.values


@contextmanager
def locked(folder: Path):
    """The editorial folder's write lock (an exclusive ``flock`` on the folder itself), for
    one write: other processes and threads wait for it."""
    descriptor = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)  # closing the last descriptor releases the lock


def read(path: Path, editorial_dir: Path) -> tuple[bytes, os.stat_result | None]:
    """The file's bytes (none when it is not there yet) and its status, which identifies this
    version of it; read without following a link (a link put there after the check is
    refused too)."""
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
    except FileNotFoundError:
        return b"", None
    except OSError as err:
        if os.path.islink(path):
            raise OutsideEditorialError(path, editorial_dir) from err
        raise DecisionWriteError(display(path, editorial_dir), f"cannot read it: {err.strerror}") from err
    with os.fdopen(descriptor, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise OutsideEditorialError(path, editorial_dir)
        return handle.read(), info


def version(info: os.stat_result) -> tuple:
    return info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns


def decoded(data: bytes, origin: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data[:err.start].count(b"\n") + 1
        raise DecisionFileError(f"{origin}:{line}", "the file is not UTF-8 text",
                                "save it as UTF-8 in your editor; nothing was written") from err


def line_end(text: str) -> str:
    """The file's line end (its last one): ``\\r\\n`` for a file saved on Windows."""
    last = text.rfind("\n")
    return "\r\n" if last > 0 and text[last - 1] == "\r" else "\n"


def replace_file(path: Path, content: bytes, seen: os.stat_result | None, origin: str) -> bool:
    """Put ``content`` in place of the file in one step: a temporary file beside it, flushed
    to disk, then ``os.replace``. False (nothing changed) when the file is no longer the
    version ``seen`` (it was edited meanwhile); ``DecisionWriteError`` when the disk refuses."""
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp")
    try:
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o644)
        try:
            with os.fdopen(descriptor, "wb") as out:
                if seen is not None:  # the file keeps its permissions (a new one has 0o644 less the umask)
                    os.fchmod(out.fileno(), stat.S_IMODE(seen.st_mode))
                out.write(content)
                out.flush()
                os.fsync(out.fileno())
            if current_version(path) != (version(seen) if seen else None):
                os.unlink(temporary)
                return False
            os.replace(temporary, path)
        except BaseException:
            temporary.unlink(missing_ok=True)
            raise
        sync_folder(path.parent)
    except OSError as err:
        raise DecisionWriteError(origin, err.strerror or str(err)) from err
    return True


def current_version(path: Path) -> tuple | None:
    try:
        return version(os.stat(path, follow_symlinks=False))
    except FileNotFoundError:
        return None


def sync_folder(folder: Path) -> None:
    """The replace itself on disk (a folder's entries are flushed through the folder); the
    file is written already, so a folder that cannot be flushed is no error."""
    try:
        descriptor = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)


def display(path: Path, editorial_dir: Path) -> str:
    """How messages name the file: the editorial folder as it was given, and the file's name."""
    return str(Path(editorial_dir) / path.name)
