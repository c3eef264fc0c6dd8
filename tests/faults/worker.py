"""``python -m faults.worker requests|qgis|ogc <config.json>``: runs the cells the test process sends,
one JSON line each on standard input, and answers each with a JSON line: the outcome, the error's
whole text, what was logged, and the files the cell left behind.

The test process kills a worker whose cell outlives its deadline (and starts another), so a
client that hangs or crashes costs one cell, never the suite. The worker's address space is
limited: a client that inflates a gzip bomb in memory fails with MemoryError instead of taking the
machine down.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import resource
import shutil
import sys
import tempfile
import time
import traceback
import warnings
from pathlib import Path
from typing import Any, Callable

from remote_gp.gp_core import GPError, RequestsTransport, Server
from remote_gp.gp_core.ogc_server import OgcServer

from .drivers import ARCPY_DRIVERS, DRIVERS, QUICK_POLLS, RETRY, USER_POLLS, Context, Stopped, WrongAnswer, settings
from .ogc_drivers import DRIVERS as OGC_DRIVERS, OgcContext
from .terms import (
    API_KEY,
    API_KEY_HEADER,
    ARCPY,
    CLEAR_ERROR,
    OGC_BASIC,
    OGC_CLIENTS,
    OGC_PASSWORD,
    OGC_USERNAME,
    PASSWORD,
    RAW_EXCEPTION,
    RECOVERED,
    STOPPED,
    USERNAME,
    WRONG_ANSWER,
)

MEMORY_HEADROOM = 1536 << 20
"""Address space a worker may take beyond what it holds once ready."""
POLICIES = {"quick": QUICK_POLLS, "user": USER_POLLS}


class LogRecords(logging.Handler):
    """Every log record (warnings too) while a cell runs, as text."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(f"{record.levelname} {record.name}: {record.getMessage()}")


def outcome_of(call: Callable[[], str]) -> dict[str, Any]:
    """Run a driver and say how it ended. The error's text is all of it: its chain and trace, as a
    log or a crash report would show it."""
    started = time.monotonic()
    try:
        outcome, detail, error = RECOVERED, call(), None
    except Stopped as stop:
        outcome, detail, error = STOPPED, str(stop), None
    except WrongAnswer as wrong:
        outcome, detail, error = WRONG_ANSWER, str(wrong), None
    except GPError as failure:
        outcome, detail, error = CLEAR_ERROR, f"{type(failure).__name__}: {failure}", failure
    except Exception as failure:  # noqa: BLE001 -- what the matrix is looking for
        outcome, detail, error = RAW_EXCEPTION, _raw(failure), failure
    text = "".join(traceback.format_exception(error)) if error is not None else ""
    return {"outcome": outcome, "detail": detail, "error_text": text, "seconds": time.monotonic() - started}


def _raw(failure: Exception) -> str:
    """The exception and the innermost frame it came from."""
    frames = traceback.extract_tb(failure.__traceback__)
    where = f" at {Path(frames[-1].filename).name}:{frames[-1].lineno}" if frames else ""
    return f"{type(failure).__name__}: {str(failure)[:300]}{where}"


class Worker:
    """The part common to both kinds: cells, captures and leftovers."""

    def __init__(self, config: dict[str, Any]):
        self.config = config
        self.records = LogRecords()
        warnings.simplefilter("always")  # each cell's warnings, even one said before at the same place
        logging.captureWarnings(True)
        logging.getLogger().addHandler(self.records)
        logging.getLogger().setLevel(logging.DEBUG)
        self.temp = Path(tempfile.gettempdir())
        self.baseline = set(os.listdir(self.temp))

    def server_maker(self, cell: dict[str, Any]) -> Callable[[], Server]:
        raise NotImplementedError

    def run(self, call: Callable[[], str]) -> dict[str, Any]:
        return outcome_of(call)

    def messages(self) -> list[str]:
        """What the client's platform logged besides Python's logging (QGIS's message log)."""
        return []

    def ogc_server_maker(self, cell: dict[str, Any]) -> Callable[[], OgcServer]:
        raise NotImplementedError

    def driver(self, cell: dict[str, Any], scratch: Path) -> Callable[[], str]:
        """The cell's phase as its client does it, a GP or an OGC API - Processes client."""
        if cell["client"] in OGC_CLIENTS:
            ogc_context = OgcContext(
                self.ogc_server_maker(cell),
                scratch,
                self.config["buffer_job"],
                self.config["slope_job"],
                POLICIES[cell["polls"]],
            )
            return lambda: OGC_DRIVERS[cell["phase"]](ogc_context)
        context = Context(
            cell["url"],
            cell["deadline"],
            self.server_maker(cell),
            Path(self.config["data"]),
            scratch,
            self.config["buffer_job"],
            self.config["slope_job"],
            POLICIES[cell["polls"]],
        )
        drivers = ARCPY_DRIVERS if cell["client"] == ARCPY else DRIVERS
        return lambda: drivers[cell["phase"]](context)

    def cell(self, cell: dict[str, Any]) -> dict[str, Any]:
        scratch = Path(cell["scratch"])
        call = self.driver(cell, scratch)
        self.records.lines.clear()
        report = self.run(call)
        report["logs"] = self.records.lines + self.messages()
        report["leftovers"] = self._leftovers()
        report["files"] = {path.name: [path.stat().st_size, _digest(path)] for path in sorted(scratch.iterdir())}
        return report

    def _leftovers(self) -> list[str]:
        """What the cell left in the temporary folder (removed, so the next cell starts clean)."""
        left = sorted(set(os.listdir(self.temp)) - self.baseline)
        for name in left:
            path = self.temp / name
            shutil.rmtree(path) if path.is_dir() and not path.is_symlink() else path.unlink(missing_ok=True)
        return left


class RequestsWorker(Worker):
    def server_maker(self, cell: dict[str, Any]) -> Callable[[], Server]:
        return lambda: Server(
            cell["url"],
            transport=RequestsTransport(verify=self.config["ca"]),
            username=USERNAME,
            password=PASSWORD,
            settings=settings(cell["deadline"]),
            retry=RETRY,
        )


class OgcWorker(Worker):
    """The OGC API - Processes client on requests: an API key header, or Basic authentication from
    the user and password written in the server's URL."""

    def ogc_server_maker(self, cell: dict[str, Any]) -> Callable[[], OgcServer]:
        url, headers = cell["url"], {}
        if cell["client"] == OGC_BASIC:
            scheme, rest = url.split("://", 1)
            url = f"{scheme}://{OGC_USERNAME}:{OGC_PASSWORD}@{rest}"
        else:
            headers = {API_KEY_HEADER: API_KEY}
        return lambda: OgcServer(
            url,
            transport=RequestsTransport(verify=self.config["ca"]),
            settings=settings(cell["deadline"]),
            retry=RETRY,
            headers=headers,
        )


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _limit_memory() -> None:
    with open("/proc/self/statm") as statm:
        held = int(statm.read().split()[0]) * resource.getpagesize()
    limit = held + MEMORY_HEADROOM
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def main() -> None:
    kind, config = sys.argv[1], json.loads(Path(sys.argv[2]).read_text())
    replies = os.fdopen(os.dup(1), "w")
    os.dup2(2, 1)  # whatever QGIS or a library prints goes to stderr, not into the replies
    if kind == "qgis":
        from .qgis_client import QgisWorker

        worker: Worker = QgisWorker(config)
    elif kind == "ogc":
        worker = OgcWorker(config)
    else:
        worker = RequestsWorker(config)
    _limit_memory()
    print(json.dumps({"ready": True}), file=replies, flush=True)
    for line in sys.stdin:
        print(json.dumps(worker.cell(json.loads(line))), file=replies, flush=True)


if __name__ == "__main__":
    main()
