"""A guard that keeps a test process on this computer: every connection and name lookup beyond the
loopback addresses is refused before anything leaves, and recorded.

It patches the socket module, which every HTTP stack in Python goes through (requests, urllib3 and
arcgis's sessions alike): ``socket.connect`` and ``connect_ex`` for connections, ``getaddrinfo`` and
``gethostbyname`` for name lookups (a lookup of another host would already send a DNS query).
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

LOOPBACK_NAMES = frozenset({"localhost", "localhost.localdomain", "ip6-localhost"})
NETWORK_FAMILIES = (socket.AF_INET, socket.AF_INET6)


class Refused(ConnectionRefusedError):
    """What a connection or lookup beyond this computer raises under the guard."""


def is_loopback(host: Any) -> bool:
    """Whether ``host`` (a name or an address, text or bytes) is this computer."""
    name = host.decode() if isinstance(host, bytes) else str(host)
    if name.lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(name.split("%")[0]).is_loopback
    except ValueError:
        return False


@contextmanager
def offline() -> Iterator[list[str]]:
    """While the block runs, nothing reaches beyond the loopback addresses; yields the list of what
    tried (``connect 192.0.2.1:80``, ``lookup www.arcgis.com``), in order."""
    attempts: list[str] = []
    connect, connect_ex = socket.socket.connect, socket.socket.connect_ex
    getaddrinfo, gethostbyname = socket.getaddrinfo, socket.gethostbyname

    def refuse(what: str) -> Refused:
        attempts.append(what)
        return Refused(f"offline test: {what} refused (only 127.0.0.0/8 and ::1 may be reached)")

    def check_address(sock: socket.socket, address: Any) -> None:
        if sock.family in NETWORK_FAMILIES and not is_loopback(address[0]):
            raise refuse(f"connect {address[0]}:{address[1]}")

    def guarded_connect(sock: socket.socket, address: Any) -> None:
        check_address(sock, address)
        connect(sock, address)

    def guarded_connect_ex(sock: socket.socket, address: Any) -> int:
        check_address(sock, address)
        return connect_ex(sock, address)

    def guarded_getaddrinfo(host: Any, *args: Any, **kwargs: Any) -> list:
        if host is not None and not is_loopback(host):
            raise refuse(f"lookup {host}")
        return getaddrinfo(host, *args, **kwargs)

    def guarded_gethostbyname(host: str) -> str:
        if not is_loopback(host):
            raise refuse(f"lookup {host}")
        return gethostbyname(host)

    socket.socket.connect, socket.socket.connect_ex = guarded_connect, guarded_connect_ex  # type: ignore[method-assign]
    socket.getaddrinfo, socket.gethostbyname = guarded_getaddrinfo, guarded_gethostbyname
    try:
        yield attempts
    finally:
        socket.socket.connect, socket.socket.connect_ex = connect, connect_ex  # type: ignore[method-assign]
        socket.getaddrinfo, socket.gethostbyname = getaddrinfo, gethostbyname
