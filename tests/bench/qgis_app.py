"""QGIS started in a benchmark's own process, with a throwaway profile."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def qgis_started(prefix: str) -> Iterator[Path]:
    """QGIS running (no display needed) with a new profile folder, which it yields and removes after."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from qgis.core import QgsApplication

    with tempfile.TemporaryDirectory(prefix=prefix) as profile:
        QgsApplication.setPrefixPath("/usr", True)
        app = QgsApplication([], False, profile)
        app.initQgis()
        try:
            yield Path(profile)
        finally:
            app.exitQgis()
