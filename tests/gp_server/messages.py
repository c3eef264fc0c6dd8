"""GP job messages (``{"type", "description"}``) and ArcGIS's way of writing times in them."""

from __future__ import annotations

import time
from dataclasses import dataclass

INFORMATIVE = "esriJobMessageTypeInformative"
WARNING = "esriJobMessageTypeWarning"
ERROR = "esriJobMessageTypeError"


@dataclass(frozen=True)
class Message:
    type: str
    description: str

    def to_json(self) -> dict[str, str]:
        return {"type": self.type, "description": self.description}


def arcgis_time(epoch_seconds: float) -> str:
    """Format like ArcGIS messages do: ``Thursday, December 29, 2022 3:53:59 PM``."""
    t = time.localtime(epoch_seconds)
    hour = t.tm_hour % 12 or 12
    return (
        f"{time.strftime('%A, %B', t)} {t.tm_mday}, {t.tm_year} "
        f"{hour}:{t.tm_min:02d}:{t.tm_sec:02d} {'AM' if t.tm_hour < 12 else 'PM'}"
    )


def elapsed(start: float, end: float) -> str:
    return f"(Elapsed Time: {end - start:.2f} seconds)"
