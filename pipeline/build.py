"""Run the stages over a folder of raw files and write the edition.

One bad file never stops the others: its error is recorded as one line naming
the file, and every other file's TEI is still written.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from pipeline.encode import encode_corpus, encode_document, unique_ids
from pipeline.errors import PipelineError
from pipeline.ingest import read_source
from pipeline.repair import run_repair
from pipeline.segment import run_segment

REPORT_NAME = "build-report.json"
CORPUS_NAME = "corpus.xml"


@dataclass
class FileResult:
    """What became of one raw file."""

    name: str
    kind: str = ""
    documents: list[str] = field(default_factory=list)
    changes: dict[str, int] = field(default_factory=dict)
    structure: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    error: str = ""


@dataclass
class BuildReport:
    files: list[FileResult] = field(default_factory=list)

    @property
    def failed(self) -> list[FileResult]:
        return [f for f in self.files if f.error]

    def summary_lines(self) -> list[str]:
        docs = sum(len(f.documents) for f in self.files)
        changes = sum(sum(f.changes.values()) for f in self.files)
        lines = [f"built {docs} documents from {len(self.files) - len(self.failed)} of {len(self.files)} "
                 f"raw files; {changes} recorded changes"]
        for f in self.files:
            if f.structure:
                lines.append(f"{f.name}: " + ", ".join(f"{k.replace('_', ' ')} {v}" for k, v in f.structure.items()))
            if f.warnings:
                lines.append(f"{f.name}: {len(f.warnings)} flags for a human (see {REPORT_NAME})")
        lines += [f"error: {f.error}" for f in self.failed]
        return lines

    def to_json(self) -> str:
        data = {"files": [vars(f) for f in self.files]}
        return json.dumps(data, indent=1, ensure_ascii=False, sort_keys=True) + "\n"


def raw_files(raw_dir: Path) -> list[Path]:
    """The raw files of a folder, in name order (hidden files are skipped)."""
    return sorted(p for p in Path(raw_dir).iterdir() if p.is_file() and not p.name.startswith("."))


def process_file(path: Path):
    """Ingest, repair and segment one file; return its documents and result."""
    result = FileResult(name=path.name)
    try:
        source = read_source(path)
        result.kind = source.kind
        changes = run_repair(source)
        documents = run_segment(source, changes)
    except PipelineError as err:
        result.error = err.one_line()
        return (), result
    except Exception as err:  # an internal fault must not cost the other files their output
        result.error = f"{path}: internal error while processing ({type(err).__name__}: {err}); please report it"
        return (), result
    for change in changes:
        result.changes[change.rule] = result.changes.get(change.rule, 0) + 1
    for doc in documents:
        result.structure.update(doc.stats)
    result.warnings = [w for doc in documents for w in doc.warnings]
    return documents, result


def run_build(raw_dir: str | Path, out_dir: str | Path) -> BuildReport:
    """Build the edition of every file in ``raw_dir`` into ``out_dir``."""
    raw_dir, out_dir = Path(raw_dir), Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    report, all_docs = BuildReport(), []
    for path in raw_files(raw_dir):
        documents, result = process_file(path)
        report.files.append(result)
        all_docs.extend((doc, result) for doc in documents)
    ids = unique_ids([doc for doc, _ in all_docs])
    written = []
    for (doc, result), doc_id in zip(all_docs, ids):
        try:
            element = encode_document(doc, doc_id)
        except Exception as err:  # keep the other documents
            result.error = f"{doc.source.path}: internal error while encoding {doc_id} ({err}); please report it"
            continue
        write_xml(out_dir / f"{doc_id}.xml", element)
        result.documents.append(doc_id)
        written.append((doc_id, doc))
    write_xml(out_dir / CORPUS_NAME, encode_corpus(written, report))
    remove_stale(out_dir, {f"{doc_id}.xml" for doc_id, _ in written} | {CORPUS_NAME})
    (out_dir / REPORT_NAME).write_text(report.to_json(), encoding="utf-8")
    return report


#: schema references for XML editors, relative to an edition folder beside schemas/ (as tei/ is)
SCHEMA_MODELS = ('<?xml-model href="../schemas/edition.rnc" type="application/relax-ng-compact-syntax"?>\n'
                 '<?xml-model href="../schemas/edition.sch" schematypens="http://purl.oclc.org/dsdl/schematron"?>\n')


def write_xml(path: Path, element) -> None:
    """Serialise deterministically: same element, same bytes (unchanged files are not touched)."""
    body = etree.tostring(element, pretty_print=True, encoding="unicode")
    models = SCHEMA_MODELS
    data = '<?xml version="1.0" encoding="UTF-8"?>\n' + models + body
    if not path.exists() or path.read_text(encoding="utf-8") != data:
        path.write_text(data, encoding="utf-8")


def remove_stale(out_dir: Path, keep: set[str]) -> None:
    """Delete TEI files of documents that this build no longer produces."""
    for path in out_dir.glob("*.xml"):
        if path.name not in keep:
            path.unlink()
