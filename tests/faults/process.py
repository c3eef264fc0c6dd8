"""Start the hostile world as its own process: ``with running_world(...) as world: ...``."""

from __future__ import annotations

import fcntl
import json
import socket
import struct
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import requests

from gp_server.process import running_module

from .tls import Certificates

CONTROL_TIMEOUT_SECONDS = 30
SIOCGIFADDR = 0x8915


@dataclass(frozen=True)
class World:
    """The URLs of a running hostile world, and its control."""

    server: str
    elsewhere: str
    plain: str | None
    control: str

    def arm(self, phase: str, fault: str | None) -> None:
        """Arm `fault` for the requests of `phase` (None: no fault); the records start afresh."""
        self._post("/arm", {"phase": phase, "fault": fault})

    def disarm(self) -> None:
        self._post("/disarm", {})

    def report(self) -> dict[str, Any]:
        answer = requests.get(self.control + "/report", timeout=CONTROL_TIMEOUT_SECONDS)
        answer.raise_for_status()
        return answer.json()

    def _post(self, path: str, order: dict[str, Any]) -> None:
        requests.post(self.control + path, json=order, timeout=CONTROL_TIMEOUT_SECONDS).raise_for_status()


@contextmanager
def running_world(
    target: str, certificates: Certificates, plain_host: str | None = None, kind: str = "gp"
) -> Iterator[World]:
    """The world in front of the server at `target` (a reference GP server, kind "gp", or the OGC
    test server, "ogc"); stopped on exit (also when the test process dies: the world stops at the
    end of its standard input)."""
    arguments = ["--target", target, "--certificate", str(certificates.certificate), "--key", str(certificates.key)]
    arguments += ["--kind", kind]
    with running_module("faults", *arguments, *(["--plain-host", plain_host] if plain_host else [])) as line:
        yield World(**json.loads(line))


def plain_host() -> str | None:
    """A non-loopback IPv4 address of this machine (Linux), for a plain http server that is not on
    loopback; None when there is none."""
    for _, name in socket.if_nameindex():
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            try:
                packed = fcntl.ioctl(probe.fileno(), SIOCGIFADDR, struct.pack("256s", name.encode()[:15]))
            except OSError:
                continue
        address = socket.inet_ntoa(packed[20:24])
        if not address.startswith("127."):
            return address
    return None
