"""Reading page images with tesseract (Debian ``tesseract-ocr`` + ``tesseract-ocr-eng``).

Why a real engine: its errors (confused letters, lost or doubled lines, calls read as letters,
running heads merged with text, columns read across) are the errors the pipeline meets in real
Internet Archive texts; simulated damage only has the errors its author thought of. ``--psm 4``
(one column of text of variable sizes), one thread per process, at most two processes.
Results are cached beside the image by the image's hash, so a rerun only reads changed pages.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path


def read_page(png: Path) -> str:
    """The OCR text of one page image (cached in ``<image>.<hash>.txt``)."""
    digest = hashlib.sha1(png.read_bytes()).hexdigest()[:12]
    cached = png.with_suffix(f".{digest}.txt")
    if cached.exists():
        return cached.read_text(encoding="utf-8")
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    done = subprocess.run(["tesseract", str(png), "stdout", "--psm", "4", "-l", "eng"], env=env,
                          capture_output=True, text=True, check=True)
    for old in png.parent.glob(png.stem + ".*.txt"):
        old.unlink()
    cached.write_text(done.stdout, encoding="utf-8")
    return done.stdout


def read_pages(pngs: list[Path], workers: int = 2) -> list[str]:
    """OCR many pages, two tesseract processes at a time (the machine is shared)."""
    with ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(read_page, pngs))
