"""Results: execute answers, result answers of jobs, and every data type's decoding of a value."""

from __future__ import annotations

from datetime import datetime
from functools import partial

from hypothesis import given, strategies as st

from decoder_property import assert_typed, only_typed_errors
from remote_gp.gp_core import (
    Extent,
    FeatureService,
    FeatureSet,
    Field,
    ImageService,
    MapImage,
    RasterFile,
    RemoteFile,
    Server,
    SpatialReference,
)
from remote_gp.gp_core.model import DataType, Service, Task
from remote_gp.gp_core.run import parse_results
from remote_gp.gp_core.values import (
    _KNOWN,
    EXTENTS,
    FEATURES,
    QUANTITIES,
    RASTERS,
    SPATIAL_REFERENCES,
    STRINGS,
    read_output,
)

SERVER = Server("https://gis.example.com/arcgis")
TASK = Task(
    f"{SERVER.rest_root}/GP/Tool/GPServer/Tool", "Tool", Service(f"{SERVER.rest_root}/GP/Tool/GPServer", "GP/Tool")
)
#: What a value of each data type becomes (besides None, and a MapImage for a drawn output).
DECODED = {
    **{name: (FeatureSet, FeatureService) for name in FEATURES},
    **{name: (RasterFile, ImageService) for name in RASTERS},
    **{name: cls for name, cls in QUANTITIES.items()},
    **{name: str for name in STRINGS},
    **{name: (SpatialReference, type(None)) for name in SPATIAL_REFERENCES},
    **{name: (Extent, type(None)) for name in EXTENTS},
    "GPDataFile": RemoteFile,
    "Field": Field,
    "GPDate": datetime,
    "GPLong": int,
    "GPDouble": float,
    "GPBoolean": bool,
    "GPValueTable": list,
    "GPMultiValue": list,
}
DATA_TYPES = st.sampled_from(
    sorted(_KNOWN)
    + [f"GPMultiValue:{name}" for name in sorted(_KNOWN)]
    + ["GPMultiValue", "GPMultiValue:", "GPMultiValue:GPMultiValue:GPLong", "", "Unknown"]
)


def read_value(data_type: DataType, value):
    """`value` read as an output of `data_type`, as a job's or an execute's output is."""
    decoded = read_output(TASK, "out", data_type, value, SERVER)
    assert_decoded(decoded, data_type)
    if data_type.base == "GPMultiValue":
        for item in decoded or []:
            assert_decoded(item, DataType(data_type.member or "GPString"))
    if isinstance(decoded, FeatureSet):
        decoded.to_json()  # as it is sent again, when it is the input of another task
    return decoded


def assert_decoded(decoded, data_type: DataType) -> None:
    expected = DECODED.get(data_type.base)
    if decoded is None or isinstance(decoded, MapImage) or expected is None:
        assert_typed(decoded)
    else:
        assert_typed(decoded, expected if isinstance(expected, type) else expected[0] | expected[1])


@given(data=st.data())
def test_result_answers(bodies, data):
    """A job's result answer: `{"paramName", "dataType", "value"}`, read as Job.output reads it."""
    body = data.draw(bodies.mutated("result"))
    sent = body.get("dataType")
    data_type = DataType(sent) if isinstance(sent, str) and sent else DataType(data.draw(DATA_TYPES))
    only_typed_errors(lambda: read_value(data_type, body.get("value")))


@given(data=st.data())
def test_execute_answers(bodies, data):
    body = data.draw(bodies.mutated("execute"))
    results = only_typed_errors(lambda: parse_results(body))
    assert_typed(results, dict[str, tuple[DataType, object]])
    for data_type, value in results.values():
        only_typed_errors(partial(read_value, data_type, value))


@given(data=st.data(), data_type=DATA_TYPES)
def test_a_value_of_any_data_type(bodies, data, data_type):
    """Any result value, mutated, as an output of any data type."""
    value = data.draw(
        bodies.mutated_inside("values", lambda obj: "dataType" in obj and "value" in obj).map(
            lambda obj: obj.get("value") if isinstance(obj, dict) else obj
        )
    )
    only_typed_errors(lambda: read_value(DataType(data_type), value))
