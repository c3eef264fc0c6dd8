"""Request bodies: application/x-www-form-urlencoded and multipart/form-data (uploads)."""

from __future__ import annotations

import urllib.parse
from email.message import Message as HeaderBlock
from email.parser import BytesHeaderParser

from .request import UploadedFile


def parse_body(content_type: str, body: bytes) -> tuple[dict[str, str], dict[str, UploadedFile]]:
    """Form fields and uploaded files of a POST body; other bodies carry no parameters."""
    header = _header(content_type)
    kind = header.get_content_type()
    if kind == "multipart/form-data":
        boundary = header.get_param("boundary")
        if not isinstance(boundary, str) or not boundary:
            raise ValueError("multipart/form-data without a boundary")
        return _multipart(body, boundary.encode("latin-1"))
    if kind == "application/x-www-form-urlencoded" or not body:
        return parse_query(body.decode("utf-8", errors="replace")), {}
    return {}, {}


def parse_query(query: str) -> dict[str, str]:
    """Form-encoded fields; a repeated field keeps its last value."""
    return dict(urllib.parse.parse_qsl(query, keep_blank_values=True))


def _header(value: str) -> HeaderBlock:
    return BytesHeaderParser().parsebytes(f"Content-Type: {value or 'text/plain'}\r\n\r\n".encode("latin-1"))


def _multipart(body: bytes, boundary: bytes) -> tuple[dict[str, str], dict[str, UploadedFile]]:
    """Split on the boundary; each part is headers, a blank line, then its bytes (binary-safe)."""
    fields: dict[str, str] = {}
    files: dict[str, UploadedFile] = {}
    delimiter = b"--" + boundary
    for chunk in body.split(delimiter)[1:]:
        if chunk.startswith(b"--"):
            break  # the closing delimiter
        head, separator, content = chunk.partition(b"\r\n\r\n")
        if not separator:
            raise ValueError("a multipart part without headers")
        if content.endswith(b"\r\n"):
            content = content[:-2]
        headers = BytesHeaderParser().parsebytes(head.lstrip(b"\r\n") + b"\r\n\r\n")
        name = headers.get_param("name", header="content-disposition")
        if not isinstance(name, str):
            continue
        filename = headers.get_filename()
        if filename is not None:
            files[name] = UploadedFile(filename, content)
        else:
            fields[name] = content.decode("utf-8", errors="replace")
    return fields, files
