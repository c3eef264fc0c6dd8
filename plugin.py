"""The QGIS plugin: the `remotegp` Processing provider, and in the GUI its toolbox actions.
Everything it registers is removed again on unload."""
from __future__ import annotations

from .bridge import descriptions
from .bridge.connections import Connection, ConnectionStore
from .bridge.provider import RemoteGpProvider


class RemoteGpPlugin:
    """What QGIS's classFactory returns. `initProcessing` has no GUI code, so qgis_process can load
    the provider too."""

    def __init__(self, iface):
        self.iface = iface
        self.provider: RemoteGpProvider | None = None
        self._toolbox_actions_registered = False

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

    def unload(self) -> None:
        from qgis.core import QgsApplication

        if self.provider is None:
            return
        if self._toolbox_actions_registered:
            from processing.gui.ProviderActions import ProviderActions

            ProviderActions.deregisterProviderActions(self.provider)
            self._toolbox_actions_registered = False
        QgsApplication.processingRegistry().removeProvider(self.provider)
        self.provider = None

    def connections_changed(self, connection: Connection | None) -> None:
        """A connection was added or edited (refresh it) or removed (forget its algorithms)."""
        if connection is not None:
            self.provider.refresh([connection])
            return
        descriptions.keep_only({c.key for c in self.provider.store.all()})
        self.provider.refreshAlgorithms()


def toolbox_actions(plugin: RemoteGpPlugin) -> list:
    """The entries of the Remote GP button in the Processing toolbox."""
    from processing.gui.ToolboxAction import ToolboxAction

    from .ui.connection_dialog import ConnectionEditor, ConnectionsDialog

    def parent():
        return plugin.iface.mainWindow() if plugin.iface else None

    class AddConnection(ToolboxAction):
        def __init__(self):
            self.name, self.group = self.tr("Add GP Connection…"), self.tr("Tools")

        def execute(self):
            editor = ConnectionEditor(parent=parent())
            if editor.exec_():
                plugin.connections_changed(plugin.provider.store.add(*editor.values()))

    class ManageConnections(ToolboxAction):
        def __init__(self):
            self.name, self.group = self.tr("GP Connections…"), self.tr("Tools")

        def execute(self):
            ConnectionsDialog(plugin.provider.store, plugin.connections_changed, parent()).exec_()

    class Refresh(ToolboxAction):
        def __init__(self):
            self.name, self.group = self.tr("Refresh GP Connections"), self.tr("Tools")

        def execute(self):
            plugin.provider.refresh()

    return [AddConnection(), ManageConnections(), Refresh()]
