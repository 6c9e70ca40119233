"""Every error the pipeline raises on purpose, in one place.

Each message names the file and says what the user can do about it, so that the
command line can print it as one line and go on with the other files.
"""


class PipelineError(Exception):
    """Base class: a problem with one input file or one output file."""

    def __init__(self, path, problem, advice=""):
        self.path = str(path)
        self.problem = problem
        self.advice = advice
        super().__init__(self.one_line())

    def one_line(self):
        tail = f" ({self.advice})" if self.advice else ""
        return f"{self.path}: {self.problem}{tail}"


class EmptyInputError(PipelineError):
    """The raw file holds no text at all (or only white space)."""

    def __init__(self, path):
        super().__init__(path, "the file is empty", "add the page's text or remove the file from raw/")


class BinaryInputError(PipelineError):
    """The raw file is not text (NUL bytes or mostly control characters)."""

    def __init__(self, path, detail):
        super().__init__(path, f"the file is not text: {detail}",
                         "raw/ takes plain-text copies of pages; convert the file to UTF-8 text first")


class UnreadableInputError(PipelineError):
    """The raw file could not be read from disk."""

    def __init__(self, path, detail):
        super().__init__(path, f"cannot read the file: {detail}", "check that it exists and is readable")


class SchemaUnavailableError(PipelineError):
    """A schema file needed for validation is missing."""

    def __init__(self, path, advice):
        super().__init__(path, "schema not found", advice)


class InvalidTEIError(PipelineError):
    """A file handed to `validate` is not well-formed XML."""

    def __init__(self, path, detail):
        super().__init__(path, f"not well-formed XML: {detail}", "fix the XML syntax at that line")


class DecisionFileError(PipelineError):
    """An editorial decision file (``editorial/*.toml``) is not valid: each problem is one
    line ``file:line: message``."""

    def __init__(self, where, problem, advice="", multi=False):
        self.multi = multi
        super().__init__(where, problem, advice)

    def one_line(self):
        if self.multi:  # the problems already name their file and line, one per line
            return self.problem
        return super().one_line()


class AccountingError(PipelineError):
    """Characters of a raw file are neither in its TEI, nor in a recorded correction, nor in
    a recorded removal: the build refuses to write an edition that loses text silently."""

    def __init__(self, path, detail):
        super().__init__(path, f"characters of the raw file are missing from its TEI: {detail}",
                         "this is a fault of the pipeline; please report it with the file")


class ReviewInputError(PipelineError):
    """An action asked for in review mode cannot become a valid decision (a missing or bad
    value, a quote that is not unique): nothing is written, the page says what to change."""


class OutsideEditorialError(PipelineError):
    """Review mode writes only decision files inside the editorial folder: a path that
    leads elsewhere (``..``, a link pointing out of it) is refused."""

    def __init__(self, path, editorial_dir):
        super().__init__(path, f"refused: the file is not inside {editorial_dir}",
                         "review mode writes only editorial/<raw file stem>.toml; remove the link or rename the file")


class EditorUnknownError(PipelineError):
    """Review mode needs to know who decides: a key of editorial/editors.toml."""

    def __init__(self, path, problem, known):
        super().__init__(path, problem, f"name yourself with --who KEY (editors: {', '.join(known) or 'none'}); "
                                        "add an [editors.KEY] table with a name to editors.toml first if you are new")


class PortInUseError(PipelineError):
    """The review server's port is taken (another review session, or another program)."""

    def __init__(self, port, detail):
        super().__init__(f"127.0.0.1:{port}", f"cannot listen there: {detail}",
                         "stop the other server, or choose another port with --port (0: any free port)")


class UnwritableCharacterError(PipelineError):
    """A value for a decision holds a character XML 1.0 cannot hold (a C0 control other than
    tab, newline and carriage return; U+FFFE, U+FFFF; a lone surrogate): the edition could not
    carry it, so the decision is not written."""

    def __init__(self, path, field, character):
        self.field, self.character = field, character
        super().__init__(path, f"the field \"{field}\" holds U+{ord(character):04X}, which XML cannot hold",
                         "nothing was written; remove the character (it is often invisible: type the value "
                         "again rather than pasting it) and decide again")


class DecisionWriteError(PipelineError):
    """A decision file could not be written (no space, no permission): it is left as it was."""

    def __init__(self, path, detail):
        super().__init__(path, f"cannot write the file: {detail}",
                         "nothing was written and the file is as it was; free some space or check the "
                         "folder's permissions, then decide again")


class RegisterFileError(DecisionFileError):
    """The register of persons, places and organisations (``editorial/register.toml``) is not
    valid: each problem is one line ``file:line: message``."""


class EditionFileError(PipelineError):
    """The edition file (``editorial/edition.toml``: title, publisher, editors, base URL,
    licence) is not valid; the message is ``file:line: problem``."""


class NoEditionError(PipelineError):
    """The DTS server was pointed at a folder that holds no built edition (no manifest.json)."""

    def __init__(self, path):
        super().__init__(path, "no built edition here (manifest.json is missing)",
                         "run 'make' first, or name the built edition with --tei DIR")


class CitationTreeError(PipelineError):
    """A ``citeStructure`` expression the DTS server cannot evaluate (it reads XPath 1.0)."""

    def __init__(self, expression, detail):
        super().__init__(f"citeStructure {expression!r}", f"cannot be evaluated: {detail}",
                         "write @match and @use in XPath 1.0, with TEI element names unprefixed")


class DtsRequestError(Exception):
    """A DTS request the server answers with a client error (400: parameters that do not go
    together; 404: no such resource, tree, unit or media type), the message saying which.
    It never leaves the server: it becomes the HTTP answer."""

    def __init__(self, status: int, message: str):
        self.status = status
        self.message = message
        super().__init__(f"{status}: {message}")
