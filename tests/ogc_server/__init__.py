"""A real OGC API - Processes server for the tests: pygeoapi, pinned in its own venv
(``.build/pygeoapi``, requirements-pygeoapi.txt), with process plugins written for the tests.

Run by that venv's python as ``python -m ogc_server --port 0 --stop-on-stdin-eof`` from tests/
(``process.running_ogc_server``). Nothing here runs in the project's own venvs except process.py.
"""
