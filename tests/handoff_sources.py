"""Public repositories the hand-off tests run against, fetched into ``.cache/`` at test
time (never committed): correspSearch's CMIF check rules, SchXslt (the Schematron
implementation that runs them, XSLT 2 binding) and SCDH's DTS transformations. Each is
pinned to a commit so a run is repeatable. ``HANDOFF_GIT_MIRRORS`` may name a folder of
local mirrors (``owner+name/repo``) to read instead of GitHub."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / ".cache" / "handoff"
PINNED = {
    "correspSearch/csAPI": "566b2d2",
    "schxslt/schxslt": "84ee9dd",
    "SCDH/dts-transformations": "cc1cfa6ed71208f3366de7b2deb6c011d9de3866",
}
DEFAULT_MIRRORS = Path("/work/.mirror")


def repository(name: str) -> Path:
    """The repository's files at its pinned commit, in ``.cache/handoff/<owner+name>``;
    the test is skipped, with the reason, if it cannot be had."""
    folder = CACHE / name.replace("/", "+")
    stamp = folder / ".commit"
    if stamp.is_file() and stamp.read_text() == PINNED[name]:
        return folder
    problems = []
    for source in sources(name):
        try:
            fetch_into(source, PINNED[name], folder)
            stamp.write_text(PINNED[name])
            return folder
        except (OSError, subprocess.CalledProcessError) as err:
            problems.append(f"{source}: {err}")
    pytest.skip(f"{name} at {PINNED[name]} cannot be had ({'; '.join(problems)})")


def sources(name: str) -> list[str]:
    mirrors = Path(os.environ.get("HANDOFF_GIT_MIRRORS", DEFAULT_MIRRORS))
    local = mirrors / name.replace("/", "+") / "repo"
    return ([str(local)] if local.is_dir() else []) + [f"https://github.com/{name}.git"]


def fetch_into(source: str, commit: str, folder: Path) -> None:
    """The files of ``commit`` of the git repository ``source`` (a bare mirror or a URL)."""
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    if source.startswith("https://"):
        clone = folder.with_suffix(".git")
        shutil.rmtree(clone, ignore_errors=True)
        subprocess.run(["git", "clone", "--quiet", "--bare", source, str(clone)], check=True, timeout=300,
                       capture_output=True)
        source = str(clone)
    archive = subprocess.run(["git", f"--git-dir={source}", "archive", commit], check=True, capture_output=True,
                             timeout=300).stdout
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive, check=True, capture_output=True)
