"""Review mode's ``name`` action: tag an untagged mention with a register entry, or take a
tag away, through the one writer, applied by the next build (``pipeline.annotate.decided``).

A Marxists Internet Archive page from raw/ is reviewed in a temporary folder with the
editors' register: the action writes one ``name`` decision that the strict loader takes,
with ``expect`` the annotator's tag at the words, and the rebuilt TEI carries it.
"""

from __future__ import annotations

import datetime
import shutil
from pathlib import Path

import pytest
from lxml import etree

from conftest import EDITORIAL, NS, RAW, TEST_CACHE, editorial_folder
from pipeline.editorial.decisions import load_decisions
from pipeline.editorial.register import REGISTER_FILE
from pipeline.review.page import View, review_page
from pipeline.review.workspace import Workspace
from pipeline.review.writer import decision_file

TODAY = datetime.date(2026, 11, 23)
PAGE = "000_732260b8a4c4c72c.txt"  # Lenin's note to Chicherin: persons, bodies and a state named
REF = "register.xml#register-"


@pytest.fixture(scope="module")
def raw_dir(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("review-names-raw")
    shutil.copy(RAW / PAGE, folder / PAGE)
    return folder


@pytest.fixture
def workspace(tmp_path, raw_dir) -> Workspace:
    opened = Workspace(raw_dir, editorial_folder(tmp_path, EDITORIAL / REGISTER_FILE), tmp_path / "work", TEST_CACHE,
                       today=TODAY)
    opened.open()
    return opened


def the_document(workspace: Workspace):
    [entry] = workspace.documents.values()
    return entry.target


def names(workspace: Workspace, ident: str, key: str) -> list[etree._Element]:
    root = etree.parse(str(workspace.tei_dir / f"{ident}.xml")).getroot()
    return root.find("tei:text", NS).xpath(f".//*[@ref='{REF}{key}']")


def decisions_of(workspace: Workspace):
    path = decision_file(workspace.editorial_dir, PAGE)
    if not path.exists():
        return ()
    return load_decisions(path.read_text(encoding="utf-8"), str(path), workspace.editors)


def test_name_tags_an_untagged_mention(workspace):
    target = the_document(workspace)
    assert not [el for el in names(workspace, target.document, "russia") if el.text == "Soviet state"]
    done = workspace.decide(target.ident, "name", {"words": "Soviet state", "ref": "russia"})
    assert done.status == "applied", done.message
    [decision] = decisions_of(workspace)
    assert decision.kind == "name" and decision.get("ref") == "russia" and decision.expect == "none"
    assert decision.quote.exact == "Soviet state"
    tagged = [el for el in names(workspace, target.document, "russia") if "".join(el.itertext()) == "Soviet state"]
    assert len(tagged) == 1
    assert etree.QName(tagged[0]).localname == "placeName" and tagged[0].get("resp")


def test_name_none_takes_a_tag_away(workspace):
    target = the_document(workspace)
    before = len(names(workspace, target.document, "politburo"))
    done = workspace.decide(target.ident, "name", {"words": "the Politbureau accompanying", "ref": "none"})
    assert done.status == "applied", done.message
    [decision] = decisions_of(workspace)
    assert decision.get("ref") == "none" and decision.expect == "politburo"
    assert len(names(workspace, target.document, "politburo")) == before - 1


@pytest.mark.parametrize("form, says", [
    ({"words": "Soviet state", "ref": "nobody"}, "the register has no entry “nobody”"),
    ({"words": "Trotsky", "ref": "trotsky"}, "already gives these words “trotsky”"),
    ({"words": "Ulyanov-Smith", "ref": "lenin"}, "is not in the document's source text"),
    ({"words": "Politbureau", "ref": "none"}, "stands 4 times in the document"),
    ({"words": "", "ref": "lenin"}, "needs the mention's words"),
    ({"words": "Soviet state", "ref": ""}, "needs the register key"),
])
def test_a_bad_name_decision_writes_nothing(workspace, form, says):
    done = workspace.decide(the_document(workspace).ident, "name", form)
    assert done.status == "refused" and says in done.message, done.message
    assert not decision_file(workspace.editorial_dir, PAGE).exists()


def test_the_review_page_offers_the_name_form(workspace):
    target = the_document(workspace)
    view = View(queue=workspace.queue, counts={}, item=target,
                document=workspace.files[PAGE].document(target.document), token="t")
    page = etree.HTML(review_page(view))
    form = page.find(".//form[@id='form-name']")
    assert form is not None
    assert {el.get("name") for el in form.iter("input")} >= {"words", "ref", "action", "token", "item"}
