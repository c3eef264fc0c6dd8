"""The fault matrix's fixtures: a test CA, what the cells start from, and the matrix itself, which
runs the selected cells in lanes (each with its own hostile world in front of the session's
reference server, and its own worker), the lanes side by side. `--fault-table=PATH` writes
the results as a table."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests

from .matrix import PLAIN_HOST, Cell, Context, Observation, hidden, judge, secrets_of
from .phases import CANCEL, POLL
from .prepare import Prepared, prepare
from .process import World, plain_host, running_world
from .runner import Lane
from .table import Result, write
from .terms import PASSWORD, QGIS, QGIS_ESRI_TOKEN, USERNAME
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
    """The lane a cell runs in, and its kind of worker (QGIS for the QGIS clients). Each client has
    two lanes: jobs followed (polls and cancels wait on the server) and the rest."""
    kind = "qgis" if cell.client in (QGIS, QGIS_ESRI_TOKEN) else "requests"
    return f"{cell.client} {'jobs' if cell.phase in (POLL, CANCEL) else 'rest'}", kind


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

    def __init__(
        self,
        cells: list[Cell],
        gp_server: str,
        certificates: Certificates,
        prepared: Prepared,
        esri_token: str,
        root: Path,
    ):
        self._gp_server, self._certificates, self._prepared, self._esri_token = (
            gp_server,
            certificates,
            prepared,
            esri_token,
        )
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
                target=self._run_lane, args=(name, kind, lane_cells), name=f"{name} lane", daemon=True
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

    def _run_lane(self, name: str, kind: str, cells: list[Cell]) -> None:
        """The lane's cells in order; its world and worker end with them."""
        waiting = list(cells)
        config = {
            "data": str(self._prepared.data),
            "buffer_job": self._prepared.buffer_job,
            "slope_job": self._prepared.slope_job,
            "ca": str(self._certificates.ca),
            "esri_token": self._esri_token,
        }
        try:
            with (
                running_world(self._gp_server, self._certificates, plain_host()) as world,
                Lane(kind, world, config, self._root / name.replace(" ", "-")) as lane,
            ):
                context = self._context(world)
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

    def _context(self, world: World) -> Context:
        hosts = {
            name: url.split("/")[2]
            for name, url in (("server", world.server), ("elsewhere", world.elsewhere), ("plain", world.plain))
            if url
        }
        return Context(hosts, frozenset({PASSWORD, self._prepared.token, self._esri_token}), self._prepared.slope)


@pytest.fixture(scope="session")
def matrix(
    request: pytest.FixtureRequest, gp_server, certificates, prepared, esri_token, tmp_path_factory
) -> Iterator[Matrix]:
    """The matrix of the cells selected in this run, started at once."""
    cells = [
        item.callspec.params["cell"]
        for item in request.session.items
        if getattr(item, "originalname", "") == "test_cell" and "cell" in item.callspec.params
    ]
    running = Matrix(cells, gp_server, certificates, prepared, esri_token, tmp_path_factory.mktemp("lanes"))
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
