"""A throwaway certificate authority and a server certificate it signed, made with the openssl command.

The hostile server speaks https like a real secured ArcGIS server; clients trust it only through
this CA (requests: a CA bundle file; QGIS: a CA added to its authentication manager), so the
certificate is checked as a user's would be.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

OPENSSL_TIMEOUT = 60
#: Every name the hostile world's https listeners answer to.
SERVER_NAMES = "IP:127.0.0.1,IP:127.0.0.2,DNS:localhost"


@dataclass(frozen=True)
class Certificates:
    ca: Path
    """The CA certificate (PEM): what clients trust."""
    certificate: Path
    key: Path


def make_certificates(folder: Path) -> Certificates:
    """A CA, and a certificate for SERVER_NAMES signed by it, valid for two days."""
    ca, ca_key = folder / "ca.pem", folder / "ca.key"
    certificate, key = folder / "server.pem", folder / "server.key"
    _openssl(
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-days",
        "2",
        "-keyout",
        ca_key,
        "-out",
        ca,
        "-subj",
        "/CN=Remote GP fault matrix CA",
        "-addext",
        "basicConstraints=critical,CA:TRUE",
        "-addext",
        "keyUsage=critical,keyCertSign,cRLSign",
    )
    _openssl(
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-days",
        "2",
        "-keyout",
        key,
        "-out",
        certificate,
        "-CA",
        ca,
        "-CAkey",
        ca_key,
        "-subj",
        "/CN=127.0.0.1",
        "-addext",
        f"subjectAltName={SERVER_NAMES}",
        "-addext",
        "basicConstraints=CA:FALSE",
        "-addext",
        "extendedKeyUsage=serverAuth",
    )
    return Certificates(ca, certificate, key)


def _openssl(*arguments: str | Path) -> None:
    made = subprocess.run(
        ["openssl", *map(str, arguments)],
        capture_output=True,
        text=True,
        timeout=OPENSSL_TIMEOUT,
        stdin=subprocess.DEVNULL,
    )
    if made.returncode != 0:
        raise RuntimeError(f"openssl {arguments[0]} failed: {made.stderr}")
