"""Walking a server's catalog: every GP service of every folder, with its description and its
tasks' as the server sends them (a host application caches these bodies, as the QGIS plugin does,
and makes Services and Tasks of them later with `described_task`). An OGC API - Processes server's
processes are one such service (`describe_processes`), whose tasks are made by ogc_task."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

from .errors import GPError
from .model import Catalog, Service, Task
from .ogc_model import Process
from .ogc_server import OgcServer
from .ogc_task import task_of
from .server import Server
from .transport import describe_host
from .urls import service_url, task_url

#: The one service of an OGC API - Processes server: its processes.
PROCESSES = "processes"
#: What marks a ServiceDescription of OGC processes (a member of its body).
OGC_MARK = "ogcApiProcesses"

Skipped = Callable[[str, GPError], None]
"""Told of a folder or service that could not be read (one that needs a sign-in, say), by name."""


@dataclass
class ServiceDescription:
    name: str
    """With its folder (`GP/BufferByVal`)."""
    url: str
    body: dict[str, Any]
    tasks: dict[str, dict[str, Any]] = field(default_factory=dict)
    """Task name → its description body."""

    def service(self) -> Service:
        return Service.from_json(self.body, self.url, self.name)

    @property
    def is_ogc(self) -> bool:
        """Whether these are an OGC API - Processes server's processes (see `describe_processes`)."""
        return self.body.get(OGC_MARK) is True

    def task(self, service: Service, name: str) -> Task:
        """One of the service's tasks (`service` is `self.service()`, made once for all its tasks)."""
        url = task_url(self.url, name)
        if self.is_ogc:
            return task_of(Process.from_json(self.tasks[name], describe_host(url), url), service)
        return Task.from_json(self.tasks[name], url, service)


def gp_services(server: Server, root: Catalog, skipped: Skipped) -> list[str]:
    """The GP services of the server's root listing `root` and of its folders."""
    names = list(root.gp_services)
    for folder in root.folders:
        try:
            names += server.catalog(folder).gp_services
        except GPError as error:
            skipped(folder, error)
    return names


def describe(server: Server, name: str) -> ServiceDescription:
    """A GP service's description and its tasks'."""
    url = service_url(server.rest_root, name)
    described = ServiceDescription(name, url, server.get(url))
    for task in described.service().tasks:
        described.tasks[task] = server.get(task_url(url, task))
    return described


def walk(
    server: Server, skipped: Skipped, cancelled: Callable[[], bool] = lambda: False
) -> tuple[Catalog, list[ServiceDescription]]:
    """The server's root listing and every GP service it has, described. A folder or service that
    cannot be read is told to `skipped` and left out; an unreachable server raises. Stops early
    (with what it has) when `cancelled()`."""
    root = server.catalog()
    found = []
    for name in gp_services(server, root, skipped):
        if cancelled():
            break
        try:
            found.append(describe(server, name))
        except GPError as error:
            skipped(name, error)
    return root, found


def describe_processes(
    server: OgcServer, skipped: Skipped, cancelled: Callable[[], bool] = lambda: False
) -> ServiceDescription:
    """Every process an OGC API - Processes server lists, with its description as the server sent
    it. A process whose description cannot be read, or is not one, is told to `skipped` and left
    out; a server that cannot be reached, or is no such server, raises. Stops early when `cancelled()`."""
    described = ServiceDescription(PROCESSES, server.processes_url, {OGC_MARK: True})
    for summary in server.processes():
        if cancelled():
            break
        try:
            described.tasks[summary.id] = dict(server.process(summary.id).raw)
        except GPError as error:
            skipped(summary.id, error)
    described.body["tasks"] = list(described.tasks)
    return described
