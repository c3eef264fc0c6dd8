"""The services this server publishes, and the catalog resources that list them."""

from __future__ import annotations

import dataclasses
from typing import Any

from . import buffer_tool, copy_tool, echo_tool, lifecycle_tool, slope_tool, summarize_tool
from .featureserver import TOWERS, FeatureServiceDef
from .model import (
    ASYNCHRONOUS,
    CURRENT_VERSION,
    DERIVED,
    INPUT,
    OPTIONAL,
    OUTPUT,
    REQUIRED,
    SYNCHRONOUS,
    ParamDef,
    ServiceDef,
    TaskDef,
)

BUFFER_BY_VAL = ServiceDef(
    folder="GP",
    name="BufferByVal",
    description="Buffers points; the result map service BufferByVal draws the buffers.",
    execution_type=ASYNCHRONOUS,
    result_map_server="BufferByVal",
    tasks=(
        TaskDef(
            name="BufferPoints",
            display_name="Buffer Points",
            description="Buffers the input points by a distance, in NAD83 / UTM zone 15N.",
            tool=buffer_tool.buffer_points,
            params=(
                ParamDef(
                    "Input_Features",
                    "GPFeatureRecordSetLayer",
                    "Input Features",
                    "The points to buffer.",
                    INPUT,
                    REQUIRED,
                    buffer_tool.INPUT_SCHEMA,
                    filter={"type": "featureClass", "list": ["esriGeometryPoint"]},
                ),
                ParamDef(
                    "Distance",
                    "GPLinearUnit",
                    "Distance",
                    "The buffer distance.",
                    INPUT,
                    REQUIRED,
                    {"distance": 100, "units": "esriMeters"},
                ),
                ParamDef(
                    "Output_Polygons",
                    "GPFeatureRecordSetLayer",
                    "Output Polygons",
                    "The buffer polygons.",
                    OUTPUT,
                    DERIVED,
                    buffer_tool.OUTPUT_SCHEMA,
                ),
            ),
        ),
    ),
)

SLOPE_BY_VAL = ServiceDef(
    folder="",
    name="SlopeByVal",
    description="Computes the slope of a DEM (upload it first, or pass its URL).",
    execution_type=ASYNCHRONOUS,
    uploads=True,
    tasks=(
        TaskDef(
            name="RunSlope",
            display_name="Run Slope",
            description="Slope in degrees of a DEM in a projected coordinate system (Horn's method).",
            tool=slope_tool.run_slope,
            params=(
                ParamDef(
                    "Input_DEM",
                    "GPRasterDataLayer",
                    "Input DEM",
                    'A single-band elevation raster, as {"itemID"} or {"url"}.',
                    INPUT,
                    REQUIRED,
                    None,
                ),
                ParamDef(
                    "Output_Slope",
                    "GPRasterDataLayer",
                    "Output Slope",
                    "Slope in degrees (GeoTIFF).",
                    OUTPUT,
                    DERIVED,
                    None,
                ),
            ),
        ),
    ),
)

SUMMARIZE_SYNC = ServiceDef(
    folder="GP",
    name="SummarizeSync",
    description="Summarizes features synchronously.",
    execution_type=SYNCHRONOUS,
    tasks=(
        TaskDef(
            name="Summarize",
            display_name="Summarize",
            description="Counts the features, sums their areas and draws their convex hull.",
            tool=summarize_tool.summarize,
            params=(
                ParamDef(
                    "Input_Features",
                    "GPFeatureRecordSetLayer",
                    "Input Features",
                    "Features of any type.",
                    INPUT,
                    REQUIRED,
                    summarize_tool.INPUT_SCHEMA,
                ),
                ParamDef(
                    "Label",
                    "GPString",
                    "Label",
                    "The kind of summary.",
                    INPUT,
                    OPTIONAL,
                    "summary",
                    choice_list=("summary", "detail"),
                ),
                ParamDef(
                    "Include_Hull",
                    "GPBoolean",
                    "Include Hull",
                    "Whether to compute the convex hull.",
                    INPUT,
                    OPTIONAL,
                    True,
                ),
                ParamDef("Scale", "GPDouble", "Scale", "Factor applied to the total area.", INPUT, OPTIONAL, 1.0),
                ParamDef("Feature_Count", "GPLong", "Feature Count", "", OUTPUT, DERIVED, None),
                ParamDef(
                    "Total_Area", "GPDouble", "Total Area", "Sum of the areas (m²) times Scale.", OUTPUT, DERIVED, None
                ),
                ParamDef("Summary", "GPString", "Summary", "", OUTPUT, DERIVED, ""),
                ParamDef(
                    "Hull",
                    "GPFeatureRecordSetLayer",
                    "Hull",
                    "Convex hull of all features.",
                    OUTPUT,
                    DERIVED,
                    summarize_tool.HULL_SCHEMA,
                ),
            ),
        ),
    ),
)

COPY_FEATURES = ServiceDef(
    folder="GP",
    name="CopyFeatures",
    description="Copies features of any type.",
    execution_type=SYNCHRONOUS,
    tasks=(
        TaskDef(
            name="CopyFeatures",
            display_name="Copy Features",
            description="Returns the input features unchanged: geometry type, Z and M, spatial reference, fields.",
            tool=copy_tool.copy_features,
            params=(
                ParamDef(
                    "Input_Features",
                    "GPFeatureRecordSetLayer",
                    "Input Features",
                    "Features of any type.",
                    INPUT,
                    REQUIRED,
                    copy_tool.ANY_FEATURES,
                ),
                ParamDef(
                    "Output_Features",
                    "GPFeatureRecordSetLayer",
                    "Output Features",
                    "The features copied.",
                    OUTPUT,
                    DERIVED,
                    copy_tool.ANY_FEATURES,
                ),
            ),
        ),
        TaskDef(
            name="CopySparse",
            display_name="Copy Sparse",
            description="Copy Features as ArcGIS also publishes it: the feature input's default is {} (no schema, "
            "no features) and the note's choice list is empty. Note_Used answers the note the tool got.",
            tool=copy_tool.copy_sparse,
            params=(
                ParamDef(
                    "Input_Features",
                    "GPFeatureRecordSetLayer",
                    "Input Features",
                    "Features of any type.",
                    INPUT,
                    REQUIRED,
                    {},
                ),
                ParamDef(
                    "Note", "GPString", "Note", "Any text.", INPUT, OPTIONAL, copy_tool.SPARSE_NOTE, choice_list=()
                ),
                ParamDef(
                    "Output_Features",
                    "GPFeatureRecordSetLayer",
                    "Output Features",
                    "The features copied.",
                    OUTPUT,
                    DERIVED,
                    {},
                ),
                ParamDef("Note_Used", "GPString", "Note Used", "The note the tool ran with.", OUTPUT, DERIVED, None),
            ),
        ),
    ),
)

# The same task as a job, with a result map service and a small transfer limit: an output of more than
# 100 features comes back without any, and the result map service's layers answer 250 a page.
COPY_FEATURES_ASYNC = dataclasses.replace(
    COPY_FEATURES,
    name="CopyFeaturesAsync",
    description="Copies features of any type as a job. An output of more than 100 features comes back without "
    "features (exceededTransferLimit); the result map service CopyFeaturesAsync answers them, "
    "250 a page.",
    execution_type=ASYNCHRONOUS,
    result_map_server="CopyFeaturesAsync",
    maximum_records=100,
    map_max_records=250,
)

DATA_TYPES = ServiceDef(
    folder="GP",
    name="DataTypes",
    description="Echoes a value of every GP data type.",
    execution_type=SYNCHRONOUS,
    uploads=True,
    tasks=(
        TaskDef(
            name="EchoTypes",
            display_name="Echo Types",
            description="Each output <input>_out answers its input as ArcGIS answers that type (null when the "
            "input was not sent); received lists the request's parameter names.",
            tool=echo_tool.echo_types,
            params=(*echo_tool.INPUTS, *echo_tool.OUTPUTS),
        ),
    ),
)

LIFECYCLE = ServiceDef(
    folder="GP",
    name="Lifecycle",
    description="Jobs that show a chosen sequence of states, one step per status request, and run for a chosen time.",
    execution_type=ASYNCHRONOUS,
    tasks=(
        TaskDef(
            name="RunScenario",
            display_name="Run Scenario",
            # HTML, as ArcGIS Pro publishes a tool's summary
            description='<DIV STYLE="text-align:Left;"><DIV><P><SPAN>Shows the states of the chosen scenario, '
            "steps long where it repeats something.</SPAN></P><P><SPAN>The run takes the chosen </SPAN>"
            '<SPAN STYLE="font-weight:bold;">seconds</SPAN><SPAN>; see </SPAN>'
            '<A href="https://developers.arcgis.com/rest/services-reference/enterprise/job.htm">job states</A>'
            "<SPAN>.</SPAN></P></DIV></DIV>",
            tool=lifecycle_tool.run_scenario,
            script=lifecycle_tool.script,
            params=(
                ParamDef(
                    "scenario",
                    "GPString",
                    "Scenario",
                    '<DIV STYLE="text-align:Left;"><P><SPAN>The sequence of states to show.</SPAN></P></DIV>',
                    INPUT,
                    REQUIRED,
                    None,
                    choice_list=lifecycle_tool.SCENARIOS,
                ),
                ParamDef(
                    "steps",
                    "GPLong",
                    "Steps",
                    "How many times a scenario repeats a state or a step.",
                    INPUT,
                    OPTIONAL,
                    2,
                    filter={"type": "range", "minimum": 1, "maximum": 20},
                ),
                ParamDef(
                    "seconds",
                    "GPDouble",
                    "Seconds",
                    "How long the run takes (0: at once).",
                    INPUT,
                    OPTIONAL,
                    0,
                    filter={"type": "range", "minimum": 0, "maximum": lifecycle_tool.MAX_SECONDS},
                ),
                ParamDef(
                    "progressor",
                    "GPString",
                    "Progressor",
                    "The progress the run reports: default (Executing...), or step (Steps steps, with their percent).",
                    INPUT,
                    OPTIONAL,
                    "default",
                    choice_list=lifecycle_tool.PROGRESSORS,
                ),
                ParamDef("outcome", "GPString", "Outcome", "", OUTPUT, DERIVED, None),
                ParamDef(
                    "features",
                    "GPFeatureRecordSetLayer",
                    "Features",
                    "Squares.",
                    OUTPUT,
                    DERIVED,
                    lifecycle_tool.FEATURES_SCHEMA,
                ),
            ),
        ),
    ),
)

# The same services again behind token security (see security.py); DataTypes publishes its files on
# another host there.
SECURE_FOLDER = "Secure"
SECURE_SERVICES = (
    *(dataclasses.replace(s, folder=SECURE_FOLDER, secured=True) for s in (BUFFER_BY_VAL, SUMMARIZE_SYNC)),
    dataclasses.replace(DATA_TYPES, folder=SECURE_FOLDER, secured=True, foreign_file_host=True),
)

SERVICES = (
    BUFFER_BY_VAL,
    SLOPE_BY_VAL,
    SUMMARIZE_SYNC,
    COPY_FEATURES,
    COPY_FEATURES_ASYNC,
    DATA_TYPES,
    LIFECYCLE,
    *SECURE_SERVICES,
)
FEATURE_SERVICES = (TOWERS,)
FOLDERS = tuple(sorted({s.folder for s in (*SERVICES, *FEATURE_SERVICES) if s.folder}))


def find_service(folder: str, name: str) -> ServiceDef | None:
    """Folder and service names are matched without case, as ArcGIS does."""
    return next((s for s in SERVICES if s.folder.lower() == folder.lower() and s.name.lower() == name.lower()), None)


def find_feature_service(folder: str, name: str) -> FeatureServiceDef | None:
    return next(
        (s for s in FEATURE_SERVICES if s.folder.lower() == folder.lower() and s.name.lower() == name.lower()), None
    )


def find_folder(name: str) -> str | None:
    return next((f for f in FOLDERS if f.lower() == name.lower()), None)


def result_map_service(folder: str, name: str) -> ServiceDef | None:
    """The GP service whose result map service is ``[folder/]name/MapServer``."""
    return next(
        (
            s
            for s in SERVICES
            if s.result_map_server
            and s.folder.lower() == folder.lower()
            and s.result_map_server.lower() == name.lower()
        ),
        None,
    )


def info_json(root_url: str) -> dict[str, Any]:
    return {
        "currentVersion": CURRENT_VERSION,
        "fullVersion": "11.1.0",
        "authInfo": {
            "isTokenBasedSecurity": True,
            "tokenServicesUrl": f"{root_url}/tokens/",
            "shortLivedTokenValidity": 60,
        },
    }


def is_secured_folder(folder: str) -> bool:
    return folder.lower() == SECURE_FOLDER.lower()


def folder_json(folder: str) -> dict[str, Any]:
    """The catalog (folder ``""``) or a folder: GP services, result map services, feature services."""
    entries = [{"name": s.path, "type": "GPServer"} for s in SERVICES if s.folder == folder]
    entries += [
        {"name": f"{folder}/{s.result_map_server}" if folder else s.result_map_server, "type": "MapServer"}
        for s in SERVICES
        if s.folder == folder and s.result_map_server
    ]
    entries += [{"name": s.path, "type": "FeatureServer"} for s in FEATURE_SERVICES if s.folder == folder]
    entries.sort(key=lambda e: (e["name"].lower(), e["type"]))
    return {"currentVersion": CURRENT_VERSION, "folders": list(FOLDERS) if not folder else [], "services": entries}
