"""The files of an edition folder (``tei/``), and how a build keeps them safe.

Three rules protect years of editors' work:

* **Atomic files.** Every file is written to a temporary file beside it and moved into
  place (``write_atomically``), so a build killed at any moment leaves each file either
  as it was or as it is now, never half written.
* **A journal of ownership.** ``manifest.json`` lists what the build owns (each raw
  file's documents, every output's hash). Before a build writes anything it records the
  hashes it is about to write as *pending*; a build that was stopped half way is
  therefore recognised by the next one (its files are the build's, not hand edits), and
  what it still owned is removed if its raw file is gone. A lost or emptied manifest is
  recovered from ``build-report.json``, which lists the same documents.
* **The last good output stays.** A source whose build fails, whose decisions are stale
  or whose TEI would be invalid is *not rebuilt*: its documents stay in the folder
  byte for byte (``kept_build``), the corpus files still include them, and the report
  says why the source was not rebuilt. Outputs are removed only when their raw file is
  gone.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path

from lxml import etree

from pipeline.build import BuiltDocument, FileBuild

REPORT_NAME = "build-report.json"
CORPUS_NAME = "corpus.xml"
STANDALONE_NAME = "edition.xml"
MANIFEST_NAME = "manifest.json"
#: the outputs every build writes besides the documents (the manifest is its own record)
CORPUS_FILES = (CORPUS_NAME, STANDALONE_NAME, REPORT_NAME)
TEI = "{http://www.tei-c.org/ns/1.0}"


# ------------------------------------------------------------------ atomic writes


def write_atomically(path: Path, data: str | bytes) -> None:
    """Write ``data`` to ``path`` so that a reader (or a build killed half way) sees the old
    file or the new one, never a part: a temporary file in the same folder, flushed to
    disk, then moved over the old one (``os.replace`` is atomic on one file system)."""
    path = Path(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(payload)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def sha(data: str | bytes) -> str:
    return hashlib.sha256(data.encode("utf-8") if isinstance(data, str) else data).hexdigest()


def leftover_temporaries(out_dir: Path) -> list[Path]:
    """Temporary files a killed build left behind (``write_atomically``'s names)."""
    return sorted(p for p in Path(out_dir).glob(".*.tmp") if p.is_file())


# ------------------------------------------------------------------ the manifest


@dataclass(frozen=True)
class Manifest:
    """What the build owns in an edition folder.

    ``raw`` maps each raw file's name to its sha256 and its documents' ids; ``outputs``
    each owned file to its hash; ``pending`` the files (and hashes) a build was about to
    write when it last stopped without finishing. ``recovered`` says the ownership was
    read from the build report because the manifest was lost: the hashes are then
    unknown, so no file is called a hand edit."""

    raw: dict[str, dict] = field(default_factory=dict)
    outputs: dict[str, str] = field(default_factory=dict)
    pending: dict[str, str] = field(default_factory=dict)
    recovered: bool = False

    def owned(self) -> set[str]:
        return set(self.outputs) | set(self.pending)

    def built_it(self, name: str, digest: str) -> bool:
        """Whether a file on disk with this hash is one a build wrote (the last finished
        build's, or one a stopped build was writing): anything else is a hand edit."""
        return self.recovered or digest in (self.outputs.get(name), self.pending.get(name))

    def documents_of(self, raw_name: str) -> list[str]:
        return list(self.raw.get(raw_name, {}).get("documents", ()))


def read_manifest(out_dir: Path) -> Manifest:
    """The folder's manifest; recovered from ``build-report.json`` when it is missing or
    unreadable (an emptied manifest must not make the build forget what it owns)."""
    try:
        data = json.loads((Path(out_dir) / MANIFEST_NAME).read_text(encoding="utf-8"))
        return Manifest(raw=dict(data.get("raw", {})), outputs=dict(data.get("outputs", {})),
                        pending=dict(data.get("pending", {})))
    except (OSError, ValueError, AttributeError):
        return recovered_manifest(Path(out_dir))


def recovered_manifest(out_dir: Path) -> Manifest:
    report = read_report(out_dir)
    if not report:
        return Manifest()
    raw = {name: {"sha256": entry.get("sha256", ""), "documents": list(entry.get("documents", ()))}
           for name, entry in report.items()}
    owned = {f"{ident}.xml": "" for entry in raw.values() for ident in entry["documents"]}
    owned.update({name: "" for name in CORPUS_FILES})
    return Manifest(raw=raw, outputs=owned, recovered=True)


def manifest_text(builds: list[FileBuild], outputs: dict[str, str], pending: dict[str, str] | None = None) -> str:
    """The manifest as written: each raw file's documents, every owned output's hash and,
    while a build is writing, the hashes it is about to write."""
    data = {"raw": {b.name: {"sha256": b.sha256, "documents": [d.ident for d in b.documents]} for b in builds},
            "outputs": dict(sorted(outputs.items()))}
    if pending:
        data["pending"] = dict(sorted(pending.items()))
    return json.dumps(data, indent=1, sort_keys=True) + "\n"


def journal_text(manifest: Manifest, pending: dict[str, str]) -> str:
    """The manifest while a build writes: what it owned before, and what it is about to write."""
    data = {"raw": manifest.raw, "outputs": dict(sorted(manifest.outputs.items())),
            "pending": dict(sorted(pending.items()))}
    return json.dumps(data, indent=1, sort_keys=True) + "\n"


def write_manifest(out_dir: Path, text: str) -> None:
    path = Path(out_dir) / MANIFEST_NAME
    if not path.exists() or path.read_text(encoding="utf-8", errors="replace") != text:
        write_atomically(path, text)


# ------------------------------------------------------------------ the last good output


def read_report(out_dir: Path) -> dict[str, dict]:
    """The last build report's entry of each raw file, by name ({} when there is none)."""
    try:
        data = json.loads((Path(out_dir) / REPORT_NAME).read_text(encoding="utf-8"))
        return {entry["name"]: entry for entry in data.get("files", ()) if isinstance(entry, dict) and "name" in entry}
    except (OSError, ValueError, KeyError, AttributeError, TypeError):
        return {}


def clean(build: FileBuild) -> bool:
    """A build whose output may replace the last one: no error, no stale decision, valid."""
    return not (build.error or build.stale or build.problems)


#: what a kept source's report entry takes from the last build's (the rest is this run's)
KEPT_REPORT_FIELDS = ("kind", "documents", "changes", "structure", "flags", "decisions", "redirects", "decode_notes")


def kept_build(failed: FileBuild, out_dir: Path, manifest: Manifest, last_report: dict[str, dict]) -> FileBuild:
    """The last good output of a source whose build this time is not clean: its documents
    as they stand in ``out_dir`` (never rewritten), its last report, and this run's
    error, stale decisions and problems (the reason it was not rebuilt). A source with no
    earlier output keeps nothing."""
    documents = []
    for ident in manifest.documents_of(failed.name):
        path = Path(out_dir) / f"{ident}.xml"
        if path.is_file():
            xml = path.read_text(encoding="utf-8")
            documents.append(BuiltDocument(ident, xml, summary_of(ident, xml)))
    if not documents:
        return failed
    last = last_report.get(failed.name, {})
    report = {key: last[key] for key in KEPT_REPORT_FIELDS if key in last}
    report["documents"] = [d.ident for d in documents]
    return replace(failed, documents=documents, report=report, kept=True,
                   kind=last.get("kind", failed.kind),
                   sha256=manifest.raw.get(failed.name, {}).get("sha256", ""))


def summary_of(ident: str, xml: str) -> dict:
    """What the join needs of a kept document, read from its XML: its part and the
    fingerprint that lets its witnesses find it."""
    from pipeline.editorial.witnesses import fingerprint
    from pipeline.teitext import reading_text
    summary = {"id": ident, "part": "front" if ident.endswith("-front") else ""}
    try:
        root = etree.fromstring(xml.encode("utf-8"))
    except etree.XMLSyntaxError:
        return summary | {"fingerprint": ()}
    body = root.find(f"{TEI}text/{TEI}body")
    summary["fingerprint"] = fingerprint(reading_text(body)) if body is not None else ()
    return summary
