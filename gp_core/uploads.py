"""Uploads: a local file becomes an `itemID` the service can read."""

from __future__ import annotations

import mimetypes
import tempfile
from pathlib import Path
from typing import Any

from .errors import BadResponse, DataError
from .gdal_support import quiet_gdal_errors, require_osgeo
from .model import Service
from .server import Server


def upload(server: Server, service: Service, path: Path, description: str = "") -> str:
    """Upload `path` to `service` and return the item id. A folder raster (an Esri grid such as
    `c:/dems/k_ne_g`) is converted to one GeoTIFF first, since an upload is a single file."""
    if path.is_dir():
        with tempfile.TemporaryDirectory(prefix="remote_gp_") as folder:
            return upload(server, service, _as_geotiff(path, Path(folder)), description)
    content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    try:
        with open(path, "rb") as stream:
            body = server.post(
                f"{service.url}/uploads/upload",
                {"description": description or path.name},
                files={"file": (path.name, stream, content_type)},
            )
    except OSError as error:
        raise DataError(f"Cannot read '{path}' for upload: {error.strerror}.") from None
    return item_id(body, f"The upload of '{path.name}' to {service.name}")


def item_id(body: dict[str, Any], what: str) -> str:
    """The itemID of an upload answer (`{"success": true, "item": {"itemID": ...}}`)."""
    item = body.get("item")
    found = item.get("itemID") if isinstance(item, dict) else None
    if body.get("success") is False or isinstance(found, bool) or not isinstance(found, (str, int)) or found == "":
        raise BadResponse(f"{what} returned no item id.")
    return str(found)


def _as_geotiff(folder: Path, scratch: Path) -> Path:
    gdal = require_osgeo(f"Uploading the folder raster '{folder}' (it is converted to a GeoTIFF)")[0]
    target = scratch / f"{folder.name}.tif"
    with quiet_gdal_errors():
        try:
            converted = gdal.Translate(str(target), str(folder), format="GTiff")
        except RuntimeError:
            converted = None
    if converted is None:
        raise DataError(f"'{folder}' is not a raster GDAL can read.")
    converted = None  # closes the file
    return target
