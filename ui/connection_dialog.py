"""The connection manager (list, new, edit, duplicate, remove, test, import, export) and the
editor of one connection (name, URL, kind of server, authentication configuration)."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from qgis.core import QgsApplication
from qgis.gui import QgsAuthConfigSelect
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..bridge.connections import (
    GP,
    OGC,
    Connection,
    ConnectionStore,
    Entry,
    export_connections,
    is_header_name,
    qgis_arcgis_connections,
    read_connections_file,
    server_root,
)
from ..bridge.i18n import tr
from ..bridge.source import Source
from ..bridge.survey import SurveyTask
from ..gp_core import GPError, server_kind


class ConnectionTester(QLabel):
    """Runs a connection test in the background and shows what it found."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.task: SurveyTask | None = None  # a QgsTask without a Python reference never runs

    def start(self, connection: Connection) -> SurveyTask:
        self.setText(tr("Testing {}…").format(connection.url))
        self.task = SurveyTask(Source.read(connection))
        self.task.taskCompleted.connect(self._show)
        self.task.taskTerminated.connect(self._show)
        QgsApplication.taskManager().addTask(self.task)
        return self.task

    def _show(self) -> None:
        survey, source = self.task.survey, self.task.source
        if survey.error:
            self.setText(tr("Failed: {}").format(survey.error))
            return
        version = f"{survey.version:g}" if survey.version else tr("of unknown version")
        text = (
            tr("Connected to an OGC API - Processes server: {tasks} process(es).").format(tasks=survey.tasks)
            if source.connection.is_ogc
            else tr("Connected to ArcGIS Server {version}: {services} GP service(s), {tasks} task(s).").format(
                version=version, services=survey.services, tasks=survey.tasks
            )
        )
        if source.signs_in:
            text += " " + tr("Signed in as {}.").format(source.credentials.username)
        elif source.sends_api_key:
            text += " " + tr("API key sent in the {} header.").format(source.connection.api_key_header)
        elif source.credentials.method:
            text += " " + tr("Authentication: {} (applied by QGIS).").format(source.credentials.method)
        else:
            text += " " + tr("No sign-in (anonymous).")
        if survey.left_out:
            text += " " + tr("Not readable (a sign-in may be needed): {}.").format(", ".join(survey.left_out))
        self.setText(text)


class ConnectionEditor(QDialog):
    """Name, URL, kind of server and authentication of one connection. The kind is told by the URL
    where it can be (an ArcGIS address, an OGC API's), else the user says it."""

    def __init__(self, connection: Connection | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(tr("Server Connection"))
        self.name = QLineEdit(connection.name if connection else "")
        self.url = QLineEdit(connection.url if connection else "")
        self.url.setPlaceholderText("https://host/arcgis")
        self.url.setToolTip(
            tr(
                "Any address of the server: an ArcGIS server's context root (https://host/arcgis), its REST "
                "services directory or a GP service on it; an OGC API - Processes server's landing page or "
                "its /processes."
            )
        )
        self.kind = QComboBox()
        self.kind.addItem(tr("Told by the URL"), "")
        self.kind.addItem(tr("ArcGIS Server geoprocessing services"), GP)
        self.kind.addItem(tr("OGC API - Processes"), OGC)
        if connection:
            self.kind.setCurrentIndex(self.kind.findData(connection.kind))
        self.kind_note = QLabel()
        self.api_key_header = QLineEdit(connection.api_key_header if connection else "")
        self.api_key_header.setPlaceholderText("X-API-Key")
        self.api_key_header.setToolTip(
            tr(
                "For an OGC API - Processes server that takes an API key in a header: the header's name. "
                "The key is the password of the authentication configuration below (Basic), and goes to "
                "this server only. Leave it empty otherwise."
            )
        )
        self.url.textChanged.connect(self._show_kind)
        self.kind.currentIndexChanged.connect(self._show_kind)
        self.auth = QgsAuthConfigSelect(self)
        self.auth.setConfigId(connection.authcfg if connection else "")
        self.tester = ConnectionTester(self)
        test = QPushButton(tr("Test Connection"))
        test.clicked.connect(self.test)
        form = QFormLayout()
        form.addRow(tr("Name"), self.name)
        form.addRow(tr("URL"), self.url)
        form.addRow(tr("Server"), self.kind)
        form.addRow("", self.kind_note)
        form.addRow(tr("API key header"), self.api_key_header)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.auth)
        layout.addWidget(test)
        layout.addWidget(self.tester)
        layout.addWidget(buttons)
        self._show_kind()
        self.resize(560, self.sizeHint().height())

    def chosen_kind(self) -> str | None:
        """The kind the user chose, else the one the URL tells; None when neither says."""
        return self.kind.currentData() or server_kind(self.url.text())

    def _show_kind(self) -> None:
        if self.kind.currentData():
            self.kind_note.setText("")
            return
        kind = server_kind(self.url.text())
        names = {GP: tr("an ArcGIS server"), OGC: tr("an OGC API - Processes server")}
        self.kind_note.setText(
            tr("The URL is that of {kind}.").format(kind=names[kind])
            if kind
            else tr("The URL does not tell which kind of server it is: choose it.")
        )

    def values(self) -> tuple[str, str, str, str, str]:
        return (
            self.name.text().strip(),
            self.url.text().strip(),
            self.auth.configId(),
            self.chosen_kind() or GP,
            self.api_key_header.text().strip() if self.chosen_kind() == OGC else "",
        )

    def problem(self) -> str:
        """What keeps the entries from making a connection, or ""."""
        name, url, _, _, header = self.values()
        if not name:
            return tr("Give the connection a name.")
        if header and not is_header_name(header):
            return tr("'{header}' is not the name of an HTTP header (letters, digits and '-').").format(header=header)
        kind = self.chosen_kind()
        try:
            server_root(url, kind)
        except GPError as error:
            return str(error)
        if kind is None:
            return tr("The URL does not tell which kind of server it is: choose it.")
        return ""

    def test(self) -> SurveyTask | None:
        problem = self.problem()
        if problem:
            self.tester.setText(problem)
            return None
        return self.tester.start(Connection("test", *self.values()))

    def _accept(self) -> None:
        problem = self.problem()
        if problem:
            self.tester.setText(problem)
            return
        self.accept()


class ConnectionsDialog(QDialog):
    """Every GP connection. `changed(connection or None)` is called after each change (None: one
    was removed), so the provider can refresh what changed."""

    def __init__(
        self, store: ConnectionStore, changed: Callable[[Connection | None], None], parent: QWidget | None = None
    ):
        super().__init__(parent)
        self.setWindowTitle(tr("Remote GP Connections"))
        self.store = store
        self.changed = changed
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels([tr("Name"), tr("URL"), tr("Server"), tr("Authentication")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeToContents)
        self.table.verticalHeader().hide()
        self.table.doubleClicked.connect(self.edit)
        self.tester = ConnectionTester(self)
        grid = QGridLayout()
        actions = (
            (tr("New…"), self.new),
            (tr("Edit…"), self.edit),
            (tr("Duplicate"), self.duplicate),
            (tr("Remove"), self.remove),
            (tr("Test"), self.test),
            (tr("Import from QGIS"), self.import_from_qgis),
            (tr("Import…"), self.import_file),
            (tr("Export…"), self.export_file),
        )
        for number, (text, slot) in enumerate(actions):
            button = QPushButton(text)
            button.clicked.connect(lambda checked=False, act=slot: act())
            grid.addWidget(button, number // 4, number % 4)
        close = QDialogButtonBox(QDialogButtonBox.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addLayout(grid)
        layout.addWidget(self.tester)
        footer = QHBoxLayout()
        footer.addStretch()
        footer.addWidget(close)
        layout.addLayout(footer)
        self.resize(760, 420)
        self.reload()

    def reload(self, select: str = "") -> None:
        connections = self.store.all()
        self.table.setRowCount(len(connections))
        for row, connection in enumerate(connections):
            auth = connection.authcfg or tr("None")
            kind = tr("OGC API - Processes") if connection.is_ogc else tr("ArcGIS GP")
            for column, text in enumerate((connection.name, connection.url, kind, auth)):
                item = QTableWidgetItem(text)
                item.setData(Qt.UserRole, connection.key)
                self.table.setItem(row, column, item)
            if connection.key == select:
                self.table.selectRow(row)

    def selected(self) -> Connection | None:
        rows = self.table.selectionModel().selectedRows()
        return self.store.get(self.table.item(rows[0].row(), 0).data(Qt.UserRole)) if rows else None

    def select(self, key: str) -> None:
        self.reload(select=key)

    def new(self) -> None:
        editor = ConnectionEditor(parent=self)
        if editor.exec_():
            self._added(self.store.add(*editor.values()))

    def edit(self) -> None:
        connection = self.selected()
        if connection is None:
            return
        editor = ConnectionEditor(connection, self)
        if editor.exec_():
            updated = self.store.rename(connection, *editor.values())
            self.reload(select=updated.key)
            self.changed(updated)

    def duplicate(self) -> None:
        connection = self.selected()
        if connection is not None:
            self._added(self.store.duplicate(connection))

    def remove(self, ask: bool = True) -> None:
        connection = self.selected()
        if connection is None:
            return
        if (
            ask
            and QMessageBox.question(
                self, tr("Remove Connection"), tr("Remove the connection '{}'?").format(connection.name)
            )
            != QMessageBox.Yes
        ):
            return
        self.store.remove(connection.key)
        self.reload()
        self.changed(None)

    def test(self) -> SurveyTask | None:
        connection = self.selected()
        return self.tester.start(connection) if connection else None

    def import_from_qgis(self) -> None:
        entries = qgis_arcgis_connections()
        self._imported(entries, tr("QGIS has no ArcGIS REST server connections to import."))

    def import_file(self, path: str = "") -> None:
        path = (
            path
            or QFileDialog.getOpenFileName(self, tr("Import Connections"), "", tr("Remote GP connections (*.json)"))[0]
        )
        if not path:
            return
        try:
            entries = read_connections_file(Path(path))
        except GPError as error:
            self.tester.setText(str(error))
            return
        self._imported(entries, tr("The file holds no connections."))

    def export_file(self, path: str = "") -> None:
        path = (
            path
            or QFileDialog.getSaveFileName(
                self, tr("Export Connections"), "remote_gp_connections.json", tr("Remote GP connections (*.json)")
            )[0]
        )
        if not path:
            return
        connections = self.store.all()
        export_connections(connections, Path(path))
        self.tester.setText(
            tr(
                "{count} connection(s) exported to {path} (names, URLs and authentication "
                "configuration ids; no passwords or tokens)."
            ).format(count=len(connections), path=path)
        )

    def _added(self, connection: Connection) -> None:
        self.reload(select=connection.key)
        self.changed(connection)

    def _imported(self, entries: list[Entry], nothing: str) -> None:
        if not entries:
            self.tester.setText(nothing)
            return
        before = {c.key for c in self.store.all()}
        added, skipped = self.store.add_new(entries)
        self.reload()
        for connection in self.store.all():
            if connection.key not in before:
                self.changed(connection)
        self.tester.setText(
            tr("{added} connection(s) imported; {skipped} already there or unusable.").format(
                added=added, skipped=skipped
            )
        )
