"""gp_core: a client for ArcGIS geoprocessing (GP) services, with no QGIS in it.

    from remote_gp.gp_core import Server, submit
    server = Server("https://host/arcgis")
    task = server.task("GP/BufferByVal", "BufferPoints")
    job = submit(server, task, {"Input_Features": "points.shp", "Distance": "5 feet"})
    job.wait()
    job.output("Output_Polygons").save("buffers.gpkg")

`gp_core.arcpy` runs arcpy scripts written for GP services.
"""
from .errors import (
    BadResponse,
    Cancelled,
    ConnectionFailed,
    CredentialsUnavailable,
    DataError,
    GeometryError,
    GPError,
    GPWarning,
    InsecureConnection,
    JobError,
    MissingDependency,
    ParameterError,
    ResponseTooLarge,
    ServerError,
    TimedOut,
    TokenRequired,
    TransferLimitExceeded,
    WaitTimedOut,
    warnings_to,
)
from .exchange import RetryPolicy, Settings
from .extent import Extent
from .featureset import FeatureSet, Field
from .job import Job, Message, PollPolicy, Progress
from .model import Catalog, DataType, Parameter, Service, Task
from .remote import FeatureService, ImageService, MapImage, RasterFile, RemoteFile
from .run import Execution, Options, execute, run, submit
from .server import Server
from .spatialref import SpatialReference
from .transport import HttpResponse, Limits, RequestsTransport, Transport
from .units import ArealUnit, LinearUnit, TimeUnit

__all__ = [
    "ArealUnit", "BadResponse", "Cancelled", "Catalog", "ConnectionFailed", "CredentialsUnavailable", "DataError",
    "DataType", "Execution", "Extent", "FeatureService", "FeatureSet", "Field", "GeometryError", "GPError", "GPWarning",
    "HttpResponse",
    "ImageService", "InsecureConnection", "Job", "JobError", "Limits", "LinearUnit", "MapImage", "Message",
    "MissingDependency", "Options", "Parameter", "ParameterError", "PollPolicy", "Progress", "RasterFile",
    "RemoteFile", "RequestsTransport", "ResponseTooLarge", "RetryPolicy", "Server", "ServerError", "Service",
    "Settings", "SpatialReference", "Task", "TimedOut", "TimeUnit", "TokenRequired", "TransferLimitExceeded",
    "Transport", "WaitTimedOut",
    "execute", "run", "submit", "warnings_to",
]
