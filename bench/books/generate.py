"""Make the bench books: typeset, damage, OCR with tesseract, write IA-like text and truth.

    .venv/bin/python -m bench.books.generate [--set dev|heldout] [--only NAME] [--keep-images]

Why one list of books (``BOOKS``): the benchmark is only honest if the books are always the same,
so their texts, layouts, seeds and title pages are fixed here, and a rerun rebuilds the same
images (the OCR is cached by image hash in the git-ignored ``.work/``).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

from . import layout_bulletin, layout_degras, layout_excerpt, layout_seed
from .book import Book, BookSpec
from .corpus import HERE, Text, read_texts
from .degrade import degrade
from .iatext import assemble, mark_soft_hyphens, page_lines
from .ocr import read_pages
from .render import render_page
from .truth import build_truth

LAYOUTS = {"seed": layout_seed, "degras": layout_degras, "bulletin": layout_bulletin,
           "excerpt": layout_excerpt}
OUT = HERE / "out"
WORK = HERE / ".work"
FOOTNOTE_MAX = 700      # a footnote must fit on its page: longer notes only go in endnote books
EXCERPT = {"dev": ("mia_letter_chicherin_genoa", "mia_note_chicherin_trade_agreement", "mia_letter_chicherin_straits"),
           "heldout": ("lenin_letter_amanullah", "lenin_eyre_interview")}

BOOKS = [
    # name, set, layout, seed, title, editor, author, publisher, place, year, family, first page, count
    ("dev_seed", "dev", "seed", 11, "Soviet Peace Policy, 1917-1923", "A. N. Verkhovsky", "",
     "Meridian Press", "Leeds", 1958, "liberation", 1, 20),
    ("dev_degras", "dev", "degras", 12, "Soviet Documents on Foreign Relations, Vol. I", "Helen Marsh", "",
     "Oxford Lane Press", "London", 1951, "dejavu", 1, 18),
    ("dev_bulletin", "dev", "bulletin", 13, "Russian Press Review: Foreign Affairs", "the Russian Information Bureau", "",
     "Russian Information Bureau", "New York", 1923, "liberation", 33, 17),
    ("dev_excerpt", "dev", "excerpt", 14, "Collected Works, Volume 45", "", "V. I. Lenin",
     "Progress Publishers", "Moscow", 1970, "liberation", 146, 3),
    ("heldout_seed", "heldout", "seed", 101, "The Soviet State and the World: Documents 1917-1923",
     "M. R. Holloway", "", "Harbour Books", "Toronto", 1962, "dejavu", 1, 18),
    ("heldout_degras", "heldout", "degras", 102, "Soviet Treaties and Notes, 1917-1923", "J. E. Calder", "",
     "Clarendon Row", "Edinburgh", 1955, "liberation", 1, 16),
    ("heldout_bulletin", "heldout", "bulletin", 103, "Soviet Russia Official Bulletin", "the Soviet Bureau", "",
     "Soviet Bureau", "New York", 1922, "dejavu", 201, 16),
    ("heldout_excerpt", "heldout", "excerpt", 104, "Collected Works, Volume 29", "", "V. I. Lenin",
     "Progress Publishers", "Moscow", 1965, "dejavu", 412, 2),
]


def date_key(text: Text) -> str:
    return text.when or text.not_before


def choose(spec_row, texts: list[Text], rng: random.Random) -> list[Text]:
    """The book's documents: a seeded subset in date order (an excerpt takes its fixed letters)."""
    name, which, layout, count = spec_row[0], spec_row[1], spec_row[2], spec_row[-1]
    if layout == "excerpt":
        return [next(t for t in texts if t.key == key) for key in EXCERPT[which]]
    pool = [t for t in texts if layout == "seed" or all(len(n.text) <= FOOTNOTE_MAX for n in t.notes)]
    chosen = rng.sample(pool, min(count, len(pool)))
    return sorted(chosen, key=date_key)


def make_book(row, out: Path, keep_images: bool = False) -> dict:
    """Build one book: pages, images, OCR, text and truth; returns its summary."""
    name, which, layout, seed, title, editor, author, publisher, place, year, family, first, count = row
    rng = random.Random(f"{seed}/choose")
    texts = choose(row, read_texts(which), rng)
    spec = BookSpec(name, which, layout, seed, title, editor, author, publisher, place, year,
                    tuple(t.key for t in texts), family, first)
    book: Book = LAYOUTS[layout].build(spec, list(texts), random.Random(f"{seed}/layout"))
    work = WORK / name
    work.mkdir(parents=True, exist_ok=True)
    pngs, degradation = [], []
    for page in book.pages:
        page_rng = random.Random(f"{seed}/page/{page.index}")
        strength = round(page_rng.uniform(0.25, 0.9), 2)
        image = degrade(render_page(page, book.geometry), page_rng, strength)
        png = work / f"p{page.index:03d}.png"
        image.save(png, optimize=False)
        pngs.append(png)
        degradation.append({"strength": strength})
    ocr = read_pages(pngs)
    hyphen_rng = random.Random(f"{seed}/hyphens")
    pages = [mark_soft_hyphens(page_lines(text), page, hyphen_rng, keep_rate=0.08)
             for text, page in zip(ocr, book.pages)]
    text, spans = assemble(title, pages, random.Random(f"{seed}/ia"))
    truth = build_truth(book, text, spans, degradation)
    out.mkdir(parents=True, exist_ok=True)
    (out / f"{name}.txt").write_text(text, encoding="utf-8")
    (out / f"{name}.truth.json").write_text(json.dumps(truth, ensure_ascii=False, indent=1) + "\n",
                                            encoding="utf-8")
    if not keep_images:
        for png in pngs:
            png.unlink()
    return {"name": name, "set": which, "layout": layout, "pages": len(book.pages),
            "documents": len(texts), "notes": sum(len(t.notes) for t in texts),
            "lines": truth["lines"]}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--set", choices=("dev", "heldout"))
    parser.add_argument("--only", action="append", help="book name (repeatable)")
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--keep-images", action="store_true", help="keep the page images in .work/")
    args = parser.parse_args(argv)
    rows = [r for r in BOOKS if (not args.set or r[1] == args.set) and (not args.only or r[0] in args.only)]
    summaries = []
    for row in rows:
        summary = make_book(row, args.out / row[1], args.keep_images)
        print(json.dumps(summary), flush=True)
        summaries.append(summary)
    index = args.out / "index.json"
    known = json.loads(index.read_text()) if index.exists() else {}
    known.update({s["name"]: s for s in summaries})
    index.parent.mkdir(parents=True, exist_ok=True)
    index.write_text(json.dumps(dict(sorted(known.items())), indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
