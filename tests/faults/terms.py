"""What the test process and the workers share without importing gp_core: the clients, the outcomes
a cell can have, the reference server's account, and the services and files the drivers use."""

from __future__ import annotations

REQUESTS, ARCPY, QGIS, QGIS_ESRI_TOKEN = "requests", "arcpy", "qgis", "qgis-esritoken"
"""The clients: gp_core on requests, gp_core's arcpy face, the plugin's QgisTransport with a Basic
authentication configuration (exchanged for a token by gp_core), and with an EsriToken one (QGIS
adds the token to the requests it may credit)."""

RECOVERED, CLEAR_ERROR, STOPPED, WRONG_ANSWER, RAW_EXCEPTION = (
    "recovered",
    "clear error",
    "stopped",
    "wrong answer",
    "raw exception",
)
"""How a driver ended, as its worker saw it."""
HUNG, CRASHED = "hung", "crashed"
"""How a cell ended when its worker could not say: killed at the deadline, or dead."""

USERNAME, PASSWORD = "gpuser", "gp-password-1"
"""The reference server's account (tests/gp_server/security.py)."""
BUFFER = ("Secure/BufferByVal", "BufferPoints")
SUMMARIZE = ("Secure/SummarizeSync", "Summarize")
LIFECYCLE = ("GP/Lifecycle", "RunScenario")
SLOPE = ("SlopeByVal", "RunSlope")
UPLOADS = "Secure/DataTypes"
DOWNLOADED = "slope.tif"
"""The name a download is saved under, in the cell's download folder."""
