"""Start the server as its own process for tests: ``with running_server() as root_url: ...``."""

from __future__ import annotations

import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

TESTS_DIR = Path(__file__).resolve().parent.parent
STOP_TIMEOUT_SECONDS = 30


@contextmanager
def running_server(python: str = sys.executable) -> Iterator[str]:
    """Yield the context root URL (``http://127.0.0.1:<port>/arcgis``); stop the server on exit.
    ``python`` runs it: one with GDAL, numpy and shapely (the interop tests' own has no GDAL)."""
    with running_module("gp_server", "--port", "0", "--stop-on-stdin-eof", python=python) as url:
        yield url


@contextmanager
def running_module(module: str, *arguments: str, python: str = sys.executable) -> Iterator[str]:
    """Run ``<python> -m <module> <arguments>`` from the tests folder; yield the first line it prints
    (its handshake, once it serves); stop it on exit.

    Startup needs no polling: the process prints the line once it listens. If it dies before that,
    RuntimeError carries its stderr (kept in a file, so a chatty process can never block on a pipe).
    """
    with tempfile.TemporaryFile() as stderr:
        # The process stops when its stdin closes too: it does not outlive a test process that crashed.
        process = subprocess.Popen(
            [python, "-m", module, *arguments],
            cwd=TESTS_DIR,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=stderr,
            text=True,
        )
        try:
            assert process.stdout is not None
            line = process.stdout.readline().strip()
            if not line:
                process.wait()
                stderr.seek(0)
                raise RuntimeError(
                    f"{module} exited with code {process.returncode} before serving:\n"
                    + stderr.read().decode(errors="replace")
                )
            yield line
        finally:
            process.terminate()
            try:
                process.wait(timeout=STOP_TIMEOUT_SECONDS)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
            for pipe in (process.stdin, process.stdout):
                if pipe is not None:
                    pipe.close()
