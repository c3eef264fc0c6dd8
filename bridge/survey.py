"""Testing a connection: what its server has (version, GP services, tasks) and how signing in went,
found in a background task so the dialog never freezes."""

from __future__ import annotations

from dataclasses import dataclass, field

from qgis.core import QgsTask

from ..gp_core import GPError
from . import descriptions
from .feedback import contained
from .i18n import tr
from .source import Source


@dataclass
class Survey:
    version: float | None = None
    services: int = 0
    tasks: int = 0
    left_out: list[str] = field(default_factory=list)
    """Folders and services that could not be read (say, ones that need a sign-in)."""
    error: str = ""


class SurveyTask(QgsTask):
    """Walks a connection's server as a refresh does, without storing anything; `survey` holds the
    findings when the task is done."""

    def __init__(self, source: Source):
        super().__init__(tr("Testing {connection}").format(connection=source.connection.name), QgsTask.CanCancel)
        self.source = source
        self.survey = Survey()

    def run(self) -> bool:
        with contained(self._failed):
            found = descriptions.fetch(
                descriptions.server_of(self.source),
                lambda name, error: self.survey.left_out.append(name),
                self.isCanceled,
            )
            self.survey.version = found.current_version
            self.survey.services = len(found.services)
            self.survey.tasks = found.task_count
            return True
        return False

    def _failed(self, error: GPError, foreseen: bool) -> None:
        self.survey.error = str(error)
