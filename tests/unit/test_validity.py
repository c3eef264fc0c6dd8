"""gp_core.validity: polygons not valid as read are named in one warning; large batches are checked
in a thread while the next batches are read (here: from 2 polygons a batch)."""

from __future__ import annotations

import json
import warnings

import numpy as np
import pytest
import shapely

from remote_gp.gp_core import POLYGON, FeatureSet, geometry, validity
from remote_gp.gp_core.answers import read_json
from remote_gp.gp_core.transport import HttpResponse

SQUARE = [[0, 0], [0, 1], [1, 1], [1, 0], [0, 0]]
INVALID = {0, 4, 5, 11}


def bowtie(x: float) -> list:
    return [[x, 0], [x + 1, 1], [x + 1, 0], [x, 1], [x, 0]]


def rings(count: int = 12) -> list[dict]:
    return [{"rings": [bowtie(3 * i) if i in INVALID else SQUARE]} for i in range(count)]


@pytest.fixture
def threads(monkeypatch) -> list[int]:
    """Batches of 2 polygons or more checked in the thread; how many threads were started."""
    started: list[int] = []
    made = validity.ThreadPoolExecutor

    def counted(workers: int):
        started.append(workers)
        return made(workers)

    monkeypatch.setattr(validity, "_IN_THREAD", 2)
    monkeypatch.setattr(validity, "ThreadPoolExecutor", counted)
    return started


def test_batches_checked_in_a_thread_and_at_once_are_named_in_the_order_of_their_features(threads):
    polygons = np.array([shapely.Polygon(ring["rings"][0]) for ring in rings()])
    check = validity.Check(polygons)
    for batch in ([11, 10, 9], [8], [0, 1, 2, 3], [7], [4, 5, 6]):  # the single ones at once, the others in the thread
        check.add(np.array(batch))
    with pytest.warns(Warning) as caught:
        check.report()
    assert threads == [1]
    assert [str(w.message).split(" feature 0:")[0] for w in caught] == [
        "4 polygons are not valid as read (features 0, 4, 5, 11;"
    ]


def test_an_answer_read_in_batches_is_checked_batch_by_batch(threads, monkeypatch):
    """read_json keeps geometries raw (with msgspec): they are read in batches of about 200 bytes here."""
    pytest.importorskip("msgspec")
    monkeypatch.setattr(geometry, "_BATCH_BYTES", 200)
    checked: list[int] = []
    add = validity.Check.add
    monkeypatch.setattr(validity.Check, "add", lambda self, indices: (checked.append(len(indices)), add(self, indices)))
    features = [{"attributes": {"n": i}, "geometry": ring} for i, ring in enumerate(rings(30))]
    body = {"geometryType": POLYGON, "fields": [{"name": "n", "type": "esriFieldTypeInteger"}], "features": features}
    url = "http://127.0.0.1/arcgis/rest/services/S/MapServer/0/query"
    answer = read_json(HttpResponse(200, json.dumps(body).encode(), "application/json", url))
    with pytest.warns(Warning) as caught:
        read = FeatureSet.from_json(answer)
    assert [row["n"] for row in read.attributes] == list(range(30))
    assert len(checked) > 3 and sum(checked) == 30 and threads == [1]
    assert len(caught) == 1 and "4 polygons are not valid as read (features 0, 4, 5, 11;" in str(caught[0].message)


def test_checks_in_the_thread_leave_the_process_s_warning_filters_as_they_were(threads):
    """shapely.is_valid's own catch_warnings, entered by two threads at once (here: the caller's,
    checking single polygons, and the check's thread), left "ignore" behind now and then: every
    warning after it was lost."""
    polygons = np.array([shapely.Polygon(ring["rings"][0]) for ring in rings()] * 200)
    filters = list(warnings.filters)
    for _ in range(20):
        check = validity.Check(polygons)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            for start in range(0, len(polygons), 12):
                check.add(np.arange(start, start + 11))
                check.add(np.array([start + 11]))
            check.report()
        assert len(caught) == 1 and "800 polygons are not valid as read" in str(caught[0].message)
        assert warnings.filters == filters
