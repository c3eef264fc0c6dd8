"""Synchronous tasks through arcgis's imported toolboxes and through gp_core: the same call, the same answer.

Summarize (anonymous, and signed in to the Secure folder), CopyFeatures (Z, M and dates), and EchoTypes:
a value of every GP data type, and a data file uploaded, echoed and downloaded.
"""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import arcgis
import pytest
from arcgis.geoprocessing import DataFile, RasterData

from remote_gp.gp_core import Execution, Server, execute

from .data import SQUARES, TOWERS, TRACKS, VISITS
from .esri import assert_same_features, plain, service_url, toolbox, upload

DATA_TYPES = "GP/DataTypes"
#: EchoTypes inputs (arcgis's Python names are the parameters' own here) and values of their type.
ECHOED = {
    "in_string": "héllo, wörld & co",
    "in_hidden": "not shown",
    "in_sql": "Name = 'Tower 1'",
    "in_long": 42,
    "in_double": -2.5,
    "in_bool": True,
    "in_date": datetime.datetime(2024, 5, 6, 7, 8, 9, 123000, tzinfo=datetime.timezone.utc),
    "in_areal": {"area": 3.5, "units": "esriHectares"},
    "in_time": {"time": 4, "units": "esriTimeUnitsHours"},
    "in_strings": ["a", "b, c"],
    "in_doubles": [1.5, -0.25],
    "in_units": [{"distance": 1, "units": "esriMeters"}, {"distance": 2, "units": "esriIntFeet"}],
    "in_table_values": [["x", 1, 0.5], ["y", 2, 1.5]],
    "in_composite": {"distance": 3, "units": "esriMeters"},
    "in_sr": {"wkid": 4326},
    "in_extent": {"xmin": 1.0, "ymin": 2.0, "xmax": 3.0, "ymax": 4.0, "spatialReference": {"wkid": 26915}},
    "in_field": {"name": "Name", "type": "esriFieldTypeString", "alias": "Name"},
    "in_choice": "green",
    "in_coded": 2,
}
RECORDS = {"in_features": TOWERS, "in_table": VISITS}
LINEAR = {"distance": 2.5, "units": "esriFeet"}
FILES = ("in_file", "in_raster", "in_raster_data")


@pytest.fixture
def returns_z_and_m(monkeypatch: pytest.MonkeyPatch) -> None:
    """arcgis asks for Z and M values as gp_core does (its default leaves them out)."""
    monkeypatch.setattr(arcgis.env, "return_z", True)
    monkeypatch.setattr(arcgis.env, "return_m", True)


@pytest.fixture(scope="module")
def notes(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("notes") / "notes.csv"
    path.write_text("name,count\nTower 1,3\nTower 2,ünïcode\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def echoed(server: Server, esri_session: Any, notes: Path, dem: Path) -> tuple[Any, Execution]:
    """EchoTypes given every value above, by arcgis and by gp_core (each uploads the files its way).

    A generated arcgis tool sends every input, an optional file or raster left out as ``{"url": ""}``,
    which the reference server takes as not sent (test_gp_server_types checks it); here each gets a
    file, so that both clients' files can be compared."""
    url = service_url(server, DATA_TYPES)
    notes_item, dem_item = upload(esri_session, url, notes), upload(esri_session, url, dem)
    esri = toolbox(url, esri_session).echo_types(
        **ECHOED,
        **RECORDS,
        in_linear=LINEAR,
        in_file=DataFile(item_id=notes_item),
        in_raster=RasterData(item_id=dem_item),
        in_raster_data=RasterData(item_id=dem_item),
        gis=esri_session,
    )
    core = execute(
        server,
        server.task(DATA_TYPES, "EchoTypes"),
        {**ECHOED, **RECORDS, "in_linear": LINEAR, "in_file": notes, "in_raster": dem, "in_raster_data": dem},
    )
    return esri, core


def as_json(value: Any) -> Any:
    """A decoded value as JSON again: arcgis's objects by to_dict, gp_core's by to_json, dates in ms."""
    for method in ("to_dict", "to_json"):
        if hasattr(value, method):
            return getattr(value, method)()
    if isinstance(value, list):
        return [as_json(item) for item in value]
    return plain(value)


@pytest.mark.parametrize("folder", ["GP", "Secure"])
def test_summarize_runs_synchronously_as_for_gp_core(folder: str, request: pytest.FixtureRequest) -> None:
    secure = folder == "Secure"
    server: Server = request.getfixturevalue("signed_in" if secure else "server")
    session = request.getfixturevalue("esri_signed_in" if secure else "esri_session")
    service = f"{folder}/SummarizeSync"
    esri = toolbox(service_url(server, service), session).summarize(
        input_features=SQUARES, label="detail", scale=2.0, gis=session
    )
    core = execute(
        server, server.task(service, "Summarize"), {"Input_Features": SQUARES, "Label": "detail", "Scale": 2.0}
    )
    assert (
        (esri.feature_count, esri.total_area, esri.summary)
        == (core.output("Feature_Count"), core.output("Total_Area"), core.output("Summary"))
        == (2, 2.0 * (100 * 100 + 50 * 50), "2 features, label=detail")
    )
    assert_same_features(esri.hull, core.output("Hull"))


def test_copied_features_keep_z_m_and_dates_as_for_gp_core(
    server: Server, esri_session: Any, returns_z_and_m: None
) -> None:
    esri = toolbox(service_url(server, "GP/CopyFeatures"), esri_session).copy_features(
        input_features=TRACKS, gis=esri_session
    )
    copied = execute(server, server.task("GP/CopyFeatures", "CopyFeatures"), {"Input_Features": TRACKS}).output(
        "Output_Features"
    )
    assert len(copied) == 2 and copied.has_z and copied.has_m
    assert_same_features(esri, copied)


@pytest.mark.parametrize("name", sorted(ECHOED))
def test_a_value_of_every_type_is_echoed_as_for_gp_core(name: str, echoed: tuple[Any, Execution]) -> None:
    esri, core = echoed
    assert as_json(getattr(esri, f"{name}_out")) == as_json(core.output(f"{name}_out")) == as_json(ECHOED[name])


@pytest.mark.parametrize("name", sorted(RECORDS))
def test_features_and_records_are_echoed_as_for_gp_core(name: str, echoed: tuple[Any, Execution]) -> None:
    esri, core = echoed
    assert_same_features(getattr(esri, f"{name}_out"), core.output(f"{name}_out"))
    assert len(core.output(f"{name}_out")) == len(RECORDS[name]["features"])


def test_a_linear_unit_is_echoed_as_for_gp_core(echoed: tuple[Any, Execution]) -> None:
    """arcgis quirk: its LinearUnit title-cases Esri unit names ("esriFeet" becomes "Esrifeet"), the
    ones it reads as well as the ones it writes (so the value went as a dict, above)."""
    esri, core = echoed
    assert esri.in_linear_out.to_dict() == {"distance": 2.5, "units": "Esrifeet"}
    assert core.output("in_linear_out").to_json() == LINEAR


@pytest.mark.parametrize("name", FILES)
def test_a_data_file_and_rasters_are_uploaded_echoed_and_downloaded_as_by_gp_core(
    name: str, echoed: tuple[Any, Execution], esri_session: Any, notes: Path, dem: Path, tmp_path: Path
) -> None:
    """arcgis quirk: DataFile.download needs an active GIS (it returns None without one): its session
    fetches the file."""
    esri, core = echoed
    original = (notes if name == "in_file" else dem).read_bytes()
    esri_file, core_file = getattr(esri, f"{name}_out"), core.output(f"{name}_out")
    assert type(esri_file) is (DataFile if name == "in_file" else RasterData)
    assert esri_session.get(esri_file.url).content == core_file.download(tmp_path).read_bytes() == original
