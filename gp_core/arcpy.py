"""An arcpy-compatible face for Esri's "use geoprocessing services in Python" workflow.

Change a script's `import arcpy` to `from remote_gp.gp_core import arcpy` and it runs anywhere:

    arcpy.ImportToolbox("http://host/arcgis/services;GP/BufferByVal", "mytools")
    points = arcpy.GetParameterValue("bufferpoints", 0)
    points.load("roads.shp")
    result = arcpy.BufferPoints_mytools(points, "5 feet")
    while result.status < 4:
        time.sleep(0.2)
    result[0].save("buffers.shp")
"""

from __future__ import annotations

import re
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any, Callable

from .errors import GPError, JobError, warn
from .exchange import Settings
from .featureset import FeatureSet
from .job import Job, Message, PollPolicy, status_code
from .mapimage import export_url
from .model import Parameter, Task
from .remote import RemoteFile
from .run import Execution, run
from .server import Server
from .units import LinearUnit
from .urls import parse_service_address
from .values import schema_of

RecordSet = FeatureSet
ExecuteError = JobError

__all__ = [
    "ImportToolbox",
    "GetParameterValue",
    "IsSynchronous",
    "Result",
    "FeatureSet",
    "RecordSet",
    "ExecuteError",
    "env",
]


class _Setting:
    """An attribute of arcpy.env that is a field of the Settings every imported toolbox's server shares."""

    def __init__(self, field: str, kind: type):
        self._field, self._kind = field, kind

    def __set_name__(self, owner: type, name: str) -> None:
        self._name = name

    def __get__(self, env: Environment | None, owner: type | None = None) -> Any:
        return self if env is None else getattr(env.settings, self._field)

    def __set__(self, env: Environment, value: Any) -> None:
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not value > 0:
            raise GPError(f"arcpy.env.{self._name} must be a positive number, not {value!r}.")
        setattr(env.settings, self._field, self._kind(value))


class Environment:
    """arcpy.env, for what server tools use: where raster and file outputs are written; and, beyond
    arcpy, how long requests and jobs may take and how large an answer may be."""

    scratchWorkspace: str | None = None
    requestTimeout = _Setting("request_deadline", float)
    """Seconds a request and its whole answer may take (600 by default): a server that stops
    sending, or trickles, ends in an error after that long."""
    downloadTimeout = _Setting("download_deadline", float)
    """Seconds a file download or upload may take (3600 by default)."""
    maxResponseBytes = _Setting("max_body_bytes", int)
    """The largest answer read into memory, in bytes once decompressed (512 MiB by default)."""
    jobTimeout: float | None = None
    """Seconds a result's outputs (getOutput, result[i], getMapImageURL) wait for its job to end;
    None (the default): as long as the job runs. Then ExecuteError; the job goes on on the server."""

    def __init__(self) -> None:
        self.settings = Settings()

    @property
    def scratchFolder(self) -> str:
        """scratchWorkspace when set (the folder holding it when it is a geodatabase), else the system temp folder."""
        if not self.scratchWorkspace:
            return tempfile.gettempdir()
        workspace = Path(self.scratchWorkspace)
        return str(workspace.parent if workspace.suffix.lower() == ".gdb" else workspace)


env = Environment()


class Toolbox:
    """What ImportToolbox returns: the service's tasks as tool functions (`toolbox.BufferPoints`)."""

    def __init__(self, server: Server, alias: str, tasks: list[Task]):
        self.server = server
        self.alias = alias
        self.tasks = tasks
        self.tools: dict[str, tuple[Task, Callable[..., Result]]] = {}
        """Each tool by its name on this toolbox: the task it runs, and its function."""
        for task in tasks:
            name = _identifier(task.name)
            if name in self.tools:
                warn(
                    f"Tasks '{self.tools[name][0].name}' and '{task.name}' are both the tool {name}_{alias}: "
                    f"it runs '{task.name}'."
                )
            self.tools[name] = task, _tool(server, task)
            if name in _TOOLBOX_ATTRIBUTES:
                warn(f"The tool {name} is arcpy.{name}_{alias} only: the toolbox's '{name}' is its own attribute.")
            else:
                setattr(self, name, self.tools[name][1])

    def __repr__(self) -> str:
        return f"<Toolbox {self.alias}: {', '.join(t.name for t in self.tasks)}>"


_TOOLBOX_ATTRIBUTES = {"server", "alias", "tasks", "tools"}
#: The task each tool (by its arcpy name, `BufferPoints_mytools`) runs.
_tools: dict[str, Task] = {}


def ImportToolbox(input_file: str, module_name: str | None = None) -> Toolbox:
    """Import a GP service as a toolbox. Every address form arcpy takes works (`URL;service`,
    `URL;service;username;password`, `URL;service;token=<token>;<referer>`), and a REST GPServer URL.
    Tools become `<Task>_<alias>` functions here and attributes of the returned toolbox. An alias may
    gather the tools of several services; a tool of another service with the same name is replaced,
    with a warning."""
    address = parse_service_address(input_file)
    alias = module_name or _identifier(address.service.rsplit("/", 1)[-1])
    module = sys.modules[__name__]
    if not alias.isidentifier() or (hasattr(module, alias) and not isinstance(getattr(module, alias), Toolbox)):
        raise GPError(
            f"'{alias}' cannot be a toolbox alias (it is not a Python name, or a name of arcpy "
            "itself): import the toolbox under another alias."
        )
    server = Server(
        address.rest_root,
        token=address.token,
        username=address.username,
        password=address.password,
        referer=address.referer,
        settings=env.settings,
    )
    service = server.service(address.service)
    toolbox = Toolbox(server, alias, [server.task(service, name) for name in service.tasks])
    setattr(module, alias, toolbox)
    for name, (task, tool) in toolbox.tools.items():
        key = f"{name}_{alias}"
        previous = _tools.get(key)
        if previous is not None and previous.service.url != service.url:
            warn(
                f"arcpy.{key} now runs '{task.name}' of {service.url}, no longer '{previous.name}' of "
                f"{previous.service.url}: import one of them under another alias to keep both."
            )
        _tools[key] = task
        setattr(module, key, tool)
    return toolbox


def GetParameterValue(tool_name: str, index: int) -> Any:
    """A tool parameter's default: an empty FeatureSet with the task's schema for feature and table
    parameters, the default value otherwise."""
    parameter = _find_task(tool_name).parameters[index]
    if parameter.data_type.base in ("GPFeatureRecordSetLayer", "GPRecordSet"):
        return schema_of(parameter)
    if parameter.data_type.base == "GPLinearUnit" and isinstance(parameter.default_value, dict):
        return str(LinearUnit.from_json(parameter.default_value))
    return parameter.default_value


def IsSynchronous(tool_name: str) -> bool:
    return _find_task(tool_name).is_synchronous


class Result:
    """A tool run, like arcpy's Result. `status` is arcpy's code (0 new … 4 succeeded, 5 failed,
    …, 8 cancelled), brought up to date by reading it; outputs are fetched when first asked for."""

    def __init__(self, outcome: Job | Execution, policy: PollPolicy = PollPolicy()):  # noqa: B008 — frozen
        self._outcome = outcome
        self._policy = policy
        self._interval = policy.first
        self._next_poll = 0.0
        self._lock = threading.Lock()
        self._outputs: dict[int, Any] = {}

    def __repr__(self) -> str:
        return f"<Result {self.resultID} status={self.status}>"

    @property
    def resultID(self) -> str:
        return self._outcome.id if isinstance(self._outcome, Job) else ""

    @property
    def status(self) -> int:
        outcome = self._outcome
        if isinstance(outcome, Job) and not outcome.is_ended:
            with self._lock:
                if time.monotonic() >= self._next_poll:
                    changed, new = outcome.poll()
                    grown = min(self._interval * self._policy.factor, self._policy.longest)
                    self._interval = self._policy.first if changed or new else grown
                    self._next_poll = time.monotonic() + self._interval
        return status_code(outcome.status)

    @property
    def outputCount(self) -> int:
        return len(self._outcome.task.outputs)

    @property
    def messageCount(self) -> int:
        return len(self._outcome.messages)

    @property
    def maxSeverity(self) -> int:
        return max((m.severity for m in self._outcome.messages), default=0)

    def getMessage(self, index: int) -> str:
        return self._outcome.messages[index].description

    def getMessages(self, severity: int = 0) -> str:
        """All messages (0), warnings only (1) or errors only (2), one per line."""
        return "\n".join(m.description for m in self._outcome.messages if _shown(m, severity))

    def getOutput(self, index: int) -> Any:
        """An output by position: a FeatureSet for features and tables, the local path of a
        downloaded TIFF or file (written to env.scratchWorkspace, else the temp folder), or the value.
        Waits for an unfinished job; raises ExecuteError when the job did not succeed."""
        if index not in self._outputs:
            outcome = self._finished()
            parameter = outcome.task.outputs[index]
            self._outputs[index] = _local(outcome.output(parameter.name))
        return self._outputs[index]

    def __getitem__(self, index: int) -> Any:
        return self.getOutput(index)

    def getMapImageURL(
        self, parameter_list: int | list[int] = 0, height: int = 600, width: int = 800, resolution: int = 96
    ) -> str:
        """A URL the result map service answers with a PNG of that output."""
        outcome = self._finished()
        if not isinstance(outcome, Job):
            raise JobError(f"Task '{outcome.task.name}' runs synchronously and has no result map service.")
        index = parameter_list[0] if isinstance(parameter_list, list) else parameter_list
        return export_url(outcome, outcome.task.outputs[index].name, width, height, resolution)

    def cancel(self) -> None:
        if isinstance(self._outcome, Job) and not self._outcome.is_ended:
            self._outcome.cancel()

    def _finished(self) -> Job | Execution:
        """The outcome once its job ended (at once when it had: no more status requests)."""
        if isinstance(self._outcome, Job):
            self._outcome.wait(policy=self._policy, timeout=env.jobTimeout)
            self._outcome.check()
        return self._outcome


def _tool(server: Server, task: Task) -> Callable[..., Result]:
    inputs = task.inputs

    def tool(*args: Any, **kwargs: Any) -> Result:
        if len(args) > len(inputs):
            raise GPError(f"{task.name} takes {len(inputs)} inputs ({_signature(inputs)}), {len(args)} were given.")
        values = {parameter.name: value for parameter, value in zip(inputs, args)}
        values.update(kwargs)
        return Result(run(server, task, values))

    tool.__name__ = _identifier(task.name)
    tool.__doc__ = f"{task.display_name}({_signature(inputs)})\n\n{task.description}"
    return tool


def _find_task(tool_name: str) -> Task:
    """A tool by `Task_alias` or by task name alone (case-insensitive) among imported toolboxes."""
    wanted = tool_name.lower()
    found = [
        task
        for key, task in _tools.items()
        if wanted in (key.lower(), _identifier(task.name).lower(), task.name.lower())
    ]
    if not found:
        raise GPError(f"No imported tool is called '{tool_name}'. Call ImportToolbox first.")
    if len({id(task) for task in found}) > 1:
        raise GPError(f"'{tool_name}' is in several imported toolboxes: name it as <Tool>_<alias>.")
    return found[0]


def _local(value: Any) -> Any:
    """Files are downloaded into the scratch folder; a unique name keeps earlier outputs."""
    if isinstance(value, RemoteFile):
        folder = Path(env.scratchFolder)
        folder.mkdir(parents=True, exist_ok=True)
        return str(value.download(_unused(folder / value.name)))
    if isinstance(value, LinearUnit):
        return str(value)
    return value


def _unused(path: Path) -> Path:
    candidate, number = path, 0
    while candidate.exists():
        number += 1
        candidate = path.with_name(f"{path.stem}_{number}{path.suffix}")
    return candidate


def _shown(message: Message, severity: int) -> bool:
    return severity == 0 or message.severity == severity


def _signature(inputs: list[Parameter]) -> str:
    return ", ".join(p.name if p.is_required else f"{{{p.name}}}" for p in inputs)


def _identifier(name: str) -> str:
    return re.sub(r"\W", "", name)
