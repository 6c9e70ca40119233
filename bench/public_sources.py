"""Public repositories the benches and tests run against (correspSearch's CMIF check rules,
SchXslt, SCDH's DTS transformations, the TEI Consortium's Stylesheets, TEI Simple Print's
schema), fetched into ``.cache/public/`` at the commit each is pinned to (never committed,
never copied into our code). A local folder of mirrors (``PUBLIC_GIT_MIRRORS``, default ``/work/.mirror``, laid
out as ``owner+name/repo``) is read first, GitHub after it; where neither can be had the
caller is told why (``SourceUnavailable``) and a test skips with that reason."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / ".cache" / "public"
#: each repository at the commit the tests were written against, so a run is repeatable
PINNED = {
    "correspSearch/csAPI": "566b2d2",
    "schxslt/schxslt": "84ee9dd",
    "SCDH/dts-transformations": "cc1cfa6ed71208f3366de7b2deb6c011d9de3866",
    "TEIC/Stylesheets": "b5cdfd28",
    "distributed-text-services/specifications": "d246cd6e2573cdb164f25cb03e6e16badcc00822",
    "TEIC/TEI-Simple": "16095eb1b08ea0b640a960175c14589861d9107c",
}
#: the parts a repository is used for, where it is large (a mirror may lack its largest files)
PARTS = {"TEIC/Stylesheets": ("common", "html", "txt", "profiles/default/html", "profiles/default/txt", "i18n.xml"),
         "distributed-text-services/specifications": ("versions/v1.0", "context/v1.0.json"),
         "TEIC/TEI-Simple": ("teisimple.rng",)}
DEFAULT_MIRRORS = Path("/work/.mirror")
#: how long one git step may take before the source counts as unavailable
GIT_TIMEOUT = 300


class SourceUnavailable(Exception):
    """A public repository could not be had (no mirror, no network): the message says why."""


def repository(name: str) -> Path:
    """The repository's files at its pinned commit, in ``.cache/public/<owner+name>``."""
    folder = CACHE / name.replace("/", "+")
    stamp = folder / ".commit"
    if stamp.is_file() and stamp.read_text() == PINNED[name]:
        return folder
    problems = []
    for source in sources(name):
        try:
            fetch_into(source, PINNED[name], folder, PARTS.get(name, ()))
            stamp.write_text(PINNED[name])
            return folder
        except (OSError, subprocess.CalledProcessError, subprocess.TimeoutExpired) as err:
            problems.append(f"{source}: {err}")
    raise SourceUnavailable(f"{name} at {PINNED[name]} cannot be had ({'; '.join(problems)})")


def sources(name: str) -> list[str]:
    mirrors = Path(os.environ.get("PUBLIC_GIT_MIRRORS", DEFAULT_MIRRORS))
    local = mirrors / name.replace("/", "+") / "repo"
    return ([str(local)] if local.is_dir() else []) + [f"https://github.com/{name}.git"]


def fetch_into(source: str, commit: str, folder: Path, parts=()) -> None:
    """The files of ``commit`` of the git repository ``source`` (a bare mirror or a URL),
    or only its ``parts``."""
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    if source.startswith("https://"):
        clone = folder.with_suffix(".git")
        shutil.rmtree(clone, ignore_errors=True)
        subprocess.run(["git", "clone", "--quiet", "--bare", source, str(clone)], check=True, timeout=GIT_TIMEOUT,
                       capture_output=True)
        source = str(clone)
    archive = subprocess.run(["git", f"--git-dir={source}", "archive", commit, *parts], check=True, capture_output=True,
                             timeout=GIT_TIMEOUT).stdout
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive, check=True, capture_output=True)
