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
    BadResponse, ConnectionFailed, DataError, GeometryError, GPError, JobError, MissingDependency,
    ParameterError, ServerError, TokenRequired,
)
from .featureset import FeatureSet, Field
from .job import Job, Message, PollPolicy, Progress
from .model import Catalog, DataType, Parameter, Service, Task
from .remote import FeatureService, ImageService, MapImage, RasterFile, RemoteFile
from .run import Execution, execute, run, submit
from .server import Server
from .spatialref import SpatialReference
from .transport import HttpResponse, RequestsTransport, Transport
from .units import LinearUnit

__all__ = [
    "BadResponse", "Catalog", "ConnectionFailed", "DataError", "DataType", "Execution", "FeatureService",
    "FeatureSet", "Field", "GeometryError", "GPError", "HttpResponse", "ImageService", "Job", "JobError",
    "LinearUnit", "MapImage", "Message", "MissingDependency", "Parameter", "ParameterError", "PollPolicy",
    "Progress", "RasterFile", "RemoteFile", "RequestsTransport", "Server", "ServerError", "Service",
    "SpatialReference", "Task", "TokenRequired", "Transport", "execute", "run", "submit",
]
