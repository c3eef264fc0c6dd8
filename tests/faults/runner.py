"""The test process's side of the matrix: a lane is one worker process (requests, or QGIS) against
one hostile world, running one cell at a time, each within its hard deadline. A worker that
outlives a cell's deadline is killed with its whole process group and the next cell gets a new
one: a hang or a crash costs one cell, never the suite.
"""

from __future__ import annotations

import json
import os
import queue
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

from gp_server.process import TESTS_DIR

from .matrix import PLAIN_HOST, Cell, Observation
from .process import World
from .terms import CRASHED, HUNG

STARTUP_SECONDS = 120.0
"""For a worker to be ready (QGIS starts in a few seconds)."""
STOP_SECONDS = 10.0
_SECRET_FREE = {"qgis-auth.db"}
"""QGIS's authentication database keeps its secrets encrypted."""


class WorkerDied(Exception):
    """The worker's process ended; the message says how."""


class WorkerProcess:
    """`python -m faults.worker <kind> <config>` in a process group of its own."""

    def __init__(self, kind: str, config: Path, env: dict[str, str], stderr: Path):
        with open(stderr, "ab") as errors:
            self._process = subprocess.Popen(
                [sys.executable, "-m", "faults.worker", kind, str(config)],
                cwd=TESTS_DIR,
                env=env,
                text=True,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=errors,
                start_new_session=True,
            )
        self._lines: queue.Queue[str | None] = queue.Queue()
        threading.Thread(target=self._read, name=f"{kind} worker replies", daemon=True).start()
        try:
            ready = self._next(STARTUP_SECONDS)
        except WorkerDied as died:
            self.kill()
            raise RuntimeError(
                f"The {kind} worker died while starting ({died}):\n" + stderr.read_text()[-4000:]
            ) from None
        if ready is None:
            self.kill()
            raise RuntimeError(
                f"The {kind} worker was not ready after {STARTUP_SECONDS:g} s:\n" + stderr.read_text()[-4000:]
            )

    def ask(self, cell: dict[str, Any], seconds: float) -> dict[str, Any] | None:
        """The worker's report on the cell, or None when it has not answered within `seconds`."""
        assert self._process.stdin is not None
        try:
            self._process.stdin.write(json.dumps(cell) + "\n")
            self._process.stdin.flush()
        except OSError:
            raise WorkerDied(self._how()) from None
        return self._next(seconds)

    def kill(self) -> None:
        try:
            os.killpg(self._process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self._process.wait()
        self._close_pipes()

    def close(self) -> None:
        assert self._process.stdin is not None
        self._process.stdin.close()
        try:
            self._process.wait(STOP_SECONDS)
        except subprocess.TimeoutExpired:
            self.kill()
        self._close_pipes()

    def _close_pipes(self) -> None:
        for pipe in (self._process.stdin, self._process.stdout):
            if pipe is not None and not pipe.closed:
                try:
                    pipe.close()
                except OSError:
                    pass

    def _read(self) -> None:
        assert self._process.stdout is not None
        for line in self._process.stdout:
            self._lines.put(line)
        self._lines.put(None)

    def _next(self, seconds: float) -> dict[str, Any] | None:
        try:
            line = self._lines.get(timeout=seconds)
        except queue.Empty:
            return None
        if line is None:
            raise WorkerDied(self._how())
        return json.loads(line)

    def _how(self) -> str:
        code = self._process.wait()
        return f"killed by {signal.Signals(-code).name}" if code < 0 else f"exit status {code}"


class Lane:
    """One kind of worker against one world, in a folder of its own: temporary files (TMPDIR),
    home and QGIS profile, the cells' download folders, the worker's output."""

    def __init__(self, kind: str, world: World, config: dict[str, Any], root: Path):
        self.kind = kind
        self.world = world
        self.root = root
        for folder in ("tmp", "home", "profile", "scratch"):
            (root / folder).mkdir(parents=True, exist_ok=True)
        self._config = root / "config.json"
        self._config.write_text(json.dumps(config))
        self._ca = config["ca"]
        self._stderr = root / "worker.log"
        self._stderr.touch()
        self._worker: WorkerProcess | None = None
        self._temp_baseline: set[str] = set()
        self._cells = 0

    def _env(self) -> dict[str, str]:
        """The worker's own temporary folder, home and QGIS profile; requests made without a CA
        bundle of their own (the arcpy face's) trust the test CA."""
        env = {key: value for key, value in os.environ.items() if not key.startswith(("QGIS_", "XDG_"))}
        env.update(
            TMPDIR=str(self.root / "tmp"),
            HOME=str(self.root / "home"),
            QT_QPA_PLATFORM="offscreen",
            QGIS_CUSTOM_CONFIG_PATH=str(self.root / "profile"),
            REQUESTS_CA_BUNDLE=self._ca,
        )
        return env

    def run(self, cell: Cell) -> Observation:
        self._cells += 1
        scratch = self.root / "scratch" / str(self._cells)
        scratch.mkdir()
        if self._worker is None:
            self._worker = WorkerProcess(self.kind, self._config, self._env(), self._stderr)
            self._temp_baseline = set(os.listdir(self.root / "tmp"))
        self.world.arm(cell.armed_phase if cell.injected else "", cell.fault if cell.injected else None)
        order = {
            "client": cell.client,
            "phase": cell.phase,
            "deadline": cell.client_deadline,
            "polls": cell.polls,
            "url": self.world.plain if cell.fault == PLAIN_HOST else self.world.server,
            "scratch": str(scratch),
        }
        offset, profile, started = self._stderr.stat().st_size, self._profile_state(), time.monotonic()
        try:
            report = self._worker.ask(order, cell.deadline)
            if report is None:
                report = self._lost(HUNG, f"no end after {cell.deadline:g} s", scratch, started)
        except WorkerDied as died:
            report = self._lost(CRASHED, f"the worker died: {died}", scratch, started)
        world = self.world.report()
        self.world.disarm()
        with open(self._stderr, "rb") as errors:
            errors.seek(offset)
            stderr = errors.read().decode("latin-1")
        return Observation(report, world, stderr, self._changed(profile))

    def _lost(self, outcome: str, detail: str, scratch: Path, started: float) -> dict[str, Any]:
        """A report for a cell whose worker never gave one; the worker is gone, a new one comes next."""
        assert self._worker is not None
        self._worker.kill()
        self._worker = None
        temp = self.root / "tmp"
        leftovers = sorted(set(os.listdir(temp)) - self._temp_baseline)
        for name in leftovers:
            path = temp / name
            shutil.rmtree(path) if path.is_dir() else path.unlink()
        files = {path.name: [path.stat().st_size, ""] for path in scratch.iterdir()}
        return {
            "outcome": outcome,
            "detail": detail,
            "error_text": "",
            "logs": [],
            "leftovers": leftovers,
            "files": files,
            "seconds": time.monotonic() - started,
        }

    def _profile_state(self) -> dict[Path, tuple[int, int]]:
        return {
            path: (path.stat().st_mtime_ns, path.stat().st_size)
            for folder in (self.root / "profile", self.root / "home")
            for path in folder.rglob("*")
            if path.is_file() and path.name not in _SECRET_FREE
        }

    def _changed(self, before: dict[Path, tuple[int, int]]) -> dict[str, str]:
        """The text of the profile's and home's files written while the cell ran."""
        return {
            str(path.relative_to(self.root)): path.read_bytes().decode("latin-1")
            for path, state in self._profile_state().items()
            if before.get(path) != state
        }

    def __enter__(self) -> Lane:
        return self

    def __exit__(self, *exception: object) -> None:
        if self._worker is not None:
            self._worker.close()
            self._worker = None
