"""Small helpers to write HTML with lxml: the site is made of plain elements, no templates.

Pages are built as lxml elements (so text is always escaped the same way) and written
with one serialiser, which is what makes a page the same bytes for the same TEI.

>>> from lxml import etree
>>> p = h("p", {"class": "x", "title": None}, "a < b ", h("em", None, "c"), " d")
>>> etree.tostring(p, encoding="unicode")
'<p class="x">a &lt; b <em>c</em> d</p>'
"""

from __future__ import annotations

from lxml import etree

from pipeline.encode.inline import add_text  # noqa: F401  (the views append text with it too)

def h(tag: str, attrs: dict | None = None, *children) -> etree._Element:
    """An HTML element with attributes (``None`` and ``False`` left out) and children: strings
    become text, elements are appended, ``None`` is skipped, lists are flattened."""
    el = etree.Element(tag)
    for key, value in (attrs or {}).items():
        if value is not None and value is not False:
            el.set(key, str(value))
    add(el, *children)
    return el


def sub(parent: etree._Element, tag: str, attrs: dict | None = None, *children) -> etree._Element:
    """``h`` appended to ``parent``."""
    el = h(tag, attrs, *children)
    parent.append(el)
    return el


def add(el: etree._Element, *children) -> etree._Element:
    """Append strings, elements and lists of them to ``el``, in order."""
    for child in children:
        if child is None:
            continue
        if isinstance(child, (list, tuple)):
            add(el, *child)
        elif isinstance(child, str):
            add_text(el, child)
        else:
            el.append(child)
    return el


def page(title: str, stylesheet: str, script: str, body: etree._Element) -> bytes:
    """A whole HTML5 document: UTF-8, no request outside the site (the stylesheet and
    script are relative paths), nothing that changes between two builds."""
    html = h("html", {"lang": "en"},
             h("head", None,
               h("meta", {"charset": "utf-8"}),
               h("meta", {"name": "viewport", "content": "width=device-width, initial-scale=1"}),
               h("title", None, title),
               h("link", {"rel": "stylesheet", "href": stylesheet}),
               h("script", {"src": script})),
             body)
    markup = etree.tostring(html, method="html", encoding="unicode")
    return ("<!DOCTYPE html>\n" + markup + "\n").encode("utf-8")
