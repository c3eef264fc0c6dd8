"""Interoperability: Esri's ArcGIS API for Python and gp_core against the reference server (`make interop`)."""
