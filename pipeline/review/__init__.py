"""Review mode: a local server (127.0.0.1 only) where an editor walks the queue of the
pipeline's own decisions and open questions, and settles each with a decision written
into ``editorial/`` (the only folder it writes), then sees the rebuilt document.

``queue`` (what is open, pure), ``actions`` (a click as a decision's fields, pure),
``writer`` (appends one decision, the only writer), ``workspace`` (the working edition
and its rebuilds), ``locate`` (where an item is on its document's page), ``page`` (the
review page) and ``server`` (HTTP, and who may use it). ``run_review`` is the command.
"""

from __future__ import annotations

import contextlib
import tempfile
import threading
from pathlib import Path

from pipeline.errors import PortInUseError
from pipeline.loopback import Stop, stopped_by_signals
from pipeline.review.server import ReviewServer
from pipeline.review.workspace import Workspace


def run_review(raw: Path, editorial: Path, work: Path | None = None, who: str | None = None, port: int = 8765,
               cache: Path | None = None, echo=print) -> None:
    """Build the working edition (into ``work``, else a temporary folder), print the
    address with this session's token, and serve the review page until interrupted
    (Ctrl-C, or SIGTERM): then the server is closed, an action under way is let finish,
    and a temporary working folder is removed."""
    with stopped_by_signals(), working_folder(work) as folder:
        workspace = Workspace(raw, editorial, folder, cache, who)
        try:
            report = workspace.open()
            server = listen(workspace, port)
        except Stop:
            echo("stopped")
            return
        echo(report.summary_lines()[0])
        echo(f"review mode: {workspace.counts()} open; decisions go into {editorial}/ as {workspace.who}")
        echo(f"open {server.url}?token={server.token}  (Ctrl-C stops the server; the working edition is in "
             f"{folder})")
        threading.Thread(target=workspace.prepare, name="review-prepare", daemon=True).start()
        try:
            server.serve_forever()
        except Stop:
            echo("stopped")
        finally:
            workspace.stopping.set()
            server.server_close()
            with workspace.finished():  # a decision being written and built is let finish
                pass


def listen(workspace: Workspace, port: int) -> ReviewServer:
    """The server on 127.0.0.1:``port``, or a one-line error when the port is taken."""
    try:
        return ReviewServer(workspace, port)
    except OSError as err:
        raise PortInUseError(port, err.strerror or str(err)) from err


@contextlib.contextmanager
def working_folder(work: Path | None):
    """``work`` (created if need be), or a temporary folder removed at the end."""
    if work is not None:
        Path(work).mkdir(parents=True, exist_ok=True)
        yield Path(work)
        return
    with tempfile.TemporaryDirectory(prefix="sfp-review-") as folder:
        yield Path(folder)
