"""Drawing a composed page into a 300 dpi greyscale image with Pillow.

Why: the OCR engine must see glyphs, so the lines the composer placed are drawn word by word at
their justified positions, calls as raised small figures, footnotes under a short rule.
"""

from __future__ import annotations

from PIL import Image, ImageDraw

from .pages import Geometry, Page
from .typeset import Line, pt


def render_page(page: Page, g: Geometry) -> Image.Image:
    """The page as an 8-bit greyscale image (white paper, black ink)."""
    image = Image.new("L", (g.width, g.height), 255)
    draw = ImageDraw.Draw(image)
    x0 = g.x0(page.number)
    for line in page.lines:
        draw_line(draw, line, x0 + line.column_x, g.top + line.y, page.markers)
    if page.footnotes:
        foot_top = g.top + g.block_height - page.foot_used
        draw.line((x0, foot_top - pt(5), x0 + g.block_width // 4, foot_top - pt(5)), fill=0, width=2)
        for line in page.footnotes:
            draw_line(draw, line, x0, foot_top + line.y, page.markers)
    for line in page.furniture:
        draw_line(draw, line, x0 + line.column_x, line.y, page.markers)
    return image


def draw_line(draw: ImageDraw.ImageDraw, line: Line, x0: int, top: int, markers: dict) -> None:
    """Draw one line: justified lines spread their spaces, the others keep normal spaces."""
    words = [[(markers.get(p.call, "") if p.call else p.text, p) for p in w] for w in line.words]
    widths = [sum(p.face.width(t) for t, p in w) for w in words]
    total = sum(widths)
    space = line.face.width(" ")
    room = line.width - line.indent
    if line.align == "justify" and not line.last and len(words) > 1:
        gap = (room - total) / (len(words) - 1)
        gap = min(gap, space * 3)
        x = x0 + line.indent
    else:
        gap = space
        natural = total + space * (len(words) - 1)
        x = x0 + line.indent + {"center": (room - natural) / 2, "right": room - natural}.get(line.align, 0)
    baseline = top + round(line.leading * 0.8)
    for w, width in zip(words, widths):
        cx = x
        for text, piece in w:
            if text:
                draw.text((cx, baseline - piece.rise), text, font=piece.face.pil, fill=0, anchor="ls")
            cx += piece.face.width(text)
        x += width + gap
