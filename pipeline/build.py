"""One raw file in, its documents out: a pure function of (raw bytes, editorial
decisions, pipeline version).

``build_file`` runs the stages on one file (ingest -> repair -> the editors' change
decisions -> segment -> the editors' document decisions -> encode), checks that no
character of the raw file was lost, validates what it wrote, and returns a
``FileBuild``: XML strings and a report, nothing that needs this process to read. That
makes it the unit that ``runner`` maps over files, in this process, in a pool of
processes, or on a cluster.
"""

from __future__ import annotations

import functools
import multiprocessing
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from lxml import etree

from pipeline.accounting import check_counts
from pipeline.context import SourceContext
from pipeline.editorial.apply import STALE, date_string
from pipeline.editorial.phases import after_segment, before_segment, page_finder
from pipeline.editorial.decisions import Editorial, load_decisions, load_editors
from pipeline.editorial.register import REGISTER_FILE, Register, load_register
from pipeline.editorial.proposals import flag_entry
from pipeline.editorial.witnesses import fingerprint
from pipeline.edition import EDITION_FILE, load_edition_facts
from pipeline.encode import encode_document
from pipeline.encode.ids import assign_ids
from pipeline.errors import PipelineError
from pipeline.ingest import source_from_bytes
from pipeline.model import Document, Source
from pipeline.repair import Changes, run_repair
from pipeline.segment import run_segment
from pipeline.teitext import reading_text

TEI_NS = "http://www.tei-c.org/ns/1.0"

#: schema references for XML editors, relative to an edition folder beside schemas/ (as tei/ is)
SCHEMA_MODELS = ('<?xml-model href="../schemas/edition.rnc" type="application/relax-ng-compact-syntax"?>\n'
                 '<?xml-model href="../schemas/edition.sch" schematypens="http://purl.oclc.org/dsdl/schematron"?>\n')


@dataclass(frozen=True)
class RawFile:
    """Everything one file's build depends on, as bytes (a cluster worker needs no disk)."""

    name: str
    data: bytes
    decisions: str | None = None       # the text of editorial/<stem>.toml, if there is one
    decisions_path: str = ""
    editors: str | None = None         # the text of editorial/editors.toml
    editors_path: str = ""
    edition: str | None = None         # the text of editorial/edition.toml (the edition's own facts)
    edition_path: str = ""
    register: str | None = None        # the text of editorial/register.toml (persons, places, organisations)
    register_path: str = ""
    path: str = ""                     # how messages and the TEI name the file (raw/NAME)
    refusal: str = ""                  # why the file is not built at all (one line), e.g. a link out of raw/


@dataclass(frozen=True)
class BuiltDocument:
    ident: str
    xml: str
    summary: dict


@dataclass
class FileBuild:
    """What became of one raw file: its documents' XML and its part of the build report."""

    name: str
    kind: str = ""
    sha256: str = ""
    documents: list[BuiltDocument] = field(default_factory=list)
    report: dict = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)  # validation errors of what was written
    stale: list[str] = field(default_factory=list)     # decisions that could not be applied
    error: str = ""
    seconds: float = 0.0
    kept: bool = False  # its documents are the last good output, kept because this build was not clean


@dataclass(frozen=True)
class Processed:
    """The records of one source once every stage and decision has run."""

    source: Source
    changes: tuple
    documents: tuple[Document, ...]
    outcomes: tuple
    redirects: tuple[tuple[str, str], ...] = ()
    context: SourceContext | None = None  # the source's lexicon, word model and anchoring text


@dataclass(frozen=True)
class Stages:
    """The steps ``build_file`` runs, as values, so that a caller can run the same build
    through other steps without touching a module: review mode passes steps that return
    their last result for the same inputs (``pipeline.review.reuse``), so a decision on
    the book rebuilds in about a second. Each step is a pure function of its arguments."""

    decode: Callable = None              # (path, bytes) -> Source
    repair: Callable = None              # (Source, its SourceContext) -> changes
    segment: Callable = None             # (Source, changes, page hints) -> documents
    encode: Callable = None              # (Document, id, EditionFacts) -> TEI element
    serialise: Callable = None           # element -> XML text
    reading_text: Callable = None        # body element -> reading text
    fingerprint: Callable = None         # reading text -> sample of 5-gram hashes
    validate: Callable = None            # (XML text, id) -> problems
    source_characters: Callable = None   # element -> the raw characters it holds (accounting)
    visible: Callable = None             # text -> its counted characters (accounting)

    def __post_init__(self):
        for name, step in plain_stages().items():
            if getattr(self, name) is None:
                object.__setattr__(self, name, step)


def plain_stages() -> dict[str, Callable]:
    """The build's own steps (looked up when asked, so each is the module's current one)."""
    from pipeline.accounting import visible
    from pipeline.teitext import source_characters
    return {"decode": source_from_bytes, "repair": run_repair, "segment": run_segment, "encode": encode_document,
            "serialise": serialise, "reading_text": reading_text, "fingerprint": fingerprint,
            "validate": validation_problems, "source_characters": source_characters, "visible": visible}


def read_editorial(raw: RawFile) -> Editorial:
    editors = load_editors(raw.editors, raw.editors_path) if raw.editors else ()
    if not raw.decisions:
        return Editorial(editors=editors)
    return Editorial(load_decisions(raw.decisions, raw.decisions_path, editors), editors, raw.decisions_path)


def read_register(raw: RawFile) -> Register | None:
    """The register the names are tagged from (None: the file is built without names)."""
    return load_register(raw.register, raw.register_path or f"editorial/{REGISTER_FILE}") if raw.register else None


def process_source(source: Source, editorial: Editorial = Editorial(), repair_config=None,
                   stages: Stages | None = None, register: Register | None = None) -> Processed:
    """Repair, segment and apply the editors' decisions; nothing is encoded yet."""
    stages = stages or Stages()
    context = SourceContext(source)  # this source's working state: it dies with the records
    changes = stages.repair(source, context=context) if repair_config is None else run_repair(source, repair_config, context)
    settled = before_segment(source, changes, editorial, context.anchor_text)
    in_order = Changes.in_raw_order(settled.changes)  # the changes inside a span found by binary search
    documents = assign_ids(stages.segment(source, in_order, settled.page_hints), source.name)
    decided = after_segment(documents, settled, editorial, source, register)  # names tagged there too
    return Processed(source, in_order, decided.documents, decided.outcomes, decided.redirects, context)


def build_file(raw: RawFile, validate: bool = True, on_processed=None, stages: Stages | None = None,
               jobs: int = 1) -> FileBuild:
    """Build one raw file; a bad file gives a one-line error, never an exception.

    ``on_processed(processed)`` is handed the records before they are encoded (the
    review server makes its queue of them, rather than processing the file twice).
    ``stages`` are the steps the build runs (``Stages``: the plain ones by default).
    ``jobs`` processes share the documents' encoding and validation; the output is the
    same bytes for any number."""
    stages = stages or Stages()
    started = time.perf_counter()
    result = FileBuild(name=raw.name)
    if raw.refusal:
        result.error = raw.refusal
        return finish(result, started)
    try:
        source = stages.decode(raw.path or raw.name, raw.data)
        result.kind, result.sha256 = source.kind, source.sha256
        edition = load_edition_facts(raw.edition, raw.edition_path or EDITION_FILE)
        processed = process_source(source, read_editorial(raw), stages=stages, register=read_register(raw))
        if on_processed is not None:
            on_processed(processed)
        work = functools.partial(document_output, edition=edition, stages=stages, validate=validate)
        outputs = map_documents(work, processed.documents, jobs)
        check_counts(source, [counts for _, _, counts in outputs], stages.visible)
    except PipelineError as err:
        result.error = err.one_line()
        return finish(result, started)
    except Exception as err:  # an internal fault must not cost the other files their output
        result.error = f"{raw.path or raw.name}: internal error while building ({type(err).__name__}: {err}); " \
                       "please report it"
        return finish(result, started)
    for built, problems, _ in outputs:
        result.documents.append(built)
        result.problems += problems
    result.report = file_report(processed)
    result.stale = [o.line() for o in processed.outcomes if o.status in STALE]
    return finish(result, started)


def document_output(doc: Document, edition, stages: Stages, validate: bool = True):
    """One document encoded, serialised, fingerprinted and validated, as (BuiltDocument,
    problems, its counted raw characters for the accounting). Its lxml tree is dropped
    here: a build holds one tree per process at a time, never a source's all at once."""
    element = stages.encode(doc, doc.ident, edition)
    counts = stages.visible(stages.source_characters(element))
    xml = stages.serialise(element)
    summary = summarise(doc)
    body = element.find(f"{{{TEI_NS}}}text/{{{TEI_NS}}}body")
    summary["fingerprint"] = stages.fingerprint(stages.reading_text(body)) if body is not None else ()
    problems = stages.validate(xml, doc.ident) if validate else []
    return BuiltDocument(doc.ident, xml, summary), problems, counts


def map_documents(work, documents, jobs: int = 1) -> list:
    """``work`` over ``documents``, in their order, here or shared among ``jobs`` processes.

    The workers are forked after the source is processed, so they inherit its records
    rather than being sent them; each takes a fixed share (the longest documents dealt
    out first, so the shares weigh alike) and sends back only strings and counts. The
    result is the same list for any ``jobs``."""
    documents = list(documents)
    if jobs <= 1 or len(documents) < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return [work(doc) for doc in documents]
    shares = deal_out(documents, jobs)
    context = multiprocessing.get_context("fork")
    workers = []
    for share in shares[1:]:  # this process takes the first share itself
        receive, send = context.Pipe(duplex=False)
        process = context.Process(target=send_share, args=(work, documents, share, send), daemon=True)
        process.start()
        send.close()
        workers.append((process, receive))
    results = dict(zip(shares[0], (work(documents[k]) for k in shares[0])))
    for process, receive in workers:
        status, value = receive.recv()
        process.join()
        if status == "error":
            raise value
        results.update(value)
    return [results[k] for k in range(len(documents))]


def deal_out(documents, jobs: int) -> list[list[int]]:
    """Documents' indices in ``jobs`` shares of about equal length (longest first, each to
    the lightest share so far); the same shares for the same documents.

    >>> from types import SimpleNamespace as D
    >>> deal_out([D(start=0, end=10), D(start=10, end=12), D(start=12, end=20)], 2)
    [[0], [1, 2]]
    """
    shares, weights = [[] for _ in range(jobs)], [0] * jobs
    for k in sorted(range(len(documents)), key=lambda k: (-(documents[k].end - documents[k].start), k)):
        lightest = weights.index(min(weights))
        shares[lightest].append(k)
        weights[lightest] += documents[k].end - documents[k].start
    return [sorted(share) for share in shares if share]


def send_share(work, documents, share, send) -> None:
    """A worker's part: its documents' outputs by index, or the error that stopped it."""
    try:
        send.send(("done", {k: work(documents[k]) for k in share}))
    except Exception as err:  # the parent raises it, and build_file reports it as for one process
        try:
            send.send(("error", err))
        except Exception:  # an error that cannot be pickled travels as its message
            send.send(("error", RuntimeError(f"{type(err).__name__}: {err}")))
    finally:
        send.close()


def finish(result: FileBuild, started: float) -> FileBuild:
    result.seconds = time.perf_counter() - started
    return result


def serialise(element) -> str:
    """Deterministic XML: the same element always gives the same characters."""
    body = etree.tostring(element, pretty_print=True, encoding="unicode")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + SCHEMA_MODELS + body


def validation_problems(xml: str, ident: str) -> list[str]:
    """Edition grammar and Schematron errors (warnings are the report's business)."""
    from pipeline.validate import check_tree
    try:
        tree = etree.ElementTree(etree.fromstring(xml.encode("utf-8")))
    except etree.XMLSyntaxError as err:
        return [f"tei/{ident}.xml:{err.lineno}: not well-formed XML: {err.msg} (a fault of the pipeline; please report it)"]
    return [f"tei/{ident}.xml:{line}: {message}" for line, message in check_tree(tree)
            if "[warning " not in message]


def summarise(doc: Document) -> dict:
    """What the corpus file and the site's index say of a document."""
    meta = doc.meta
    pages = [int(p.n) for p in doc.pages if p.n and doc.start <= p.start < doc.end]
    return {"id": doc.ident, "title": meta.title, "date": date_string(meta.date), "kind": meta.doc_type,
            "part": doc.part, "pages": f"{pages[0]}-{pages[-1]}" if pages else "", "flags": len(doc.flags),
            "source": doc.source.name, "start": doc.start, "end": doc.end}


# ------------------------------------------------------------------ the file's report


def file_report(processed: Processed) -> dict:
    """Changes by rule, structure figures, open flags with a ready decision each, and the
    status of every editorial decision."""
    source, documents = processed.source, processed.documents
    rules: dict[str, int] = {}
    for change in processed.changes:
        rules[change.rule] = rules.get(change.rule, 0) + 1
    structure: dict[str, int] = {}
    for doc in documents:
        structure.update(doc.stats)
    anchor_text, page_at = processed.context.anchor_text, page_finder(documents)
    flags = [flag_entry(source, doc, flag, anchor_text, processed.changes, page_at, processed.context)
             for doc in documents for flag in doc.flags]
    return {"kind": source.kind, "documents": [d.ident for d in documents], "changes": dict(sorted(rules.items())),
            "structure": structure, "flags": flags,
            "decisions": [{"origin": o.decision.origin, "key": o.decision.key, "kind": o.decision.kind,
                           "status": o.status, "detail": o.detail, "document": o.document,
                           **({"flag": o.decision.get("flag"), "exact": o.decision.quote.exact}
                              if o.decision.kind == "check" else {})}
                          for o in processed.outcomes],
            "redirects": [list(pair) for pair in processed.redirects],
            "decode_notes": list(source.decode_notes),
            "evidence": document_evidence(documents)}


def document_evidence(documents) -> list[dict]:
    """Each printed document's evidence and certainty, so that a reader of the report sees how
    sure each document's making is (a source that is one document by its kind has none)."""
    return [{"document": doc.ident, "evidence": list(doc.evidence), "certainty": doc.certainty}
            for doc in documents if doc.evidence]
