"""Start the pygeoapi server as its own process for tests: ``with running_ogc_server() as url: ...``.

Imported by the project's venvs (tests/conftest.py); the server itself runs in the pygeoapi venv.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from gp_server.process import running_module

REPO_DIR = Path(__file__).resolve().parents[2]
OGC_PYTHON = REPO_DIR / ".build" / "pygeoapi" / "bin" / "python"
READY_MARKER = REPO_DIR / ".build" / "pygeoapi" / ".ready"


class OGCServerMissing(RuntimeError):
    """The pygeoapi venv has not been built."""


@contextmanager
def running_ogc_server(api_key: str = "") -> Iterator[str]:
    """Yield the base URL of a pygeoapi server on 127.0.0.1 (``http://127.0.0.1:<port>``); stop it on
    exit. With `api_key`, it answers only requests whose X-API-Key header holds it."""
    if not READY_MARKER.exists():
        raise OGCServerMissing(
            f"The pygeoapi venv for the OGC API - Processes tests is missing ({READY_MARKER.parent}): "
            "run  make .build/pygeoapi/.ready  in the repository first."
        )
    keyed = ("--api-key", api_key) if api_key else ()
    with running_module("ogc_server", "--port", "0", "--stop-on-stdin-eof", *keyed, python=str(OGC_PYTHON)) as url:
        yield url
