"""A document's citation trees, read from its ``refsDecl``/``citeStructure`` (TEI P5), as
the DTS navigation and document endpoints need them.

Each ``refsDecl`` is one citation tree: the one marked ``@default="true"`` (else the first)
is the default tree and has no identifier; the others are named by their ``@n``. Each
``citeStructure`` gives a kind of unit (``@unit``), the elements that are such units
(``@match``, an XPath) and the identifier of each (``@use``, an XPath evaluated on the
unit); a nested ``citeStructure`` is evaluated on its parent's unit, and its identifiers
are the parent's, then ``@delim``, then its own.

The expressions are written for TEI as the default element namespace (``/TEI/text/body//p``);
XPath 1.0 has no default namespace, so they are evaluated on a copy of the document whose
elements carry no namespace, and each unit is mapped back to its element in the document.
XPath 1.0 (lxml) is enough for the expressions the edition writes and for most
``citeStructure``s; one that needs XPath 2 is reported by name (``CitationTreeError``).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field

from lxml import etree

from pipeline.errors import CitationTreeError

TEI = "http://www.tei-c.org/ns/1.0"
NS = {"tei": TEI}


@dataclass(frozen=True)
class CiteStructure:
    """One level of a citation tree: its unit, and the levels below it."""
    unit: str
    match: str
    use: str
    delim: str = ""
    children: tuple["CiteStructure", ...] = ()

    def as_json(self) -> dict:
        """The DTS ``CiteStructure`` object."""
        answer = {"@type": "CiteStructure", "citeType": self.unit}
        if self.children:
            answer["citeStructure"] = [child.as_json() for child in self.children]
        return answer


@dataclass
class CitableUnit:
    """One unit of a document's citation tree: its identifier, depth, parent and element."""
    identifier: str
    level: int
    parent: "CitableUnit | None"
    cite_type: str
    element: etree._Element
    children: list["CitableUnit"] = field(default_factory=list)

    def as_json(self) -> dict:
        """The DTS ``CitableUnit`` object."""
        return {"identifier": self.identifier, "@type": "CitableUnit", "level": self.level,
                "parent": self.parent.identifier if self.parent else None, "citeType": self.cite_type}

    def subtree(self, depth: int | None) -> list["CitableUnit"]:
        """This unit and its descendants ``depth`` levels down (``None``: all), in document order."""
        found = [self]
        if depth is None or depth > 0:
            for child in self.children:
                found.extend(child.subtree(None if depth is None else depth - 1))
        return found


@dataclass(frozen=True)
class CitationTree:
    """A document's citation tree: its name (``None`` for the default tree), its levels,
    and its units in document order (pre-order, depth first)."""
    name: str | None
    structures: tuple[CiteStructure, ...]
    roots: tuple[CitableUnit, ...]

    def as_json(self) -> dict:
        """The DTS ``CitationTree`` object (the default tree carries no identifier)."""
        answer: dict = {"@type": "CitationTree"}
        if self.name is not None:
            answer["identifier"] = self.name
        answer["citeStructure"] = [structure.as_json() for structure in self.structures]
        return answer

    def units(self, depth: int | None = None) -> list[CitableUnit]:
        """Every unit down to ``depth`` levels (1: the top level; ``None``: all), in document order."""
        return [unit for root in self.roots for unit in root.subtree(None if depth is None else depth - 1)]

    def find(self, identifier: str) -> CitableUnit | None:
        return next((unit for unit in self.units() if unit.identifier == identifier), None)


def citation_trees(root: etree._Element) -> list[CitationTree]:
    """The citation trees of a TEI document, the default first (an empty list when the
    document declares none)."""
    declarations = root.findall("tei:teiHeader/tei:encodingDesc/tei:refsDecl", NS)
    declarations = [d for d in declarations if d.find("tei:citeStructure", NS) is not None]
    if not declarations:
        return []
    default = next((d for d in declarations if d.get("default") == "true"), declarations[0])
    ordered = [default] + [d for d in declarations if d is not default]
    bare, originals = namespace_free_copy(root)
    trees = []
    for position, declaration in enumerate(ordered):
        structures = tuple(read_structure(cs) for cs in declaration.findall("tei:citeStructure", NS))
        name = None if position == 0 else (declaration.get("n") or f"tree{position + 1}")
        trees.append(CitationTree(name, structures, tuple(units_of(structures, bare, originals))))
    return trees


def read_structure(element: etree._Element) -> CiteStructure:
    return CiteStructure(element.get("unit", ""), element.get("match", ""), element.get("use", ""),
                         element.get("delim", ""),
                         tuple(read_structure(child) for child in element.findall("tei:citeStructure", NS)))


def namespace_free_copy(root: etree._Element) -> tuple[etree._Element, dict]:
    """A copy of the document whose elements carry no namespace (so ``/TEI/text`` finds
    them in XPath 1.0), and the original element of each copied element."""
    bare = copy.deepcopy(root)
    originals = {}
    for copied, original in zip(bare.iter(), root.iter()):
        if isinstance(copied.tag, str):
            copied.tag = etree.QName(copied).localname
            originals[copied] = original
    etree.cleanup_namespaces(bare)
    return bare, originals


def units_of(structures: tuple[CiteStructure, ...], context: etree._Element, originals: dict,
             parent: CitableUnit | None = None, level: int = 1) -> list[CitableUnit]:
    """The units of sibling ``citeStructure``s on one context, merged in document order."""
    found: list[tuple[int, CitableUnit]] = []
    order = {element: number for number, element in enumerate(context.getroottree().iter())}
    for structure in structures:
        for matched in evaluate(structure.match, context):
            own = string_value(evaluate(structure.use, matched, want_nodes=False))
            identifier = f"{parent.identifier}{structure.delim}{own}" if parent else own
            unit = CitableUnit(identifier, level, parent, structure.unit, originals[matched])
            unit.children = units_of(structure.children, matched, originals, unit, level + 1)
            found.append((order[matched], unit))
    return [unit for _, unit in sorted(found, key=lambda pair: pair[0])]


def evaluate(expression: str, context: etree._Element, want_nodes: bool = True):
    """An XPath 1.0 expression of a ``citeStructure`` on ``context``; a ``match`` must give elements."""
    try:
        result = context.xpath(expression)
    except etree.XPathError as error:
        raise CitationTreeError(expression, str(error)) from error
    if want_nodes:
        if not isinstance(result, list) or not all(isinstance(node, etree._Element) for node in result):
            raise CitationTreeError(expression, "a match must select elements")
    return result


def string_value(result) -> str:
    """The string an XPath result stands for (``@n`` gives a list of one attribute value).

    >>> string_value(["12"]), string_value("n2"), string_value(3.0), string_value([])
    ('12', 'n2', '3', '')
    """
    if isinstance(result, list):
        if not result:
            return ""
        first = result[0]
        return first if isinstance(first, str) else "".join(first.itertext())
    if isinstance(result, float):
        return str(int(result)) if result.is_integer() else str(result)
    if isinstance(result, bool):
        return "true" if result else "false"
    return str(result)
