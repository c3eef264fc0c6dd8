"""The plugin's translations: the .qm of QGIS's interface language (built from i18n/*.ts by
`make package` or `make i18n`), installed while the plugin is loaded."""

from __future__ import annotations

from pathlib import Path

from qgis.core import QgsApplication
from qgis.PyQt.QtCore import QCoreApplication, QTranslator

FOLDER = Path(__file__).resolve().parent.parent / "i18n"


def install() -> QTranslator | None:
    """Install the translation of QGIS's locale (its first two letters: fr_FR → fr), if there is one."""
    path = FOLDER / f"remote_gp_{QgsApplication.locale()[:2]}.qm"
    translator = QTranslator()
    if not path.is_file() or not translator.load(str(path)):
        return None
    QCoreApplication.installTranslator(translator)
    return translator


def remove(translator: QTranslator | None) -> None:
    if translator is not None:
        QCoreApplication.removeTranslator(translator)
