"""Server connections: name, URL, the kind of server (an ArcGIS GP server, or an OGC API - Processes
server) and an authcfg id in QgsSettings (`remote_gp/connections`); credentials only in QGIS's
authentication database.

A connection's `key` is made once from its first name and never changes, so algorithm ids (and
with them saved models and the Processing history) survive a rename.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace
from pathlib import Path

from qgis.core import QgsOwsConnection, QgsSettings

from ..gp_core import DataError, GPError, landing_url, rest_root

GROUP = "remote_gp/connections"
GP, OGC = "gp", "ogc"
"""The kinds of server: ArcGIS Server's geoprocessing services, OGC API - Processes."""
KINDS = (GP, OGC)
HEADER_NAME = re.compile(r"[A-Za-z0-9-]+")
"""What an API key header's name may hold (letters, digits and '-': no space, no line break)."""


def is_header_name(text: str) -> bool:
    return bool(HEADER_NAME.fullmatch(text))


Entry = tuple[str, str, str, str, str]
"""A connection to add: name, URL, authcfg id, kind, API key header."""


def slug(text: str) -> str:
    """Lower-case alphanumerics only, as Processing wants in ids."""
    return re.sub(r"[^a-z0-9]", "", text.lower()) or "x"


@dataclass(frozen=True)
class Connection:
    key: str
    name: str
    url: str
    authcfg: str = ""
    kind: str = GP
    api_key_header: str = ""
    """An OGC API server's API key header (e.g. X-API-Key): the key is the password of the
    connection's Basic authentication configuration, sent in that header; "" for none."""

    @property
    def is_ogc(self) -> bool:
        return self.kind == OGC


class ConnectionStore:
    """The connections in QgsSettings."""

    def all(self) -> list[Connection]:
        settings = QgsSettings()
        settings.beginGroup(GROUP)
        keys = settings.childGroups()
        settings.endGroup()
        connections = [self.get(key) for key in keys]
        return sorted((c for c in connections if c is not None), key=lambda c: c.name.lower())

    def get(self, key: str) -> Connection | None:
        settings = QgsSettings()
        prefix = f"{GROUP}/{key}"
        url = settings.value(f"{prefix}/url", "")
        if not url:
            return None
        kind = settings.value(f"{prefix}/kind", GP)
        return Connection(
            key,
            settings.value(f"{prefix}/name", key),
            url,
            settings.value(f"{prefix}/authcfg", ""),
            kind if kind in KINDS else GP,
            settings.value(f"{prefix}/apikeyheader", ""),
        )

    def add(self, name: str, url: str, authcfg: str = "", kind: str = GP, api_key_header: str = "") -> Connection:
        """A new connection, under a key no other connection has."""
        base, taken = slug(name), {c.key for c in self.all()}
        key = next(
            candidate
            for candidate in (base if n == 0 else f"{base}{n + 1}" for n in range(len(taken) + 1))
            if candidate not in taken
        )
        connection = Connection(key, name, url, authcfg, kind, api_key_header)
        self.save(connection)
        return connection

    def save(self, connection: Connection) -> None:
        settings = QgsSettings()
        prefix = f"{GROUP}/{connection.key}"
        settings.setValue(f"{prefix}/name", connection.name)
        settings.setValue(f"{prefix}/url", connection.url)
        settings.setValue(f"{prefix}/authcfg", connection.authcfg)
        settings.setValue(f"{prefix}/kind", connection.kind)
        settings.setValue(f"{prefix}/apikeyheader", connection.api_key_header)

    def rename(
        self, connection: Connection, name: str, url: str, authcfg: str, kind: str = GP, api_key_header: str = ""
    ) -> Connection:
        updated = replace(connection, name=name, url=url, authcfg=authcfg, kind=kind, api_key_header=api_key_header)
        self.save(updated)
        return updated

    def remove(self, key: str) -> None:
        QgsSettings().remove(f"{GROUP}/{key}")

    def duplicate(self, connection: Connection) -> Connection:
        names = {c.name for c in self.all()}
        name = next(
            f"{connection.name} ({n})" for n in range(2, len(names) + 3) if f"{connection.name} ({n})" not in names
        )
        return self.add(name, connection.url, connection.authcfg, connection.kind, connection.api_key_header)

    def add_new(self, entries: list[Entry]) -> tuple[int, int]:
        """Add connections to servers not connected yet (same REST root, or same OGC API address =
        same server); returns (added, skipped)."""
        roots = {_root(c.url, c.kind) for c in self.all()}
        added = 0
        for name, url, authcfg, kind, api_key_header in entries:
            root = _root(url, kind)
            if root is None or root in roots:
                continue
            self.add(name, url, authcfg, kind, api_key_header)
            roots.add(root)
            added += 1
        return added, len(entries) - added


#: The ArcGIS REST connections of QGIS's own Data Source Manager.
QGIS_SERVICES = ("ARCGISFEATURESERVER", "ARCGISMAPSERVER")


def qgis_arcgis_connections() -> list[Entry]:
    """The ArcGIS feature and map server connections QGIS already has."""
    found = []
    for service in QGIS_SERVICES:
        for name in QgsOwsConnection.connectionList(service):
            uri = QgsOwsConnection(service, name).uri()
            found.append((name, uri.param("url"), uri.authConfigId(), GP, ""))
    return found


FILE_FORMAT = "remote_gp_connections"


def export_connections(connections: list[Connection], path: Path) -> None:
    """Names, URLs and authcfg ids (references into a QGIS authentication database, never secrets)."""
    body = {
        "format": FILE_FORMAT,
        "version": 1,
        "connections": [
            {"name": c.name, "url": c.url, "authcfg": c.authcfg, "kind": c.kind, "apiKeyHeader": c.api_key_header}
            for c in connections
        ],
    }
    path.write_text(json.dumps(body, indent=2), encoding="utf-8")


def read_connections_file(path: Path) -> list[Entry]:
    try:
        body = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise DataError(f"'{path}' cannot be read as a Remote GP connections file: {error}") from None
    if not isinstance(body, dict) or body.get("format") != FILE_FORMAT:
        raise DataError(f"'{path}' is not a Remote GP connections file.")
    entries = [item for item in body.get("connections") or [] if isinstance(item, dict)]
    return [
        (
            str(e.get("name") or e.get("url")),
            str(e.get("url") or ""),
            str(e.get("authcfg") or ""),
            e["kind"] if e.get("kind") in KINDS else GP,
            str(e.get("apiKeyHeader") or "") if is_header_name(str(e.get("apiKeyHeader") or "")) else "",
        )
        for e in entries
        if e.get("url")
    ]


def server_root(url: str, kind: str | None) -> str:
    """What tells servers apart: a GP server's REST root (also when the kind is not known), an OGC
    API's landing page. AddressError (a GPError) for a URL that is neither."""
    return landing_url(url) if kind == OGC else rest_root(url)


def _root(url: str, kind: str) -> str | None:
    try:
        return server_root(url, kind).lower()
    except GPError:
        return None
