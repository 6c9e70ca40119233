"""What still needs a human: the open flags of the last build, each with the text
around it and a ready decision to paste into the raw file's decision file."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

from pipeline.editorial.decisions import EDITORS_FILE, editorial_path, load_editors
from pipeline.runner import REPORT_NAME


def open_flags(out_dir: Path, editorial_dir: Path, doc_id: str | None = None,
               who: str | None = None, today: datetime.date | None = None) -> tuple[list[str], int]:
    """Lines to print for every open flag (of one document, if ``doc_id``), and how many."""
    report = json.loads((Path(out_dir) / REPORT_NAME).read_text(encoding="utf-8"))
    who = who or default_editor(editorial_dir)
    when = (today or datetime.date.today()).isoformat()
    lines, count = [], 0
    for entry in report["files"]:
        flags = [f for f in entry.get("flags", ()) if doc_id in (None, f["document"])]
        if not flags:
            continue
        target = editorial_path(editorial_dir, entry["name"])
        lines.append(f"== raw/{entry['name']}: {len(flags)} open; decisions go into {target}")
        for flag in flags:
            count += 1
            lines.append(f"-- {flag['document']} line {flag['line']}: {flag['kind']}: {flag['message']}")
            lines.append(f"   {flag['context']}")
            lines.append(ready(flag["decision"], who, when))
    return lines, count


def ready(decision: str, who: str, when: str) -> str:
    """The report's decision with the editor and today's date put in."""
    head, _, rest = decision.partition("\n")
    return "\n".join([head, f'who = "{who}"', f"when = {when}", rest.rstrip("\n"), ""])


def default_editor(editorial_dir: Path) -> str:
    """The only editor of editors.toml, else a placeholder to replace."""
    path = Path(editorial_dir) / EDITORS_FILE
    if path.exists():
        editors = load_editors(path.read_text(encoding="utf-8"), str(path))
        if len(editors) == 1:
            return editors[0].key
    return "EDITOR"
