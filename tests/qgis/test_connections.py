"""Connections, credentials, the description cache and ids that stay, in real QGIS."""
from __future__ import annotations

import json

from qgis.core import QgsApplication, QgsSettings, QgsVectorLayer

from qgis_helpers import basic_authcfg, connect, esri_token_authcfg, wait_for
from remote_gp.bridge import descriptions
from remote_gp.bridge.connections import ConnectionStore, read_credentials
from remote_gp.bridge.help import sanitised
from remote_gp.ui.connection_dialog import ConnectionEditor, ConnectionsDialog


def remote_ids() -> set[str]:
    return {a.id() for a in QgsApplication.processingRegistry().providerById("remotegp").algorithms()}


def test_connections_live_in_settings_and_secrets_only_in_the_auth_database(plugin, gp_server):
    authcfg = basic_authcfg()
    connection = plugin.provider.store.add("Signed in", gp_server, authcfg)
    try:
        settings = QgsSettings()
        assert settings.value(f"remote_gp/connections/{connection.key}/url") == gp_server
        assert settings.value(f"remote_gp/connections/{connection.key}/authcfg") == authcfg
        stored = "\n".join(f"{k}={settings.value(k)}" for k in settings.allKeys())
        assert "gp-password-1" not in stored and "gpuser" not in stored
        credentials = read_credentials(connection)
        assert (credentials.method, credentials.username) == ("Basic", "gpuser")
        assert "gp-password-1" not in repr(credentials)
    finally:
        plugin.provider.store.remove(connection.key)


def test_a_basic_authcfg_is_exchanged_for_a_token_and_opens_secured_tasks(plugin, gp_server):
    import processing

    connection = connect(plugin, "Secure GP", gp_server, basic_authcfg())
    try:
        algorithm = f"remotegp:{connection.key}securesummarizesyncsummarize"
        assert algorithm in remote_ids()
        empty = QgsVectorLayer("Polygon?crs=EPSG:26915", "empty", "memory")
        result = processing.run(algorithm, {"Input_Features": empty, "Hull": "memory:"})
        assert result["Feature_Count"] == 0
    finally:
        plugin.provider.store.remove(connection.key)
        descriptions.keep_only({c.key for c in plugin.provider.store.all()})


def test_an_esri_token_authcfg_is_applied_by_qgis(plugin, gp_server):
    connection = connect(plugin, "Token GP", gp_server, esri_token_authcfg(gp_server))
    try:
        assert f"remotegp:{connection.key}securedatatypesechotypes" in remote_ids()
    finally:
        plugin.provider.store.remove(connection.key)
        descriptions.keep_only({c.key for c in plugin.provider.store.all()})


def test_descriptions_are_cached_with_the_server_version_and_ids_survive_a_refresh(plugin, local):
    cached = json.loads((descriptions.cache_folder() / f"{local.key}.json").read_text())
    assert cached["currentVersion"] == 11.1
    assert "BufferPoints" in cached["services"]["GP/BufferByVal"]["tasks"]
    before = remote_ids()
    wait_for(plugin.provider.refresh([local]))
    assert remote_ids() == before


def test_a_server_that_is_down_keeps_its_cached_algorithms_and_says_so(plugin, local):
    down = plugin.provider.store.add("Down", "http://127.0.0.1:9/arcgis")
    try:
        descriptions.save(down.key, descriptions.load(local.key))  # cached while it was up
        plugin.provider.refreshAlgorithms()
        cached = {i for i in remote_ids() if i.startswith(f"remotegp:{down.key}")}
        assert len(cached) == len([i for i in remote_ids() if i.startswith(f"remotegp:{local.key}")])
        logged = []
        QgsApplication.messageLog().messageReceived.connect(lambda message, tag, level: logged.append(message))
        wait_for(plugin.provider.refresh([down]))
        assert {i for i in remote_ids() if i.startswith(f"remotegp:{down.key}")} == cached
        assert any("Down could not be refreshed; its cached algorithms stay" in m for m in logged)
    finally:
        plugin.provider.store.remove(down.key)
        descriptions.keep_only({c.key for c in plugin.provider.store.all()})


def test_a_renamed_connection_keeps_its_key_and_with_it_its_algorithm_ids(plugin, gp_server):
    store = ConnectionStore()
    first = store.add("Renamed", gp_server)
    try:
        renamed = store.rename(first, "A new name", gp_server, "")
        assert renamed.key == first.key and store.get(first.key).name == "A new name"
        assert store.add("Renamed", gp_server).key != first.key  # a second connection gets its own key
    finally:
        for connection in store.all():
            if connection.name in ("A new name", "Renamed"):
                store.remove(connection.key)


def test_help_keeps_formatting_and_drops_what_could_run():
    html = sanitised('<p onclick="x()">Buffer <b>points</b><script>alert(1)</script>'
                     '<a href="javascript:x">bad</a> <a href="https://esri.com/help">help</a></p>')
    assert html == '<p>Buffer <b>points</b><a>bad</a> <a href="https://esri.com/help">help</a></p>'
    assert sanitised("line one\nx < y & z") == "line one<br>x &lt; y &amp; z"


def test_the_connection_editor_checks_what_it_is_given(qgis_app, gp_server):
    editor = ConnectionEditor()
    editor.name.setText("Local")
    editor.url.setText("not a url")
    assert "not an http(s) address" in editor.problem()
    editor.url.setText(gp_server)
    assert editor.problem() == ""
    editor._test()
    assert editor.result_label.text().startswith("Connected: ArcGIS Server 11.1")


def test_the_connections_dialog_adds_edits_and_removes(plugin, gp_server):
    store, changes = plugin.provider.store, []
    dialog = ConnectionsDialog(store, changes.append)
    connection = store.add("Dialog test", gp_server)
    dialog.reload()
    dialog.list.setCurrentRow(next(i for i in range(dialog.list.count())
                                   if dialog.list.item(i).text().startswith("Dialog test")))
    assert dialog.selected() == connection
    dialog.test()
    assert dialog.status.text().startswith("Connected")
    store.remove(connection.key)
    dialog.reload()
    assert all(not dialog.list.item(i).text().startswith("Dialog test") for i in range(dialog.list.count()))


def test_the_toolbox_offers_the_connection_actions(plugin):
    from processing.gui.ProviderActions import ProviderActions

    names = [action.name for action in ProviderActions.actions["remotegp"]]
    assert names == ["Add GP Connection…", "GP Connections…", "Refresh GP Connections"]
