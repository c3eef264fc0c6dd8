"""The QGIS plugin: the `remotegp` Processing provider, and in the GUI its toolbox actions.
Everything it registers is removed again on unload."""

from __future__ import annotations

from .bridge import descriptions, translation
from .bridge.connections import Connection, ConnectionStore
from .bridge.i18n import tr
from .bridge.product import ICON, NAME, PROVIDER_ID
from .bridge.provider import RemoteGpProvider


class RemoteGpPlugin:
    """What QGIS's classFactory returns. `initProcessing` has no GUI code, so qgis_process can load
    the provider too."""

    def __init__(self, iface):
        self.iface = iface
        self.translator = translation.install()
        self.provider: RemoteGpProvider | None = None
        self._toolbox_actions_registered = False
        self._browser = None
        self._jobs_ui = None
        self._manager_action = None

    def initProcessing(self) -> None:  # noqa: N802 (QGIS's names)
        from qgis.core import QgsApplication

        if self.provider is None:
            self.provider = RemoteGpProvider(ConnectionStore())
            QgsApplication.processingRegistry().addProvider(self.provider)

    def initGui(self) -> None:  # noqa: N802
        self.initProcessing()
        from processing.gui.ProviderActions import ProviderActions

        ProviderActions.registerProviderActions(self.provider, toolbox_actions(self))
        self._toolbox_actions_registered = True
        from qgis.PyQt.QtCore import QTimer

        from .ui import browser, job_monitor

        self._browser = browser.register(
            self.provider.store, self.provider.refresh, self.connections_changed, self.iface.mainWindow()
        )
        self._jobs_ui = job_monitor.register(self.provider.store, self.iface)
        self._manager_action = connections_action(self)
        for action in (self._manager_action, self._jobs_ui.action):
            self.iface.addPluginToWebMenu(NAME, action)
        QTimer.singleShot(0, self._resume_jobs)  # once QGIS has started: it may ask for the master password

    def _resume_jobs(self) -> None:
        """Follow again the jobs that were running when QGIS last quit."""
        from .bridge.jobresume import resume
        from .bridge.jobstore import jobs

        if self.provider is not None:
            resume(jobs(), self.provider.store)

    def unload(self) -> None:
        from qgis.core import QgsApplication

        translation.remove(self.translator)
        self.translator = None
        if self.provider is None:
            return
        from .bridge.jobtask import stop_following

        stop_following()
        self.provider.stop_refreshing()
        if self._toolbox_actions_registered:
            from processing.gui.ProviderActions import ProviderActions

            ProviderActions.deregisterProviderActions(self.provider)
            self._toolbox_actions_registered = False
        if self._browser is not None:
            from .ui import browser, job_monitor

            for action in (self._manager_action, self._jobs_ui.action):
                self.iface.removePluginWebMenu(NAME, action)
            browser.unregister(self._browser)
            job_monitor.unregister(self._jobs_ui)
            self._browser = self._jobs_ui = self._manager_action = None
        QgsApplication.processingRegistry().removeProvider(self.provider)
        self.provider = None

    def connections_changed(self, connection: Connection | None) -> None:
        """A connection was added or edited (refresh it) or removed (forget its algorithms); the
        Browser's Remote GP root lists the connections anew."""
        if connection is not None:
            self.provider.refresh([connection])
        else:
            descriptions.keep_only({c.key for c in self.provider.store.all()})
            self.provider.refreshAlgorithms()
        if self.iface is not None and self._browser is not None:
            root = self.iface.browserModel().findPath(f"{PROVIDER_ID}:")
            item = self.iface.browserModel().dataItem(root) if root.isValid() else None
            if item is not None:
                item.refresh()


def connections_action(plugin: RemoteGpPlugin):
    """ "GP Connections…" in QGIS's Web menu: the connection manager."""
    from qgis.PyQt.QtGui import QIcon
    from qgis.PyQt.QtWidgets import QAction

    from .ui.connection_dialog import ConnectionsDialog

    action = QAction(QIcon(str(ICON)), tr("GP Connections…"), plugin.iface.mainWindow())
    action.triggered.connect(
        lambda: ConnectionsDialog(plugin.provider.store, plugin.connections_changed, plugin.iface.mainWindow()).exec_()
    )
    return action


def toolbox_actions(plugin: RemoteGpPlugin) -> list:
    """The entries of the Remote GP button in the Processing toolbox."""
    from processing.gui.ToolboxAction import ToolboxAction

    from .ui.connection_dialog import ConnectionEditor, ConnectionsDialog

    def parent():
        return plugin.iface.mainWindow() if plugin.iface else None

    class AddConnection(ToolboxAction):
        def __init__(self):
            self.name, self.group = tr("Add GP Connection…"), tr("Tools")

        def execute(self):
            editor = ConnectionEditor(parent=parent())
            if editor.exec_():
                plugin.connections_changed(plugin.provider.store.add(*editor.values()))

    class ManageConnections(ToolboxAction):
        def __init__(self):
            self.name, self.group = tr("GP Connections…"), tr("Tools")

        def execute(self):
            ConnectionsDialog(plugin.provider.store, plugin.connections_changed, parent()).exec_()

    class Refresh(ToolboxAction):
        def __init__(self):
            self.name, self.group = tr("Refresh GP Connections"), tr("Tools")

        def execute(self):
            plugin.provider.refresh()

    return [AddConnection(), ManageConnections(), Refresh()]
