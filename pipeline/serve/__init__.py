"""A read-only Distributed Text Services (DTS 1.0) API over the built edition, on
127.0.0.1, for other editions and DTS clients: the corpus is the root collection, each
document a resource, navigated by its ``refsDecl``/``citeStructure``.

``citations`` (a document's citation trees and units), ``passages`` (the TEI of a passage,
in ``dts:wrapper``), ``corpus`` (the edition folder as collection and resources),
``endpoints`` (the four endpoints as plain functions) and ``server`` (HTTP, and who may use
it). ``run_serve`` is the command.
"""

from __future__ import annotations

from pathlib import Path

from pipeline.errors import PortInUseError
from pipeline.loopback import Stop, stopped_by_signals
from pipeline.serve.corpus import Corpus
from pipeline.serve.server import DtsServer


def run_serve(tei_dir: Path, port: int = 8766, echo=print) -> None:
    """Serve the edition in ``tei_dir`` until Ctrl-C or SIGTERM, then close the server."""
    with stopped_by_signals():
        corpus = Corpus(tei_dir)
        server = listen(corpus, port)
        try:
            echo(f"DTS API over {tei_dir}/ ({len(corpus.idents())} documents): {server.url}  (Ctrl-C stops it)")
            server.serve_forever()
        except Stop:
            echo("stopped")
        finally:
            server.server_close()


def listen(corpus: Corpus, port: int) -> DtsServer:
    """The server on 127.0.0.1:``port``, or a one-line error when the port is taken."""
    try:
        return DtsServer(corpus, port)
    except OSError as err:
        raise PortInUseError(port, err.strerror or str(err)) from err


