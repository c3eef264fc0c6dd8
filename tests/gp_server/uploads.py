"""Uploaded items of services with the Uploads capability (``.../GPServer/uploads/...``)."""

from __future__ import annotations

import threading
import time
import uuid
from dataclasses import dataclass
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Any

from .model import ServiceDef
from .request import Request
from .responses import RestError, not_found


@dataclass(frozen=True)
class UploadItem:
    item_id: str
    service_path: str
    name: str
    description: str
    date_ms: int
    path: Path

    def to_json(self) -> dict[str, Any]:
        return {
            "itemID": self.item_id,
            "itemName": self.name,
            "description": self.description,
            "date": self.date_ms,
            "committed": True,
        }


class UploadStore:
    def __init__(self, root: Path) -> None:
        self._root = root
        self._items: dict[str, UploadItem] = {}
        self._lock = threading.Lock()

    def add(self, service: ServiceDef, filename: str, content: bytes, description: str) -> UploadItem:
        # Browsers may send a full Windows path as the file name; keep the last part only.
        name = PurePosixPath(PureWindowsPath(filename).name).name
        if name in ("", ".", ".."):
            raise RestError(400, "Unable to complete operation.", ["The uploaded file has no usable name."])
        item_id = f"i{uuid.uuid4()}"
        folder = self._root / item_id
        folder.mkdir(parents=True)
        path = folder / name
        path.write_bytes(content)
        item = UploadItem(item_id, service.path, name, description, int(time.time() * 1000), path)
        with self._lock:
            self._items[item_id] = item
        return item

    def find(self, service: ServiceDef, item_id: str) -> UploadItem | None:
        """Items belong to the service they were uploaded to."""
        with self._lock:
            item = self._items.get(item_id)
        return item if item is not None and item.service_path == service.path else None


def handle(request: Request, store: UploadStore, service: ServiceDef, rest: tuple[str, ...]) -> dict[str, Any]:
    """``uploads/upload`` (the multipart POST) and ``uploads/<itemID>``."""
    if not service.uploads:
        raise RestError(
            400,
            "Unable to complete operation.",
            [f"Uploads are not supported by the service {service.path}: its capabilities do not include Uploads."],
        )
    if rest == ("upload",):
        upload = request.files.get("file")
        if request.method != "POST" or upload is None:
            raise RestError(
                400,
                "Unable to complete operation.",
                ["The upload operation needs a multipart/form-data POST with a 'file' part."],
            )
        added = store.add(service, upload.filename, upload.content, request.params.get("description", ""))
        return {"success": True, "item": added.to_json()}
    if len(rest) == 1:
        found = store.find(service, rest[0])
        if found is None:
            raise not_found("Item")
        return found.to_json()
    raise not_found("Resource")
