"""Damaging a clean page image the way a worn book and a scanner do, reproducibly.

Why: tesseract reads a clean Pillow rendering almost perfectly; the errors the pipeline must
repair come from blur, paper grain, specks, a slightly turned page and ink that is heavy in one
place and faint in another. Every draw comes from the page's own seeded ``random.Random``, so the
same seed gives the same image (Pillow only, no numpy).
"""

from __future__ import annotations

import random

from PIL import Image, ImageChops, ImageDraw, ImageFilter


def degrade(image: Image.Image, rng: random.Random, strength: float = 1.0) -> Image.Image:
    """Uneven ink, blur, grain, specks, a small rotation and a paper tone; ``strength`` scales it."""
    w, h = image.size
    image = uneven_ink(image, rng, strength)
    image = image.filter(ImageFilter.GaussianBlur(rng.uniform(0.4, 0.7 + 0.5 * strength)))
    image = grain(image, rng, sigma=rng.uniform(6, 10 + 10 * strength))
    image = specks(image, rng, int(rng.uniform(20, 60 + 140 * strength)))
    image = image.rotate(rng.uniform(-0.7, 0.7) * strength, resample=Image.BICUBIC, fillcolor=255)
    low, high = rng.randint(10, 35 + int(25 * strength)), rng.randint(222, 250)
    return image.point(lambda v: low + v * (high - low) // 255)


def uneven_ink(image: Image.Image, rng: random.Random, strength: float) -> Image.Image:
    """Ink density varying smoothly over the page (a coarse random map, enlarged)."""
    cols, rows = 6, 9
    floor = int(255 * (1 - 0.45 * strength))
    density = Image.new("L", (cols, rows))
    density.putdata([rng.randint(floor, 255) for _ in range(cols * rows)])
    density = density.resize(image.size, Image.BICUBIC)
    ink = ImageChops.multiply(ImageChops.invert(image), density)
    return ImageChops.invert(ink)


def grain(image: Image.Image, rng: random.Random, sigma: float) -> Image.Image:
    """Paper grain: Gaussian noise drawn at a quarter of the resolution and enlarged."""
    w, h = image.size[0] // 4, image.size[1] // 4
    noise = Image.new("L", (w, h))
    noise.putdata([max(0, min(255, int(rng.gauss(128, sigma)))) for _ in range(w * h)])
    noise = noise.resize(image.size, Image.NEAREST)
    return ImageChops.add(image, noise, scale=1.0, offset=-128)


def specks(image: Image.Image, rng: random.Random, count: int) -> Image.Image:
    """Dust and ink specks of one to four pixels."""
    draw = ImageDraw.Draw(image)
    w, h = image.size
    for _ in range(count):
        x, y, r = rng.randrange(w), rng.randrange(h), rng.choice((1, 1, 2, 2, 3, 4))
        draw.ellipse((x, y, x + r, y + r), fill=rng.randint(0, 90))
    return image
