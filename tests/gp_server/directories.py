"""``<root>/rest/directories/arcgisjobs/...`` and ``.../arcgisoutput/...``: job and output files.

Plain file downloads (no ``f``): the bytes with a Content-Type from the extension, or HTTP 404 with an
error body. Paths are confined to the two served folders of the data directory.
"""

from __future__ import annotations

import mimetypes
from pathlib import Path

from .responses import Response, json_response, not_found
from .state import SERVED_DIRECTORIES

CONTENT_TYPES = {
    ".tif": "image/tiff",
    ".tiff": "image/tiff",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".json": "application/json",
}


def serve(data_dir: Path, segments: tuple[str, ...]) -> Response:
    path = _confined(data_dir, segments)
    if path is None or not path.is_file():
        return json_response(not_found("File").to_json(), status=404)
    content_type = CONTENT_TYPES.get(path.suffix.lower()) or mimetypes.guess_type(path.name)[0]
    return Response(path.read_bytes(), content_type or "application/octet-stream")


def _confined(data_dir: Path, segments: tuple[str, ...]) -> Path | None:
    if len(segments) < 2 or segments[0] not in SERVED_DIRECTORIES:
        return None
    if any(s in ("", ".", "..") or "/" in s or "\\" in s for s in segments):
        return None
    root = (data_dir / segments[0]).resolve()
    path = root.joinpath(*segments[1:]).resolve()
    return path if path.is_relative_to(root) else None
