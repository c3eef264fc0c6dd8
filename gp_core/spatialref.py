"""Esri spatial references: `{wkid, latestWkid, vcsWkid, latestVcsWkid, wkt}`.

Identification order is latestWkid, then wkid, then wkt. Codes below 32768 are EPSG codes;
codes from 32768 up are Esri's own (authority "ESRI"), a few of which have an EPSG equivalent.
An unknown reference stays unknown: nothing here ever falls back to WGS 84.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from .gdal_support import osgeo_modules, quiet_gdal_errors

# Esri codes that have an exact (or, for 102113, an accepted) EPSG equivalent.
# 102113 is Web Mercator on the sphere (EPSG:3785, deprecated and replaced by 3857).
ESRI_TO_EPSG = {102100: 3857, 102113: 3857}

_FIRST_EPSG_FREE_CODE = 32768  # EPSG codes stay below; Esri numbers its own from here
_MATCH_CONFIDENCE = 70  # PROJ: 70 and above = equivalent CRS (names may differ)


def _code(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value or None
    if isinstance(value, str) and value.strip().isdigit():
        return int(value) or None
    return None


@dataclass(frozen=True)
class SpatialReference:
    wkid: int | None = None
    latest_wkid: int | None = None
    vcs_wkid: int | None = None
    latest_vcs_wkid: int | None = None
    wkt: str | None = None

    @classmethod
    def from_json(cls, obj: Any) -> SpatialReference | None:
        """A spatial reference from Esri JSON; None for None, {}, [] or an object without a usable key."""
        if not isinstance(obj, dict):
            return None
        wkt = obj.get("wkt")
        reference = cls(
            wkid=_code(obj.get("wkid")),
            latest_wkid=_code(obj.get("latestWkid")),
            vcs_wkid=_code(obj.get("vcsWkid")),
            latest_vcs_wkid=_code(obj.get("latestVcsWkid")),
            wkt=wkt if isinstance(wkt, str) and wkt.strip() else None,
        )
        return reference if reference.code or reference.wkt else None

    def to_json(self) -> dict[str, Any]:
        keys = (
            ("wkid", self.wkid),
            ("latestWkid", self.latest_wkid),
            ("vcsWkid", self.vcs_wkid),
            ("latestVcsWkid", self.latest_vcs_wkid),
            ("wkt", self.wkt),
        )
        return {key: value for key, value in keys if value is not None}

    @classmethod
    def from_wkt(cls, text: str) -> SpatialReference:
        """From WKT (a .prj, a GDAL layer): as an EPSG or Esri code when GDAL recognises it, else the WKT."""
        code = _identify_wkt(text)
        return cls(wkid=code) if code else cls(wkt=text.strip())

    @property
    def code(self) -> int | None:
        """The code to use: latestWkid, else wkid."""
        return self.latest_wkid or self.wkid

    @property
    def epsg(self) -> int | None:
        """The EPSG code, mapping Esri codes that have an equivalent; None when there is none."""
        code = self.code
        if code is None:
            return None
        if code < _FIRST_EPSG_FREE_CODE:
            return code
        return ESRI_TO_EPSG.get(code)

    @property
    def authid(self) -> str | None:
        """ "EPSG:<code>", "ESRI:<code>" for Esri codes without EPSG equivalent, None for WKT only."""
        if self.epsg:
            return f"EPSG:{self.epsg}"
        return f"ESRI:{self.code}" if self.code else None

    def to_wkt(self, esri: bool = False) -> str | None:
        """WKT: the stored one, or GDAL's for the code. esri=True: Esri's WKT1 flavour (for .prj files)
        when GDAL is available. None when there is neither a stored WKT nor GDAL."""
        if self.wkt and not esri:
            return self.wkt
        srs = self.to_osr()
        if srs is None:
            return self.wkt
        with quiet_gdal_errors():
            try:
                text = srs.ExportToWkt(["FORMAT=WKT1_ESRI"] if esri else [])
            except RuntimeError:
                text = ""
        return text or self.wkt

    def to_osr(self) -> Any:
        """An osr.SpatialReference, or None without GDAL or when GDAL does not know this one."""
        modules = osgeo_modules()
        if modules is None:
            return None
        srs = modules[2].SpatialReference()
        with quiet_gdal_errors():
            try:
                if self.authid:
                    failed = srs.SetFromUserInput(self.authid)
                else:
                    failed = srs.ImportFromWkt(self.wkt) if self.wkt else 1
            except RuntimeError:
                failed = 1
        return None if failed else srs

    def __str__(self) -> str:
        if self.authid:
            code = self.code
            return self.authid if self.authid.endswith(f":{code}") else f"{self.authid} (Esri wkid {code})"
        match = re.search(r'"([^"]*)"', self.wkt or "")
        return f'custom "{match.group(1)}"' if match else "custom (WKT)"


def _identify_wkt(text: str) -> int | None:
    """The EPSG or Esri code of a WKT, when GDAL is importable and sure of it."""
    modules = osgeo_modules()
    if modules is None or not text or not text.strip():
        return None
    srs = modules[2].SpatialReference()
    with quiet_gdal_errors():
        try:
            if srs.ImportFromWkt(text.strip()):
                return None
            if srs.GetAuthorityName(None) not in ("EPSG", "ESRI"):
                matches = [m for m, confidence in srs.FindMatches() if confidence >= _MATCH_CONFIDENCE]
                if not matches:
                    return None
                srs = matches[0]
            if srs.GetAuthorityName(None) in ("EPSG", "ESRI"):
                return _code(srs.GetAuthorityCode(None))
        except RuntimeError:
            return None
    return None
