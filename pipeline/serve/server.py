"""The DTS server: read-only, on 127.0.0.1 only, over a built edition folder.

It only reads ``tei/``, but it answers only this machine, as review mode does
(``pipeline.review.server``; the two checks are repeated here so that serving a built
edition never imports the build that review mode runs): a request from another address, or whose ``Host`` is not
``127.0.0.1`` or ``localhost`` (a page of another site that points its own name at
127.0.0.1, DNS rebinding), is refused with 403. It answers GET and HEAD; anything else is
not served (501, from the standard library). Answers may be read by pages of any origin
(``Access-Control-Allow-Origin: *``): they are the published edition, and a DTS client in a
browser is the usual reader.

The standard library's ``http.server`` is enough: four endpoints, GET only, no sessions and
no templates; a framework would add a dependency and nothing the handler needs.
"""

from __future__ import annotations

from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

from pipeline.loopback import HOSTS, host_name, is_loopback
from pipeline.errors import DtsRequestError
from pipeline.serve import endpoints
from pipeline.serve.corpus import Corpus

#: the names of this machine a request may address (any other ``Host`` is refused)
#: where the API lives on the server (the specification's examples use this path)
API_PATH = "/api/dts"
COMMON_HEADERS = {
    "Access-Control-Allow-Origin": "*",
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": "no-cache",
}


class DtsServer(ThreadingHTTPServer):
    """One DTS server over one corpus."""

    daemon_threads = True

    def __init__(self, corpus: Corpus, port: int = 8766):
        super().__init__(("127.0.0.1", port), DtsHandler)
        self.corpus = corpus

    @property
    def port(self) -> int:
        return self.server_address[1]

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}{API_PATH}/"


class DtsHandler(BaseHTTPRequestHandler):
    server: DtsServer
    server_version = "sfp-dts"
    sys_version = ""

    def log_message(self, format, *args):  # noqa: A002 - the standard library's name
        """Quiet: the terminal shows what the command prints, not every request."""

    def do_HEAD(self):
        self.do_GET()

    def do_GET(self):
        if not is_loopback(self.client_address[0]) or host_name(self.headers.get("Host", "")) not in HOSTS:
            self.send(HTTPStatus.FORBIDDEN, endpoints.error_answer(DtsRequestError(
                403, "only this computer may use the DTS server (open it as http://127.0.0.1:PORT/api/dts/)"),
                "Forbidden"))
            return
        url = urlsplit(self.path)
        query = {name: values[-1] for name, values in parse_qs(url.query, keep_blank_values=True).items()}
        base = f"http://{self.headers.get('Host')}{API_PATH}"
        path = url.path.rstrip("/")
        try:
            if path in ("", API_PATH):
                answer = endpoints.entry(base)
            elif path == f"{API_PATH}/collection":
                answer = endpoints.collection(self.server.corpus, base, query)
            elif path == f"{API_PATH}/navigation":
                answer = endpoints.navigation(self.server.corpus, base, query, f"http://{self.headers.get('Host')}"
                                                                               f"{self.path}")
            elif path == f"{API_PATH}/document":
                answer = endpoints.document_endpoint(self.server.corpus, base, query)
            else:
                raise DtsRequestError(404, f"no endpoint here; the entry point is {API_PATH}/")
        except DtsRequestError as error:
            self.send(HTTPStatus(error.status), endpoints.error_answer(error, HTTPStatus(error.status).phrase))
            return
        self.send(HTTPStatus.OK, answer)

    def send(self, status: HTTPStatus, answer: endpoints.Answer) -> None:
        self.send_response(status)
        self.send_header("Content-Type", answer.content_type)
        self.send_header("Content-Length", str(len(answer.body)))
        for name, value in {**COMMON_HEADERS, **answer.headers}.items():
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(answer.body)
