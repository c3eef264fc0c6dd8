"""Connections, credentials, the description cache and ids that stay, in real QGIS."""

from __future__ import annotations

import json

from qgis.core import QgsApplication, QgsSettings, QgsVectorLayer

from qgis_helpers import basic_authcfg, connect, esri_token_authcfg, wait_for
from remote_gp.bridge import descriptions
from remote_gp.bridge.connections import ConnectionStore
from remote_gp.bridge.help import sanitised
from remote_gp.bridge.source import read_credentials
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
    first, *_, last = (descriptions.cache_folder() / f"{local.key}.json").read_text().splitlines()
    assert ["GP/BufferByVal", "BufferPoints", "Buffer Points"] in json.loads(first)["algorithms"]
    cached = json.loads(last)
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


def test_a_new_connection_whose_server_is_down_is_said_to_have_no_algorithms_yet(plugin):
    down = plugin.provider.store.add("New and down", "http://127.0.0.1:9/arcgis")
    try:
        logged = []
        QgsApplication.messageLog().messageReceived.connect(lambda message, tag, level: logged.append(message))
        wait_for(plugin.provider.refresh([down]))
        failures = [m for m in logged if m.startswith("New and down could not be refreshed")]
        assert len(failures) == 1
        assert "; it has no algorithms until a refresh goes through: Could not reach" in failures[0]
        assert not any("cached algorithms stay" in m for m in logged)
    finally:
        plugin.provider.store.remove(down.key)


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
    html = sanitised(
        '<p onclick="x()">Buffer <b>points</b><script>alert(1)</script>'
        '<a href="javascript:x">bad</a> <a href="https://esri.com/help">help</a></p>'
    )
    assert html == '<p>Buffer <b>points</b><a>bad</a> <a href="https://esri.com/help">help</a></p>'
    assert sanitised("line one\nx < y & z") == "line one<br>x &lt; y &amp; z"


def test_the_connection_editor_checks_and_tests_what_it_is_given(qgis_app, gp_server):
    editor = ConnectionEditor()
    editor.name.setText("Local")
    editor.url.setText("not a url")
    assert "not an http(s) address" in editor.problem()
    editor.url.setText(gp_server)
    assert editor.problem() == ""
    wait_for(editor.test())
    report = editor.tester.text()
    assert report.startswith("Connected to ArcGIS Server 11.1: 7 GP service(s), 9 task(s).")
    assert "No sign-in (anonymous)" in report and "Not readable (a sign-in may be needed): Secure" in report


def test_a_signed_in_test_reports_the_sign_in_and_the_secured_services(qgis_app, gp_server):
    editor = ConnectionEditor()
    editor.name.setText("Signed")
    editor.url.setText(gp_server)
    editor.auth.setConfigId(basic_authcfg())
    wait_for(editor.test())
    assert editor.tester.text() == (
        "Connected to ArcGIS Server 11.1: 10 GP service(s), 12 task(s). Signed in as gpuser."
    )
    editor.auth.setConfigId(basic_authcfg(password="wrong"))
    wait_for(editor.test())
    assert editor.tester.text().startswith("Failed: ") and "Sign-in as 'gpuser' failed" in editor.tester.text()


def find_row(dialog, name: str) -> int:
    return next(row for row in range(dialog.table.rowCount()) if dialog.table.item(row, 0).text() == name)


def test_the_manager_duplicates_removes_and_tests(plugin, gp_server):
    store, changes = plugin.provider.store, []
    connection = store.add("Manager test", gp_server)
    dialog = ConnectionsDialog(store, changes.append)
    dialog.table.selectRow(find_row(dialog, "Manager test"))
    assert dialog.selected() == connection
    dialog.duplicate()
    copy = store.get(changes[-1].key)
    assert (copy.name, copy.url) == ("Manager test (2)", gp_server) and copy.key != connection.key
    assert dialog.selected() == copy
    wait_for(dialog.test())
    assert dialog.tester.text().startswith("Connected to ArcGIS Server 11.1")
    dialog.remove(ask=False)
    assert store.get(copy.key) is None and changes[-1] is None
    store.remove(connection.key)


def test_the_manager_imports_the_arcgis_connections_qgis_has(plugin, gp_server):
    settings = QgsSettings()
    other_server = "https://gis.example.org/server"  # not connected yet
    settings.setValue(
        "qgis/connections-arcgisfeatureserver/QGIS FS/url", f"{other_server}/rest/services/Hosted/Towers/FeatureServer"
    )
    settings.setValue("qgis/ARCGISFEATURESERVER/QGIS FS/authcfg", "abcd123")
    settings.setValue("qgis/connections-arcgismapserver/Same server/url", f"{other_server}/rest/services")
    store = plugin.provider.store
    already = store.add("Already", "http://elsewhere.example/arcgis")
    dialog = ConnectionsDialog(store, lambda connection: None)
    try:
        dialog.import_from_qgis()
        imported = [c for c in store.all() if c.name == "QGIS FS"]
        assert len(imported) == 1 and imported[0].authcfg == "abcd123"
        assert not [c for c in store.all() if c.name == "Same server"]  # the same server, once
        assert dialog.tester.text() == "1 connection(s) imported; 1 already there or unusable."
    finally:
        for connection in store.all():
            if connection.name in ("QGIS FS", "Already"):
                store.remove(connection.key)
        settings.remove("qgis/connections-arcgisfeatureserver")
        settings.remove("qgis/connections-arcgismapserver")
        settings.remove("qgis/ARCGISFEATURESERVER")
    assert already.key


def test_connections_export_and_import_without_secrets(plugin, gp_server, tmp_path):
    store = plugin.provider.store
    authcfg = basic_authcfg()
    exported = store.add("Exported", "https://export.example.org/arcgis", authcfg)
    dialog = ConnectionsDialog(store, lambda connection: None)
    path = tmp_path / "connections.json"
    dialog.export_file(str(path))
    text = path.read_text()
    assert "Exported" in text and authcfg in text and "gp-password-1" not in text and "gpuser" not in text
    store.remove(exported.key)
    dialog.import_file(str(path))
    again = [c for c in store.all() if c.name == "Exported"]
    assert len(again) == 1 and again[0].authcfg == authcfg
    store.remove(again[0].key)
    (tmp_path / "other.json").write_text('{"not": "ours"}')
    dialog.import_file(str(tmp_path / "other.json"))
    assert "is not a Remote GP connections file" in dialog.tester.text()


def test_the_toolbox_offers_the_connection_actions(plugin):
    from processing.gui.ProviderActions import ProviderActions

    names = [action.name for action in ProviderActions.actions["remotegp"]]
    assert names == ["Add GP Connection…", "GP Connections…", "Refresh GP Connections"]
