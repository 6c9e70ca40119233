"""The four DTS 1.0 endpoints (entry, collection, navigation, document) as plain functions:
a corpus, the API's base address and the query in; an ``Answer`` out, or a
``DtsRequestError`` (400 or 404) saying what is wrong with the request.

The JSON follows the specification's tables and examples (https://dtsapi.org/versions/v1.0):
every object carries its required keys, every key is a term of the DTS 1.0 JSON-LD
context (Dublin Core terms inside ``dublinCore``), members come in document order.
Navigation is served at level 1 (``start``/``end`` included); nothing is paginated but the
collection's members (``PAGE_SIZE``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from urllib.parse import quote, urlencode

from pipeline.errors import DtsRequestError
from pipeline.serve.citations import CitableUnit, CitationTree
from pipeline.serve.corpus import Corpus, Document
from pipeline.serve.passages import passage_tei

DTS_VERSION = "1.0"
CONTEXT = "https://dtsapi.org/context/v1.0.json"
#: the vocabulary of error answers (DTS 1.0 names no error body; its drafts used Hydra's Status)
HYDRA_CONTEXT = "http://www.w3.org/ns/hydra/context.jsonld"
JSON_LD = "application/ld+json"
TEI_XML = "application/tei+xml"
#: the media types the document endpoint answers in (the TEI as published, or a passage of it)
MEDIA_TYPES = (TEI_XML,)
#: members of a collection per page: the edition's documents fit on one page today
PAGE_SIZE = 100


@dataclass(frozen=True)
class Answer:
    body: bytes
    content_type: str
    headers: dict = field(default_factory=dict)


# --- the entry point -----------------------------------------------------------------------------
def entry(base: str) -> Answer:
    """Where the three other endpoints are, as URI templates."""
    return json_answer({
        "@context": CONTEXT, "dtsVersion": DTS_VERSION, "@id": f"{base}/", "@type": "EntryPoint",
        "collection": f"{base}/collection/{{?id,page,nav}}",
        "navigation": f"{base}/navigation/{{?resource,ref,start,end,down,tree}}",
        "document": f"{base}/document/{{?resource,ref,start,end,tree,mediaType}}",
    })


# --- collection ------------------------------------------------------------------------------------
def collection(corpus: Corpus, base: str, query: dict) -> Answer:
    """The corpus (no ``id``, or the corpus's id) with its documents as members, or one
    document as a Resource; ``nav=parents`` lists what holds it instead."""
    nav = query.get("nav", "children")
    if nav not in ("children", "parents"):
        raise DtsRequestError(400, f"nav is 'children' or 'parents', not {nav!r}")
    facts = corpus.facts()
    wanted = query.get("id")
    if wanted is None or wanted in (facts.ident, corpus.tei_dir.name):
        answer = {"@context": CONTEXT, "dtsVersion": DTS_VERSION, **root_collection(corpus, base)}
        if nav == "parents":
            answer["member"] = []
            return json_answer(answer)
        documents = corpus.documents()
        shown, view = paginated(documents, query.get("page"), f"{base}/collection/", {"id": facts.ident})
        answer["member"] = [resource(document, base) for document in shown]
        if view:
            answer["view"] = view
        return json_answer(answer)
    document = corpus.find(wanted)
    if document is None:
        raise DtsRequestError(404, f"no collection or resource is named {wanted!r}")
    answer = {"@context": CONTEXT, "dtsVersion": DTS_VERSION, **resource(document, base)}
    if nav == "parents":
        answer["member"] = [root_collection(corpus, base)]
    return json_answer(answer)


def root_collection(corpus: Corpus, base: str) -> dict:
    """The corpus as a ``Collection`` object, without its members."""
    facts = corpus.facts()
    dublin_core = {"title": localised(facts.title, facts.language), "identifier": [facts.ident]}
    if facts.publisher:
        dublin_core["publisher"] = [facts.publisher]
    if facts.licence:
        dublin_core["license"] = [facts.licence]
    return {"@id": facts.ident, "@type": "Collection", "title": facts.title, "totalParents": 0,
            "totalChildren": len(corpus.idents()), "dublinCore": dublin_core,
            "collection": f"{base}/collection/{{?id,page,nav}}"}


def resource(document: Document, base: str) -> dict:
    """A document as a DTS ``Resource``: its facts in Dublin Core, the endpoints' templates
    for it, its citation trees and the media types of its passages."""
    named = quote(document.uri, safe=":/")
    answer = {"@id": document.uri, "@type": "Resource", "title": document.facts.title or document.ident,
              "totalParents": 1, "totalChildren": 0}
    description = ", ".join(part for part in (document.facts.kind, document.facts.date.text) if part)
    if description:
        answer["description"] = description
    answer.update({
        "dublinCore": dublin_core(document),
        "collection": f"{base}/collection/?id={named}{{&page,nav}}",
        "navigation": f"{base}/navigation/?resource={named}{{&ref,start,end,down,tree}}",
        "document": f"{base}/document/?resource={named}{{&ref,start,end,tree,mediaType}}",
        "citationTrees": [tree.as_json() for tree in document.trees],
        "mediaTypes": list(MEDIA_TYPES),
    })
    return answer


def dublin_core(document: Document) -> dict:
    """The document's header as Dublin Core terms (only those it has)."""
    facts, lang = document.facts, document.language
    terms: dict = {"title": localised(facts.title or document.ident, lang), "identifier": [document.uri]}
    if facts.author:
        terms["creator"] = localised(facts.author, lang)
    if iso_date(facts.date.iso):
        terms["created"] = iso_date(facts.date.iso)
    terms["type"] = ["Text"] + ([facts.kind] if facts.kind else [])
    if lang:
        terms["language"] = [lang]
    if facts.publisher:
        terms["publisher"] = [facts.publisher]
    if document.licence:
        terms["license"] = [document.licence]
    if facts.source is not None and (facts.source.summary() or facts.source.as_printed):
        terms["source"] = localised(facts.source.summary() or facts.source.as_printed, lang)
    return terms


def localised(text: str, lang: str) -> list[dict]:
    return [{"lang": lang, "value": text}] if lang else [{"value": text}]


def iso_date(iso: dict) -> str:
    """A TEI date's ISO attributes as one ISO 8601 value (an interval for a range).

    >>> iso_date({"when": "1917-11-08"}), iso_date({"notBefore": "1919-09-26", "notAfter": "1919-09-30"})
    ('1917-11-08', '1919-09-26/1919-09-30')
    """
    if "when" in iso:
        return iso["when"]
    first, last = iso.get("from") or iso.get("notBefore", ""), iso.get("to") or iso.get("notAfter", "")
    return f"{first or '..'}/{last or '..'}" if first or last else ""


def paginated(items: list, page: str | None, address: str, fixed: dict) -> tuple[list, dict | None]:
    """One page of ``items`` and the ``Pagination`` object, when they need more than one
    page or a page is asked for."""
    if page is None and len(items) <= PAGE_SIZE:
        return items, None
    number = whole_number("page", page if page is not None else "1")
    last = max(1, -(-len(items) // PAGE_SIZE))
    if not 1 <= number <= last:
        raise DtsRequestError(404, f"there is no page {number} (pages 1 to {last})")

    def at(n: int) -> str:
        return f"{address}?{urlencode({**fixed, 'page': n})}"
    view = {"@id": at(number), "@type": "Pagination", "first": at(1), "previous": at(max(1, number - 1)),
            "next": at(min(last, number + 1)), "last": at(last)}
    return items[(number - 1) * PAGE_SIZE:number * PAGE_SIZE], view


# --- navigation ------------------------------------------------------------------------------------
def navigation(corpus: Corpus, base: str, query: dict, request_url: str) -> Answer:
    """The citable units of a document the query asks for (``ref``, ``start``/``end``,
    ``down``, ``tree``), with the rules of the specification's table of ``down``."""
    document = requested_document(corpus, query)
    check_range_parameters(query)
    tree = requested_tree(document, query.get("tree"))
    down = whole_number("down", query["down"]) if "down" in query else None
    if down is not None and down < -1:
        raise DtsRequestError(400, "down is -1 (all levels), 0 (siblings) or a depth above 0")
    ref, start, end = (find_unit(tree, query.get(name), name) for name in ("ref", "start", "end"))
    if down is None and ref is None and start is None:
        raise DtsRequestError(400, "name a unit (ref, or start and end) or a depth (down)")
    if down == 0 and ref is None:
        raise DtsRequestError(400, "down=0 (the siblings of a unit) needs ref")
    answer: dict = {"@context": CONTEXT, "dtsVersion": DTS_VERSION, "@type": "Navigation", "@id": request_url,
                    "resource": resource(document, base)}
    if ref is not None:
        answer["ref"] = ref.as_json()
    if start is not None:
        if tree_order(tree, start) > tree_order(tree, end):
            raise DtsRequestError(400, f"start ({start.identifier}) comes after end ({end.identifier})")
        answer["start"], answer["end"] = start.as_json(), end.as_json()
    if down is not None:
        answer["member"] = [unit.as_json() for unit in members(tree, ref, start, end, down)]
    return json_answer(answer)


def members(tree: CitationTree | None, ref: CitableUnit | None, start: CitableUnit | None,
            end: CitableUnit | None, down: int) -> list[CitableUnit]:
    """The units a navigation request lists, in document order."""
    if tree is None:
        return []
    depth = None if down == -1 else down
    if ref is not None:
        if down == 0:
            return list(ref.parent.children) if ref.parent else list(tree.roots)
        return ref.subtree(depth)
    if start is not None:
        deepest = max(start.level, end.level)
        units = tree.units()
        first, last = units.index(start), units.index(end.subtree(None)[-1])  # end's own units too
        limit = None if depth is None else deepest + depth
        return [unit for unit in units[first:last + 1] if limit is None or unit.level <= limit]
    return tree.units(depth)


def tree_order(tree: CitationTree, unit: CitableUnit) -> int:
    return next(number for number, other in enumerate(tree.units()) if other is unit)


# --- document --------------------------------------------------------------------------------------
def document_endpoint(corpus: Corpus, base: str, query: dict) -> Answer:
    """The TEI of a whole document (the file as published) or of a passage, wrapped in
    ``dts:wrapper``; ``Link`` names the resource's place in the collection endpoint."""
    document = requested_document(corpus, query)
    check_range_parameters(query)
    media_type = query.get("mediaType", TEI_XML)
    if media_type not in MEDIA_TYPES:
        raise DtsRequestError(404, f"mediaType {media_type!r} is not served (served: {', '.join(MEDIA_TYPES)})")
    link = {"Link": f'<{base}/collection/?id={quote(document.uri, safe=":/")}>; rel="collection"'}
    if not any(name in query for name in ("ref", "start", "end")):
        return Answer(document.path.read_bytes(), f"{TEI_XML}; charset=utf-8", link)
    tree = requested_tree(document, query.get("tree"))
    if tree is None:
        raise DtsRequestError(404, f"{document.ident} declares no citation tree, so it has no passages")
    ref = find_unit(tree, query.get("ref"), "ref")
    first, last = (ref, ref) if ref is not None else (find_unit(tree, query["start"], "start"),
                                                        find_unit(tree, query["end"], "end"))
    return Answer(passage_tei(document.root, tree, first, last), f"{TEI_XML}; charset=utf-8", link)


# --- what the parameters name ----------------------------------------------------------------------
def requested_document(corpus: Corpus, query: dict) -> Document:
    if not query.get("resource"):
        raise DtsRequestError(400, "name the document with resource=ID (its id or its permanent address)")
    document = corpus.find(query["resource"])
    if document is None:
        raise DtsRequestError(404, f"no resource is named {query['resource']!r}")
    return document


def check_range_parameters(query: dict) -> None:
    """``ref`` goes alone; ``start`` and ``end`` go together."""
    if "ref" in query and ("start" in query or "end" in query):
        raise DtsRequestError(400, "ref cannot go with start or end")
    if ("start" in query) != ("end" in query):
        raise DtsRequestError(400, "start and end go together")


def requested_tree(document: Document, name: str | None) -> CitationTree | None:
    """The tree ``name`` (absent: the default one; ``None`` when the document has none)."""
    if name is None:
        return document.trees[0] if document.trees else None
    tree = document.tree(name)
    if tree is None:
        names = [t.name for t in document.trees if t.name is not None]
        raise DtsRequestError(404, f"{document.ident} has no citation tree {name!r} "
                                   f"(named trees: {', '.join(names) or 'none'}; leave tree out for the default one)")
    return tree


def find_unit(tree: CitationTree | None, identifier: str | None, parameter: str) -> CitableUnit | None:
    if identifier is None:
        return None
    unit = tree.find(identifier) if tree is not None else None
    if unit is None:
        raise DtsRequestError(404, f"{parameter}={identifier!r} is no unit of this citation tree")
    return unit


def whole_number(name: str, value: str) -> int:
    try:
        return int(value)
    except ValueError:
        raise DtsRequestError(400, f"{name} is a whole number, not {value!r}") from None


def json_answer(value: dict) -> Answer:
    return Answer(json.dumps(value, ensure_ascii=False, indent=2).encode("utf-8") + b"\n", JSON_LD)


def error_answer(error: DtsRequestError, title: str) -> Answer:
    """A client error as a Hydra ``Status`` (the form the DTS drafts gave errors; 1.0 leaves
    the body open), with the status and what to change."""
    return json_answer({"@context": HYDRA_CONTEXT, "@type": "Status", "statusCode": error.status,
                        "title": title, "description": error.message})
