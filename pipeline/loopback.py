"""What the project's two servers on 127.0.0.1 (review mode and the read-only DTS API)
share: who may talk to them (this machine's addresses and names only) and how they stop
(SIGINT or SIGTERM raise ``Stop`` in the main thread, so their ``finally`` clauses close
the server and clean up). One home, so the two cannot drift apart."""

from __future__ import annotations

import contextlib
import ipaddress
import signal
import threading

#: the names a request's ``Host`` header may give (a DNS rebinding page gives another)
HOSTS = {"127.0.0.1", "localhost"}


class Stop(KeyboardInterrupt):
    """Ctrl-C or SIGTERM: stop serving, and clean up on the way out."""


def is_loopback(address: str) -> bool:
    """Whether a client address is this machine's.

    >>> is_loopback("127.0.0.1"), is_loopback("::1"), is_loopback("10.0.0.5"), is_loopback("nonsense")
    (True, True, False, False)
    """
    try:
        return ipaddress.ip_address(address).is_loopback
    except ValueError:
        return False


def host_name(host: str) -> str:
    """The name in a ``Host`` header, without the port (``[::1]:8765`` gives ``::1``).

    >>> host_name("localhost:8765"), host_name("127.0.0.1"), host_name("[::1]:80"), host_name("evil.example:8765")
    ('localhost', '127.0.0.1', '::1', 'evil.example')
    """
    host = host.strip().lower()
    if host.startswith("["):
        return host[1:host.find("]")] if "]" in host else host
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


@contextlib.contextmanager
def stopped_by_signals():
    """SIGINT and SIGTERM raise ``Stop`` in the main thread while the block runs; the
    handlers before are put back at the end. A second signal is ignored, so that it cannot
    cut the cleaning up short."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum, frame):
        for ignored in before:
            signal.signal(ignored, signal.SIG_IGN)
        raise Stop(signal.Signals(signum).name)

    before = {signum: signal.getsignal(signum) for signum in (signal.SIGINT, signal.SIGTERM)}
    for signum in before:
        signal.signal(signum, stop)
    try:
        yield
    finally:
        for signum, handler in before.items():
            signal.signal(signum, handler)
