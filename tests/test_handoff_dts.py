"""Every document's passages can be cited and navigated: an independent DTS
implementation (SCDH/dts-transformations, XSLT 3 on Saxon) reads each document's
``refsDecl``/``citeStructure`` and finds its paragraphs, notes and printed pages."""

from __future__ import annotations

from lxml import etree

from conftest import NS


def test_every_document_is_walked_to_its_paragraphs_notes_and_pages(built_seeds, navigate):
    tei_dir, report = built_seeds
    documents = sorted(p for p in tei_dir.glob("s*.xml"))
    assert len(documents) == sum(len(f.documents) for f in report.files) > 60
    found = {"paragraph": 0, "note": 0, "page": 0}
    for path in documents:
        root = etree.parse(str(path)).getroot()
        paragraphs = root.xpath("tei:text/tei:body//tei:p/@n", namespaces=NS)
        notes = root.xpath("tei:text/tei:back//tei:note/@xml:id", namespaces=NS)
        pages = root.xpath("tei:text/tei:body//tei:pb/@n", namespaces=NS)
        passages = navigate(path)
        assert [m["identifier"] for m in passages if m["citeType"] == "paragraph"] == paragraphs, path.name
        assert [m["identifier"] for m in passages if m["citeType"] == "note"] == \
            [ident.removeprefix(root.get("{http://www.w3.org/XML/1998/namespace}id") + "-") for ident in notes]
        assert [m["identifier"] for m in navigate(path, "pages")] == pages, path.name
        found["paragraph"] += len(paragraphs)
        found["note"] += len(notes)
        found["page"] += len(pages)
    assert found["paragraph"] > 500 and found["note"] > 100 and found["page"] > 200, found


def test_paragraphs_are_numbered_in_reading_order(built_seeds):
    tei_dir, _ = built_seeds
    for path in tei_dir.glob("s*.xml"):
        numbers = etree.parse(str(path)).xpath("/tei:TEI/tei:text/tei:body//tei:p/@n", namespaces=NS)
        assert numbers == [str(n) for n in range(1, len(numbers) + 1)], path.name
