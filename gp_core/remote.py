"""Outputs that stay on the server until asked for: files, rasters, image services, map images."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit

from .extent import Extent

if TYPE_CHECKING:
    from .server import Server


@dataclass
class RemoteFile:
    """A file output (GPDataFile, or a raster written as a file). Servers purge these periodically:
    download soon after the job ends."""

    url: str
    server: Server = field(repr=False, compare=False)

    @property
    def name(self) -> str:
        return PurePosixPath(unquote(urlsplit(self.url).path)).name or "output"

    def download(self, destination: str | Path) -> Path:
        """Save to `destination`; an existing folder receives the file under its server name."""
        target = Path(destination)
        if target.is_dir():
            target = target / self.name
        return self.server.download(self.url, target)

    def to_json(self) -> dict[str, Any]:
        """As an input of another task: the server reads it from its URL."""
        return {"url": self.url}


@dataclass
class RasterFile(RemoteFile):
    format: str = "tif"


@dataclass(frozen=True)
class ImageService:
    """A raster output published as an image service."""

    url: str

    def to_json(self) -> dict[str, Any]:
        return {"url": self.url}


@dataclass(frozen=True)
class FeatureService:
    """A feature output written to a (hosted) feature service layer instead of returned as features."""

    url: str

    def to_json(self) -> dict[str, Any]:
        return {"url": self.url}


@dataclass(frozen=True)
class MapImage:
    """What a result map service drew of an output: a picture, not the data."""

    href: str
    width: int | None = None
    height: int | None = None
    extent: Extent | None = None
    scale: float | None = None
