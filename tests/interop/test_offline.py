"""The guard that keeps the interop run on this computer, and the arcgis quirk it exists for."""

from __future__ import annotations

import socket

import arcgis.layers
import pytest
import requests

from .offline import Refused, offline

UNREACHABLE = ("192.0.2.1", 80)  # TEST-NET-1: documentation only; the guard refuses before any packet


def test_connections_and_lookups_beyond_loopback_are_refused_and_recorded(gp_server: str) -> None:
    with offline() as attempts:
        with socket.socket() as sock, pytest.raises(Refused):
            sock.connect(UNREACHABLE)
        with pytest.raises(Refused):
            socket.getaddrinfo("www.arcgis.com", 443)
        with pytest.raises(requests.ConnectionError):
            requests.get("https://www.arcgis.com/sharing/rest/info", timeout=5)
        assert requests.get(f"{gp_server}/rest/info", params={"f": "json"}, timeout=30).ok
    assert attempts == ["connect 192.0.2.1:80", "lookup www.arcgis.com", "lookup www.arcgis.com"]


def test_arcgis_still_reaches_for_www_arcgis_com_without_the_local_result_maps_workaround(gp_server: str) -> None:
    """The quirk the fixture local_result_maps works around: a MapImageLayer made without a GIS signs in
    to www.arcgis.com first. Should this fail, arcgis no longer does, and the workaround can go."""
    with offline() as attempts, pytest.raises(requests.ConnectionError, match="www.arcgis.com"):
        arcgis.layers.MapImageLayer(f"{gp_server}/rest/services/GP/BufferByVal/MapServer")
    assert attempts and set(attempts) == {"lookup www.arcgis.com"}
