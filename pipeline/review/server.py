"""The review server: the review page and the working edition's site, on 127.0.0.1 only.

It can write into ``editorial/``, so it trusts nothing but this machine's user:

- it listens on 127.0.0.1; a request from any other address is refused (403), and so is
  one whose ``Host`` is not ``127.0.0.1`` or ``localhost`` (a page of another site that
  points its own name at 127.0.0.1, DNS rebinding, cannot reach it);
- every POST must carry the secret token of this run (it is only in the pages this server
  made: a form on another site cannot know it) and, when the browser sends ``Origin``,
  come from this server's own origin;
- pages may load nothing from elsewhere (``Content-Security-Policy``), nor be framed by
  another site; static files are served only from inside the working site.

The work is in ``Workspace``; this module only routes requests and answers them.
"""

from __future__ import annotations

import hmac
import mimetypes
import secrets
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from pipeline.loopback import HOSTS, host_name, is_loopback
from pipeline.review.page import FILTERS, View, documents_page, link, review_page
from pipeline.review.queue import Item, filtered, in_filter
from pipeline.review.workspace import Done, Workspace

ASSETS = Path(__file__).resolve().parent / "assets"
MAX_FORM = 64 * 1024
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; "
                               "form-action 'self'; frame-ancestors 'self'",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "SAMEORIGIN",
    "Referrer-Policy": "same-origin",  # not no-referrer: then a browser sends "Origin: null" with a form
    "Cache-Control": "no-store",
}
TYPES = {".html": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8",
         ".js": "text/javascript; charset=utf-8", ".xml": "application/xml; charset=utf-8",
         ".json": "application/json; charset=utf-8"}
#: how many messages of past actions are kept for the pages that show them
KEPT_MESSAGES = 64


class ReviewServer(ThreadingHTTPServer):
    """The server of one review session: its workspace, its secret, the messages of its actions."""

    daemon_threads = True

    def __init__(self, workspace: Workspace, port: int = 8765):
        super().__init__(("127.0.0.1", port), ReviewHandler)
        self.workspace = workspace
        self.token = secrets.token_urlsafe(32)
        self.done: dict[str, Done] = {}

    @property
    def port(self) -> int:
        return self.server_address[1]

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/review"

    def origins(self) -> set[str]:
        return {f"http://{host}:{self.port}" for host in HOSTS}

    def remember(self, done: Done) -> str:
        key = secrets.token_hex(6)
        self.done[key] = done
        for old in list(self.done)[:-KEPT_MESSAGES]:
            del self.done[old]
        return key


class ReviewHandler(BaseHTTPRequestHandler):
    server: ReviewServer
    server_version = "sfp-review"
    sys_version = ""

    # --- the gate -----------------------------------------------------------------------
    def allowed(self) -> bool:
        """This machine, by an address of this machine's name (see the module's docstring)."""
        if not is_loopback(self.client_address[0]) or host_name(self.headers.get("Host", "")) not in HOSTS:
            self.refuse("only this computer may use the review server (open it as http://127.0.0.1:PORT/)")
            return False
        return True

    def refuse(self, why: str) -> None:
        self.answer(HTTPStatus.FORBIDDEN, f"403 refused: {why}\n".encode(), "text/plain; charset=utf-8")

    def log_message(self, format, *args):  # noqa: A002 - the standard library's name
        """Quiet: the terminal shows what the command prints, not every request."""

    # --- GET ----------------------------------------------------------------------------
    def do_GET(self):
        if not self.allowed():
            return
        url = urlsplit(self.path)
        query = {name: values[-1] for name, values in parse_qs(url.query).items()}
        if "token" in query and not hmac.compare_digest(query["token"].encode(), self.server.token.encode()):
            self.refuse("this address carries another session's token; open the one review mode printed last")
        elif url.path in ("/", "/review"):
            self.answer(HTTPStatus.OK, self.review(query), TYPES[".html"])
        elif url.path == "/documents":
            workspace = self.server.workspace
            self.answer(HTTPStatus.OK, documents_page(list(workspace.documents.values()), counts(workspace.queue)),
                        TYPES[".html"])
        elif url.path.startswith("/assets/"):
            self.static(ASSETS, url.path[len("/assets/"):])
        elif url.path.startswith("/site/"):
            self.static(self.server.workspace.site_dir, url.path[len("/site/"):])
        elif url.path == "/favicon.ico":  # asked for by every browser; there is none
            self.answer(HTTPStatus.NO_CONTENT, b"", "image/x-icon")
        else:
            self.answer(HTTPStatus.NOT_FOUND, b"not found\n", "text/plain; charset=utf-8")

    def review(self, query: dict) -> bytes:
        """The review page: the item asked for (else the first of the filtered queue), or a
        document as a whole (``doc``), and what the last action did when the address names
        it (``done``)."""
        workspace = self.server.workspace
        only = query.get("only", "") if query.get("only", "") in FILTERS else ""
        queue = filtered(workspace.queue, only)
        done = self.server.done.get(query.get("done", ""))
        entry = workspace.document(query.get("doc", ""))
        item = entry.target if entry else workspace.item(query.get("item", "")) or (queue[0] if queue else None)
        items: tuple[Item, ...] = ()
        if entry is not None:  # its own items; the stepper goes through the documents
            items = tuple(i for i in workspace.queue if i.raw == entry.raw and i.document == entry.info.ident)
            queue = tuple(d.target for d in workspace.documents.values())
        elif item is not None and not holds(queue, item):
            only = "" if in_filter(item) else "all"
            queue = filtered(workspace.queue, only)
        return review_page(View(
            queue=queue, counts=counts(workspace.queue), only=only,
            item=item, document=self.document_of(item), frame=self.frame(item, done), token=self.server.token,
            message=done.message if done else "", status=done.status if done else "", who=workspace.who,
            refill=refill(done, item), items=items))

    def document_of(self, item: Item | None):
        if item is None:
            return None
        entry = self.server.workspace.document(item.document)
        return entry.info if entry is not None and entry.raw == item.raw else None

    def frame(self, item: Item | None, done: Done | None) -> str:
        """The document page to show: after an action, the rebuilt document at the item
        decided; else the shown item's document at the item."""
        if done is not None and done.item is not None and not done.refused:
            return f"/site/doc/{done.document}.html" + (f"#{done.anchor}" if done.anchor else "")
        if item is None:
            return ""
        anchor = self.server.workspace.document_anchor(item)
        return f"/site/doc/{item.document}.html" + (f"#{anchor}" if anchor else "")

    def static(self, root: Path, relative: str) -> None:
        """A file from inside ``root`` (nothing outside it, however the path is spelled)."""
        base = Path(root).resolve()
        path = (base / unquote(relative)).resolve()
        if base not in path.parents or not path.is_file():
            self.answer(HTTPStatus.NOT_FOUND, b"not found\n", "text/plain; charset=utf-8")
            return
        kind = TYPES.get(path.suffix) or mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        self.answer(HTTPStatus.OK, path.read_bytes(), kind)

    # --- POST ---------------------------------------------------------------------------
    def do_POST(self):
        if not self.allowed():
            return
        form = self.form()
        if form is None:
            return
        if urlsplit(self.path).path != "/action":
            self.answer(HTTPStatus.NOT_FOUND, b"not found\n", "text/plain; charset=utf-8")
            return
        workspace = self.server.workspace
        only = form.get("only", "") if form.get("only", "") in FILTERS else ""
        before = filtered(workspace.queue, only)
        position = next((k for k, i in enumerate(before) if i.ident == form.get("item")), 0)
        done = workspace.decide(form.get("item", ""), form.get("action", ""), form)
        if done.item is not None and done.item.kind == "document":  # back to the document, rebuilt
            entry = workspace.document(done.document or done.item.document)
            self.redirect(link(only, entry.target if entry else None, done=self.server.remember(done)))
            return
        after = filtered(workspace.queue, only)
        following = next_item(after, done.item, position)
        self.redirect(link(only, following, done=self.server.remember(done)))

    def form(self) -> dict | None:
        """The POSTed form, once the token and the origin are this run's; else None (refused)."""
        origin = self.headers.get("Origin")
        if origin is not None and origin not in self.server.origins():
            self.refuse("a form from another site may not decide anything here")
            return None
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_FORM:
            self.refuse("the form is too large")
            return None
        fields = parse_qs(self.rfile.read(length).decode("utf-8", "replace"), keep_blank_values=True)
        form = {name: values[-1] for name, values in fields.items()}
        if not hmac.compare_digest(form.get("token", "").encode(), self.server.token.encode()):
            self.refuse("the form lacks this session's token; reload the review page and try again")
            return None
        return form

    # --- answers ------------------------------------------------------------------------
    def redirect(self, location: str) -> None:
        self.send_response(HTTPStatus.SEE_OTHER)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.security_headers()
        self.end_headers()

    def answer(self, status: HTTPStatus, body: bytes, content_type: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.security_headers()
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def security_headers(self) -> None:
        for name, value in SECURITY_HEADERS.items():
            self.send_header(name, value)


def refill(done: Done | None, item: Item | None) -> dict:
    """The values of a refused form, to show again on the same item (the editor corrects
    one field rather than typing everything again)."""
    if done is None or not done.refused or item is None or done.item is None or done.item.ident != item.ident:
        return {}
    return {**dict(done.form), "action": done.action}


def counts(queue: tuple[Item, ...]) -> dict[str, int]:
    """How many items each filter shows."""
    return {name: len(filtered(queue, name)) for name in FILTERS}


def holds(queue: tuple[Item, ...], item: Item) -> bool:
    return any(i.ident == item.ident for i in queue)


def next_item(queue: tuple[Item, ...], acted: Item | None, position: int) -> Item | None:
    """After an action: the same item while it is still open, else the one that took its place."""
    if acted is not None and holds(queue, acted):
        return next(i for i in queue if i.ident == acted.ident)
    if not queue:
        return None
    return queue[min(position, len(queue) - 1)]
