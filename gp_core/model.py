"""What a GP server describes: services, tasks, parameters and data types.

Parsing is tolerant the way real servers need: missing keys take their documented
defaults, descriptions may be HTML-escaped, defaults come in any shape. A key of the wrong
JSON type counts as missing, so every field has the type it is declared with. Anything a
task cannot work without (a name, a data type) is a BadResponse naming the task.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from typing import Any

from .errors import BadResponse, UnknownParameter, quoted
from .filters import Rules, choices_of
from .json_fields import list_of, number_of, text_of
from .ogc_model import Process

SYNCHRONOUS = "esriExecutionTypeSynchronous"
ASYNCHRONOUS = "esriExecutionTypeAsynchronous"


@dataclass(frozen=True)
class DataType:
    """A parameter's exact `dataType`, with the member type of `GPMultiValue:<T>` split out."""

    name: str

    @property
    def base(self) -> str:
        return self.name.split(":", 1)[0]

    @property
    def member(self) -> str | None:
        """`GPString` for `GPMultiValue:GPString`; None for every other type."""
        base, _, member = self.name.partition(":")
        return member or None if base == "GPMultiValue" else None

    def __str__(self) -> str:
        return self.name


@dataclass(frozen=True)
class Column:
    """A column of a GPValueTable."""

    name: str
    data_type: DataType
    rules: Rules


@dataclass
class Parameter:
    name: str
    data_type: DataType
    display_name: str = ""
    description: str = ""
    direction: str = "esriGPParameterDirectionInput"
    default_value: Any = None
    parameter_type: str = "esriGPParameterTypeRequired"
    category: str = ""
    choice_list: list[str] | None = None
    filter: dict[str, Any] | None = None
    dependency: str | None = None
    parameter_infos: list[dict[str, Any]] = field(default_factory=list)

    @property
    def is_input(self) -> bool:
        return self.direction != "esriGPParameterDirectionOutput"

    @property
    def is_required(self) -> bool:
        return self.parameter_type == "esriGPParameterTypeRequired"

    @property
    def is_derived(self) -> bool:
        return self.parameter_type == "esriGPParameterTypeDerived"

    @property
    def label(self) -> str:
        return self.display_name or self.name

    @property
    def rules(self) -> Rules:
        return Rules(self.name, self.choice_list, self.filter)

    @property
    def columns(self) -> list[Column]:
        """A GPValueTable's columns, from `parameterInfos` (11.0+)."""
        if self.data_type.base != "GPValueTable":
            return []
        columns = []
        for number, info in enumerate(self.parameter_infos, start=1):
            name = text_of(info.get("name"))
            columns.append(
                Column(
                    name or f"column {number}",
                    DataType(text_of(info.get("dataType")) or "GPString"),
                    Rules.of(f"{self.name}[{name or number}]", info),
                )
            )
        return columns

    @property
    def allowed_types(self) -> list[DataType]:
        """A GPComposite's possible types, from `parameterInfos` (11.0+); the member's for a multivalue of them.
        Each is a single type: a composite or multivalue listed among them is no type a value can have."""
        infos = self.parameter_infos
        if self.data_type.member == "GPComposite" and infos and isinstance(infos[0].get("parameterInfos"), list):
            infos = infos[0]["parameterInfos"]
        types = [
            DataType(info["dataType"]) for info in infos if isinstance(info, dict) and text_of(info.get("dataType"))
        ]
        return [data_type for data_type in types if data_type.base not in ("GPComposite", "GPMultiValue")]

    @classmethod
    def from_json(cls, body: dict[str, Any], task: str) -> Parameter:
        name, data_type = body.get("name"), body.get("dataType")
        if not isinstance(name, str) or not name or not isinstance(data_type, str) or not data_type:
            raise BadResponse(f"Task '{task}' describes a parameter without a name or data type: {quoted(body)}")
        return cls(
            name=name,
            data_type=DataType(data_type),
            display_name=_text(body.get("displayName")),
            description=_text(body.get("description")),
            direction=text_of(body.get("direction")) or "esriGPParameterDirectionInput",
            default_value=body.get("defaultValue"),
            parameter_type=text_of(body.get("parameterType")) or "esriGPParameterTypeRequired",
            category=_text(body.get("category")),
            choice_list=choices_of(body.get("choiceList")),
            filter=body.get("filter") if isinstance(body.get("filter"), dict) else None,
            dependency=text_of(body.get("dependency")) or None,
            parameter_infos=[info for info in list_of(body.get("parameterInfos")) if isinstance(info, dict)],
        )


@dataclass
class Task:
    """A GP task; `url` is the task resource, `service` the service it belongs to."""

    url: str
    name: str
    service: Service
    display_name: str = ""
    description: str = ""
    category: str = ""
    help_url: str = ""
    execution_type: str = ""
    parameters: list[Parameter] = field(default_factory=list)
    process: Process | None = field(default=None, repr=False)
    """The OGC API - Processes process this task stands for (ogc_task); None for a GP task."""

    @property
    def is_synchronous(self) -> bool:
        return (self.execution_type or self.service.execution_type) == SYNCHRONOUS

    @property
    def inputs(self) -> list[Parameter]:
        return [p for p in self.parameters if p.is_input]

    @property
    def outputs(self) -> list[Parameter]:
        return [p for p in self.parameters if not p.is_input]

    def parameter(self, name: str) -> Parameter:
        """The parameter called `name` (case-insensitive), or UnknownParameter listing the task's parameters."""
        for parameter in self.parameters:
            if parameter.name.lower() == name.lower():
                return parameter
        known = ", ".join(p.name for p in self.parameters) or "none"
        raise UnknownParameter(f"Task '{self.name}' has no parameter '{name}' (its parameters: {known}).")

    @classmethod
    def from_json(cls, body: dict[str, Any], url: str, service: Service) -> Task:
        name = body.get("name")
        if not isinstance(name, str) or not name:
            raise BadResponse(f"{url} is not a GP task description (it has no name).")
        parameters = body.get("parameters")
        if not isinstance(parameters, list):
            raise BadResponse(f"Task '{name}' has no parameter list.")
        return cls(
            url=url,
            name=name,
            service=service,
            display_name=_text(body.get("displayName")) or name,
            description=_text(body.get("description")),
            category=_text(body.get("category")),
            help_url=text_of(body.get("helpUrl")),
            execution_type=text_of(body.get("executionType")) or service.execution_type,
            parameters=[Parameter.from_json(p, name) for p in parameters if isinstance(p, dict)],
        )


@dataclass
class Service:
    """A GPServer resource; `url` ends in `/GPServer`, `name` includes its folder (`GP/BufferByVal`)."""

    url: str
    name: str
    description: str = ""
    tasks: list[str] = field(default_factory=list)
    execution_type: str = ASYNCHRONOUS
    result_map_server_name: str = ""
    maximum_records: int | None = None
    capabilities: str = ""
    current_version: float | None = None

    @property
    def is_synchronous(self) -> bool:
        return self.execution_type == SYNCHRONOUS

    @property
    def supports_uploads(self) -> bool:
        return "uploads" in self.capabilities.lower().replace(" ", "").split(",")

    @property
    def map_server_url(self) -> str | None:
        """The result map service, which sits beside the GPServer under the same folder."""
        if not self.result_map_server_name:
            return None
        return self.url[: -len("/GPServer")] + "/MapServer"

    @classmethod
    def from_json(cls, body: dict[str, Any], url: str, name: str) -> Service:
        tasks = body.get("tasks")
        if not isinstance(tasks, list):
            raise BadResponse(f"{url} is not a GP service description (it lists no tasks).")
        records = body.get("maximumRecords")
        return cls(
            url=url,
            name=name,
            description=_text(body.get("serviceDescription") or body.get("description")),
            tasks=[task for task in tasks if isinstance(task, str) and task],
            execution_type=text_of(body.get("executionType")) or ASYNCHRONOUS,
            result_map_server_name=text_of(body.get("resultMapServerName")),
            maximum_records=records if isinstance(records, int) and not isinstance(records, bool) else None,
            capabilities=text_of(body.get("capabilities")),
            current_version=number_of(body.get("currentVersion")),
        )


@dataclass(frozen=True)
class ServiceEntry:
    name: str
    type: str


@dataclass
class Catalog:
    """A catalog or folder listing: its sub-folders and its services (all types)."""

    url: str
    folders: list[str]
    services: list[ServiceEntry]
    current_version: float | None = None

    @property
    def gp_services(self) -> list[str]:
        return [entry.name for entry in self.services if entry.type == "GPServer"]

    @classmethod
    def from_json(cls, body: dict[str, Any], url: str) -> Catalog:
        if not isinstance(body.get("folders", []), list) or not isinstance(body.get("services", []), list):
            raise BadResponse(f"{url} is not an ArcGIS services directory.")
        services = [
            ServiceEntry(text_of(entry.get("name")), text_of(entry.get("type")))
            for entry in body.get("services") or []
            if isinstance(entry, dict)
        ]
        return cls(
            url=url,
            folders=[folder for folder in body.get("folders") or [] if isinstance(folder, str) and folder],
            services=services,
            current_version=number_of(body.get("currentVersion")),
        )


def _text(value: Any) -> str:
    """Descriptions arrive plain, HTML-escaped, or null."""
    return html.unescape(value) if isinstance(value, str) else ""
