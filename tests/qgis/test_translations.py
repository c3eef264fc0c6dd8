"""The French and German translations: complete, with the placeholders of their sources, compiled by
lrelease, and used by the plugin when QGIS's interface language is French or German.

The .qm files are build products (`make package` compiles them into the zip; they are never
committed), so these tests compile them into a temporary folder themselves and point the plugin's
translation folder there; everything else, from QGIS's locale setting to the translator the plugin
installs when qgis.utils loads it, is the real thing.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import qgis.utils
from qgis.core import QgsApplication, QgsSettings
from qgis.PyQt.QtCore import QCoreApplication, QTranslator
from qgis.PyQt.QtWidgets import QPushButton

import remote_gp
from qgis_helpers import plugin_modules_kept

PACKAGE = Path(remote_gp.__path__[0])
I18N = PACKAGE / "i18n"
LANGUAGES = ("fr", "de")
PLACEHOLDER = re.compile(r"\{[^{}]*\}")
FILE_PATTERN = re.compile(r"\*\.[\w*]+")
LOCALE_KEYS = ("locale/overrideFlag", "locale/userLocale")

# What a few strings read like in each language, as the user sees them.
EXPECTED = {
    "fr": {
        "connections_title": "Connexions Remote GP",
        "button": "Importer depuis QGIS",
        "editor_title": "Connexion à un serveur",
        "job_id": "Identifiant du job",
        "add_action": "Ajouter une connexion GP…",
        "tools": "Outils",
        "dock": "Jobs Remote GP",
    },
    "de": {
        "connections_title": "Remote GP – Verbindungen",
        "button": "Aus QGIS importieren",
        "editor_title": "Serververbindung",
        "job_id": "Auftrags-ID",
        "add_action": "GP-Verbindung hinzufügen…",
        "tools": "Werkzeuge",
        "dock": "Remote GP – Aufträge",
    },
}


def ts_file(language: str) -> Path:
    return I18N / f"remote_gp_{language}.ts"


def messages(language: str) -> list[tuple[str, str, ET.Element]]:
    """(context, source, translation element) of every message of the language's .ts file."""
    root = ET.parse(ts_file(language)).getroot()
    return [
        (context.findtext("name"), message.findtext("source"), message.find("translation"))
        for context in root.iter("context")
        for message in context.iter("message")
    ]


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_is_translated_and_keeps_its_placeholders(language):
    found = messages(language)
    assert len(found) > 100
    problems = []
    for context, source, translation in found:
        where = f"{context}: {source!r}"
        text = (translation.text or "") if translation is not None else ""
        if translation is None or translation.get("type") in ("unfinished", "vanished", "obsolete"):
            problems.append(f"{where} is not finished")
        elif not text.strip():
            problems.append(f"{where} has an empty translation")
        elif sorted(PLACEHOLDER.findall(text)) != sorted(PLACEHOLDER.findall(source)):
            problems.append(f"{where}: the placeholders of {text!r} differ")
        elif sorted(FILE_PATTERN.findall(text)) != sorted(FILE_PATTERN.findall(source)):
            problems.append(f"{where}: the file patterns of {text!r} differ")
        elif source.endswith("…") != text.endswith("…"):
            problems.append(f"{where}: {text!r} should end with … exactly when the source does")
    assert not problems, "\n".join(problems)


def test_both_languages_translate_the_same_messages():
    assert {(c, s) for c, s, _ in messages("fr")} == {(c, s) for c, s, _ in messages("de")}


@pytest.fixture(scope="module")
def compiled(tmp_path_factory) -> Path:
    """The .qm files, compiled by lrelease from the .ts files as `make package` compiles them, in a
    temporary folder (nothing is written to i18n/)."""
    assert shutil.which("lrelease"), "lrelease (Debian's qttools5-dev-tools) is needed"
    folder = tmp_path_factory.mktemp("i18n")
    for language in LANGUAGES:
        total = len(messages(language))
        qm = folder / f"remote_gp_{language}.qm"
        english = {**os.environ, "LC_ALL": "C.UTF-8", "LANGUAGE": ""}  # lrelease's report, as checked below
        run = subprocess.run(
            ["lrelease", str(ts_file(language)), "-qm", str(qm)],
            capture_output=True,
            text=True,
            timeout=60,
            env=english,
        )
        assert run.returncode == 0, run.stdout + run.stderr
        assert f"Generated {total} translation(s) ({total} finished and 0 unfinished)" in run.stdout, run.stdout
        assert "Ignored" not in run.stdout, run.stdout
        assert qm.is_file() and qm.stat().st_size > 1000
    return folder


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_compiled_translation_holds_every_message(language, compiled):
    translator = QTranslator()
    assert translator.load(str(compiled / f"remote_gp_{language}.qm"))
    for context, source, translation in messages(language):
        # QTranslator.translate takes C strings: PyQt passes str as ASCII, so UTF-8 bytes for "…" etc.
        assert translator.translate(context.encode(), source.encode()) == translation.text, (context, source)


def test_the_plugin_looks_for_its_translations_in_its_i18n_folder():
    """What the other tests redirect to their compiled .qm files is the folder of the .ts files,
    which `make package` fills with the .qm files."""
    from remote_gp.bridge import translation

    assert translation.FOLDER.samefile(I18N) and ts_file("fr").is_file()


@contextmanager
def qgis_locale(locale: str) -> Iterator[None]:
    """QGIS's interface language overridden as its Options dialog does; the settings as they were
    afterwards."""
    settings = QgsSettings()
    before = {key: settings.value(key) for key in LOCALE_KEYS if settings.contains(key)}
    settings.setValue("locale/overrideFlag", True)
    settings.setValue("locale/userLocale", locale)
    try:
        yield
    finally:
        for key in LOCALE_KEYS:
            if key in before:
                settings.setValue(key, before[key])
            else:
                settings.remove(key)


@contextmanager
def plugin_loaded(folder: Path, monkeypatch) -> Iterator:
    """The plugin started as QGIS starts plugins (its translator installed at load), its
    translations read from `folder`; unloaded at the end."""
    qgis.utils.plugin_paths.insert(0, str(PACKAGE.parent))
    qgis.utils.updateAvailablePlugins()
    try:
        with plugin_modules_kept():
            from remote_gp.bridge import translation  # the module the plugin is about to use

            monkeypatch.setattr(translation, "FOLDER", folder)
            assert qgis.utils.loadPlugin("remote_gp") and qgis.utils.startPlugin("remote_gp")
            try:
                yield qgis.utils.plugins["remote_gp"]
            finally:
                assert qgis.utils.unloadPlugin("remote_gp")
    finally:
        qgis.utils.plugin_paths.remove(str(PACKAGE.parent))


@pytest.mark.parametrize("language, locale", [("fr", "fr_FR"), ("de", "de_DE")])
def test_the_plugin_speaks_the_language_of_qgis(
    language, locale, compiled, monkeypatch, qgis_app, qgis_processing, qgis_iface
):
    from remote_gp.plugin import toolbox_actions
    from remote_gp.ui.connection_dialog import ConnectionEditor, ConnectionsDialog

    expected = EXPECTED[language]
    with qgis_locale(locale):
        assert QgsApplication.locale() == locale
        with plugin_loaded(compiled, monkeypatch) as plugin:
            assert plugin.translator is not None
            assert QCoreApplication.translate("@default", "Job id") == expected["job_id"]
            dialog = ConnectionsDialog(plugin.provider.store, lambda connection: None)
            editor = ConnectionEditor()
            try:
                assert dialog.windowTitle() == expected["connections_title"]
                assert expected["button"] in [button.text() for button in dialog.findChildren(QPushButton)]
                assert editor.windowTitle() == expected["editor_title"]
            finally:
                dialog.deleteLater()
                editor.deleteLater()
            add = toolbox_actions(plugin)[0]
            assert (add.name, add.group) == (expected["add_action"], expected["tools"])
            assert plugin._jobs_ui.dock.windowTitle() == expected["dock"]  # built in initGui
    # Unloading removed the translator: whatever comes next is in English again.
    assert QgsApplication.locale() != locale
    assert QCoreApplication.translate("@default", "Job id") == "Job id"
    assert ConnectionEditor().windowTitle() == "Server Connection"


def test_a_language_without_a_translation_stays_english(compiled, monkeypatch, qgis_app):
    from remote_gp.bridge import translation

    monkeypatch.setattr(translation, "FOLDER", compiled)
    with qgis_locale("it_IT"):
        assert translation.install() is None
    assert QCoreApplication.translate("@default", "Job id") == "Job id"
