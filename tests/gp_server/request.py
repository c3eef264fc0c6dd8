"""A decoded HTTP request, as the resource handlers see it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True)
class UploadedFile:
    filename: str
    content: bytes


@dataclass(frozen=True)
class Request:
    method: str
    segments: tuple[str, ...]
    """The URL path after ``/<context>/<area>/``, percent-decoded, one item per segment."""
    params: Mapping[str, str]
    """Query string and form fields together (form fields win)."""
    root_url: str
    """``http://<Host header>/arcgis``: public URLs in answers start with it."""
    host: str = ""
    """The Host header (the canonical host when the request had none)."""
    files: Mapping[str, UploadedFile] = field(default_factory=dict)
    headers: Mapping[str, str] = field(default_factory=dict)
    """Header names in lower case."""
    area: str = "rest"
    """What follows the context root: ``rest``, ``tokens`` or ``testing``."""

    @property
    def f(self) -> str | None:
        value = self.params.get("f")
        return value.strip().lower() if value is not None else None

    @property
    def token(self) -> str | None:
        """The ``token`` parameter, else the ``X-Esri-Authorization: Bearer`` header."""
        if self.params.get("token"):
            return self.params["token"]
        scheme, _, value = self.headers.get("x-esri-authorization", "").partition(" ")
        return value.strip() or None if scheme.lower() == "bearer" else None

    @property
    def carries_token(self) -> bool:
        """A ``token`` parameter or an ``X-Esri-Authorization`` header, valid or not."""
        return bool(self.params.get("token")) or "x-esri-authorization" in self.headers

    def flag(self, name: str, default: bool = False) -> bool:
        """A boolean parameter: ``true`` in any case; ``default`` when absent or empty."""
        value = self.params.get(name, "").strip()
        return is_true(value) if value else default


def is_true(value: str | None) -> bool:
    """A boolean request parameter: ``true`` in any case; absent is false."""
    return (value or "").strip().lower() == "true"
