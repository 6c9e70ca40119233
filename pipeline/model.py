"""The data that flows between the stages.

Every object is immutable and carries raw offsets: ``start``/``end`` index the
decoded text of its ``Source`` (``Source.text``), so any piece of the edition can
be traced back to the characters it came from, and any character of the raw file
can be traced forward to a block, a note, a correction or a removal.

    ingest  -> Source
    repair  -> tuple[Change]           (corrections, removals, hyphen decisions)
    segment -> tuple[Document]         (blocks, notes, calls, page breaks, metadata)
    encode  -> lxml element per Document
"""

from __future__ import annotations

from dataclasses import dataclass

#: kinds of source that ``ingest`` recognises by content
KINDS = ("mia", "dsfp", "ia-ocr", "unknown")


@dataclass(frozen=True)
class Source:
    """One raw file, decoded. All offsets in the pipeline index ``text``."""

    path: str
    name: str
    text: str
    kind: str
    sha256: str
    encoding: str
    decode_notes: tuple[str, ...] = ()

    @property
    def stem(self) -> str:
        return self.name.rsplit(".", 1)[0]


@dataclass(frozen=True)
class Change:
    """One recorded repair, like a step of ftfy's ``fix_and_explain``.

    ``kind`` is ``correction`` (a reading replaced: TEI ``choice/sic/corr``),
    ``removal`` (furniture dropped: TEI ``standOff``), ``hyphen`` (a line-end
    hyphen decision: TEI ``lb/@break``) or ``flag`` (left as it is, for a human to
    check: the build report). ``before`` is exactly ``text[start:end]``.
    """

    rule: str
    start: int
    end: int
    before: str
    after: str
    confidence: float
    kind: str = "correction"
    decision: str = ""  # for hyphens: "no" (join), "keep" (hard hyphen), "maybe"
    #: who stands behind the change: the pipeline, or an editor's decision ("editor:KEY"), or both
    resp: tuple[str, ...] = ("pipeline",)
    revision: str = ""  # the key of the editorial decision that settled it (TEI revisionDesc/change)

    @property
    def cert(self) -> str:
        """TEI @cert value for the confidence of this change (``CERTAINTY_BANDS``)."""
        return next(band for floor, band in CERTAINTY_BANDS if self.confidence >= floor)


#: confidence -> TEI @cert, highest band first. "high" is where review mode's default queue
#: stops showing a change (a confident line-end hyphen): on the book 2,038 hyphens of 2,304 items
#: stand at 0.9 or above, and the OCR bench's correction precision there is 1.00 on dev; below
#: 0.6 a correction is a guess an editor should see first (the queue sorts lowest first)
CERTAINTY_BANDS = ((0.9, "high"), (0.6, "medium"), (0.0, "low"))


@dataclass(frozen=True)
class Flag:
    """Something the pipeline could not decide, left for a human: anchored at raw offsets.

    ``kind`` names what is doubtful (``ocr-unclear``, ``note-unlinked``, ``page-conflict``,
    ``title-supplied``, …); each kind has decision kinds that settle it
    (``pipeline.editorial.decisions.SETTLES``). ``key`` says what it is about (a note number).
    """

    kind: str
    start: int
    end: int
    message: str
    key: str = ""


@dataclass(frozen=True)
class Revision:
    """An editor's decision applied to a document (TEI ``revisionDesc/listChange/change``)."""

    key: str      # the decision's key, unique in its editorial file ("t12")
    who: str      # the editor's key ("sfp")
    when: str     # ISO date of the decision
    kind: str     # the decision kind (title, reject, …)
    text: str     # what was decided, in words
    origin: str = ""  # "editorial/FILE.toml:LINE"
    who_name: str = ""  # the editor's name, for the respStmt


@dataclass(frozen=True)
class NoteCall:
    """A note-call marker in running text (``[2]`` on a web page, a bare number in OCR)."""

    start: int
    end: int
    n: str
    key: str = ""  # the note's id suffix when it is not "n" + n (footnotes marked "*")
    revision: str = ""  # set when an editor linked it
    lost: bool = False  # the call's mark is lost in the source: an empty point (start == end)

    @property
    def note_key(self) -> str:
        return note_key(self.n, self.key)


def note_key(n: str, key: str) -> str:
    """The id suffix that ties a call to its note: ``n5`` for note 5, or an explicit key."""
    return key or f"n{n}"


@dataclass(frozen=True)
class PageBreak:
    """The start of a printed page; ``n`` is its inferred number, if known."""

    start: int
    n: str = ""
    inferred: bool = True


@dataclass(frozen=True)
class Block:
    """A paragraph-level unit of text: ``kind`` names its TEI element.

    ``part`` says where it goes in a letter (``opener``, ``body``, ``closer``,
    ``postscript``) or in the front matter (``front``). ``lined`` keeps the
    source's line breaks as ``<lb/>`` (printed pages); otherwise they are spaces.
    """

    kind: str
    start: int
    end: int
    part: str = "body"
    lined: bool = False
    holes: tuple[tuple[int, int], ...] = ()  # spans encoded elsewhere (a footnote inside a paragraph)


@dataclass(frozen=True)
class Note:
    """An editorial note: its number, kind, author and paragraphs."""

    n: str
    start: int
    end: int
    label_end: int
    blocks: tuple[Block, ...]
    type: str = "endnote"
    resp: str = ""  # "editors" when the note is signed "—Ed."
    page_ref: str = ""  # "p. N" of a book's endnote
    key: str = ""  # id suffix when it is not "n" + n (footnotes marked "*")
    text: str = ""  # an editor's note: its words (it has no raw text); ``start == end`` is its place
    who: str = ""   # the editor's key, for an editor's note
    revision: str = ""

    @property
    def note_key(self) -> str:
        return note_key(self.n, self.key)


@dataclass(frozen=True)
class DateValue:
    """A document date as ISO values (Gregorian), with the source's own words."""

    text: str
    when: str = ""
    not_before: str = ""
    not_after: str = ""
    when_julian: str = ""  # Old Style date, when the source gives both

    def is_empty(self) -> bool:
        return not (self.when or self.not_before or self.not_after)


@dataclass(frozen=True)
class Bibl:
    """A bibliographic reference with what could be parsed out of it."""

    text: str
    title: str = ""
    edition: str = ""
    publisher: str = ""
    pub_place: str = ""
    date: str = ""
    volume: str = ""
    pages: str = ""


@dataclass(frozen=True)
class Publication:
    """One event a printed source block records: where and when the text was published
    (``published``, ``first-published``), the edition the translation follows
    (``collected-works``), the text it follows or was checked against (``copy-text``,
    ``verified``); or when it was written (``written``, ``dated``: not publications, they
    date the document itself)."""

    kind: str
    text: str               # the block's words for this event, as repaired
    qualifier: str = ""     # "in full", "in Russian", "abridged", "for the first time"
    title: str = ""         # a periodical, a book, a series, an edition
    level: str = ""         # TEI title/@level: j (periodical), m (book), s (series)
    issue: str = ""
    date: DateValue | None = None
    pub_place: str = ""
    volume: str = ""
    pages: str = ""


@dataclass(frozen=True)
class Meta:
    """What the teiHeader says about one document."""

    title: str
    author: str = ""
    date: DateValue | None = None
    doc_type: str = "document"  # letter, telegram, note, speech, ...
    source: Bibl | None = None
    other_sources: tuple[Bibl, ...] = ()  # more references the page gives (DSFP pages give two or three)
    first_published: str = ""
    #: the events of a printed source block, each its own bibl (the book's documents)
    publications: tuple[Publication, ...] = ()
    translator: str = ""
    transcriber: str = ""
    licence: str = ""
    sender: str = ""
    addressee: str = ""
    place: str = ""
    title_supplied: bool = False
    container: Bibl | None = None  # the printed book a document is part of
    fields: tuple[tuple[str, str], ...] = ()  # the page's own header lines, label -> value
    #: fields an editor decided: (field name, revision key, editor key, citation of the evidence)
    decided: tuple[tuple[str, str, str, str], ...] = ()

    def decided_by(self, name: str) -> tuple[str, str, str] | None:
        """(revision key, editor key, evidence) of the editor's decision on field ``name``."""
        return next(((rev, who, evidence) for field_name, rev, who, evidence in self.decided
                     if field_name == name), None)


@dataclass(frozen=True)
class Document:
    """One document of the edition, as segmented from a source."""

    source: Source
    start: int
    end: int
    meta: Meta
    front: tuple[Block, ...] = ()
    body: tuple[Block, ...] = ()
    notes: tuple[Note, ...] = ()
    calls: tuple[NoteCall, ...] = ()
    changes: tuple[Change, ...] = ()
    pages: tuple[PageBreak, ...] = ()
    flags: tuple[Flag, ...] = ()
    revisions: tuple[Revision, ...] = ()
    part: str = "document"  # "front" for a book's front matter
    ident: str = ""  # the document's id (``pipeline.encode.ids``), set once it is segmented
    first_page: str = ""  # the printed pages it occupies (a printed book's documents)
    last_page: str = ""
    heads: tuple[Block, ...] = ()  # headings that stand before the body (a printed document's title)
    stats: tuple[tuple[str, int], ...] = ()  # figures for the build report
    #: what made a printed document (heading, date line, source line, contents entry, source block)
    #: and how sure that evidence is (None: a source that is one document by its kind)
    evidence: tuple[str, ...] = ()
    certainty: float | None = None
    #: names in the text and the correspondents, tagged from the register (``pipeline.annotate.NameTag``)
    names: tuple = ()
