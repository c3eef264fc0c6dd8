"""gp_core: a client for ArcGIS geoprocessing (GP) services, with no QGIS in it.

    from remote_gp.gp_core import Server, submit
    server = Server("https://host/arcgis")
    task = server.task("GP/BufferByVal", "BufferPoints")
    job = submit(server, task, {"Input_Features": "points.shp", "Distance": "5 feet"})
    job.wait()
    job.output("Output_Polygons").save("buffers.gpkg")

`gp_core.arcpy` runs arcpy scripts written for GP services. OGC API - Processes servers:

    server = OgcServer("https://host/ogcapi")
    results = server.run("buffer", {"features": feature_set, "distance": 10})
    results.output("buffered")   # a FeatureSet
"""

from . import wkb
from .discovery import ServiceDescription, describe_processes, walk
from .errors import (
    AddressError,
    BadResponse,
    Cancelled,
    ConnectionFailed,
    CredentialsUnavailable,
    CredentialsUnreadable,
    DataError,
    GeometryError,
    GPError,
    GPWarning,
    InsecureConnection,
    JobError,
    JobNotFound,
    MissingDependency,
    NotOgcProcesses,
    ParameterError,
    ResponseTooLarge,
    ServerError,
    TimedOut,
    TokenRequired,
    TransferLimitExceeded,
    UnknownParameter,
    WaitTimedOut,
    warnings_to,
)
from .exchange import RetryPolicy, Settings, origin
from .extent import Extent
from .featureset import (
    DATE,
    DATE_ONLY,
    OID,
    STRING,
    TIME_ONLY,
    TIMESTAMP_OFFSET,
    FeatureSet,
    Field,
    as_utc_datetime,
)
from .fleet import merge_feature_sets, wait_all
from .gcpause import gc_paused
from .gdal_support import last_gdal_error, quiet_gdal_errors, require_osgeo
from .geometry import ENVELOPE, MULTIPOINT, NAMES as GEOMETRY_NAMES, POINT, POLYGON, POLYLINE
from .job import (
    PARTIAL_SUCCEEDED,
    Job,
    JobStatus,
    Message,
    PollPolicy,
    Progress,
    Severity,
    is_ended,
    is_succeeded,
    parse_messages,
)
from .json_encode import EPOCH
from .json_fields import text_of
from .mapimage import export_image, job_map_url
from .model import Catalog, DataType, Parameter, Service, Task
from .ogc_job import OgcJob, StatusInfo
from .ogc_model import Kind, Process, ProcessInput, ProcessOutput, ValueType
from .ogc_server import OgcResults, OgcServer, basic_auth, bearer, landing_url
from .ogc_task import AnyJob, Outcome, OutputRaster, TaskJob, execute_ogc
from .ogc_values import OgcLink
from .ogr_io import set_utc_date
from .remote import FeatureService, ImageService, MapImage, RasterFile, RemoteFile
from .run import Execution, Options, execute, run, submit
from .server import Server
from .spatialref import SpatialReference
from .transport import FileField, HttpResponse, Limits, RequestsTransport, Transport, describe_host
from .units import AREAL_UNITS, LINEAR_UNITS, TIME_UNITS, ArealUnit, LinearUnit, TimeUnit
from .urls import job_url, rest_root, server_kind, service_url, task_url
from .values import EXTENTS, FEATURES, QUANTITIES, RASTERS, SPATIAL_REFERENCES, STRINGS, schema_of

__all__ = [
    "AnyJob",
    "Outcome",
    "OutputRaster",
    "TaskJob",
    "describe_processes",
    "execute_ogc",
    "landing_url",
    "server_kind",
    "gc_paused",
    # the client
    "ArealUnit",
    "Catalog",
    "DataType",
    "Execution",
    "Extent",
    "FeatureService",
    "FeatureSet",
    "Field",
    "HttpResponse",
    "ImageService",
    "Job",
    "JobStatus",
    "Limits",
    "LinearUnit",
    "MapImage",
    "Message",
    "Options",
    "Parameter",
    "PollPolicy",
    "Progress",
    "RasterFile",
    "RemoteFile",
    "RequestsTransport",
    "RetryPolicy",
    "Server",
    "Service",
    "ServiceDescription",
    "Settings",
    "Severity",
    "SpatialReference",
    "Task",
    "TimeUnit",
    "Transport",
    "execute",
    "merge_feature_sets",
    "run",
    "submit",
    "wait_all",
    "walk",
    "warnings_to",
    # OGC API - Processes
    "Kind",
    "OgcJob",
    "OgcLink",
    "OgcResults",
    "OgcServer",
    "Process",
    "ProcessInput",
    "ProcessOutput",
    "StatusInfo",
    "ValueType",
    "basic_auth",
    "bearer",
    # errors
    "AddressError",
    "BadResponse",
    "Cancelled",
    "ConnectionFailed",
    "CredentialsUnavailable",
    "CredentialsUnreadable",
    "DataError",
    "GeometryError",
    "GPError",
    "GPWarning",
    "InsecureConnection",
    "JobError",
    "JobNotFound",
    "MissingDependency",
    "NotOgcProcesses",
    "ParameterError",
    "ResponseTooLarge",
    "ServerError",
    "TimedOut",
    "TokenRequired",
    "TransferLimitExceeded",
    "UnknownParameter",
    "WaitTimedOut",
    # what a host application (the QGIS plugin) converts from and to: addresses, job states and
    # messages, GP data type families, Esri geometry and field types, units, WKB, GDAL, the transport
    "job_url",
    "rest_root",
    "service_url",
    "task_url",
    "is_ended",
    "is_succeeded",
    "PARTIAL_SUCCEEDED",
    "parse_messages",
    "job_map_url",
    "export_image",
    "EXTENTS",
    "FEATURES",
    "QUANTITIES",
    "RASTERS",
    "SPATIAL_REFERENCES",
    "STRINGS",
    "schema_of",
    "ENVELOPE",
    "GEOMETRY_NAMES",
    "MULTIPOINT",
    "POINT",
    "POLYGON",
    "POLYLINE",
    "DATE",
    "DATE_ONLY",
    "EPOCH",
    "OID",
    "STRING",
    "TIME_ONLY",
    "TIMESTAMP_OFFSET",
    "as_utc_datetime",
    "AREAL_UNITS",
    "LINEAR_UNITS",
    "TIME_UNITS",
    "text_of",
    "wkb",
    "last_gdal_error",
    "set_utc_date",
    "quiet_gdal_errors",
    "require_osgeo",
    "FileField",
    "describe_host",
    "origin",
]
