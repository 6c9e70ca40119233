"""Names in the text and the register: how many mentions of the seeds' frequent names the
edition tags with their register entry, and how many entries carry a checked authority id.

The gold (``bench/gold/names/dev.tsv``, ``heldout.tsv``) lists candidate mentions found by a
pattern of the frequent names that is independent of the register (every occurrence in the page
copies of ``raw/``, every 30th in the book; every occurrence in the held-out pages of
``bench/heldout/web/``), each checked by hand: the register entry it names, or ``-`` where it
names none ("Russian", "Georgian", "Lenin Internet Archive", a Central Committee of another
party). A mention the build moves out of the text (a header field, site chrome, a running head
it removes) is not counted: it is not in the edition's text.

    .venv/bin/python bench/names.py
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from lxml import etree

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.build import RawFile, process_source, read_editorial  # noqa: E402
from pipeline.edition import read_edition  # noqa: E402
from pipeline.editorial.register import REGISTER_FILE, load_register  # noqa: E402
from pipeline.ingest import source_from_bytes  # noqa: E402
from pipeline.publish import write_cmif  # noqa: E402

GOLD = ROOT / "bench" / "gold" / "names"
SETS = {"dev": (GOLD / "dev.tsv", ROOT / "raw"), "held-out": (GOLD / "heldout.tsv", ROOT / "bench" / "heldout" / "web")}
#: the frequent names of the seeds the issue names: the entries whose identification matters most
FREQUENT = ("lenin", "chicherin", "trotsky", "litvinov", "krasin", "joffe", "karakhan", "wilson", "lloyd-george",
            "curzon", "robins", "kolchak", "denikin", "pilsudski", "gorky", "kamenev", "stalin", "zinoviev",
            "russia", "moscow", "petrograd", "brest-litovsk", "genoa", "rapallo", "london", "paris", "washington",
            "berlin", "warsaw", "poland", "finland", "estonia", "latvia", "lithuania", "georgia", "persia", "turkey",
            "afghanistan", "germany", "britain", "france", "japan", "china", "usa", "baku", "batum", "sovnarkom",
            "narkomindel", "vtsik", "politburo", "central-committee", "entente", "league-of-nations", "red-army",
            "comintern")


def read_gold(path: Path) -> dict[str, list[tuple[int, str, str]]]:
    """file -> [(raw offset, surface, key or "-")]"""
    gold: dict[str, list] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        name, offset, surface, key = line.split("\t")
        gold.setdefault(name, []).append((int(offset), surface, key))
    return gold


def annotated(path: Path, register):
    """The source, its names and its removals, as the build makes them."""
    editorial = ROOT / "editorial"
    decisions = editorial / f"{path.stem}.toml"
    raw = RawFile(name=path.name, data=path.read_bytes(), path=str(path),
                  decisions=decisions.read_text(encoding="utf-8") if decisions.exists() else None,
                  decisions_path=f"editorial/{decisions.name}",
                  editors=(editorial / "editors.toml").read_text(encoding="utf-8"), editors_path="editorial/editors.toml")
    source = source_from_bytes(str(path), raw.data)
    processed = process_source(source, read_editorial(raw), register=register)
    documents = processed.documents  # names tagged and the editors' name decisions settled
    tags = [t for doc in documents for t in doc.names if t.role == "mention"]
    removed = [(c.start, c.end) for doc in documents for c in doc.changes if c.kind == "removal"]
    spans = [(d.start, d.end) for d in documents]
    return source, tags, removed, spans


def score(gold_path: Path, folder: Path, register) -> dict:
    figures = {"mentions": 0, "tagged right": 0, "tagged wrong entry": 0, "missed": 0, "non-mentions": 0,
               "non-mentions tagged": 0, "out of the text": 0, "misplaced gold": 0, "missed examples": []}
    for name, items in sorted(read_gold(gold_path).items()):
        source, tags, removed, spans = annotated(folder / name, register)
        for offset, surface, key in items:
            if source.text[offset:offset + len(surface)] != surface:
                figures["misplaced gold"] += 1
                continue
            if any(s <= offset < e for s, e in removed) or not any(s <= offset < e for s, e in spans):
                figures["out of the text"] += 1
                continue
            tag = next((t for t in tags if t.start <= offset < t.end), None)
            if key == "-":  # wrongly tagged if a name begins there ("Russia" of "All-Russia C.E.C." may be in one)
                figures["non-mentions"] += 1
                figures["non-mentions tagged"] += tag is not None and tag.start == offset
                continue
            figures["mentions"] += 1
            if tag is None:
                figures["missed"] += 1
                figures["missed examples"].append(f"{name}:{offset} {source.text[max(0, offset - 25):offset + 25]!r}")
            elif tag.key == key:
                figures["tagged right"] += 1
            else:
                figures["tagged wrong entry"] += 1
    return figures


#: the authorities correspSearch finds a person or a body by (its API searches by URI only)
CORRESPSEARCH_PREFIXES = ("https://d-nb.info/gnd/", "https://viaf.org/viaf/", "http://id.loc.gov/",
                          "https://id.loc.gov/", "https://data.bnf.fr/", "https://id.ndl.go.jp/")
TEI = "{http://www.tei-c.org/ns/1.0}"


def cmif_correspondents(tei_dir: Path, register) -> tuple[dict[str, str], int, int]:
    """The CMIF the site writes for ``tei_dir``: each named correspondent (not "Unknown") with
    the URI it carries (or ""), and of the letters' correspondents how many are named and how
    many of those carry a URI correspSearch searches by."""
    with tempfile.TemporaryDirectory() as folder:
        path = write_cmif(tei_dir, Path(folder) / "cmif.xml", read_edition(ROOT / "editorial"), register)
        root = etree.parse(str(path)).getroot()
    named = [el for el in root.iter(f"{TEI}persName", f"{TEI}orgName")
             if el.getparent().tag == f"{TEI}correspAction" and (el.text or "").strip() not in ("", "Unknown")]
    found = {el.text.strip(): el.get("ref", "") for el in named}
    searchable = sum(1 for el in named if el.get("ref", "").startswith(CORRESPSEARCH_PREFIXES))
    return found, len(named), searchable


def main() -> None:
    register = load_register((ROOT / "editorial" / REGISTER_FILE).read_text(encoding="utf-8"), "editorial/register.toml")
    results = {label: score(gold, folder, register) for label, (gold, folder) in SETS.items()}
    rows = ["mentions", "tagged right", "tagged wrong entry", "missed", "non-mentions", "non-mentions tagged",
            "out of the text", "misplaced gold"]
    print(f"{'figure':<44}{'dev':>12}{'held-out':>12}")
    for row in rows:
        print(f"{row:<44}{results['dev'][row]:>12}{results['held-out'][row]:>12}")
    share = {k: v["tagged right"] / v["mentions"] if v["mentions"] else 0.0 for k, v in results.items()}
    print(f"{'share of mentions tagged right (aim >= 0.90)':<44}{share['dev']:>12.3f}{share['held-out']:>12.3f}")
    entries = register.entries
    identified = [e for e in entries if e.authorities]
    frequent = [e for e in entries if e.key in FREQUENT]
    print(f"\nregister: {len(entries)} entries ({sum(e.type == 'person' for e in entries)} persons, "
          f"{sum(e.type == 'place' for e in entries)} places, {sum(e.type == 'org' for e in entries)} organisations)")
    print(f"entries with a checked authority id: {len(identified)}/{len(entries)} = {len(identified) / len(entries):.2f}"
          f" (aim >= 0.90); of the frequent names' entries {sum(bool(e.authorities) for e in frequent)}/{len(frequent)}")
    for kind in ("person", "place", "org"):
        of_kind = [e for e in entries if e.type == kind]
        print(f"  {kind}: {sum(bool(e.authorities) for e in of_kind)}/{len(of_kind)}")
    print("ids without a record of where they were checked: 0 (the loader refuses them)")
    if (ROOT / "tei" / "manifest.json").exists():
        found, named, searchable = cmif_correspondents(ROOT / "tei", register)
        distinct = sum(1 for uri in found.values() if uri.startswith(CORRESPSEARCH_PREFIXES))
        print(f"CMIF correspondents with a URI correspSearch searches by (aim >= 0.90): {distinct}/{len(found)} "
              f"distinct = {distinct / len(found):.2f}; {searchable}/{named} of the letters' named correspondents"
              f" = {searchable / named:.2f}")
        print("  without one: " + ", ".join(sorted(name for name, uri in found.items()
                                                   if not uri.startswith(CORRESPSEARCH_PREFIXES))))
    print("entries with no id (nobody could check one): " + ", ".join(e.key for e in register.unchecked()))
    for label, figures in results.items():
        for example in figures["missed examples"][:8]:
            print(f"missed ({label}): {example}")


if __name__ == "__main__":
    main()
