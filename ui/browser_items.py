"""The Remote GP tree of QGIS's Browser: connections, then what each server lists (folders, GP
services, tasks), fetched when an item is expanded.

QGIS calls `createChildren()` on a worker thread for items that are not `Fast`, so every network
request here runs off the main thread and QGIS stays responsive while a server answers (or does
not). Nothing on that thread touches widgets, the project or the authentication database: the
root is `Fast` (it only reads settings), so its connection items are created on the main thread,
read their credentials there and hand them down to the items below them. Items made on a worker
thread name their icon (`setIconName`) instead of loading it, since QGIS loads icons on the main
thread when it draws them.

Never call `QgsDataItem.children()` from Python in QGIS 3.22: its list conversion releases one
reference too many of each child's wrapper, which destroys the Python side of these items.
"""

from __future__ import annotations

from typing import Any

from qgis.core import (
    Qgis,
    QgsDataCollectionItem,
    QgsDataItem,
    QgsDataItemProvider,
    QgsDataProvider,
    QgsErrorItem,
    QgsMessageLog,
)
from qgis.PyQt.QtCore import QUrl
from qgis.PyQt.QtGui import QIcon

from ..bridge.algorithm import algorithm_id
from ..bridge.connections import Connection, ConnectionStore
from ..bridge.descriptions import server_of
from ..bridge.feedback import contained
from ..bridge.product import ICON, NAME, PROVIDER_ID
from ..bridge.source import Source
from ..gp_core import GPError, OgcServer, Server, Task, describe_processes, rest_root, service_url

ROOT_PATH = f"{PROVIDER_ID}:"


class RemoteGpItemProvider(QgsDataItemProvider):
    """Gives the Browser its "Remote GP" root, listing the connections of `store`."""

    def __init__(self, store: ConnectionStore):
        super().__init__()
        self.store = store

    def name(self) -> str:
        return NAME

    def capabilities(self) -> int:
        return QgsDataProvider.Net

    def createDataItem(self, path: str, parentItem: QgsDataItem | None) -> QgsDataItem | None:  # noqa: N802,N803
        return RootItem(self.store) if not path else None


class RootItem(QgsDataCollectionItem):
    """The connections of a store."""

    def __init__(self, store: ConnectionStore):
        super().__init__(None, NAME, ROOT_PATH, NAME)
        self.store = store
        self.setIcon(QIcon(str(ICON)))
        self.setCapabilitiesV2(self.capabilities2() | Qgis.BrowserItemCapability.Fast)

    def createChildren(self) -> list[QgsDataItem]:  # noqa: N802
        return [ConnectionItem(self, connection) for connection in self.store.all()]


class RemoteItem(QgsDataCollectionItem):
    """An item whose children the server lists. A server that cannot be reached, or that answers an
    error, gives one error item saying so."""

    def __init__(self, parent: QgsDataItem, name: str, path: str, source: Source):
        super().__init__(parent, name, path, NAME)
        self.source = source
        # Collapse: QGIS does not expand it again by itself at start, which would ask the server.
        self.setCapabilitiesV2(self.capabilities2() | Qgis.BrowserItemCapability.Collapse)

    def createChildren(self) -> list[QgsDataItem]:  # noqa: N802
        errors: list[QgsDataItem] = []
        with contained(lambda error, foreseen: errors.append(self.error_item(error, foreseen))):
            return self.listed(server_of(self.source))
        return errors

    def error_item(self, error: GPError, foreseen: bool) -> QgsErrorItem:
        """What went wrong, as the only child; the unforeseen also in the log."""
        if not foreseen:
            QgsMessageLog.logMessage(f"{self.path()}: {error}", NAME, Qgis.Critical)
        return QgsErrorItem(self, str(error), f"{self.path()}/error")

    def listed(self, server: Any) -> list[QgsDataItem]:
        """The children, as the server (a Server, or an OgcServer) lists them (on a worker thread)."""
        raise NotImplementedError


class ConnectionItem(RemoteItem):
    """One connection: its server's folders and the GP services of its root folder. Created on the
    main thread (the root is Fast), where reading the credentials may ask for the master password."""

    def __init__(self, parent: QgsDataItem, connection: Connection):
        super().__init__(parent, connection.name, f"{ROOT_PATH}/{connection.key}", Source.read(connection))
        self.setIconName("/mIconConnect.svg")
        self.setToolTip(connection.url)

    @property
    def connection(self) -> Connection:
        return self.source.connection

    def update(self, connection: Connection) -> None:
        """On the main thread, after an edit or to retry: the credentials are read again and the
        children fetched again."""
        self.source = Source.read(connection)
        self.setName(connection.name)
        self.setToolTip(connection.url)
        reload(self)

    def listed(self, server: Server | OgcServer) -> list[QgsDataItem]:
        if isinstance(server, OgcServer):
            return self.processes(server)
        catalog = server.catalog()
        return [FolderItem(self, self.source, folder) for folder in catalog.folders] + [
            ServiceItem(self, self.source, name) for name in catalog.gp_services
        ]

    def processes(self, server: OgcServer) -> list[QgsDataItem]:
        """An OGC API - Processes server's processes, each as its algorithm (one that cannot be read: an error item)."""
        errors: list[QgsDataItem] = []
        described = describe_processes(
            server,
            lambda name, error: errors.append(QgsErrorItem(self, f"{name}: {error}", f"{self.path()}/{name}/error")),
            self.deferredDelete,  # the item went away meanwhile: the rest is not fetched
        )
        service = described.service()
        return [TaskItem(self, self.source, described.task(service, name)) for name in described.tasks] + errors


class FolderItem(RemoteItem):
    """A folder of the server: its GP services."""

    def __init__(self, parent: QgsDataItem, source: Source, folder: str):
        super().__init__(parent, folder, f"{parent.path()}/{folder}", source)
        self.folder = folder
        self.setIconName("/mIconFolder.svg")

    def listed(self, server: Server) -> list[QgsDataItem]:
        return [ServiceItem(self, self.source, name) for name in server.catalog(self.folder).gp_services]


class ServiceItem(RemoteItem):
    """A GP service (`name` includes its folder): its tasks."""

    def __init__(self, parent: QgsDataItem, source: Source, name: str):
        super().__init__(parent, name.rsplit("/", 1)[-1], f"{ROOT_PATH}/{source.connection.key}/{name}", source)
        self.service_name = name
        self.setIconName("/processingModel.svg")
        self.setToolTip(self.page_url().toString())

    def page_url(self) -> QUrl:
        """The service's page in the server's REST directory. It never carries a token."""
        return QUrl(service_url(rest_root(self.source.connection.url), self.service_name))

    def listed(self, server: Server) -> list[QgsDataItem]:
        service = server.service(self.service_name)
        children: list[QgsDataItem] = []
        for name in service.tasks:
            if self.deferredDelete():  # the item went away meanwhile: what is fetched is not shown
                return []
            try:
                children.append(TaskItem(self, self.source, server.task(service, name)))
            except GPError as error:
                children.append(QgsErrorItem(self, f"{name}: {error}", f"{self.path()}/{name}/error"))
        return children


class TaskItem(QgsDataItem):
    """A GP task: a Processing algorithm of the `remotegp` provider."""

    def __init__(self, parent: QgsDataItem, source: Source, task: Task):
        super().__init__(
            Qgis.BrowserItemType.Custom,
            parent,
            task.display_name or task.name,
            f"{parent.path()}/{QgsDataItem.pathComponent(task.name)}",
            NAME,
        )
        self.source = source
        self.task = task
        self.setIconName("/processingAlgorithm.svg")
        self.setToolTip(task.description or task.name)
        self.setState(Qgis.BrowserItemState.Populated)  # no children

    def algorithm_id(self) -> str:
        return f"{PROVIDER_ID}:{algorithm_id(self.source.connection, self.task)}"

    def page_url(self) -> QUrl:
        """The task's page in the server's REST directory. It never carries a token."""
        return QUrl(self.task.url)


def reload(item: QgsDataItem) -> None:
    """Fetch an item's children again, in the background; one never expanded fetches them when it
    is. (`refresh()` would keep the children still listed as they were, with their own children:
    a folder's old error item, say.)"""
    if item.state() == Qgis.BrowserItemState.Populated:
        item.depopulate()
        item.populate()
