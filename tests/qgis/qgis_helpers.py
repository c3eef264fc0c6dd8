"""Helpers of the tests in real QGIS."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import requests
from qgis.core import QgsApplication, QgsAuthMethodConfig, QgsTask
from qgis.PyQt.QtCore import QCoreApplication

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "demo"))
import demo_data
from remote_gp.bridge.connections import slug

PASSWORD = "gp-password-1"
__all__ = ["demo_data"]


def alg_id(connection, service: str, task: str) -> str:
    """The Processing id of a task of a connection."""
    return f"remotegp:{connection.key}{slug(service)}{slug(task)}"


@contextmanager
def plugin_modules_kept() -> Iterator[None]:
    """qgis.utils.unloadPlugin drops every `remote_gp` module, as QGIS does before a reload; the
    modules the other tests imported are put back afterwards, so their classes stay the ones in use."""
    kept = {
        name: module for name, module in sys.modules.items() if name == "remote_gp" or name.startswith("remote_gp.")
    }
    try:
        yield
    finally:
        sys.modules.update(kept)


def wait_for(task: QgsTask, seconds: float = 120) -> None:
    """Process Qt events until a QgsTask has finished (a task reports back through the event loop)."""
    deadline = time.monotonic() + seconds
    while task.status() not in (QgsTask.Complete, QgsTask.Terminated):
        QCoreApplication.processEvents()
        assert time.monotonic() < deadline, f"{task.description()} did not finish"
    QCoreApplication.processEvents()


def connect(plugin, name: str, url: str, authcfg: str = ""):
    """A connection added as the dialog adds one, with its descriptions fetched."""
    connection = plugin.provider.store.add(name, url, authcfg)
    wait_for(plugin.provider.refresh([connection]))
    return connection


def stored_authcfg(method: str, name: str, **config: str) -> str:
    """An authentication configuration saved in QGIS's (test profile's) auth database."""
    manager = QgsApplication.authManager()
    if not manager.masterPasswordIsSet():
        manager.setMasterPassword("remote-gp-tests", True)
    method_config = QgsAuthMethodConfig(method)
    method_config.setName(name)
    for key, value in config.items():
        method_config.setConfig(key, value)
    ok, stored = manager.storeAuthenticationConfig(method_config)
    assert ok
    return stored.id()


def basic_authcfg(username: str = "gpuser", password: str = PASSWORD) -> str:
    return stored_authcfg("Basic", f"GP {username}", username=username, password=password)


def new_token(gp_server: str, **form: str) -> str:
    answer = requests.post(
        f"{gp_server}/tokens/generateToken", data={"f": "json", "username": "gpuser", "password": PASSWORD, **form}
    )
    return answer.json()["token"]


def esri_token_authcfg(gp_server: str) -> str:
    """An EsriToken configuration: QGIS sends its token as `X-Esri-Authorization: Bearer`."""
    return stored_authcfg("EsriToken", "GP token", token=new_token(gp_server))
