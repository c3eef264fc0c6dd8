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

OGC_APIKEY, OGC_BASIC, QGIS_OGC_BASIC = "ogc-apikey", "ogc-basic", "qgis-ogc-basic"
"""The OGC API - Processes clients: gp_core's OgcServer on requests with an API key header, and
with Basic authentication (a user and password written in the server's URL); the plugin's OGC
connection on its QgisTransport with a Basic authentication configuration (QGIS adds the header)."""
OGC_CLIENTS = (OGC_APIKEY, OGC_BASIC, QGIS_OGC_BASIC)
QGIS_CLIENTS = (QGIS, QGIS_ESRI_TOKEN, QGIS_OGC_BASIC)
"""The clients whose cells run inside QGIS (the qgis worker)."""
API_KEY_HEADER, API_KEY = "X-API-Key", "ogc-api-key-3f9c1d"
OGC_USERNAME, OGC_PASSWORD = "ogcuser", "ogc-password-2"
"""pygeoapi checks no credentials: they are there to be kept from other hosts."""
OGC_BUFFER, OGC_SLOPE, OGC_SLOW = "buffer", "slope", "slow"
"""The test server's processes the OGC drivers use (tests/ogc_server)."""

TOWERS = {
    "type": "FeatureCollection",
    "features": [
        {"type": "Feature", "geometry": {"type": "Point", "coordinates": [x, y]}, "properties": {"name": name}}
        for name, x, y in (("north", 10.0, 20.0), ("south", 10.0, -20.0), ("east", 30.0, 0.0))
    ],
}
"""The OGC buffer's input: three points (GeoJSON)."""
