"""Server-side validation (ArcGIS Enterprise 12.0 `validate`): the tool's own checks of the inputs,
before a run. Only services published with validation answer it; others answer an error."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .job import Message, parse_messages
from .json_fields import list_of, text_of
from .model import Task
from .run import request_form
from .server import Server


@dataclass(frozen=True)
class ParameterCheck:
    """What validation says of one parameter."""

    name: str
    severity: str = ""
    message: str = ""
    code: int | None = None
    altered: bool = False
    enabled: bool = True
    value: Any = None

    @property
    def is_error(self) -> bool:
        return self.severity == "error"


@dataclass(frozen=True)
class Validation:
    checks: list[ParameterCheck]
    messages: list[Message]

    @property
    def errors(self) -> list[ParameterCheck]:
        return [check for check in self.checks if check.is_error]

    @classmethod
    def from_json(cls, body: dict[str, Any]) -> Validation:
        checks = [_check(item) for item in list_of(body.get("validationResults")) if isinstance(item, dict)]
        return cls(checks, parse_messages(body.get("additionalMessages")))


def validate(server: Server, task: Task, inputs: Mapping[str, Any]) -> Validation:
    return Validation.from_json(server.post(f"{task.url}/validate", request_form(server, task, inputs)))


def _check(item: dict[str, Any]) -> ParameterCheck:
    message = item.get("message")
    message = message if isinstance(message, dict) else {}
    code = message.get("code")
    return ParameterCheck(
        name=text_of(item.get("name")),
        severity=text_of(message.get("type")).lower(),
        message=text_of(message.get("description")),
        code=code if isinstance(code, int) and not isinstance(code, bool) else None,
        altered=bool(item.get("isAltered")),
        enabled=item.get("isEnabled", True) is not False,
        value=item.get("value"),
    )
