"""The built edition as the publishers read it: which raw file holds which documents (in
the manifest's order), and the flags the build left for a human, by document.

Everything published is read from ``tei/`` (the TEI files, ``manifest.json`` and
``build-report.json``), never from the pipeline's records, so the site and the CMIF file
show exactly what other editions receive.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

MANIFEST = "manifest.json"
REPORT = "build-report.json"


@dataclass(frozen=True)
class Flag:
    """One open question the build left for a human (``build-report.json``)."""
    raw_file: str
    document: str
    kind: str
    line: int | None
    message: str
    context: str = ""
    decision: str = ""


@dataclass(frozen=True)
class RawGroup:
    """A raw file and its documents, in source order."""
    name: str
    kind: str
    sha256: str
    documents: tuple[str, ...]
    error: str = ""


@dataclass
class Edition:
    tei_dir: Path
    groups: list[RawGroup]
    flags: list[Flag] = field(default_factory=list)
    title: str = ""  # the edition's title, as its corpus file states it

    @property
    def document_ids(self) -> list[str]:
        return [ident for group in self.groups for ident in group.documents]

    def tei_path(self, ident: str) -> Path:
        return self.tei_dir / f"{ident}.xml"

    def parse(self, ident: str) -> etree._ElementTree:
        return etree.parse(str(self.tei_path(ident)))

    def flags_of(self, ident: str) -> list[Flag]:
        return [flag for flag in self.flags if flag.document == ident]

    def file_flags(self, raw_name: str) -> list[Flag]:
        """Flags of a raw file that name none of its documents."""
        group = next((g for g in self.groups if g.name == raw_name), None)
        documents = set(group.documents) if group else set()
        return [f for f in self.flags if f.raw_file == raw_name and f.document not in documents]


def load_edition(tei_dir: Path) -> Edition:
    """Read ``manifest.json`` (documents of each raw file, in order) and
    ``build-report.json`` (kinds and flags) from a built edition folder."""
    tei_dir = Path(tei_dir)
    manifest = json.loads((tei_dir / MANIFEST).read_text(encoding="utf-8"))
    report_path = tei_dir / REPORT
    report = json.loads(report_path.read_text(encoding="utf-8")) if report_path.exists() else {"files": []}
    reported = {entry["name"]: entry for entry in report.get("files", [])}
    groups = []
    for name, entry in manifest.get("raw", {}).items():
        info = reported.get(name, {})
        groups.append(RawGroup(name, info.get("kind", ""), entry.get("sha256", ""),
                               tuple(entry.get("documents", ())), info.get("error", "")))
    flags = [read_flag(entry["name"], flag) for entry in report.get("files", []) for flag in entry.get("flags", ())]
    return Edition(tei_dir, groups, flags, corpus_title(tei_dir))


def corpus_title(tei_dir: Path) -> str:
    """The edition's title from the corpus file's header (the build writes it from
    ``editorial/edition.toml``); "" when there is no corpus file."""
    path = tei_dir / "corpus.xml"
    if not path.is_file():
        return ""
    root = etree.parse(str(path), etree.XMLParser(resolve_entities=False, no_network=True)).getroot()
    return root.findtext("{http://www.tei-c.org/ns/1.0}teiHeader/{http://www.tei-c.org/ns/1.0}fileDesc/"
                         "{http://www.tei-c.org/ns/1.0}titleStmt/{http://www.tei-c.org/ns/1.0}title") or ""


def read_flag(raw_name: str, flag: dict) -> Flag:
    line = flag.get("line")
    return Flag(raw_name, flag.get("document") or "", flag.get("kind", ""),
                int(line) if isinstance(line, int) or str(line).isdigit() else None,
                flag.get("message", ""), flag.get("context", ""), flag.get("decision", ""))
