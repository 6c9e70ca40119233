"""A generated corpus of books for the cluster test and the scale bench: copies of a book
with other names and perturbed text (OCR-like letter swaps), each copy different and
each the same on every run (seeded)."""

from __future__ import annotations

import random
from pathlib import Path

import regex

ROOT = Path(__file__).resolve().parent.parent
BOOKS = sorted((ROOT / "bench" / "synth" / "dev").glob("book_s?.txt"))
NAMES = ["Chicherin", "Litvinov", "Krasin", "Joffe", "Vorovsky", "Kamenev", "Trotsky", "Radek", "Rakovsky",
         "Karakhan", "Kerzhentsev", "Kopp", "Kollontai", "Berzin", "Lunacharsky"]
SWAPS = [("rn", "m"), ("m", "rn"), ("l", "I"), ("e", "c"), ("u", "v"), ("h", "li")]
WORD = regex.compile(r"\b[a-z]{6,}\b")


def perturb(text: str, seed: int) -> str:
    """The text with its names exchanged and one word in about two hundred misread."""
    rng = random.Random(seed)
    others = NAMES[:]
    rng.shuffle(others)
    text = regex.sub("|".join(NAMES), lambda m: others[NAMES.index(m.group())], text)

    def misread(match):
        word = match.group()
        if rng.random() > 0.005:
            return word
        wrong, right = rng.choice(SWAPS)
        return word.replace(right, wrong, 1) if right in word else word
    return WORD.sub(misread, text)


def perturbed_corpus(folder: Path, books: int = 24, sources=None) -> Path:
    """Write ``books`` perturbed copies of the source books into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    sources = sources or BOOKS
    for k in range(books):
        source = sources[k % len(sources)]
        text = perturb(source.read_text(encoding="utf-8"), seed=k)
        (folder / f"book_{k:03d}.txt").write_text(text, encoding="utf-8")
    return folder
