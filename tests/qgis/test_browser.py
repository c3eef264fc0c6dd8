"""The Remote GP tree in QGIS's Browser against the reference server, in real QGIS.

The tree is read through a real QgsBrowserGuiModel, the way the Browser panel reads it: expanding
an item populates it on QGIS's worker threads. (QGIS 3.22's `QgsDataItem.children()` must not be
called from Python: its list conversion drops one reference too many of each child's wrapper,
which destroys the Python side of Python items.) Menus and double-clicks go through a real
QgsBrowserWidget.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Callable

import pytest
from qgis.core import Qgis, QgsApplication, QgsDataItem, QgsErrorItem, QgsTask
from qgis.gui import (
    QgsBrowserGuiModel,
    QgsBrowserWidget,
    QgsDataItemGuiContext,
    QgsGui,
    QgsMessageBar,
)
from qgis.PyQt.QtCore import QCoreApplication
from qgis.PyQt.QtWidgets import QApplication, QMenu, QTreeView

from qgis_helpers import basic_authcfg, wait_for
from remote_gp.bridge import descriptions
from remote_gp.bridge.connections import OGC, ConnectionStore
from remote_gp.ui.browser import RemoteGpGuiProvider, register, unregister
from remote_gp.ui.browser_items import (
    ConnectionItem,
    FolderItem,
    RemoteGpItemProvider,
    RootItem,
    ServiceItem,
    TaskItem,
)

SECURE_SERVICES = ["BufferByVal", "DataTypes", "SummarizeSync"]


def until(condition: Callable[[], bool], what: str, seconds: float = 60) -> None:
    """Process Qt events until `condition` holds."""
    deadline = time.monotonic() + seconds
    while not condition():
        QCoreApplication.processEvents()
        assert time.monotonic() < deadline, what


@pytest.fixture(scope="module")
def model(plugin) -> Iterator[QgsBrowserGuiModel]:
    """The Browser's model, with the Remote GP root the plugin registered when it started."""
    browser_model = QgsBrowserGuiModel()
    browser_model.initialize()
    yield browser_model
    del browser_model  # its root items go before their provider


def root(model: QgsBrowserGuiModel) -> RootItem:
    """The Remote GP root, listing the connections there are now."""
    item = model.dataItem(model.findPath("remotegp:"))
    item.refresh()
    return item


def expanded(model: QgsBrowserGuiModel, item: QgsDataItem) -> list[QgsDataItem]:
    """The item's children, fetched as the Browser fetches them when the item is expanded."""
    index = model.findItem(item)
    if model.canFetchMore(index):
        model.fetchMore(index)
    until(lambda: item.state() == Qgis.BrowserItemState.Populated, f"{item.path()} was not populated")
    return [model.dataItem(model.index(row, 0, index)) for row in range(model.rowCount(index))]


def child(model: QgsBrowserGuiModel, item: QgsDataItem, name: str) -> QgsDataItem:
    return next(c for c in expanded(model, item) if c.name() == name)


def walk(model: QgsBrowserGuiModel, *names: str) -> QgsDataItem:
    """The item at the end of a path of names under the root."""
    item = root(model)
    for name in names:
        item = child(model, item, name)
    return item


def gui_provider(plugin) -> RemoteGpGuiProvider:
    """The Browser actions, wired to the plugin as the plugin wires them."""
    return RemoteGpGuiProvider(plugin.provider.store, plugin.provider.refresh, plugin.connections_changed)


def names(items: list[QgsDataItem]) -> list[str]:
    return sorted(item.name() for item in items)


@contextmanager
def connection(model: QgsBrowserGuiModel, url: str, name: str, authcfg: str = "") -> Iterator[ConnectionItem]:
    """A connection added for one test, as the root then lists it; removed afterwards."""
    store = ConnectionStore()
    added = store.add(name, url, authcfg)
    try:
        yield walk(model, name)
    finally:
        store.remove(added.key)
        descriptions.keep_only({c.key for c in store.all()})
        root(model)


@pytest.fixture
def browser(model, qgis_iface, monkeypatch) -> Iterator[QgsBrowserWidget]:
    """The Browser panel's widget, with a message bar. pytest-qgis's stand-in for QGIS's interface
    gets the browser model QGIS's has (algorithm dialogs ask it for theirs)."""
    monkeypatch.setattr(qgis_iface, "browserModel", lambda: model, raising=False)
    widget = QgsBrowserWidget(model)
    widget.setMessageBar(QgsMessageBar(widget))
    widget.show()
    yield widget
    widget.close()


def view_index(browser: QgsBrowserWidget, model: QgsBrowserGuiModel, item: QgsDataItem):
    """The Browser's tree view, and the item's index in it, scrolled to (its parents expanded)."""
    view = browser.findChild(QTreeView)  # a QgsDockBrowserTreeView, unknown to Python
    index = view.model().mapFromSource(model.findItem(item))
    view.scrollTo(index)
    return view, index


def context_menu(browser: QgsBrowserWidget, model: QgsBrowserGuiModel, item: QgsDataItem) -> list[str]:
    """What a right-click on the item in the Browser offers."""
    view, index = view_index(browser, model, item)
    before = set(browser.findChildren(QMenu))
    view.customContextMenuRequested.emit(view.visualRect(index).center())
    menus = [m for m in browser.findChildren(QMenu) if m not in before]
    texts = [action.text() for menu in menus for action in menu.actions() if not action.isSeparator()]
    for menu in menus:
        menu.close()
    return texts


def double_click(browser: QgsBrowserWidget, model: QgsBrowserGuiModel, item: QgsDataItem) -> None:
    view, index = view_index(browser, model, item)
    view.doubleClicked.emit(index)


def algorithm_dialogs(algorithm: str) -> list:
    return [
        widget
        for widget in QApplication.topLevelWidgets()
        if widget.isVisible() and hasattr(widget, "algorithm") and widget.algorithm().id() == algorithm
    ]


def close(dialogs: list) -> None:
    for dialog in dialogs:
        dialog.close()
    QCoreApplication.processEvents()


def test_the_provider_gives_a_root_listing_the_connections(local):
    provider = RemoteGpItemProvider(ConnectionStore())
    assert provider.createDataItem("remotegp:/elsewhere", None) is None
    item = provider.createDataItem("", None)
    assert isinstance(item, RootItem) and (item.name(), item.path()) == ("Remote GP", "remotegp:")
    assert not item.icon().isNull() and item.capabilities2() & Qgis.BrowserItemCapability.Fast
    connections = item.createChildren()
    assert [c.name() for c in connections] == [c.name for c in ConnectionStore().all()]
    local_item = next(c for c in connections if c.connection == local)
    assert isinstance(local_item, ConnectionItem) and local_item.toolTip() == local.url
    assert local_item.state() == Qgis.BrowserItemState.NotPopulated  # nothing asked of the server yet


def test_a_connection_lists_its_folders_and_its_root_services(model, local):
    children = expanded(model, walk(model, local.name))
    assert names(children) == ["GP", "Hosted", "Secure", "SlopeByVal"]
    assert names([c for c in children if isinstance(c, FolderItem)]) == ["GP", "Hosted", "Secure"]
    assert [c.service_name for c in children if isinstance(c, ServiceItem)] == ["SlopeByVal"]


def test_a_folder_lists_its_gp_services(model, local):
    services = expanded(model, walk(model, local.name, "GP"))
    assert names(services) == [
        "BufferByVal",
        "CopyFeatures",
        "CopyFeaturesAsync",
        "DataTypes",
        "Lifecycle",
        "SummarizeSync",
    ]
    assert [s.service_name for s in services if isinstance(s, ServiceItem)] == [
        "GP/BufferByVal",
        "GP/CopyFeatures",
        "GP/CopyFeaturesAsync",
        "GP/DataTypes",
        "GP/Lifecycle",
        "GP/SummarizeSync",
    ]
    assert expanded(model, walk(model, local.name, "Hosted")) == []  # a feature service only


def test_a_service_lists_its_tasks_as_their_algorithms(model, local):
    expected = {
        "BufferByVal": ("Buffer Points", "BufferPoints"),
        "SummarizeSync": ("Summarize", "Summarize"),
        "DataTypes": ("Echo Types", "EchoTypes"),
        "Lifecycle": ("Run Scenario", "RunScenario"),
    }
    for service, (label, name) in expected.items():
        tasks = expanded(model, walk(model, local.name, "GP", service))
        assert [(type(t), t.name(), t.task.name) for t in tasks] == [(TaskItem, label, name)]
        assert not model.hasChildren(model.findItem(tasks[0]))
    buffer = walk(model, local.name, "GP", "BufferByVal", "Buffer Points")
    assert buffer.toolTip() == "Buffers the input points by a distance, in NAD83 / UTM zone 15N."
    assert buffer.algorithm_id() == f"remotegp:{local.key}gpbufferbyvalbufferpoints"
    assert QgsApplication.processingRegistry().algorithmById(buffer.algorithm_id()) is not None
    assert names(expanded(model, walk(model, local.name, "SlopeByVal"))) == ["Run Slope"]


def test_the_secure_folder_needs_a_sign_in_and_opens_with_a_basic_authcfg(model, local, gp_server):
    [error] = expanded(model, walk(model, local.name, "Secure"))
    assert isinstance(error, QgsErrorItem)
    assert "Token Required" in error.name() and "needs a sign-in" in error.name()
    with connection(model, gp_server, "Browser signed in", basic_authcfg()) as signed_in:
        assert names(expanded(model, child(model, signed_in, "Secure"))) == SECURE_SERVICES
        assert names(expanded(model, walk(model, signed_in.name(), "Secure", "SummarizeSync"))) == ["Summarize"]


def test_a_server_that_is_down_shows_an_error_item(model):
    with connection(model, "http://127.0.0.1:9/arcgis", "Browser down") as down:
        [error] = expanded(model, down)
        assert isinstance(error, QgsErrorItem)
        assert error.name() == "Could not reach http://127.0.0.1:9/arcgis/rest/services: Connection refused."


def test_an_edited_connection_reads_its_credentials_again(model, gp_server):
    with connection(model, gp_server, "Browser edited") as item:
        assert isinstance(expanded(model, child(model, item, "Secure"))[0], QgsErrorItem)
        item.update(ConnectionStore().rename(item.connection, "Browser edited, signed in", gp_server, basic_authcfg()))
        assert item.name() == "Browser edited, signed in"
        assert names(expanded(model, child(model, item, "Secure"))) == SECURE_SERVICES


def test_service_and_task_pages_are_their_rest_pages_without_a_token(model, local, gp_server):
    service = walk(model, local.name, "GP", "BufferByVal")
    assert service.page_url().toString() == f"{gp_server}/rest/services/GP/BufferByVal/GPServer"
    task = child(model, service, "Buffer Points")
    assert task.page_url().toString() == f"{gp_server}/rest/services/GP/BufferByVal/GPServer/BufferPoints"
    with connection(model, gp_server, "Browser pages", basic_authcfg()) as signed_in:
        secure = walk(model, signed_in.name(), "Secure", "SummarizeSync")
        assert secure.page_url().toString() == f"{gp_server}/rest/services/Secure/SummarizeSync/GPServer"
        task = child(model, secure, "Summarize")
        assert task.page_url().toString() == f"{gp_server}/rest/services/Secure/SummarizeSync/GPServer/Summarize"


def test_each_kind_of_item_has_its_context_menu(model, local, browser):
    def menu(*names: str) -> list[str]:
        return context_menu(browser, model, walk(model, *names))

    assert context_menu(browser, model, root(model)) == ["New Connection…"]
    assert menu(local.name) == ["Refresh", "Edit Connection…", "Remove Connection"]
    assert menu(local.name, "GP") == ["Refresh"]
    assert menu(local.name, "GP", "BufferByVal") == ["Open Service Page", "Refresh"]
    assert menu(local.name, "GP", "BufferByVal", "Buffer Points") == ["Open Task Page", "Run…"]
    assert context_menu(browser, model, expanded(model, walk(model, local.name, "Secure"))[0]) == []
    # QGIS passed the items to Python and back (the selected items too): they are still ours.
    assert isinstance(walk(model, local.name, "GP", "BufferByVal", "Buffer Points"), TaskItem)


def test_refresh_fetches_the_items_and_the_algorithms_again(plugin, model, local):
    item = walk(model, local.name)
    expanded(model, item)
    started: list[QgsTask] = []

    def added(task_id: int) -> None:
        started.append(QgsApplication.taskManager().task(task_id))

    [refresh] = [slot for text, slot in gui_provider(plugin).actions(item, None) if text == "Refresh"]
    QgsApplication.taskManager().taskAdded.connect(added)
    try:
        refresh()
    finally:
        QgsApplication.taskManager().taskAdded.disconnect(added)
    assert item.state() == Qgis.BrowserItemState.Populating
    assert [task.description() for task in started] == ["Refreshing Remote GP connections"]
    wait_for(started[0])
    assert names(expanded(model, item)) == ["GP", "Hosted", "Secure", "SlopeByVal"]


def test_double_click_on_a_task_opens_its_algorithm_dialog(plugin, model, local, browser):
    task = walk(model, local.name, "GP", "SummarizeSync", "Summarize")
    double_click(browser, model, task)
    dialogs = algorithm_dialogs(task.algorithm_id())
    assert len(dialogs) == 1 and not dialogs[0].isModal()
    close(dialogs)
    assert not gui_provider(plugin).handleDoubleClick(walk(model, local.name, "GP"), QgsDataItemGuiContext())


def test_a_task_without_cached_algorithm_refreshes_its_connection_first(model, gp_server, browser):
    with connection(model, gp_server, "Browser uncached") as item:
        task = walk(model, item.name(), "SlopeByVal", "Run Slope")
        assert QgsApplication.processingRegistry().algorithmById(task.algorithm_id()) is None
        double_click(browser, model, task)
        assert [message.text() for message in browser.messageBar().items()] == [
            "Run Slope is not among the Processing algorithms yet: refreshing the connection Browser uncached first."
        ]
        until(lambda: algorithm_dialogs(task.algorithm_id()), "the algorithm dialog did not open after the refresh")
        close(algorithm_dialogs(task.algorithm_id()))


def test_removing_a_connection_removes_its_item_and_its_algorithms(plugin, model, gp_server):
    store = ConnectionStore()
    added = store.add("Browser removed", gp_server)
    wait_for(plugin.provider.refresh([added]))
    assert [a for a in plugin.provider.algorithms() if a.name().startswith(added.key)]
    gui_provider(plugin).remove(walk(model, "Browser removed"))
    assert store.get(added.key) is None
    assert "Browser removed" not in names(expanded(model, model.dataItem(model.findPath("remotegp:"))))
    assert not [a for a in plugin.provider.algorithms() if a.name().startswith(added.key)]


def test_unregister_removes_what_register_added(plugin):
    def counts() -> tuple[int, int]:
        return (
            [p.name() for p in QgsApplication.dataItemProviderRegistry().providers()].count("Remote GP"),
            [p.name() for p in QgsGui.dataItemGuiProviderRegistry().providers()].count("Remote GP"),
        )

    before = counts()
    assert before == (1, 1)  # what the plugin registered when it started
    handle = register(plugin.provider.store, plugin.provider.refresh, plugin.connections_changed, None)
    assert counts() == (before[0] + 1, before[1] + 1)
    unregister(handle)
    assert counts() == before


def test_an_ogc_connection_lists_its_processes_as_their_algorithms(model, ogc_server):
    store = ConnectionStore()
    added = store.add("Browser OGC", ogc_server, "", OGC)
    try:
        processes = expanded(model, walk(model, "Browser OGC"))
        assert sorted(p.task.name for p in processes) == ["buffer", "fail", "hello-world", "literals", "slope", "slow"]
        assert all(isinstance(p, TaskItem) for p in processes)
        buffer = next(p for p in processes if p.task.name == "buffer")
        assert buffer.name() == "Buffer features" and buffer.algorithm_id() == f"remotegp:{added.key}processesbuffer"
        assert buffer.page_url().toString() == f"{ogc_server}/processes/buffer"
    finally:
        store.remove(added.key)
        root(model)
