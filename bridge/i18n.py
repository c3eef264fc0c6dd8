"""Translation of the QGIS side's messages: `tr` is the one helper, in bridge, ui and plugin.py alike
(widgets too, rather than Qt's per-class `self.tr`), so every message has the one context pylupdate5
files a bare `tr("…")` under, "@default". Placeholders are `{name}`, filled after translating."""

from __future__ import annotations

from qgis.PyQt.QtCore import QCoreApplication


def tr(text: str) -> str:
    return QCoreApplication.translate("@default", text)
