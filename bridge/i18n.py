"""Translation of the QGIS side's messages. pylupdate5 files a bare `tr("…")` under the "@default"
context, so that is the context looked up here; placeholders are `{name}`, filled after translating."""
from __future__ import annotations

from qgis.PyQt.QtCore import QCoreApplication


def tr(text: str) -> str:
    return QCoreApplication.translate("@default", text)

