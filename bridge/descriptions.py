"""Task descriptions cached on disk, so QGIS starts with its remote algorithms and no network request.

One JSON file per connection (`<profile>/remote_gp/descriptions/<key>.json`) holds every GP
service and task description as the server sent them, with the server's `currentVersion`.
Refreshing fetches them again (in a background task, or in the `remotegp:refreshconnections`
algorithm) and replaces the file only after a walk that went through: a server that cannot be
reached, or a refresh cancelled half-way, leaves the cached algorithms usable. Services the walk
could not read (one that needs a sign-in) are left out, and reported.
"""
from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from qgis.core import Qgis, QgsApplication

from ..gp_core import GPError, Server, Service, Task
from ..gp_core.model import Catalog
from ..gp_core.urls import service_url, task_url
from .i18n import tr
from .source import Source

log = logging.getLogger(__name__)
FORMAT = 1


@dataclass
class CachedService:
    url: str
    body: dict
    tasks: dict[str, dict] = field(default_factory=dict)
    """Task name → its description body."""

    def service(self, name: str) -> Service:
        return Service.from_json(self.body, self.url, name)

    def task(self, service: Service, name: str) -> Task:
        return Task.from_json(self.tasks[name], task_url(self.url, name), service)


@dataclass
class Descriptions:
    """Everything one connection's server describes."""

    current_version: float | None
    services: dict[str, CachedService] = field(default_factory=dict)
    """Service name (with its folder) → its description and its tasks'."""

    @property
    def task_count(self) -> int:
        return sum(len(service.tasks) for service in self.services.values())

    def tasks(self) -> list[Task]:
        found = []
        for name, cached in sorted(self.services.items()):
            service = cached.service(name)
            found += [cached.task(service, task) for task in sorted(cached.tasks)]
        return found

    def to_json(self) -> dict:
        return {"format": FORMAT, "currentVersion": self.current_version,
                "services": {name: {"url": s.url, "service": s.body, "tasks": s.tasks}
                             for name, s in self.services.items()}}

    @classmethod
    def from_json(cls, body: dict) -> Descriptions:
        services = {name: CachedService(s["url"], s["service"], s["tasks"]) for name, s in body["services"].items()}
        return cls(body.get("currentVersion"), services)


def cache_folder() -> Path:
    return Path(QgsApplication.qgisSettingsDirPath()) / "remote_gp" / "descriptions"


def load(key: str) -> Descriptions | None:
    """The cached descriptions of a connection; None when there are none (or they are unreadable)."""
    path = cache_folder() / f"{key}.json"
    try:
        body = json.loads(path.read_text(encoding="utf-8"))
        return Descriptions.from_json(body) if body.get("format") == FORMAT else None
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError) as error:
        log.warning("The cached task descriptions in %s are unreadable (%s); refresh the connection.", path, error)
        return None


def save(key: str, descriptions: Descriptions) -> None:
    folder = cache_folder()
    folder.mkdir(parents=True, exist_ok=True)
    temporary = folder / f"{key}.json.part"
    temporary.write_text(json.dumps(descriptions.to_json()), encoding="utf-8")
    temporary.replace(folder / f"{key}.json")  # never a half-written cache


def keep_only(keys: set[str]) -> None:
    """Forget the descriptions of connections that no longer exist."""
    for path in cache_folder().glob("*.json"):
        if path.stem not in keys:
            path.unlink()


Report = Callable[[str, Qgis.MessageLevel], None]
"""Where a refresh says how it went: the message log, or a Processing feedback."""


def refresh(source: Source, report: Report, cancelled: Callable[[], bool]) -> Descriptions | None:
    """Fetch the descriptions of one connection, reporting what was found (Info), what was left out
    (Warning) and a failure (Warning; Critical for the unforeseen). None when the walk did not go
    through (failed or cancelled): the cached descriptions must then stay. A cancel also aborts the
    request under way. The one walk behind the GUI's refresh and the algorithm's."""
    connection = source.connection
    try:
        server = source.server(cancelled)
        found = fetch(server, lambda name, error: report(tr("{connection}: {name} left out: {error}").format(
            connection=connection.name, name=name, error=error), Qgis.Warning), cancelled)
    except GPError as error:
        if not cancelled():  # else the cancel aborted the request under way: no failure to report
            report(tr("{connection} could not be refreshed; its cached algorithms stay: {error}").format(
                connection=connection.name, error=error), Qgis.Warning)
        return None
    except Exception as error:  # noqa: BLE001 — out of a QgsTask it would end QGIS itself
        report(tr("{connection} could not be refreshed ({error}); its cached algorithms stay.").format(
            connection=connection.name, error=f"{type(error).__name__}: {error}"), Qgis.Critical)
        return None
    if cancelled():
        return None  # a walk cut short must not replace the cache
    report(tr("{connection}: {services} GP service(s), {tasks} task(s).").format(
        connection=connection.name, services=len(found.services), tasks=found.task_count), Qgis.Info)
    return found


def fetch(server: Server, skipped: Callable[[str, GPError], None], cancelled: Callable[[], bool] = lambda: False
          ) -> Descriptions:
    """Walk the server's catalog (all folders) and read every GP service and task. A service that
    cannot be read (say, one that needs a sign-in) is reported to `skipped` and left out; an
    unreachable server raises."""
    root = server.catalog()
    descriptions = Descriptions(root.current_version)
    for name in _gp_services(server, root, skipped):
        if cancelled():
            break
        url = service_url(server.rest_root, name)
        try:
            body = server.get(url)
            cached = CachedService(url, body)
            for task in Service.from_json(body, url, name).tasks:
                cached.tasks[task] = server.get(task_url(url, task))
        except GPError as error:
            skipped(name, error)
            continue
        descriptions.services[name] = cached
    return descriptions


def _gp_services(server: Server, root: Catalog, skipped: Callable[[str, GPError], None]) -> list[str]:
    names = list(root.gp_services)
    for folder in root.folders:
        try:
            names += server.catalog(folder).gp_services
        except GPError as error:
            skipped(folder, error)
    return names

