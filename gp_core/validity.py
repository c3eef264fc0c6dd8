"""Polygons checked for validity as they are read: a warning names those that are not valid (rings
that cross, a hole that strays out of its exterior, a ring that touches itself). They are kept as
they are: repairing them would change the server's data without a word.

GEOS's check was a fifth of decoding a large answer. It runs without Python's lock, so a `Check`
takes the polygons of each batch read to a thread of its own, which checks them while the next
batches are read.
"""

from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor
from typing import TYPE_CHECKING, Any

import numpy as np
import shapely

from .errors import warn

if TYPE_CHECKING:
    from numpy.typing import NDArray

#: A warning about invalid polygons names this many features.
_NAMED = 5
#: Polygons from which a batch is checked in the thread; fewer are checked at once.
_IN_THREAD = 1000


class Check:
    """The validity of polygons read batch by batch (`add`); `report` warns of those not valid."""

    def __init__(self, geometries: NDArray[Any]):
        self._geometries = geometries
        self._checked: list[tuple[NDArray[Any], NDArray[np.bool_] | Future[Any]]] = []
        self._thread: ThreadPoolExecutor | None = None

    def add(self, indices: NDArray[Any]) -> None:
        """Check the polygons at `indices` (already in the geometries)."""
        polygons = self._geometries[indices]
        if len(indices) < _IN_THREAD:
            self._checked.append((indices, shapely.is_valid(polygons)))
            return
        if self._thread is None:
            self._thread = ThreadPoolExecutor(1)
        # Not shapely.is_valid: it silences GEOS's notices with warnings.catch_warnings, which is
        # not for threads (each puts back the filters it found: another thread's "ignore" can stay
        # and silence every warning of the process). The check itself, in shapely.lib, enters none;
        # the GEOS versions gp_core runs with (3.10.1 on) give it no notice to turn into a warning.
        self._checked.append((indices, self._thread.submit(shapely.lib.is_valid, polygons)))

    def report(self) -> None:
        """Wait for the checks and warn of the polygons not valid, naming their features."""
        if self._thread is not None:
            self._thread.shutdown(wait=True)
        if not self._checked:
            return
        indices = np.concatenate([indices for indices, _ in self._checked])
        valid = np.concatenate([v.result() if isinstance(v, Future) else v for _, v in self._checked])
        missing = shapely.is_missing(self._geometries[indices])
        _warn(self._geometries, np.sort(indices[~valid & ~missing]).tolist())


def _warn(geometries: NDArray[Any], invalid: list[int]) -> None:
    if not invalid:
        return
    reason = shapely.is_valid_reason(geometries[invalid[0]])
    if len(invalid) == 1:
        warn(
            f"Feature {invalid[0]}: the polygon is not valid as read ({reason}). It is kept as it is; tools that "
            "need valid polygons may fail on it or give wrong results."
        )
        return
    named = ", ".join(map(str, invalid[:_NAMED])) + (
        f" and {len(invalid) - _NAMED} more" if len(invalid) > _NAMED else ""
    )
    warn(
        f"{len(invalid)} polygons are not valid as read (features {named}; feature {invalid[0]}: {reason}). They "
        "are kept as they are; tools that need valid polygons may fail on them or give wrong results."
    )
