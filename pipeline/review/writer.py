"""The one place review mode writes: one ``[[decision]]`` appended to
``editorial/<raw stem>.toml``.

The decision is written only after the whole file, with it, passes the strict loader
(``load_decisions``), so a bad value or a clash of keys leaves the file as it was. The
file is appended to, never rewritten: whatever an editor wrote by hand stays byte for
byte. Its path is checked before anything is opened: it must be a ``.toml`` file directly
inside the editorial folder (after following links), and never ``editors.toml``; the
file is opened without following a link, so nothing can lead the write elsewhere.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from pipeline.editorial.decisions import EDITORS_FILE, decision_lines, format_decision, load_decisions
from pipeline.errors import OutsideEditorialError
from pipeline.review.actions import decision_key

HEADER = ("# Editorial decisions for {raw}, made in review mode (python -m pipeline review) or by hand.\n"
          "# Anchors quote the raw text; expect is what the pipeline gave when the editor decided.\n")


@dataclass(frozen=True)
class Written:
    """Where a decision went: its file, ``file:line`` and key."""

    path: Path
    origin: str
    key: str
    created: bool = False


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
    """Append the decision ``fields`` (a key is added) to the raw file's decision file,
    creating it with a short header; returns where it went. Raises ``DecisionFileError``
    (nothing written) when the file would not load."""
    path = decision_file(editorial_dir, raw_name)
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    origin = display(path, editorial_dir)
    taken = {d.key for d in load_decisions(old, origin, editors)} if old else set()
    fields = {"key": decision_key(fields["kind"], item_ident, taken), **fields}
    addition = (HEADER.format(raw=raw_label or raw_name) if not old else "" if old.endswith("\n") else "\n") \
        + "\n" + format_decision(fields)
    load_decisions(old + addition, origin, editors)  # the strict loader must take the file as it will be
    append(path, addition)
    return Written(path, f"{origin}:{decision_lines(old + addition)[-1]}", fields["key"], created=not old)


def append(path: Path, addition: str) -> None:
    """Append without following a link (a link put there after the check is refused too)."""
    descriptor = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_NOFOLLOW, 0o644)
    with os.fdopen(descriptor, "a", encoding="utf-8") as out:
        out.write(addition)


def display(path: Path, editorial_dir: Path) -> str:
    """How messages name the file: the editorial folder as it was given, and the file's name."""
    return str(Path(editorial_dir) / path.name)
