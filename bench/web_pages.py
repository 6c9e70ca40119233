"""Web-page copies: header fields right, and chrome or header lines left in the reading text,
on the dev fixtures (tests/fixtures/web, tests/fixtures/web_layouts) and on the held-out
page copies (bench/heldout/web, in layouts nobody tuned the pipeline on).

Each page has an ``.expected.json`` (format in tests/fixtures/web/README.md); the edition
is built into a scratch folder and read back from its TEI.

    .venv/bin/python bench/web_pages.py [--json]
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from edition_text import ROOT, build_edition  # noqa: E402

from pipeline.publish.textview import removed_text  # noqa: E402
from pipeline.teitext import reading_text  # noqa: E402

NS = {"tei": "http://www.tei-c.org/ns/1.0"}
SETS = {"dev": [ROOT / "tests" / "fixtures" / "web", ROOT / "tests" / "fixtures" / "web_layouts"],
        "held-out": [ROOT / "bench" / "heldout" / "web"],
        "held-out sites": [ROOT / "bench" / "heldout" / "web" / "sites"]}


def squash(text) -> str:
    return " ".join((text or "").split())


def field_checks(expected: dict, root) -> dict[str, bool]:
    """One verdict per field of the expected JSON that the page has."""
    def text(xpath):
        found = root.xpath(xpath, namespaces=NS)
        return squash(reading_text(found[0])) if found else None
    checks = {"title": text("//tei:titleStmt/tei:title") == squash(expected["title"])}
    if expected["author"]:
        checks["author"] = (text("//tei:titleStmt/tei:author") or "").lower() == squash(expected["author"]).lower()
    date = root.find(".//tei:profileDesc/tei:creation/tei:date", NS)
    got = {} if date is None else {"when": date.get("when"), "notBefore": date.get("notBefore"),
                                   "notAfter": date.get("notAfter"), "when_julian": date.get("when-custom")}
    checks["date"] = {k: got.get(k) for k in expected["date"]} == expected["date"]
    if expected["kind"] == "mia":
        for field, unit in (("source_volume", "volume"), ("source_pages", "page")):
            if expected[field]:
                checks[field] = text(f"//tei:bibl[@type='source']/tei:biblScope[@unit='{unit}']") == expected[field]
    if expected["source_refs"]:
        refs = [squash(n.text) for n in root.xpath("//tei:bibl[@type='source']/tei:note[@type='asPrinted']",
                                                    namespaces=NS)]
        checks["source_refs"] = refs == [squash(r) for r in expected["source_refs"]]
    for role in ("translator", "transcriber"):
        names = [squash(s.findtext("{http://www.tei-c.org/ns/1.0}name")) for s in
                 root.xpath(f"//tei:respStmt[contains(@xml:id, '-{role}')]", namespaces=NS)]
        checks[role] = (bool(names) and squash(expected[role]) in names[0]) if expected[role] else names == []
    if expected["licence_contains"]:
        # the edition's own licence stands first; the licence the source states follows it
        licences = [squash("".join(el.itertext())) for el in root.xpath("//tei:availability/tei:licence", namespaces=NS)]
        checks["licence"] = any(squash(expected["licence_contains"]) in licence for licence in licences)
    notes = root.xpath("//tei:back//tei:note", namespaces=NS)
    checks["notes"] = [n.get("n") for n in notes] == [n["n"] for n in expected["notes"]]
    if expected["addressee"]:
        received = text("//tei:correspAction[@type='received']/tei:persName") or ""
        checks["addressee"] = squash(expected["addressee"]).lower() in received.lower()
    if expected.get("sender"):
        checks["sender"] = (text("//tei:correspAction[@type='sent']/tei:persName") or "").lower() \
            == squash(expected["sender"]).lower()
    if expected.get("number"):
        checks["number"] = [squash(removed_text(n)) for n in root.xpath(
            "//tei:standOff//tei:span[@subtype='document-number']", namespaces=NS)] == [expected["number"]]
    reading = squash(reading_text(root.find(".//tei:text", NS)))
    checks["body"] = all(squash(phrase) in reading for phrase in expected["body_contains"])
    if any(value and not value.startswith("--") for value in expected["date"].values()):
        checks["year_kept"] = not any((got.get(k) or "").startswith("--") for k in ("when", "notBefore", "notAfter"))
    return checks


def leaks(expected: dict, root) -> list[str]:
    """Chrome, navigation or header phrases found in the reading text."""
    body = squash(reading_text(root.find(".//tei:text", NS)))
    return [phrase for phrase in expected["removed_contains"] + expected.get("text_lacks", []) if squash(phrase) in body]


def measure(folders: list[Path], scratch: Path) -> dict:
    pages = sorted(p for folder in folders for p in folder.glob("*.txt"))
    out = scratch / "tei"
    report = build_edition(pages, out, editorial=None)
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    fields, total, leaked, clean = {}, 0, [], 0
    from lxml import etree
    for page in pages:
        expected = json.loads(page.with_name(page.stem + ".expected.json").read_text(encoding="utf-8"))
        ids = manifest["raw"].get(page.name, {}).get("documents", [])
        if len(ids) != 1:
            leaked.append(f"{page.name}: {len(ids)} documents")
            continue
        root = etree.parse(str(out / f"{ids[0]}.xml")).getroot()
        checks = field_checks(expected, root)
        for field, ok in checks.items():
            right, seen = fields.get(field, (0, 0))
            fields[field] = (right + ok, seen + 1)
        found = leaks(expected, root)
        leaked += [f"{page.name}: {phrase!r}" for phrase in found]
        clean += not found and all(checks.values())
        total += 1
    return {"pages": total, "failed_builds": len(report.failed), "pages_all_fields_right_and_clean": clean,
            "fields_right": {k: f"{r}/{n}" for k, (r, n) in sorted(fields.items())},
            "field_accuracy": round(sum(r for r, _ in fields.values()) / max(1, sum(n for _, n in fields.values())), 3),
            "chrome_or_header_phrases_in_text": len(leaked), "leaks": leaked[:10]}


def main() -> None:
    results = {}
    with tempfile.TemporaryDirectory(prefix="bench-web-") as scratch:
        for name, folders in SETS.items():
            results[name] = measure(folders, Path(scratch) / name)
    if "--json" in sys.argv:
        print(json.dumps(results, indent=1, ensure_ascii=False))
        return
    for name, figures in results.items():
        print(f"== {name}")
        for key, value in figures.items():
            print(f"  {key:36} {value}")


if __name__ == "__main__":
    main()
