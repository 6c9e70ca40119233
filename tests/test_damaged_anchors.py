"""Anchors the book's structure rests on, read through OCR damage generated from the
confusion kinds an OCR makes (Hypothesis), never from the seed's own misreadings.

A source block is found by its Collected Works reference and its "Published according
to" line; the terms of the reference are read back from their place. Damage here is what
OCR does to printed letters: one letter read as a look-alike (o/c/0/e, l/1/!/I/i, r/t,
k/lc/fc/A, s/5/S, u/v), letters run together or broken apart, a mark inside a word.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.lines import split_lines
from pipeline.model import Source
from pipeline.repair.citations import fix_citation_terms, term_distance
from pipeline.segment.sources import find_source_blocks

#: letter -> what an OCR reads for it (single look-alikes and splits)
LOOKALIKES = {
    "o": ["c", "0", "e", "a"], "l": ["1", "!", "I", "i", "|"], "r": ["t", "n"], "k": ["lc", "fc", "A", "/c", "h"],
    "s": ["5", "S"], "u": ["v", "n"], "v": ["u", "y"], "e": ["c", "o"], "i": ["l", "1", "!"], "a": ["o", "e"],
    "d": ["cl", "ol"], "t": ["l", "f"], "c": ["e", "o"], "n": ["u", "ri"], "W": ["VV", "\\V"], "P": ["F", "R"],
    "h": ["b", "li"], "b": ["h", "6"], "p": ["n", "o"], "z": ["s", "2"],
}


@st.composite
def damaged(draw, word: str, most: int = 1):
    """``word`` with up to ``most`` of its letters misread (never the first, which the
    reading of a reference keys on, nor the abbreviation's dot)."""
    letters = list(word)
    places = [i for i, ch in enumerate(letters) if i > 0 and ch in LOOKALIKES]
    chosen = draw(st.lists(st.sampled_from(places), min_size=1, max_size=most, unique=True)) if places else []
    for i in chosen:
        letters[i] = draw(st.sampled_from(LOOKALIKES[letters[i]]))
    return "".join(letters)


def ocr(text: str) -> Source:
    return Source("book", "book.txt", text, "ia-ocr", "", "")


def read_back(text: str) -> str:
    for change in sorted(fix_citation_terms(ocr(text)), key=lambda c: -c.start):
        text = text[:change.start] + change.after + text[change.end:]
    return text


PAGES = st.integers(min_value=1, max_value=700)
VOLUMES = st.integers(min_value=1, max_value=45)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(works=damaged("Works", most=2), volume=VOLUMES, first=PAGES, length=st.integers(1, 30))
def test_a_damaged_collected_works_reference_is_read_back(works, volume, first, length):
    printed = f"Collected Works, Vol. {volume}, pp. {first}-{first + length}"
    line = printed.replace("Works", works)
    if term_distance(works.rstrip(","), "Works") is None:
        return  # damage past what any reader could undo: not this rule's case
    assert read_back(line) == printed


@settings(max_examples=150, deadline=None)
@given(vol=damaged("Vol.", most=1), volume=VOLUMES, page=PAGES)
def test_a_damaged_volume_abbreviation_is_read_back(vol, volume, page):
    printed = f"Collected Works, Vol. {volume}, p. {page}"
    assert read_back(printed.replace("Vol.", vol)) == printed


@settings(max_examples=150, deadline=None)
@given(paper=st.sampled_from(["Pravda", "Izvestia"]).flatmap(lambda w: damaged(w, most=2)),
       issue=st.integers(1, 400), day=st.integers(1, 28))
def test_a_damaged_newspaper_title_before_its_issue_is_read_back(paper, issue, day):
    truth = next(w for w in ("Pravda", "Izvestia") if w[0] == paper[0])
    line = f"{paper} No. {issue}, March {day}, 1919"
    if term_distance(paper, truth) is None:
        return
    assert read_back(line) == f"{truth} No. {issue}, March {day}, 1919"


BODY = ("the workers and peasants of all the belligerent countries will not fail to\n"
        "understand the tasks which now face them and will help us to bring\n"
        "to a successful conclusion the cause of peace.\n\n")


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(works=damaged("Works", most=2), vol=damaged("Vol.", most=1), volume=VOLUMES, first=PAGES,
       paper=damaged("Pravda", most=1), issue=st.integers(1, 400))
def test_a_source_block_is_found_through_its_damaged_reference(works, vol, volume, first, paper, issue):
    """The block that ends a document is found (so the document ends there) however its
    reference was misread, and it takes in the newspaper line above it."""
    block = f"{paper} No. {issue}, Collected {works}, {vol} {volume},\nMarch 3, 1919 pp. {first}-{first + 4}\n"
    text = BODY * 3 + block + "\nNEXT DOCUMENT HEADING\n"
    lines = split_lines(text)
    blocks = find_source_blocks(lines, 0, len(lines))
    assert len(blocks) == 1
    found = " ".join(lines[i].stripped for i in range(blocks[0].first, blocks[0].last + 1))
    assert found.startswith(f"{paper} No. {issue}") and found.endswith(f"pp. {first}-{first + 4}")


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(published=damaged("Published", most=1), according=damaged("according", most=1), year=st.integers(1924, 1970))
def test_a_block_that_names_only_the_text_it_follows_is_found(published, according, year):
    """Documents first published late cite no Collected Works volume: "First published in
    1959 / Published according to the / text of the Miscellany"."""
    block = f"First published in {year}\n{published} {according} to the\ntext of the Miscellany\n"
    text = BODY * 3 + block + "\nNEXT DOCUMENT HEADING\n"
    lines = split_lines(text)
    blocks = find_source_blocks(lines, 0, len(lines))
    assert len(blocks) == 1
    assert lines[blocks[0].first].stripped == f"First published in {year}"
    assert lines[blocks[0].last].stripped == "text of the Miscellany"
