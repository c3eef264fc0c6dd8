"""Task descriptions cached on disk, so QGIS starts with its remote algorithms and no network request.

One JSON file per connection (`<profile>/remote_gp/descriptions/<key>.json`) holds every GP
service and task description as the server sent them, with the server's `currentVersion`.
Refreshing fetches them again (in a background task, or in the `remotegp:refreshconnections`
algorithm) and replaces the file only after a walk that went through: a server that cannot be
reached, or a refresh cancelled half-way, leaves the cached algorithms usable. Folders and services
the walk could not read (one that needs a sign-in) are left out and remembered with the cache: a
warning the first time, a line of information at the refreshes after.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from qgis.core import Qgis, QgsApplication

from ..gp_core import GPError, Server, ServiceDescription, Task, walk
from .feedback import contained
from .i18n import tr
from .source import Source

log = logging.getLogger(__name__)
FORMAT = 1


@dataclass
class Descriptions:
    """Everything one connection's server describes."""

    current_version: float | None
    services: dict[str, ServiceDescription] = field(default_factory=dict)
    """Service name (with its folder) → its description and its tasks'."""
    left_out: list[str] = field(default_factory=list)
    """The folders and services the walk could not read."""

    @property
    def task_count(self) -> int:
        return sum(len(service.tasks) for service in self.services.values())

    def tasks(self) -> list[Task]:
        found = []
        for _name, cached in sorted(self.services.items()):
            service = cached.service()
            found += [cached.task(service, task) for task in sorted(cached.tasks)]
        return found

    def to_json(self) -> dict:
        return {
            "format": FORMAT,
            "currentVersion": self.current_version,
            "services": {
                name: {"url": s.url, "service": s.body, "tasks": s.tasks} for name, s in self.services.items()
            },
            "leftOut": self.left_out,
        }

    @classmethod
    def from_json(cls, body: dict) -> Descriptions:
        services = {
            name: ServiceDescription(name, s["url"], s["service"], s["tasks"]) for name, s in body["services"].items()
        }
        return cls(body.get("currentVersion"), services, list(body.get("leftOut", [])))


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
    (Warning; Info when the last refresh left it out too) and a failure (Warning; Critical for the
    unforeseen). None when the walk did not go through (failed or cancelled): the cached descriptions
    must then stay. A cancel also aborts the request under way. The one walk behind the GUI's refresh
    and the algorithm's."""
    connection = source.connection
    cached = load(connection.key)

    def failed(error: GPError, foreseen: bool) -> None:
        if foreseen and cancelled():
            return  # the cancel aborted the request under way: no failure to report
        text = (
            tr("{connection} could not be refreshed; its cached algorithms stay: {error}")
            if cached is not None and cached.task_count
            else tr("{connection} could not be refreshed; it has no algorithms until a refresh goes through: {error}")
        )
        report(text.format(connection=connection.name, error=error), Qgis.Warning if foreseen else Qgis.Critical)

    known = set(cached.left_out) if cached is not None else set()
    left_out: list[str] = []

    def skipped(name: str, error: GPError) -> None:
        left_out.append(name)
        text = tr("{connection}: {name} left out: {error}").format(connection=connection.name, name=name, error=error)
        report(text, Qgis.Info if name in known else Qgis.Warning)

    found = None
    with contained(failed):  # it runs in a QgsTask, which an exception would end with QGIS
        found = fetch(source.server(cancelled), skipped, cancelled)
    if found is None or cancelled():
        return None  # failed, or a walk cut short, which must not replace the cache
    found.left_out = left_out
    report(
        tr("{connection}: {services} GP service(s), {tasks} task(s).").format(
            connection=connection.name, services=len(found.services), tasks=found.task_count
        ),
        Qgis.Info,
    )
    return found


def fetch(
    server: Server, skipped: Callable[[str, GPError], None], cancelled: Callable[[], bool] = lambda: False
) -> Descriptions:
    """Walk the server's catalog (all folders) and read every GP service and task (gp_core's walk).
    A service that cannot be read (say, one that needs a sign-in) is reported to `skipped` and left
    out; an unreachable server raises."""
    root, found = walk(server, skipped, cancelled)
    return Descriptions(root.current_version, {service.name: service for service in found})
