"""The `remotegp` Processing provider: one algorithm per cached remote task.

Loading reads only the description cache, so QGIS starts with no network request however many
tasks there are. `refresh` fetches descriptions in a background QgsTask and reloads the
algorithms on the main thread when it is done; a server that cannot be reached keeps its cached
algorithms and says so in the log. Two algorithms of the provider itself add a connection and
refresh connections, for qgis_process and scripts; a load that finds nothing to offer says in the
log how to fill the provider.
"""

from __future__ import annotations

from qgis.core import Qgis, QgsApplication, QgsMessageLog, QgsProcessingProvider, QgsTask
from qgis.PyQt.QtGui import QIcon

from ..gp_core import gc_paused
from . import descriptions
from .algorithm import RemoteAlgorithm
from .connection_tools import AddConnection, RefreshConnections, empty_provider_hint
from .connections import Connection, ConnectionStore
from .fanout import FanOut
from .feedback import in_qgis_process
from .i18n import tr
from .product import ICON, NAME, PROVIDER_ID
from .source import Source


class RemoteGpProvider(QgsProcessingProvider):
    def __init__(self, store: ConnectionStore | None = None):
        super().__init__()
        self.store = store or ConnectionStore()
        self._refreshing: set[RefreshTask] = set()  # a QgsTask without a Python reference never runs
        self._uncached: list[Connection] = []  # the connections the last load found no descriptions for

    def id(self) -> str:
        return PROVIDER_ID

    def name(self) -> str:
        return NAME

    def longName(self) -> str:  # noqa: N802
        return tr("Remote GP (ArcGIS geoprocessing services)")

    def icon(self) -> QIcon:
        return QIcon(str(ICON))

    def svgIconPath(self) -> str:  # noqa: N802
        return str(ICON)

    def load(self) -> bool:
        """Once per load, not on every refresh: how to fill connections that have no algorithms."""
        loaded = super().load()
        hint = empty_provider_hint(self.store.all(), self._uncached)
        if hint:
            _log(hint, _hint_level())
        return loaded

    def loadAlgorithms(self) -> None:  # noqa: N802
        self.addAlgorithm(AddConnection())
        self.addAlgorithm(RefreshConnections())
        self.addAlgorithm(FanOut())
        self._uncached = []
        icon = self.icon()  # one for all: making it (reading the SVG) for each was a third of the start
        with gc_paused():  # tens of thousands of tasks, parameters and definitions the collector would walk
            for connection in self.store.all():
                cached = descriptions.entries(connection.key)
                if cached is None:
                    self._uncached.append(connection)
                for entry in cached or []:
                    self.addAlgorithm(RemoteAlgorithm(connection, entry, icon))

    def refresh(self, connections: list[Connection] | None = None) -> RefreshTask:
        """Fetch the descriptions of `connections` (all by default) in the background."""
        chosen = connections if connections is not None else self.store.all()
        task = RefreshTask([Source.read(c) for c in chosen])
        self._refreshing.add(task)
        task.taskCompleted.connect(lambda: self._refreshed(task))
        task.taskTerminated.connect(lambda: self._refreshed(task))
        QgsApplication.taskManager().addTask(task)
        return task

    def _refreshed(self, task: RefreshTask) -> None:
        self._refreshing.discard(task)
        self.store_fetched(task.fetched)

    def store_fetched(self, fetched: dict[str, descriptions.Descriptions]) -> None:
        """On the main thread: cache what was fetched (whole walks only, by connection key) and
        rebuild the algorithms."""
        for key, found in fetched.items():
            descriptions.save(key, found)
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

    def __init__(self, sources: list[Source]):
        super().__init__(tr("Refreshing Remote GP connections"), QgsTask.CanCancel)
        self.sources = sources
        self.fetched: dict[str, descriptions.Descriptions] = {}

    def run(self) -> bool:
        for number, source in enumerate(self.sources):
            if self.isCanceled():
                return False
            found = descriptions.refresh(source, _log, self.isCanceled)
            if found is not None:
                self.fetched[source.connection.key] = found
            self.setProgress(100 * (number + 1) / len(self.sources))
        return not self.isCanceled()


def _log(message: str, level: Qgis.MessageLevel) -> None:
    QgsMessageLog.logMessage(message, NAME, level)


def _hint_level() -> Qgis.MessageLevel:
    """qgis_process prints the log's Critical messages, and no others, as they are on stderr (no
    level shown there); QGIS's Log Messages panel shows every level, and marks Critical as an error."""
    return Qgis.Critical if in_qgis_process() else Qgis.Info
