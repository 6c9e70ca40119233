"""The edition's own facts: its title, publisher, editors, the address it is published
at and its licence, read once from ``editorial/edition.toml``.

They are stated in every document's ``teiHeader`` (``publicationStmt``: the publisher, a
permanent URL, the licence with its URL), in the corpus files, in the CMIF file and on
the site. ``read_edition`` returns an immutable ``EditionFacts`` that the caller passes
to each of them, so nothing looks the file up behind the caller's back and a build is a
function of its inputs. Every problem is reported as ``file:line: message``.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

import regex

from pipeline.errors import EditionFileError

EDITION_FILE = "edition.toml"
#: the licence of an edition whose editors say nothing else (the issue's choice: open reuse with credit)
DEFAULT_LICENCE = "CC BY 4.0"
DEFAULT_LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"
REQUIRED = ("title", "publisher", "base_url")
KNOWN = REQUIRED + ("editors", "licence", "licence_url")
#: an absolute http(s) address; a base URL must end in "/" so that an id can be appended to it
ABSOLUTE_URL = regex.compile(r"https?://[^\s/?#]+(?:/[^\s?#]*)?")
BOM = "\ufeff"


@dataclass(frozen=True)
class EditionFacts:
    """What the edition says about itself. ``base_url`` is empty only for a build without
    an edition file: then no permanent URL is stated (one is never invented)."""

    title: str
    publisher: str
    base_url: str = ""
    licence: str = DEFAULT_LICENCE
    licence_url: str = DEFAULT_LICENCE_URL
    editors: tuple[str, ...] = ()

    def document_url(self, ident: str) -> str:
        """The permanent URL of a document (or of any file of the edition, by name): the
        base URL followed by its id; "" when the edition has no base URL.

        >>> EditionFacts("E", "P", "https://example.org/ed/").document_url("s001-d1")
        'https://example.org/ed/s001-d1'
        """
        return self.base_url + ident if self.base_url else ""


#: what a build without an edition file states: no address, the default licence
UNPUBLISHED = EditionFacts(title="An unpublished TEI edition", publisher="The editors of this edition")


def read_edition(editorial_dir: Path | None) -> EditionFacts:
    """The facts in ``editorial_dir/edition.toml``; ``UNPUBLISHED`` when there is none."""
    path = Path(editorial_dir) / EDITION_FILE if editorial_dir else None
    if path is None or not path.is_file():
        return UNPUBLISHED
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as err:
        raise EditionFileError(f"{path}:1", f"the file is not UTF-8 ({err.reason})", "save it as UTF-8") from err
    return load_edition_facts(text, str(path))


def load_edition_facts(text: str | None, origin: str) -> EditionFacts:
    """Parse and check the edition file's text (``None``: no file, ``UNPUBLISHED``).

    >>> load_edition_facts('title = "T"\\npublisher = "P"\\nbase_url = "https://e.org/"', "e.toml").licence
    'CC BY 4.0'
    >>> load_edition_facts('title = "T"\\npublisher = "P"\\nbase_url = "e.org"', "e.toml")
    Traceback (most recent call last):
    ...
    pipeline.errors.EditionFileError: e.toml:3: base_url = 'e.org' is not an absolute http(s) address ending in "/" (write it as https://host/path/)
    """
    if text is None:
        return UNPUBLISHED
    text = text.removeprefix(BOM)
    data = parse(text, origin)
    unknown = sorted(set(data) - set(KNOWN))
    if unknown:
        raise EditionFileError(f"{origin}:{line_of(text, unknown[0])}", f"unknown field {unknown[0]}",
                               f"the edition file takes {', '.join(KNOWN)}")
    for name in REQUIRED:
        if not isinstance(data.get(name), str) or not data[name].strip():
            raise EditionFileError(f"{origin}:{line_of(text, name)}", f"{name} is missing or empty",
                                   f'write {name} = "…"')
    base_url = data["base_url"].strip()
    if not ABSOLUTE_URL.fullmatch(base_url) or not base_url.endswith("/"):
        raise EditionFileError(f"{origin}:{line_of(text, 'base_url')}",
                               f"base_url = {base_url!r} is not an absolute http(s) address ending in \"/\"",
                               "write it as https://host/path/")
    licence, licence_url = licence_of(data, text, origin)
    return EditionFacts(title=data["title"].strip(), publisher=data["publisher"].strip(), base_url=base_url,
                        licence=licence, licence_url=licence_url, editors=editors_of(data, text, origin))


def licence_of(data: dict, text: str, origin: str) -> tuple[str, str]:
    """The licence and its URL. Another licence than the default must say its URL:
    a machine-readable licence is a link a harvester can follow."""
    licence = data.get("licence", DEFAULT_LICENCE)
    url = data.get("licence_url", DEFAULT_LICENCE_URL if licence == DEFAULT_LICENCE else None)
    if not isinstance(licence, str) or not licence.strip():
        raise EditionFileError(f"{origin}:{line_of(text, 'licence')}", "licence must be a name such as \"CC BY 4.0\"")
    if not isinstance(url, str) or not ABSOLUTE_URL.fullmatch(url.strip()):
        raise EditionFileError(f"{origin}:{line_of(text, 'licence_url' if 'licence_url' in data else 'licence')}",
                               f"the licence {licence!r} needs licence_url, the absolute address of its text",
                               'write licence_url = "https://…"')
    return licence.strip(), url.strip()


def editors_of(data: dict, text: str, origin: str) -> tuple[str, ...]:
    editors = data.get("editors", [])
    if not isinstance(editors, list) or not all(isinstance(n, str) and n.strip() for n in editors):
        raise EditionFileError(f"{origin}:{line_of(text, 'editors')}", "editors must be a list of names",
                               'write editors = ["…", "…"]')
    return tuple(name.strip() for name in editors)


def parse(text: str, origin: str) -> dict:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        line = regex.search(r"line (\d+)", str(err))
        raise EditionFileError(f"{origin}:{line.group(1) if line else 1}", f"not valid TOML: {err}",
                               "fix the syntax there") from err


def line_of(text: str, key: str) -> int:
    """The line where ``key = …`` stands (tomllib keeps no positions); 1 if it is absent."""
    for number, line in enumerate(text.split("\n"), start=1):
        if regex.match(rf"\s*{regex.escape(key)}\s*=", line):
            return number
    return 1
