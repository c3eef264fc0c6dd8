"""What the OGC cells start from, made once, straight on the pygeoapi test server (no hostile
world, no gp_core): a successful buffer job (features by value) and a successful slope job whose
GeoTIFF is sent by reference, and that GeoTIFF's size and digest. Both run synchronously: pygeoapi
keeps a synchronous run as a job (its Location), so nothing is waited for."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

import requests

from .terms import OGC_BUFFER, OGC_SLOPE, TOWERS

TIMEOUT = 60


@dataclass(frozen=True)
class OgcPrepared:
    buffer_job: str
    slope_job: str
    slope: tuple[int, str]
    """Size and SHA-256 of the slope's GeoTIFF."""


def prepare_ogc(root: str) -> OgcPrepared:
    with requests.Session() as http:
        buffer_job = _run(http, root, OGC_BUFFER, {"inputs": {"features": TOWERS, "distance": 1.0}})
        by_reference = {"slope": {"transmissionMode": "reference"}}
        slope_job = _run(
            http, root, OGC_SLOPE, {"inputs": {"dem": {"href": f"{root}/files/dem.tif"}}, "outputs": by_reference}
        )
        answer = http.get(f"{root}/jobs/{slope_job}/results", headers={"Accept": "application/json"}, timeout=TIMEOUT)
        answer.raise_for_status()
        link = answer.json()["slope"]["href"]
        content = http.get(link, timeout=TIMEOUT)
        content.raise_for_status()
    return OgcPrepared(buffer_job, slope_job, (len(content.content), hashlib.sha256(content.content).hexdigest()))


def _run(http: requests.Session, root: str, process: str, document: dict[str, Any]) -> str:
    """Execute synchronously; the job's id (from its Location)."""
    answer = http.post(f"{root}/processes/{process}/execution", json=document, timeout=TIMEOUT)
    answer.raise_for_status()
    return answer.headers["Location"].rstrip("/").rsplit("/", 1)[-1]
