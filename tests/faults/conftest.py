"""The fault matrix's fixtures: a test CA, what the cells start from, and the matrix itself, which
runs the selected cells in lanes (each with its own hostile world in front of the session's
reference GP server or pygeoapi server, and its own worker), the lanes side by side.
`--fault-table=PATH` writes the results as a table."""

from __future__ import annotations

import base64
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import requests

from .matrix import PLAIN_HOST, Cell, Context, Observation, hidden, judge, secrets_of
from .ogc_prepare import prepare_ogc
from .phases import CANCEL, DISMISS, POLL
from .prepare import Prepared, prepare
from .process import World, plain_host, running_world
from .runner import Lane
from .table import Result, write
from .terms import API_KEY, OGC_PASSWORD, OGC_USERNAME, PASSWORD, QGIS_CLIENTS, USERNAME
from .tls import Certificates, make_certificates


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--fault-table",
        metavar="PATH",
        type=Path,
        help="write the fault matrix's results as a markdown table (docs/fault-matrix.md)",
    )


@pytest.fixture(scope="session")
def certificates(tmp_path_factory: pytest.TempPathFactory) -> Certificates:
    return make_certificates(tmp_path_factory.mktemp("tls"))


@pytest.fixture(scope="session")
def prepared(gp_server: str, tmp_path_factory: pytest.TempPathFactory) -> Prepared:
    return prepare(gp_server, tmp_path_factory.mktemp("inputs"))


@pytest.fixture(scope="session")
def esri_token(gp_server: str) -> str:
    """The token an EsriToken authentication configuration holds."""
    answer = requests.post(
        f"{gp_server}/tokens/generateToken",
        timeout=60,
        data={"username": USERNAME, "password": PASSWORD, "client": "requestip", "f": "json"},
    )
    return answer.json()["token"]


def lane_of(cell: Cell) -> tuple[str, str]:
    """The lane a cell runs in, and its kind of worker (QGIS for the QGIS clients, GP or OGC, OGC
    for the other OGC ones). Each client has two lanes: jobs followed (polls, cancels and dismissals wait on the
    server) and the rest."""
    kind = "qgis" if cell.client in QGIS_CLIENTS else "ogc" if cell.kind == "ogc" else "requests"
    return f"{cell.client} {'jobs' if cell.phase in (POLL, CANCEL, DISMISS) else 'rest'}", kind


@dataclass(frozen=True)
class Stage:
    """What the lanes of one kind of server share: the server their worlds stand in front of, what
    their workers are told, and what the judge needs besides a cell's run."""

    target: str
    """The real server's root URL."""
    kind: str
    """"gp" or "ogc"."""
    config: dict[str, Any]
    secrets: frozenset[str]
    slope: tuple[int, str]
    """Size and SHA-256 of the raster a download must bring."""


@dataclass(frozen=True)
class Outcome:
    observation: Observation | None
    """None: the cell was not run."""
    problems: list[str]
    detail: str = ""
    """What the client said (the error, or what it got), secrets hidden."""
    skipped: str = ""


class Matrix:
    """Runs `cells` lane by lane, the lanes at the same time, in the order given; a test waits for
    its cell. Each cell ends within its deadline, so a lane that completes no cell for longer than
    the longest deadline (and a worker's start) has broken down."""

    def __init__(self, cells: list[Cell], stages: dict[str, Stage], certificates: Certificates, root: Path):
        self._stages, self._certificates = stages, certificates
        self._root = root
        self._done: dict[Cell, Outcome] = {}
        self._lock = threading.Condition()
        self._stopping = threading.Event()
        self._threads: list[threading.Thread] = []
        self._progress: dict[str, float] = {}
        """When each lane last finished a cell (or started)."""
        lanes: dict[tuple[str, str], list[Cell]] = {}
        for cell in cells:
            lanes.setdefault(lane_of(cell), []).append(cell)
        for (name, kind), lane_cells in lanes.items():
            self._progress[name] = time.monotonic()
            thread = threading.Thread(
                target=self._run_lane,
                args=(name, kind, stages[lane_cells[0].kind], lane_cells),
                name=f"{name} lane",
                daemon=True,
            )
            thread.start()
            self._threads.append(thread)

    def outcome(self, cell: Cell, stall: float) -> Outcome:
        lane = lane_of(cell)[0]
        with self._lock:
            while cell not in self._done:
                if time.monotonic() - self._progress[lane] > stall:
                    raise AssertionError(f"the {lane} lane completed no cell for {stall:g} s")
                self._lock.wait(1.0)
            return self._done.pop(cell)

    def close(self) -> None:
        """Stop after the cells under way (a run may end early: -x, a keyboard interrupt)."""
        self._stopping.set()
        for thread in self._threads:
            thread.join()

    def _run_lane(self, name: str, kind: str, stage: Stage, cells: list[Cell]) -> None:
        """The lane's cells in order; its world and worker end with them."""
        waiting = list(cells)
        config = {**stage.config, "ca": str(self._certificates.ca)}
        try:
            with (
                running_world(stage.target, self._certificates, plain_host(), stage.kind) as world,
                Lane(kind, world, config, self._root / name.replace(" ", "-")) as lane,
            ):
                context = self._context(world, stage)
                while waiting and not self._stopping.is_set():
                    self._finish(waiting[0], self._run_cell(lane, context, waiting[0]))
                    waiting.pop(0)
        except Exception as failure:  # noqa: BLE001 -- every cell left reports it
            for cell in waiting:
                self._finish(cell, Outcome(None, [f"the {name} lane broke down: {failure}"]))

    def _run_cell(self, lane: Lane, context: Context, cell: Cell) -> Outcome:
        if cell.fault == PLAIN_HOST and lane.world.plain is None:
            return Outcome(None, [], skipped="this machine has no address outside loopback")
        try:
            seen = lane.run(cell)
        except Exception as failure:  # noqa: BLE001 -- a worker that cannot start: the next cell tries again
            return Outcome(None, [f"the cell could not run: {failure}"])
        return Outcome(seen, judge(cell, seen, context), hidden(seen.report["detail"], secrets_of(seen, context)))

    def _finish(self, cell: Cell, outcome: Outcome) -> None:
        with self._lock:
            self._done[cell] = outcome
            self._progress[lane_of(cell)[0]] = time.monotonic()
            self._lock.notify_all()

    def _context(self, world: World, stage: Stage) -> Context:
        hosts = {
            name: url.split("/")[2]
            for name, url in (("server", world.server), ("elsewhere", world.elsewhere), ("plain", world.plain))
            if url
        }
        return Context(hosts, stage.secrets, stage.slope)


def gp_stage(gp_server: str, prepared: Prepared, esri_token: str) -> Stage:
    config = {
        "data": str(prepared.data),
        "buffer_job": prepared.buffer_job,
        "slope_job": prepared.slope_job,
        "esri_token": esri_token,
    }
    return Stage(gp_server, "gp", config, frozenset({PASSWORD, prepared.token, esri_token}), prepared.slope)


def ogc_stage(ogc_server: str) -> Stage:
    """The pygeoapi server's stage; its secrets: the API key, the password and Basic's credential."""
    ready = prepare_ogc(ogc_server)
    basic = base64.b64encode(f"{OGC_USERNAME}:{OGC_PASSWORD}".encode()).decode("ascii")
    config = {"buffer_job": ready.buffer_job, "slope_job": ready.slope_job}
    return Stage(ogc_server, "ogc", config, frozenset({API_KEY, OGC_PASSWORD, basic}), ready.slope)


MATRIX_TESTS = ("test_cell", "test_ogc_cell")


@pytest.fixture(scope="session")
def matrix(
    request: pytest.FixtureRequest, certificates: Certificates, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Matrix]:
    """The matrix of the cells selected in this run (GP and OGC), started at once; each kind of
    server is started only when cells of its kind were selected."""
    cells = [
        item.callspec.params["cell"]
        for item in request.session.items
        if getattr(item, "originalname", "") in MATRIX_TESTS and "cell" in item.callspec.params
    ]
    stages = {}
    if any(cell.kind == "gp" for cell in cells):
        stages["gp"] = gp_stage(
            request.getfixturevalue("gp_server"),
            request.getfixturevalue("prepared"),
            request.getfixturevalue("esri_token"),
        )
    if any(cell.kind == "ogc" for cell in cells):
        stages["ogc"] = ogc_stage(request.getfixturevalue("ogc_server"))
    running = Matrix(cells, stages, certificates, tmp_path_factory.mktemp("lanes"))
    yield running
    running.close()


@pytest.fixture(scope="session")
def fault_table(request: pytest.FixtureRequest) -> Iterator[list[Result]]:
    """The cells' results; written as a table at the end when --fault-table is given."""
    results: list[Result] = []
    started = time.monotonic()
    yield results
    path = request.config.getoption("--fault-table")
    if path is not None:
        write(path, results, time.monotonic() - started)
