"""Stage: names in the text tagged from the register (persons, places, organisations).

``run_annotate`` reads each document's blocks (text, headings, notes, letter parts) in their
repaired reading, finds the register's names there (``names.py``) and records each tag as a
``NameTag``: its rule, raw offsets, the register entry and a certainty, like the repairs'
``Change`` records. The encoder writes them as ``persName``/``placeName``/``orgName`` with
``@ref`` to the entry in the edition's register file. The correspondents a document's header
names (sender, addressee, place) are matched to the same entries.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from pipeline.annotate.names import CONFIDENCE, NameFinder, rule_for, running_head, tags_rule
from pipeline.annotate.reading import read_span

#: the file of the edition that holds the register, beside the documents
REGISTER_XML = "register.xml"
#: the register file's id; its entries' ids carry it as their prefix, as every id of the edition does
REGISTER_ID = "register"
#: TEI element of each type of entry
ELEMENTS = {"person": "persName", "place": "placeName", "org": "orgName"}
#: header fields matched to the register, and the type each must be
CORRESPONDENT_FIELDS = (("sender", None), ("addressee", None), ("place", "place"))


@dataclass(frozen=True)
class NameTag:
    """A name in the text (``role`` "mention", at raw offsets) or a correspondent of the
    header (``role`` "sender", "addressee", "place"; no offsets), tagged with a register entry."""

    rule: str
    start: int
    end: int
    key: str
    type: str
    confidence: float
    role: str = "mention"
    who: str = ""       # the editor whose ``name`` decision set it ("" for the annotator's own)
    revision: str = ""  # that decision's key

    @property
    def cert(self) -> str:
        """TEI @cert value, as for the repairs' changes."""
        return "high" if self.confidence >= 0.9 else "medium" if self.confidence >= 0.6 else "low"

    @property
    def element(self) -> str:
        return ELEMENTS[self.type]

    @property
    def ref(self) -> str:
        """The pointer to the entry in the register file."""
        return register_ref(self.key)


def register_ref(key: str) -> str:
    """``register.xml#register-lenin``: the documents and the register file lie in one folder."""
    return f"{REGISTER_XML}#{REGISTER_ID}-{key}"


def run_annotate(documents, register) -> tuple:
    """Each document with its names (``Document.names``); without a register, unchanged."""
    if register is None or not register.entries:
        return tuple(documents)
    finder = NameFinder(register)
    return tuple(replace(doc, names=correspondents(doc, register) + mentions(doc, finder)) for doc in documents)


def document_blocks(doc):
    """Every block whose text the encoder writes, once each, with the kind that rules read."""
    seen, blocks = set(), []
    for block in (*doc.front, *doc.heads, *doc.body, *(b for note in doc.notes for b in note.blocks)):
        if (block.start, block.end) not in seen:
            seen.add((block.start, block.end))
            blocks.append(block)
    return blocks


def block_spans(block):
    """The spans of a block that its element holds (without its holes)."""
    pos = block.start
    for hole_start, hole_end in block.holes:
        yield pos, hole_start
        pos = hole_end
    yield pos, block.end


def mentions(doc, finder: NameFinder) -> tuple[NameTag, ...]:
    """The names in a document's text, in raw order, each once."""
    raw, tags, taken = doc.source.text, [], set()
    others = [(c.start, c.end) for c in doc.changes if c.end > c.start] + [(c.start, c.end) for c in doc.calls]
    for block in document_blocks(doc):
        kind = block.part if block.part in ("closer",) else block.kind
        for start, end in block_spans(block):
            reading = read_span(raw, start, end, doc.changes)
            for found in finder.find(reading.text):
                rule = rule_for(found, reading.text, kind)
                if not tags_rule(rule):
                    continue
                raw_start, raw_end = reading.raw_span(found.start, found.end)
                if running_head(raw, raw_start, raw_end):
                    continue
                if (raw_start, raw_end) in taken or splits_a_record(raw_start, raw_end, others):
                    continue
                taken.add((raw_start, raw_end))
                tags.append(NameTag(rule, raw_start, raw_end, found.key, found.type, CONFIDENCE[rule]))
    return tuple(sorted(tags, key=lambda t: (t.start, t.end)))


def splits_a_record(start: int, end: int, others) -> bool:
    """A name that would half-contain another record (a correction reaching beyond it)."""
    return any(o_start < end and o_end > start and not (start <= o_start and o_end <= end)
               for o_start, o_end in others)


def correspondents(doc, register) -> tuple[NameTag, ...]:
    """The header's sender, addressee and place, where the register knows them."""
    tags = []
    for field, kind in CORRESPONDENT_FIELDS:
        value = getattr(doc.meta, field, "")
        entry = register.match(value, type=kind) if value else None
        if entry is not None:
            tags.append(NameTag("register-correspondent", 0, 0, entry.key, entry.type, 0.9, role=field))
    return tuple(tags)


def correspondent_ref(doc, role: str) -> str | None:
    """The register pointer of a document's sender, addressee or place, if it has one."""
    return next((tag.ref for tag in doc.names if tag.role == role), None)
