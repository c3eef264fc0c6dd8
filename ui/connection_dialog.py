"""Dialogs for GP server connections: a list to add, edit, remove and test them, and the editor
of one connection (name, URL, authentication configuration)."""
from __future__ import annotations

from typing import Callable

from qgis.core import QgsApplication
from qgis.gui import QgsAuthConfigSelect
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtWidgets import (
    QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QListWidget, QListWidgetItem,
    QMessageBox, QPushButton, QVBoxLayout, QWidget,
)

from ..bridge.connections import Connection, ConnectionStore, open_server, read_credentials
from ..gp_core import GPError
from ..gp_core.urls import rest_root


def tr(text: str) -> str:
    return QgsApplication.translate("RemoteGp", text)


def test_connection(connection: Connection) -> str:
    """A one-line report of what the server says, or of what went wrong."""
    try:
        server = open_server(connection, read_credentials(connection))
        catalog = server.catalog()
    except GPError as error:
        return tr("Failed: {}").format(error)
    version = f"{catalog.current_version:g}" if catalog.current_version else tr("unknown")
    return tr("Connected: ArcGIS Server {version}; at the top level {folders} folder(s) and {services} GP "
              "service(s).").format(version=version, folders=len(catalog.folders), services=len(catalog.gp_services))


class ConnectionEditor(QDialog):
    """Name, URL and authentication of one connection."""

    def __init__(self, connection: Connection | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(tr("GP Server Connection"))
        self.name = QLineEdit(connection.name if connection else "")
        self.url = QLineEdit(connection.url if connection else "")
        self.url.setPlaceholderText("https://host/arcgis  or  https://host/server/rest/services")
        self.auth = QgsAuthConfigSelect(self)
        self.auth.setConfigId(connection.authcfg if connection else "")
        self.result_label = QLabel()
        self.result_label.setWordWrap(True)
        test = QPushButton(tr("Test Connection"))
        test.clicked.connect(self._test)
        form = QFormLayout()
        form.addRow(tr("Name"), self.name)
        form.addRow(tr("URL"), self.url)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.auth)
        layout.addWidget(test)
        layout.addWidget(self.result_label)
        layout.addWidget(buttons)
        self.resize(520, self.sizeHint().height())

    def values(self) -> tuple[str, str, str]:
        return self.name.text().strip(), self.url.text().strip(), self.auth.configId()

    def problem(self) -> str:
        """What keeps the entries from making a connection, or ""."""
        name, url, _ = self.values()
        if not name:
            return tr("Give the connection a name.")
        try:
            rest_root(url)
        except GPError as error:
            return str(error)
        return ""

    def _test(self) -> None:
        problem = self.problem()
        name, url, authcfg = self.values()
        self.result_label.setText(problem or test_connection(Connection("test", name, url, authcfg)))

    def _accept(self) -> None:
        problem = self.problem()
        if problem:
            self.result_label.setText(problem)
            return
        self.accept()


class ConnectionsDialog(QDialog):
    """The list of connections. `changed(connection or None)` is called after each change, so the
    provider can refresh what changed."""

    def __init__(self, store: ConnectionStore, changed: Callable[[Connection | None], None],
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(tr("Remote GP Connections"))
        self.store = store
        self.changed = changed
        self.list = QListWidget()
        self.status = QLabel()
        self.status.setWordWrap(True)
        buttons = QHBoxLayout()
        for text, slot in ((tr("Add…"), self.add), (tr("Edit…"), self.edit), (tr("Remove"), self.remove),
                           (tr("Test"), self.test)):
            button = QPushButton(text)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        close = QDialogButtonBox(QDialogButtonBox.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        layout.addWidget(close)
        self.resize(560, 360)
        self.reload()

    def reload(self) -> None:
        self.list.clear()
        for connection in self.store.all():
            item = QListWidgetItem(f"{connection.name}  —  {connection.url}")
            item.setData(Qt.UserRole, connection.key)
            self.list.addItem(item)

    def selected(self) -> Connection | None:
        item = self.list.currentItem()
        return self.store.get(item.data(Qt.UserRole)) if item else None

    def add(self) -> None:
        editor = ConnectionEditor(parent=self)
        if editor.exec_():
            connection = self.store.add(*editor.values())
            self.reload()
            self.changed(connection)

    def edit(self) -> None:
        connection = self.selected()
        if connection is None:
            return
        editor = ConnectionEditor(connection, self)
        if editor.exec_():
            updated = self.store.rename(connection, *editor.values())
            self.reload()
            self.changed(updated)

    def remove(self) -> None:
        connection = self.selected()
        if connection is None:
            return
        answer = QMessageBox.question(self, tr("Remove Connection"),
                                      tr("Remove the connection '{}'?").format(connection.name))
        if answer == QMessageBox.Yes:
            self.store.remove(connection.key)
            self.reload()
            self.changed(None)

    def test(self) -> None:
        connection = self.selected()
        if connection is not None:
            self.status.setText(test_connection(connection))
