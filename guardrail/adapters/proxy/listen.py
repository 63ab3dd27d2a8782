"""Before and after loading: is the address usable, and when does the server answer.

Loading the checks takes seconds, so a wrong ``--host`` or a busy ``--port`` must be
found before it, not after; and the announcement that the proxy is up must wait until
it really accepts connections. This module imports only the standard library, so the
command line can run :func:`check_address` before it imports anything heavy.
"""

from __future__ import annotations

import errno
import http.client
import ipaddress
import socket
import threading
import time
from collections.abc import Callable

from guardrail.errors import ConfigurationError

PORTS = range(1, 65536)


def is_loopback(host: str | None) -> bool:
    """Whether ``host`` names this machine only (``localhost``, 127.0.0.0/8, ``::1``)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host or "").is_loopback
    except ValueError:
        return False


def check_address(host: str, port: int) -> None:
    """Raise :class:`ConfigurationError` unless ``host:port`` can be listened on now.

    Binds a socket the way uvicorn will (``SO_REUSEADDR``) and closes it again, so a
    port another process listens on, an address this machine does not have or a port
    that needs privileges is named before any model is loaded.
    """
    if port not in PORTS:
        raise ConfigurationError(f"--port {port} is not a TCP port (use 1 to 65535)")
    try:
        family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
    except (socket.gaierror, UnicodeError):
        raise ConfigurationError(f"--host {host!r} is not an address or a name this machine can resolve") from None
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as error:
            raise ConfigurationError(_bind_message(host, port, error)) from None


def _bind_message(host: str, port: int, error: OSError) -> str:
    if error.errno == errno.EADDRINUSE:
        return (
            f"port {port} on {host} is already in use (another guardrail or LiteLLM proxy?); "
            "stop it or choose another with --port"
        )
    if error.errno == errno.EADDRNOTAVAIL:
        return f"--host {host} is not an address of this machine"
    if error.errno == errno.EACCES:
        return f"not allowed to listen on port {port} (ports below 1024 need privileges); choose another with --port"
    return f"cannot listen on {host}:{port}: {error.strerror}"


def announce_when_ready(
    host: str, port: int, announce: Callable[[], None], *, path: str = "/health/ready", interval: float = 0.1
) -> threading.Thread:
    """Call ``announce`` once ``GET path`` on the server answers 200, from a daemon thread.

    Polling the real socket rather than trusting a start-up hook covers one worker and
    several alike: the line appears only when a client's request would succeed.
    """
    target = {"0.0.0.0": "127.0.0.1", "::": "::1", "": "127.0.0.1"}.get(host, host)

    def wait() -> None:
        while True:
            connection = http.client.HTTPConnection(target, port, timeout=2)
            try:
                connection.request("GET", path)
                if connection.getresponse().status == 200:
                    announce()
                    return
            except OSError:
                pass
            finally:
                connection.close()
            time.sleep(interval)

    thread = threading.Thread(target=wait, name="guardrail-ready", daemon=True)
    thread.start()
    return thread
