"""Every fault of the hostile server in every phase where it applies, for each client: the
requests transport, and the plugin's QgisTransport in real QGIS (see matrix.py for what each cell
must show, docs/fault-matrix.md for the results).

The matrix runs once, in the venv that runs QGIS (`make test`), not again in `make test-core`'s.
"""

from __future__ import annotations

import pytest

from .matrix import SLOW_CELL_DEADLINE, Cell, cells
from .runner import STARTUP_SECONDS
from .table import Result

pytest.importorskip("pytest_qgis", reason="the fault matrix runs once, in .venv (make test), for both transports")

CELLS = cells()
STALL_SECONDS = SLOW_CELL_DEADLINE + STARTUP_SECONDS + 30
"""A lane ends a cell within that, a worker's restart included."""


@pytest.mark.timeout(STALL_SECONDS + 60)
@pytest.mark.parametrize("cell", CELLS, ids=[cell.id for cell in CELLS])
def test_cell(cell: Cell, matrix, fault_table) -> None:
    outcome = matrix.outcome(cell, STALL_SECONDS)
    if outcome.skipped:
        pytest.skip(outcome.skipped)
    report = outcome.observation.report if outcome.observation else {"outcome": "not run", "seconds": None}
    fault_table.append(Result(cell, report["outcome"], tuple(outcome.problems), report["seconds"], outcome.detail))
    if outcome.problems:  # the report itself is not shown: it holds what leaked
        pytest.fail(f"{cell.id} ({report['outcome']}):\n" + "\n".join(outcome.problems), pytrace=False)
