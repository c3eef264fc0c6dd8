"""What a GP service, task and parameter are, and how their REST resources describe them."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .job_script import Script
    from .toolrun import ToolContext

    Tool = Callable[[Mapping[str, Any], ToolContext], dict[str, Any]]
    ScriptOf = Callable[[Mapping[str, Any]], Script]

CURRENT_VERSION = 11.1
MAXIMUM_RECORDS = 1000
INPUT = "esriGPParameterDirectionInput"
OUTPUT = "esriGPParameterDirectionOutput"
REQUIRED = "esriGPParameterTypeRequired"
OPTIONAL = "esriGPParameterTypeOptional"
DERIVED = "esriGPParameterTypeDerived"
ASYNCHRONOUS = "esriExecutionTypeAsynchronous"
SYNCHRONOUS = "esriExecutionTypeSynchronous"
# Outputs a result map service draws, and that answer a mapImage unless returnType=data.
GEODATASET_TYPES = ("GPFeatureRecordSetLayer", "GPRasterDataLayer")
MULTI_VALUE_PREFIX = "GPMultiValue:"


@dataclass(frozen=True)
class ParamInfo:
    """An entry of ``parameterInfos`` (11.0+): a GPValueTable column, the member type of a GPMultiValue
    or an allowed type of a GPComposite (those two with empty names)."""

    data_type: str
    name: str = ""
    display_name: str = ""

    def to_json(self) -> dict[str, str]:
        return {"name": self.name, "dataType": self.data_type, "displayName": self.display_name}


@dataclass(frozen=True)
class ParamDef:
    name: str
    data_type: str
    display_name: str
    description: str
    direction: str
    parameter_type: str
    default: Any = None
    category: str = ""
    choice_list: tuple[str, ...] | None = None
    filter: Mapping[str, Any] | None = None
    dependency: str | None = None
    parameter_infos: tuple[ParamInfo, ...] = ()
    """Columns of a GPValueTable, allowed types of a GPComposite (a GPMultiValue's is derived)."""

    @property
    def is_input(self) -> bool:
        return self.direction == INPUT

    @property
    def member_type(self) -> str | None:
        """``T`` of a ``GPMultiValue:T``; None for any other type."""
        if not self.data_type.startswith(MULTI_VALUE_PREFIX):
            return None
        return self.data_type[len(MULTI_VALUE_PREFIX) :]

    @property
    def infos(self) -> tuple[ParamInfo, ...]:
        """``parameterInfos`` as an 11.x server describes them: a GPMultiValue names its member type."""
        member = self.member_type
        return (ParamInfo(member),) if member is not None and not self.parameter_infos else self.parameter_infos

    @property
    def is_geodataset(self) -> bool:
        return self.data_type in GEODATASET_TYPES

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "name": self.name,
            "dataType": self.data_type,
            "displayName": self.display_name,
            "description": self.description,
            "direction": self.direction,
            "defaultValue": self.default,
            "parameterType": self.parameter_type,
            "category": self.category,
        }
        if self.choice_list is not None:
            out["choiceList"] = list(self.choice_list)
        if self.filter is not None:
            out["filter"] = dict(self.filter)
        if self.dependency is not None:
            out["dependency"] = self.dependency
        if self.infos:
            out["parameterInfos"] = [info.to_json() for info in self.infos]
        return out


@dataclass(frozen=True)
class TaskDef:
    name: str
    display_name: str
    description: str
    params: tuple[ParamDef, ...]
    tool: Tool = field(repr=False)
    category: str = ""
    script: ScriptOf | None = field(default=None, repr=False)
    """How a job of the task shows its states, from its inputs (see jobs.py); None: the standard script."""

    @property
    def inputs(self) -> tuple[ParamDef, ...]:
        return tuple(p for p in self.params if p.is_input)

    @property
    def outputs(self) -> tuple[ParamDef, ...]:
        return tuple(p for p in self.params if not p.is_input)

    def param(self, name: str, *, inputs: bool) -> ParamDef | None:
        """Parameter names are matched without case, as ArcGIS does."""
        pool = self.inputs if inputs else self.outputs
        return next((p for p in pool if p.name.lower() == name.lower()), None)


@dataclass(frozen=True)
class ServiceDef:
    folder: str
    name: str
    description: str
    execution_type: str
    tasks: tuple[TaskDef, ...]
    result_map_server: str = ""
    uploads: bool = False
    secured: bool = False
    """Every resource of the service, its result map service and its files need a token."""
    foreign_file_host: bool = False
    """Its output files are published on another host (``localhost`` rather than the canonical host),
    in a folder that needs no token: a client must fetch them without sending its token there."""
    maximum_records: int = MAXIMUM_RECORDS
    """The most features (or rows) one output may hold to be sent: a larger output comes back without
    any, flagged ``exceededTransferLimit``, as ArcGIS does."""
    map_max_records: int = MAXIMUM_RECORDS
    """The ``maxRecordCount`` of its result map service: the most features one query answers."""

    @property
    def path(self) -> str:
        """The service's name in catalogs: ``GP/BufferByVal``, ``SlopeByVal``."""
        return f"{self.folder}/{self.name}" if self.folder else self.name

    @property
    def is_async(self) -> bool:
        return self.execution_type == ASYNCHRONOUS

    @property
    def jobs_dir_name(self) -> str:
        """Its folder under arcgisjobs, lower-case like ArcGIS's: ``gp/bufferbyval_gpserver``."""
        return f"{self.path.lower()}_gpserver"

    def task(self, name: str) -> TaskDef | None:
        return next((t for t in self.tasks if t.name.lower() == name.lower()), None)

    def to_json(self) -> dict[str, Any]:
        return {
            "currentVersion": CURRENT_VERSION,
            "serviceDescription": self.description,
            "tasks": [t.name for t in self.tasks],
            "executionType": self.execution_type,
            "resultMapServerName": self.result_map_server,
            "maximumRecords": self.maximum_records,
            "capabilities": "Uploads" if self.uploads else "",
        }

    def task_json(self, task: TaskDef) -> dict[str, Any]:
        return {
            "name": task.name,
            "displayName": task.display_name,
            "description": task.description,
            "category": task.category,
            "helpUrl": "",
            "executionType": self.execution_type,
            "parameters": [p.to_json() for p in task.params],
        }
