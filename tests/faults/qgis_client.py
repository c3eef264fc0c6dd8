"""The matrix's cells inside real QGIS: a headless QgsApplication with its own profile, the test CA
trusted through QGIS's authentication manager, the credentials in authentication configurations,
and each cell run on a QgsTask's thread as Processing runs an algorithm, on the plugin's
QgisTransport: GP connections, and OGC API - Processes connections (Source.ogc_server).
"""

from __future__ import annotations

from typing import Any, Callable

from qgis.core import QgsApplication, QgsAuthMethodConfig, QgsTask
from qgis.PyQt.QtCore import QCoreApplication, QEventLoop
from qgis.PyQt.QtNetwork import QSslCertificate

from remote_gp.bridge.connections import OGC, Connection
from remote_gp.bridge.network import prime_notifications
from remote_gp.bridge.source import Source
from remote_gp.gp_core import Server
from remote_gp.gp_core.ogc_server import OgcServer

from .drivers import RETRY, settings
from .terms import OGC_PASSWORD, OGC_USERNAME, PASSWORD, QGIS, QGIS_ESRI_TOKEN, QGIS_OGC_BASIC, USERNAME
from .worker import Worker, outcome_of

MASTER_PASSWORD = "fault-matrix"


class CellTask(QgsTask):
    def __init__(self, call: Callable[[], str]):
        super().__init__("Fault matrix cell", QgsTask.CanCancel)
        self._call = call
        self.report: dict[str, Any] = {}

    def run(self) -> bool:
        self.report = outcome_of(self._call)
        return True


class QgisWorker(Worker):
    def __init__(self, config: dict[str, Any]):
        self.app = QgsApplication([], False)
        self.app.initQgis()
        prime_notifications(self.app.aboutToQuit)  # see tests/qgis/conftest.py
        super().__init__(config)
        self.logged: list[str] = []
        QgsApplication.messageLog().messageReceived.connect(
            lambda message, tag, level: self.logged.append(f"{tag}: {message}")
        )
        manager = QgsApplication.authManager()
        manager.setMasterPassword(MASTER_PASSWORD, True)
        for certificate in QSslCertificate.fromPath(config["ca"]):
            manager.storeCertAuthority(certificate)
        manager.rebuildCaCertsCache()
        manager.rebuildTrustedCaCertsCache()
        if "esri_token" in config:  # a GP lane's
            self.authcfgs = {
                QGIS: _stored("Basic", username=USERNAME, password=PASSWORD),
                QGIS_ESRI_TOKEN: _stored("EsriToken", token=config["esri_token"]),
            }
        else:  # an OGC lane's
            self.authcfgs = {QGIS_OGC_BASIC: _stored("Basic", username=OGC_USERNAME, password=OGC_PASSWORD)}

    def server_maker(self, cell: dict[str, Any]) -> Callable[[], Server]:
        """On the transport the plugin's Source opens for the connection, with the matrix's
        settings. The credentials are read here, on the main thread, as the plugin reads them before
        it starts a task."""
        connection = Connection("faultmatrix", "Fault matrix", cell["url"], self.authcfgs[cell["client"]])
        source = Source.read(connection)
        login = (
            {"username": source.credentials.username, "password": source.credentials.password}
            if source.signs_in
            else {}
        )

        def server() -> Server:
            transport = source.server().transport
            return Server(
                connection.url, transport=transport, settings=settings(cell["deadline"]), retry=RETRY, **login
            )

        return server

    def ogc_server_maker(self, cell: dict[str, Any]) -> Callable[[], OgcServer]:
        """The OgcServer the plugin's Source opens for an OGC connection (on QgisTransport, QGIS
        applying the authentication configuration to the server's origin), with the matrix's
        settings. The credentials are read here, on the main thread, as for a GP connection."""
        connection = Connection("faultmatrixogc", "Fault matrix OGC", cell["url"], self.authcfgs[cell["client"]], OGC)
        source = Source.read(connection)

        def server() -> OgcServer:
            return source.ogc_server(settings=settings(cell["deadline"]), retry=RETRY)

        return server

    def run(self, call: Callable[[], str]) -> dict[str, Any]:
        task = CellTask(call)
        loop = QEventLoop()
        task.taskCompleted.connect(loop.quit)
        task.taskTerminated.connect(loop.quit)
        QgsApplication.taskManager().addTask(task)
        if task.status() not in (QgsTask.Complete, QgsTask.Terminated):
            loop.exec_()
        QCoreApplication.processEvents()  # messages logged from the task's thread arrive queued
        return task.report

    def messages(self) -> list[str]:
        logged, self.logged = self.logged, []
        return logged


def _stored(method: str, **config: str) -> str:
    manager = QgsApplication.authManager()
    method_config = QgsAuthMethodConfig(method)
    method_config.setName(f"Fault matrix {method}")
    for key, value in config.items():
        method_config.setConfig(key, value)
    ok, stored = manager.storeAuthenticationConfig(method_config)
    if not ok:
        raise RuntimeError(f"QGIS did not store the {method} authentication configuration.")
    return stored.id()
