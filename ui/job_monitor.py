"""The "Remote GP Jobs" dock: every recorded job (task, connection, status, progress, elapsed and
start time), newest first; the selected job's messages; Cancel, Load Results and Remove.

Nothing here waits on the network: Cancel hands the cancel to whoever polls the job (a JobTask is
cancelled, a Processing run is told), and that thread sends it to the server; Load Results
fetches in a QgsTask (bridge/jobresults). The plugin wires it in:

    from .bridge.jobresume import resume
    from .bridge.jobstore import jobs
    from .ui import job_monitor

    def initGui(self):
        ...
        self.jobs_ui = job_monitor.register(self.provider.store, self.iface)  # after initProcessing
        self.iface.addPluginToWebMenu(NAME, self.jobs_ui.action)
        resume(jobs(), self.provider.store)                        # jobs still running when QGIS quit

    def unload(self):
        self.iface.removePluginWebMenu(NAME, self.jobs_ui.action)
        job_monitor.unregister(self.jobs_ui)
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from urllib.parse import urlsplit

from qgis.core import Qgis, QgsApplication, QgsMessageLog
from qgis.PyQt.QtCore import QDateTime, Qt, QTimer
from qgis.PyQt.QtGui import QBrush, QColor, QIcon
from qgis.PyQt.QtWidgets import (
    QAbstractItemView,
    QAction,
    QDockWidget,
    QHeaderView,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from ..bridge.connections import ConnectionStore
from ..bridge.feedback import status_name
from ..bridge.i18n import tr
from ..bridge.jobresults import ResultsTask
from ..bridge.jobresume import cached_task
from ..bridge.jobstore import NO_CONNECTION, NO_TASK, JobRecord, JobStore, jobs
from ..bridge.product import ICON, NAME
from ..bridge.source import Source
from ..gp_core import Severity, is_succeeded, job_url

TASK, CONNECTION, STATUS, PROGRESS, ELAPSED, STARTED = range(6)
_SEVERITY_ICONS = {Severity.WARNING: "/mIconWarning.svg", Severity.ERROR: "/mIconCritical.svg"}
_SEVERITY_COLOURS = {Severity.WARNING: QColor(170, 100, 0), Severity.ERROR: QColor(200, 0, 0)}


class JobMonitor(QDockWidget):
    def __init__(self, store: JobStore, connections: ConnectionStore, parent: QWidget | None = None):
        super().__init__(tr("Remote GP Jobs"), parent)
        self.setObjectName("RemoteGpJobs")  # QGIS restores the dock's place by this name
        self.store = store
        self.connections = connections
        self._rows: list[str] = []  # job ids, as the table shows them
        self._notes: dict[str, list[tuple[int, str]]] = {}  # job id → what Cancel and Load Results said
        self._loading: set[ResultsTask] = set()  # a QgsTask without a Python reference never runs

        self.table = QTableWidget(0, 6)
        self.table.setHorizontalHeaderLabels(
            [tr("Task"), tr("Connection"), tr("Status"), tr("Progress"), tr("Elapsed"), tr("Started")]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.messages = QListWidget()
        self.messages.setWordWrap(True)

        self.cancel_action = QAction(QgsApplication.getThemeIcon("/mTaskCancel.svg"), tr("Cancel"), self)
        self.cancel_action.setToolTip(tr("Cancel the job on the server"))
        self.load_action = QAction(QgsApplication.getThemeIcon("/mActionAddLayer.svg"), tr("Load Results"), self)
        self.load_action.setToolTip(tr("Add the job's outputs to the project"))
        self.remove_action = QAction(QgsApplication.getThemeIcon("/mActionRemove.svg"), tr("Remove"), self)
        self.remove_action.setToolTip(tr("Forget this job"))
        self.cancel_action.triggered.connect(lambda: self.cancel(self.selected()))
        self.load_action.triggered.connect(lambda: self.load_results(self.selected()))
        self.remove_action.triggered.connect(lambda: self.remove(self.selected()))
        toolbar = QToolBar()
        toolbar.setToolButtonStyle(Qt.ToolButtonTextBesideIcon)
        for action in (self.cancel_action, self.load_action, self.remove_action):
            toolbar.addAction(action)

        splitter = QSplitter(Qt.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.messages)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(toolbar)
        layout.addWidget(splitter)
        self.setWidget(body)

        self._ticker = QTimer(self)  # the elapsed time of running jobs
        self._ticker.setInterval(1000)
        self._ticker.timeout.connect(self._tick)
        self.table.itemSelectionChanged.connect(self._show_selected)
        store.added.connect(self._reload)
        store.removed.connect(self._reload)
        store.changed.connect(self._refresh)
        self._reload()

    def detach(self) -> None:
        """Stop listening to the store (which outlives the dock)."""
        self._ticker.stop()
        self.store.added.disconnect(self._reload)
        self.store.removed.disconnect(self._reload)
        self.store.changed.disconnect(self._refresh)

    # -- what the user does ------------------------------------------------------------------------

    def selected(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        return self._rows[rows[0].row()] if rows else None

    def select(self, job_id: str) -> None:
        self.table.selectRow(self._rows.index(job_id))

    def cancel(self, job_id: str | None) -> None:
        if job_id and self.store.cancel(job_id):
            self._note(job_id, Severity.INFO, tr("Cancel requested."))

    def load_results(self, job_id: str | None) -> ResultsTask | None:
        """Fetch the job's outputs in the background; the layers are added when it is done."""
        record = self.store.get(job_id) if job_id else None
        if record is None:
            return None
        connection = self.connections.get(record.connection) if record.connection else None
        task = cached_task(record) if connection else None
        if connection is None or task is None:
            self._note(
                record.job_id,
                Severity.ERROR,
                tr("The job's connection or the description of its task is gone: its results cannot be read."),
            )
            return None
        loading = ResultsTask(record, task, Source.read(connection))
        self._loading.add(loading)
        loading.done.connect(lambda: self._loaded(loading))
        QgsApplication.taskManager().addTask(loading)
        self.load_action.setEnabled(False)
        return loading

    def remove(self, job_id: str | None) -> None:
        if job_id and not self.store.is_followed(job_id):
            self._notes.pop(job_id, None)
            self.store.remove(job_id)

    # -- showing the store -------------------------------------------------------------------------

    def _reload(self) -> None:
        """All rows again (a job was added or removed), keeping the selection."""
        selected = self.selected()
        records = self.store.records()
        names = {connection.key: connection.name for connection in self.connections.all()}
        self.table.setRowCount(0)
        self._rows = [record.job_id for record in records]
        self.table.setRowCount(len(records))
        for row, record in enumerate(records):
            self._fill(row, record, names)
        if selected in self._rows:
            self.select(selected)
        self._show_selected()
        self._update_ticker(records)

    def _refresh(self, job_id: str) -> None:
        record = self.store.get(job_id)
        if record is None or job_id not in self._rows:
            self._reload()
            return
        names = {connection.key: connection.name for connection in self.connections.all()}
        self._fill(self._rows.index(job_id), record, names)
        if job_id == self.selected():
            self._show_selected()
        self._update_ticker(self.store.records())

    def _fill(self, row: int, record: JobRecord, names: dict[str, str]) -> None:
        self._set(
            row, TASK, record.task, f"{record.service} — {record.task}\n{job_url(record.task_url, record.job_id)}"
        )
        self.table.item(row, TASK).setData(Qt.UserRole, record.job_id)
        self._set(row, CONNECTION, _connection_text(record, names))
        self._set(row, STATUS, tr("Lost") if record.is_lost else status_name(record.status))
        bar = self.table.cellWidget(row, PROGRESS)
        if not isinstance(bar, QProgressBar):
            bar = QProgressBar()
            self.table.setCellWidget(row, PROGRESS, bar)
        _show_progress(bar, record)
        self._set(row, ELAPSED, _duration((record.ended or time.time()) - record.started))
        self._set(row, STARTED, QDateTime.fromSecsSinceEpoch(int(record.started)).toString("yyyy-MM-dd HH:mm:ss"))

    def _set(self, row: int, column: int, text: str, tooltip: str = "") -> None:
        """Change the cell's text in place (a new item would lose the selection)."""
        item = self.table.item(row, column)
        if item is None:
            item = QTableWidgetItem()
            self.table.setItem(row, column, item)
        item.setText(text)
        item.setToolTip(tooltip)

    def _tick(self) -> None:
        records = self.store.records()
        for record in records:
            if not record.is_ended and record.job_id in self._rows:
                self._set(self._rows.index(record.job_id), ELAPSED, _duration(time.time() - record.started))
        self._update_ticker(records)

    def _update_ticker(self, records: list[JobRecord]) -> None:
        if any(not record.is_ended for record in records):
            if not self._ticker.isActive():
                self._ticker.start()
        else:
            self._ticker.stop()

    def _show_selected(self) -> None:
        job_id = self.selected()
        record = self.store.get(job_id) if job_id else None
        self.messages.clear()
        followed = record is not None and self.store.is_followed(record.job_id)
        self.cancel_action.setEnabled(followed and not record.is_ended)
        self.remove_action.setEnabled(record is not None and not followed)
        self.load_action.setEnabled(
            record is not None
            and is_succeeded(record.status)
            and not record.missing
            and not any(task.record.job_id == record.job_id for task in self._loading)
        )
        if record is None:
            return
        lines = [(message.severity, message.description) for message in record.messages]
        if record.error:
            lines.append((Severity.ERROR, record.error))
        if record.missing == NO_CONNECTION and not record.connection:
            lines.append(
                (
                    Severity.WARNING,
                    tr("No connection describes this job's server: it was followed only while QGIS ran."),
                )
            )
        elif record.missing == NO_CONNECTION:
            lines.append(
                (Severity.WARNING, tr("The connection this job ran on no longer exists: it is not followed any more."))
            )
        elif record.missing == NO_TASK:
            lines.append(
                (
                    Severity.WARNING,
                    tr("The task is no longer among the connection's cached descriptions: refresh the connection."),
                )
            )
        for severity, text in lines + self._notes.get(record.job_id, []):
            self.messages.addItem(_message_item(severity, text))
        self.messages.scrollToBottom()

    def _note(self, job_id: str, severity: int, text: str) -> None:
        self._notes.setdefault(job_id, []).append((severity, text))
        if severity == Severity.ERROR:
            QgsMessageLog.logMessage(f"{job_id}: {text}", NAME, Qgis.Warning)
        if job_id == self.selected():
            self._show_selected()

    def _loaded(self, loading: ResultsTask) -> None:
        self._loading.discard(loading)
        for severity, text in loading.notes:
            self._note(loading.record.job_id, severity, text)
        if loading.layer_ids:
            self._note(
                loading.record.job_id,
                Severity.INFO,
                tr("{count} layer(s) added to the project.").format(count=len(loading.layer_ids)),
            )
        self._show_selected()


@dataclass
class MonitorHandle:
    dock: JobMonitor
    action: QAction
    """Shows and hides the dock: for the plugin's menu or toolbar."""
    iface: object


def register(connections: ConnectionStore, iface) -> MonitorHandle:
    """The dock in QGIS's main window, hidden until the user opens it with `action`; its jobs are
    the plugin's store, its connection names those of `connections`."""
    dock = JobMonitor(jobs(), connections, iface.mainWindow())
    iface.addDockWidget(Qt.RightDockWidgetArea, dock)
    dock.hide()
    action = dock.toggleViewAction()
    action.setIcon(QIcon(str(ICON)))
    action.setText(tr("Remote GP Jobs"))
    return MonitorHandle(dock, action, iface)


def unregister(handle: MonitorHandle) -> None:
    handle.dock.detach()
    handle.iface.removeDockWidget(handle.dock)
    handle.dock.deleteLater()


def _connection_text(record: JobRecord, names: dict[str, str]) -> str:
    if record.connection in names:
        return names[record.connection]
    host = urlsplit(record.task_url).netloc
    if record.connection:
        return tr("{host} (connection removed)").format(host=host)
    return host


def _show_progress(bar: QProgressBar, record: JobRecord) -> None:
    """The percent the server gave; full once succeeded; empty (no text) while none is known."""
    percent = 100.0 if is_succeeded(record.status) else record.percent
    bar.setRange(0, 100)
    bar.setValue(round(percent or 0))
    bar.setFormat("%p%" if percent is not None else "")
    bar.setToolTip(record.progress)


def _duration(seconds: float) -> str:
    minutes, second = divmod(max(0, int(seconds)), 60)
    hours, minute = divmod(minutes, 60)
    return f"{hours}:{minute:02d}:{second:02d}" if hours else f"{minute}:{second:02d}"


def _message_item(severity: int, text: str) -> QListWidgetItem:
    """A message line; warnings and errors with their icon and colour."""
    item = QListWidgetItem(text)
    item.setData(Qt.UserRole, severity)
    if severity in _SEVERITY_ICONS:
        item.setIcon(QgsApplication.getThemeIcon(_SEVERITY_ICONS[severity]))
        item.setForeground(QBrush(_SEVERITY_COLOURS[severity]))
    return item
