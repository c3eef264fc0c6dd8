"""The `remotegp` Processing provider: one algorithm per cached remote task.

Loading reads only the description cache, so QGIS starts with no network request however many
tasks there are. `refresh` fetches descriptions in a background QgsTask and reloads the
algorithms on the main thread when it is done; a server that cannot be reached keeps its cached
algorithms and says so in the log.
"""
from __future__ import annotations

from pathlib import Path

from qgis.core import Qgis, QgsApplication, QgsMessageLog, QgsProcessingProvider, QgsTask
from qgis.PyQt.QtGui import QIcon

from ..gp_core import GPError
from . import descriptions
from .algorithm import RemoteAlgorithm
from .connections import Connection, ConnectionStore, Credentials, open_server, read_credentials
from .feedback import LOG_TAG
from .i18n import tr

ICON = Path(__file__).resolve().parent.parent / "ui" / "icons" / "remote_gp.svg"


class RemoteGpProvider(QgsProcessingProvider):
    def __init__(self, store: ConnectionStore | None = None):
        super().__init__()
        self.store = store or ConnectionStore()
        self._refreshing: set[RefreshTask] = set()  # a QgsTask without a Python reference never runs

    def id(self) -> str:
        return "remotegp"

    def name(self) -> str:
        return "Remote GP"

    def longName(self) -> str:  # noqa: N802
        return tr("Remote GP (ArcGIS geoprocessing services)")

    def icon(self) -> QIcon:
        return QIcon(str(ICON))

    def svgIconPath(self) -> str:  # noqa: N802
        return str(ICON)

    def loadAlgorithms(self) -> None:  # noqa: N802
        for connection in self.store.all():
            cached = descriptions.load(connection.key)
            for task in cached.tasks() if cached else []:
                self.addAlgorithm(RemoteAlgorithm(connection, task, self.icon()))

    def refresh(self, connections: list[Connection] | None = None) -> RefreshTask:
        """Fetch the descriptions of `connections` (all by default) in the background."""
        chosen = connections if connections is not None else self.store.all()
        task = RefreshTask([(c, read_credentials(c)) for c in chosen])
        self._refreshing.add(task)
        task.taskCompleted.connect(lambda: self._refreshed(task))
        task.taskTerminated.connect(lambda: self._refreshed(task))
        QgsApplication.taskManager().addTask(task)
        return task

    def _refreshed(self, task: RefreshTask) -> None:
        """On the main thread: store what was fetched (whole walks only) and rebuild the algorithms."""
        self._refreshing.discard(task)
        for key, fetched in task.fetched.items():
            descriptions.save(key, fetched)
        self.refreshAlgorithms()

    def stop_refreshing(self) -> None:
        """Before the provider goes (plugin unload): refreshes under way end without reporting to it."""
        for task in list(self._refreshing):
            task.taskCompleted.disconnect()
            task.taskTerminated.disconnect()
            task.cancel()
        self._refreshing.clear()


class RefreshTask(QgsTask):
    """Fetches the task descriptions of some connections; `fetched` maps connection keys to them."""

    def __init__(self, connections: list[tuple[Connection, Credentials]]):
        super().__init__(tr("Refreshing Remote GP connections"), QgsTask.CanCancel)
        self.connections = connections
        self.fetched: dict[str, descriptions.Descriptions] = {}

    def run(self) -> bool:
        for number, (connection, credentials) in enumerate(self.connections):
            if self.isCanceled():
                return False
            try:
                server = open_server(connection, credentials)
                found = descriptions.fetch(
                    server, lambda name, error, c=connection: _log(tr("{connection}: {name} left out: {error}").format(
                        connection=c.name, name=name, error=error)),
                    self.isCanceled)
                if self.isCanceled():
                    return False  # a walk cut short must not replace the cache
                self.fetched[connection.key] = found
                _log(tr("{connection}: {count} task(s).").format(connection=connection.name, count=found.task_count),
                     Qgis.Info)
            except GPError as error:
                _log(tr("{connection} could not be refreshed; its cached algorithms stay: {error}").format(
                    connection=connection.name, error=error))
            except Exception as error:  # noqa: BLE001 — an exception out of QgsTask.run ends QGIS itself
                _log(tr("{connection} could not be refreshed ({error}); its cached algorithms stay.").format(
                    connection=connection.name, error=f"{type(error).__name__}: {error}"), Qgis.Critical)
            self.setProgress(100 * (number + 1) / len(self.connections))
        return True


def _log(message: str, level: Qgis.MessageLevel = Qgis.Warning) -> None:
    QgsMessageLog.logMessage(message, LOG_TAG, level)
