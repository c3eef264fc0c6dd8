"""Task descriptions cached on disk, so QGIS starts with its remote algorithms and no network request.

One JSON file per connection (`<profile>/remote_gp/descriptions/<key>.json`) holds every GP
service and task description as the server sent them, with the server's `currentVersion`.
Refreshing fetches them again (in a background task, or in the `remotegp:refreshconnections`
algorithm) and replaces the file only after a walk that went through: a server that cannot be
reached, or a refresh cancelled half-way, leaves the cached algorithms usable. Folders and services
the walk could not read (one that needs a sign-in) are left out and remembered with the cache: a
warning the first time, a line of information at the refreshes after.

The file is JSON lines, made at the refresh: first each task's service, name and display name,
and a fingerprint of the code that made the specs; then, a line each, their algorithms' Processing
parameter specs (see parameters.py); last, the descriptions. A start reads the names and keeps each
algorithm's specs as text, parsed when QGIS asks the algorithm for its parameters (and dropped
after: the garbage collector does not walk them); the descriptions are parsed, making a task, when
an algorithm runs or shows its help. With thousands of tasks, parsing every description took most
of QGIS's start. A cache of format 1 (the descriptions alone, as earlier versions wrote it), or
whose specs other code made (an updated plugin), is read whole once and rewritten.
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from qgis.core import Qgis, QgsApplication

try:
    import msgspec
except ImportError:  # optional: the standard library reads the same
    msgspec = None  # type: ignore[assignment]

from ..gp_core import GPError, OgcServer, Server, ServiceDescription, Task, describe_processes, walk
from .feedback import contained
from .i18n import tr
from .parameters import Spec, task_specs
from .source import Source

log = logging.getLogger(__name__)
FORMAT = 2
"""The file's: its first line says it."""
DESCRIPTIONS_FORMAT = 1
"""The descriptions' (the second line; the whole file in format 1)."""


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
            "format": DESCRIPTIONS_FORMAT,
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


@dataclass(frozen=True)
class Entry:
    """What registering one task's algorithm needs; its Task is made when first asked for."""

    service: str
    name: str
    display_name: str
    specs_text: bytes
    """Its Processing parameters and outputs (`parameters.build`), as a JSON array."""
    source: Stored | Task

    @classmethod
    def of(cls, task: Task) -> Entry:
        specs = json.dumps(task_specs(task)).encode()
        return cls(task.service.name, task.name, task.display_name or task.name, specs, task)

    def specs(self) -> list[Spec]:
        return _decoded(self.specs_text)

    def task(self) -> Task:
        return self.source if isinstance(self.source, Task) else self.source.task(self.service, self.name)


class Stored:
    """A cache file's descriptions, parsed when a task is first asked for (one parse for all)."""

    def __init__(self, text: bytes):
        self._text = text
        self._descriptions: Descriptions | None = None
        self._tasks: dict[tuple[str, str], Task] = {}

    def task(self, service: str, name: str) -> Task:
        made = self._tasks.get((service, name))
        if made is None:
            try:
                if self._descriptions is None:
                    self._descriptions = _descriptions(json.loads(self._text))
                cached = self._descriptions.services[service]
                made = self._tasks[service, name] = cached.task(cached.service(), name)
            except (ValueError, KeyError, TypeError) as error:
                raise CacheUnreadable(
                    tr(
                        "The cached description of {service}/{task} is unreadable ({error}); refresh its connection."
                    ).format(service=service, task=name, error=error)
                ) from None
        return made


class CacheUnreadable(GPError):
    """A cache file whose algorithms were read, and whose descriptions are damaged."""


def load(key: str) -> Descriptions | None:
    """The cached descriptions of a connection; None when there are none (or they are unreadable)."""
    path = cache_folder() / f"{key}.json"
    try:
        head, lines = _lines(path)
        return _descriptions(json.loads(lines[-1]) if head.get("format") == FORMAT else head)
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError, IndexError) as error:
        log.warning("The cached task descriptions in %s are unreadable (%s); refresh the connection.", path, error)
        return None


def entries(key: str) -> list[Entry] | None:
    """What registering a connection's algorithms needs, read from its cache without parsing its
    descriptions; None when there is no cache (or it is unreadable). A cache of format 1, or whose
    specs other code made, is rewritten."""
    path = cache_folder() / f"{key}.json"
    try:
        head, lines = _lines(path)
        if head.get("format") != FORMAT:
            return _upgraded(key, _descriptions(head))
        if head.get("code") != code_fingerprint():
            return _upgraded(key, _descriptions(json.loads(lines[-1])))
        names = head["algorithms"]
        if len(lines) != len(names) + 1:
            raise ValueError(f"{len(names)} algorithms, {len(lines) - 1} lines of parameters")
        stored = Stored(lines[-1])
        return [Entry(service, name, shown, specs, stored) for (service, name, shown), specs in zip(names, lines[:-1])]
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError) as error:
        log.warning("The cached task descriptions in %s are unreadable (%s); refresh the connection.", path, error)
        return None


def _lines(path: Path) -> tuple[dict[str, Any], list[bytes]]:
    """The file's first line parsed, and its other lines as they are (none in format 1)."""
    first, *lines = path.read_bytes().split(b"\n")
    head = _decoded(first)
    if not isinstance(head, dict):
        raise TypeError("not a JSON object")
    return head, lines


def _decoded(text: bytes) -> Any:
    """JSON read by msgspec where it is installed (a third faster at a start than the standard
    library), else by `json.loads`; by `json.loads` also what msgspec refuses (NaN, which `json.dumps`
    writes), so both give the same values."""
    if msgspec is not None:
        try:
            return msgspec.json.decode(text)
        except msgspec.DecodeError:
            pass
    return json.loads(text)


def _descriptions(body: dict[str, Any]) -> Descriptions:
    if body.get("format") != DESCRIPTIONS_FORMAT:
        raise ValueError(f"format {body.get('format')!r}, not {DESCRIPTIONS_FORMAT}")
    return Descriptions.from_json(body)


@functools.cache
def code_fingerprint() -> str:
    """A hash of the code that makes the specs (gp_core's and bridge's modules): a plugin updated,
    or changed in development, makes them again rather than use those an earlier version made."""
    digest = hashlib.sha256()
    package = Path(__file__).resolve().parents[1]
    for module in sorted([*package.glob("gp_core/*.py"), *package.glob("bridge/*.py")]):
        digest.update(module.name.encode() + b"\0" + module.read_bytes())
    return digest.hexdigest()[:16]


def _upgraded(key: str, descriptions: Descriptions) -> list[Entry]:
    """The entries of descriptions cached in format 1 or with other code's specs, which are saved
    again as this code makes them (if they can be: a cache that cannot be written still gives its
    algorithms)."""
    made = [Entry.of(task) for task in descriptions.tasks()]
    try:
        _write(key, made, descriptions)
        log.info("The cached task descriptions of connection %s were rewritten for this version of the plugin.", key)
    except OSError as error:
        log.warning("The cached task descriptions of connection %s could not be rewritten (%s).", key, error)
    return made


def save(key: str, descriptions: Descriptions) -> None:
    _write(key, [Entry.of(task) for task in descriptions.tasks()], descriptions)


def _write(key: str, made: list[Entry], descriptions: Descriptions) -> None:
    folder = cache_folder()
    folder.mkdir(parents=True, exist_ok=True)
    head = {
        "format": FORMAT,
        "code": code_fingerprint(),
        "algorithms": [[e.service, e.name, e.display_name] for e in made],
    }
    lines = [json.dumps(head).encode(), *(e.specs_text for e in made), json.dumps(descriptions.to_json()).encode()]
    temporary = folder / f"{key}.json.part"
    temporary.write_bytes(b"\n".join(lines))  # json.dumps writes no line break inside a document
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
        found = fetch(server_of(source, cancelled), skipped, cancelled)
    if found is None or cancelled():
        return None  # failed, or a walk cut short, which must not replace the cache
    found.left_out = left_out
    text = (
        tr("{connection}: {tasks} OGC API process(es).")
        if connection.is_ogc
        else tr("{connection}: {services} GP service(s), {tasks} task(s).")
    )
    report(text.format(connection=connection.name, services=len(found.services), tasks=found.task_count), Qgis.Info)
    return found


def server_of(source: Source, cancelled: Callable[[], bool] | None = None) -> Server | OgcServer:
    """The server of the source's connection, of its kind."""
    return source.ogc_server(cancelled) if source.connection.is_ogc else source.server(cancelled)


def fetch(
    server: Server | OgcServer,
    skipped: Callable[[str, GPError], None],
    cancelled: Callable[[], bool] = lambda: False,
) -> Descriptions:
    """Walk the server's catalog (all folders) and read every GP service and task (gp_core's walk),
    or an OGC API server's processes (one service, `processes`). A service or process that cannot
    be read (say, one that needs a sign-in) is reported to `skipped` and left out; an unreachable
    server raises."""
    if isinstance(server, OgcServer):
        processes = describe_processes(server, skipped, cancelled)
        return Descriptions(None, {processes.name: processes})
    root, found = walk(server, skipped, cancelled)
    return Descriptions(root.current_version, {service.name: service for service in found})
