"""The server's data: its temporary data directory, jobs and uploads, and public file URLs."""

from __future__ import annotations

import threading
import urllib.parse
import uuid
from pathlib import Path

from .jobs import WORKER_THREADS, JobStore
from .model import ServiceDef
from .request import Request
from .security import TokenStore
from .uploads import UploadStore

# The data directory's subfolders served under <root>/rest/directories/.
SERVED_DIRECTORIES = ("arcgisjobs", "arcgisoutput")
# Where the output files of a service with a foreign file host go: arcgisoutput/public/... needs no token.
PUBLIC_FOLDER = "public"
# The other host those files are published on; it reaches this same server.
FOREIGN_HOST = "localhost"


class ServerState:
    def __init__(self, data_dir: Path, workers: int = WORKER_THREADS, extra_seconds: float = 0.0) -> None:
        self.data_dir = data_dir
        self.uploads = UploadStore(data_dir / "uploads")
        self.jobs = JobStore(data_dir, self.upload_path, workers, extra_seconds)
        self.tokens = TokenStore()
        self.drops = StatusDrops()

    def upload_path(self, service: ServiceDef, item_id: str) -> Path | None:
        item = self.uploads.find(service, item_id)
        return item.path if item is not None else None

    def file_url(self, root_url: str, path: Path) -> str:
        """The public URL of a file in a served directory."""
        return f"{root_url}/rest/directories/{path.relative_to(self.data_dir).as_posix()}"

    def output_dir(self, service: ServiceDef) -> Path:
        """The service's arcgisoutput folder (under ``public`` for a service with a foreign file host)."""
        output = self.data_dir / "arcgisoutput"
        return (output / PUBLIC_FOLDER if service.foreign_file_host else output) / service.jobs_dir_name

    def save_output(self, service: ServiceDef, content: bytes, extension: str) -> Path:
        """Store a generated file (a map image) in the service's arcgisoutput folder, named like
        ArcGIS's ``_ags_map<hex>``."""
        folder = self.output_dir(service)
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"_ags_map{uuid.uuid4().hex}.{extension}"
        path.write_bytes(content)
        return path

    def shutdown(self) -> None:
        self.jobs.shutdown()


class StatusDrops:
    """For tests (``testing/dropStatusRequests?count=<n>``): the next n job status requests, of any
    job, have their connection closed without an answer, as a dropped connection would."""

    def __init__(self) -> None:
        self._left = 0
        self._lock = threading.Lock()

    def arm(self, count: int) -> dict[str, int]:
        with self._lock:
            self._left = max(count, 0)
            return {"count": self._left}

    def take(self, request: Request) -> bool:
        """Whether to drop this request (then counted)."""
        lowered = [segment.lower() for segment in request.segments]
        if request.area != "rest" or "gpserver" not in lowered or len(lowered) < 2 or lowered[-2] != "jobs":
            return False
        with self._lock:
            if self._left <= 0:
                return False
            self._left -= 1
            return True


def files_root_url(service: ServiceDef, root_url: str) -> str:
    """The root URL the service's output files are published under: the request's, or the same port on
    the foreign host."""
    if not service.foreign_file_host:
        return root_url
    parts = urllib.parse.urlsplit(root_url)
    host = FOREIGN_HOST if parts.port is None else f"{FOREIGN_HOST}:{parts.port}"
    return urllib.parse.urlunsplit(parts._replace(netloc=host))
