"""Remote GP in QGIS's Browser panel: the tree of `browser_items` and what a user does with it
(context menus, double-click), registered and unregistered together.

The plugin calls `register(...)` in initGui, with its connection store, its Processing provider's
refresh and what to do when connections change, and `unregister(handle)` in unload.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Optional

from qgis.core import Qgis, QgsApplication, QgsDataItem, QgsMessageLog, QgsTask
from qgis.gui import QgsDataItemGuiContext, QgsDataItemGuiProvider, QgsGui, QgsMessageBar
from qgis.PyQt.QtCore import QUrl
from qgis.PyQt.QtGui import QDesktopServices
from qgis.PyQt.QtWidgets import QAction, QDialog, QMenu, QMessageBox, QWidget

from ..bridge.connections import Connection, ConnectionStore
from ..bridge.i18n import tr
from ..bridge.product import NAME
from .browser_items import (
    ConnectionItem,
    FolderItem,
    RemoteGpItemProvider,
    RootItem,
    ServiceItem,
    TaskItem,
    reload,
)
from .connection_dialog import ConnectionEditor

Actions = list[tuple[str, Callable[[], None]]]
Refresh = Callable[[list[Connection]], QgsTask]
"""Fetches the descriptions of connections again (the Processing provider's `refresh`)."""
Changed = Callable[[Optional[Connection]], None]  # not `Connection | None`: Python 3.9
"""Told that a connection was added or edited (it), or removed (None)."""


@dataclass
class Registration:
    """What `register` added. Holding it keeps the Python side of both providers alive."""

    items: RemoteGpItemProvider
    gui: RemoteGpGuiProvider


def register(store: ConnectionStore, refresh: Refresh, changed: Changed, window: QWidget | None) -> Registration:
    """Adds the "Remote GP" root to the Browser (the connections of `store`), and its actions,
    which `refresh` connections and tell `changed` when they change them."""
    handle = Registration(RemoteGpItemProvider(store), RemoteGpGuiProvider(store, refresh, changed, window))
    QgsApplication.dataItemProviderRegistry().addProvider(handle.items)
    QgsGui.dataItemGuiProviderRegistry().addProvider(handle.gui)
    return handle


def unregister(handle: Registration) -> None:
    """Removes what `register` added (the registries delete the providers)."""
    QgsGui.dataItemGuiProviderRegistry().removeProvider(handle.gui)
    QgsApplication.dataItemProviderRegistry().removeProvider(handle.items)


class RemoteGpGuiProvider(QgsDataItemGuiProvider):
    """Context menus of the Remote GP items, and double-click on a task to run it."""

    def __init__(self, store: ConnectionStore, refresh: Refresh, changed: Changed, window: QWidget | None = None):
        super().__init__()
        self.store = store
        self._refresh = refresh
        self._changed = changed
        self._window = window

    def name(self) -> str:
        return NAME

    def populateContextMenu(  # noqa: N802
        self,
        item: QgsDataItem,
        menu: QMenu,
        selectedItems: list[QgsDataItem],  # noqa: N803
        context: QgsDataItemGuiContext,
    ) -> None:
        # The menu pops up after this returns, when `context` is gone: the actions keep its message bar.
        for text, slot in self.actions(item, context.messageBar()):
            action = QAction(text, menu)
            action.triggered.connect(slot)
            menu.addAction(action)

    def handleDoubleClick(self, item: QgsDataItem, context: QgsDataItemGuiContext) -> bool:  # noqa: N802
        if not isinstance(item, TaskItem):
            return False
        self.run(item, context.messageBar())
        return True

    def actions(self, item: QgsDataItem, bar: QgsMessageBar | None) -> Actions:
        """The menu entries of an item: (text, what it does)."""
        if isinstance(item, RootItem):
            return [(tr("New Connection…"), lambda: self.new_connection(item))]
        if isinstance(item, ConnectionItem):
            return [
                (tr("Refresh"), lambda: self.refresh(item)),
                (tr("Edit Connection…"), lambda: self.edit_connection(item)),
                (tr("Remove Connection"), lambda: self.remove_connection(item)),
            ]
        if isinstance(item, FolderItem):
            return [(tr("Refresh"), lambda: reload(item))]
        if isinstance(item, ServiceItem):
            return [
                (tr("Open Service Page"), lambda: open_page(item.page_url())),
                (tr("Refresh"), lambda: reload(item)),
            ]
        if isinstance(item, TaskItem):
            return [
                (tr("Open Task Page"), lambda: open_page(item.page_url())),
                (tr("Run…"), lambda: self.run(item, bar)),
            ]
        return []

    def run(self, item: TaskItem, bar: QgsMessageBar | None) -> None:
        """Opens the task's algorithm dialog; when its description is not cached yet (no algorithm),
        once the connection is refreshed."""
        algorithm = item.algorithm_id()
        if QgsApplication.processingRegistry().algorithmById(algorithm) is not None:
            show_algorithm_dialog(algorithm)
            return
        name, connection = item.name(), item.source.connection
        notify(
            bar,
            tr(
                "{task} is not among the Processing algorithms yet: refreshing the connection {connection} first."
            ).format(task=name, connection=connection.name),
        )
        refresh = self._refresh([connection])
        # Connected after the provider's own handler, which loads the refreshed algorithms first.
        refresh.taskCompleted.connect(lambda: open_refreshed(algorithm, name, bar))
        refresh.taskTerminated.connect(lambda: open_refreshed(algorithm, name, bar))

    def refresh(self, item: ConnectionItem) -> None:
        """The connection's items and its Processing algorithms, fetched again."""
        item.update(item.connection)
        self._refresh([item.connection])

    def new_connection(self, root: RootItem) -> None:
        editor = ConnectionEditor(parent=self._window)
        if editor.exec_():
            self._changed(self.store.add(*editor.values()))
            root.refresh()

    def edit_connection(self, item: ConnectionItem) -> None:
        editor = ConnectionEditor(item.connection, self._window)
        if editor.exec_():
            updated = self.store.rename(item.connection, *editor.values())
            item.update(updated)
            self._changed(updated)

    def remove_connection(self, item: ConnectionItem) -> None:
        answer = QMessageBox.question(
            self._window, tr("Remove Connection"), tr("Remove the connection '{}'?").format(item.connection.name)
        )
        if answer == QMessageBox.Yes:
            self.remove(item)

    def remove(self, item: ConnectionItem) -> None:
        """The connection, its item and its algorithms removed."""
        self.store.remove(item.connection.key)
        self._changed(None)
        item.parent().refresh()


def show_algorithm_dialog(algorithm: str) -> QDialog:
    """The algorithm's Processing dialog, shown without blocking; it deletes itself when closed."""
    import processing

    dialog = processing.createAlgorithmDialog(algorithm)
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()
    return dialog


def open_refreshed(algorithm: str, name: str, bar: QgsMessageBar | None) -> None:
    """After a refresh for a task that had no algorithm: its dialog, or why it still has none."""
    if QgsApplication.processingRegistry().algorithmById(algorithm) is not None:
        show_algorithm_dialog(algorithm)
        return
    notify(bar, tr("{task} could not be read from its server: see the Remote GP log.").format(task=name), Qgis.Warning)


def open_page(url: QUrl) -> None:
    QDesktopServices.openUrl(url)


def notify(bar: QgsMessageBar | None, message: str, level: Qgis.MessageLevel = Qgis.Info) -> None:
    """In the log, and in the Browser's message bar when it has one."""
    QgsMessageLog.logMessage(message, NAME, level)
    if bar is not None:
        bar.pushMessage(NAME, message, level)
