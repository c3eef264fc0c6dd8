"""The pygeoapi configuration of the test server: its real URL, a TinyDB job manager in a temporary
folder (so asynchronous jobs, their status, results and dismissal work), quiet logging, and the
processes of this package beside pygeoapi's own hello-world."""

from __future__ import annotations

from pathlib import Path
from typing import Any

# Process id -> the dotted name of its pygeoapi processor class (pygeoapi loads a dotted name as a plugin).
PROCESSES = {
    "hello-world": "HelloWorld",
    "buffer": "ogc_server.buffer.BufferProcessor",
    "slope": "ogc_server.slope.SlopeProcessor",
    "slow": "ogc_server.slow.SlowProcessor",
    "fail": "ogc_server.fail.FailProcessor",
    "literals": "ogc_server.literals.LiteralsProcessor",
}
FILES_ROUTE = "files"  # GET <base URL>/files/<name>: files the processes write (outputs by reference)


def server_config(base_url: str, port: int, folder: Path) -> dict[str, Any]:
    """The configuration for a server at ``base_url``; jobs, results and served files under ``folder``.

    Every processor gets ``jobs_db`` (the job manager's database, for progress and dismissal),
    ``files_dir`` and ``files_url`` (where it writes files to be served, and their URL).
    """
    outputs = folder / "outputs"
    files = folder / FILES_ROUTE
    outputs.mkdir(parents=True, exist_ok=True)
    files.mkdir(parents=True, exist_ok=True)
    jobs_db = str(folder / "jobs.db")
    processor_extras = {"jobs_db": jobs_db, "files_dir": str(files), "files_url": f"{base_url}/{FILES_ROUTE}"}
    return {
        "server": {
            "bind": {"host": "127.0.0.1", "port": port},
            "url": base_url,
            "mimetype": "application/json; charset=UTF-8",
            "encoding": "utf-8",
            "gzip": False,
            "languages": ["en-US"],
            "pretty_print": False,
            "limits": {"default_items": 10, "max_items": 50},  # /processes and /jobs pages
            "map": {"url": "http://127.0.0.1/tiles/{z}/{x}/{y}.png", "attribution": "none"},
            "manager": {"name": "TinyDB", "connection": jobs_db, "output_dir": str(outputs)},
        },
        "logging": {"level": "ERROR"},
        "metadata": {
            "identification": {
                "title": "Remote GP test server (pygeoapi)",
                "description": "OGC API - Processes for the tests of Remote GP",
                "keywords": ["processes"],
                "keywords_type": "theme",
                "terms_of_service": "http://127.0.0.1/terms",
                "url": "http://127.0.0.1/",
            },
            "license": {"name": "CC-BY 4.0 license", "url": "https://creativecommons.org/licenses/by/4.0/"},
            "provider": {"name": "Remote GP tests", "url": "http://127.0.0.1/"},
            "contact": {"name": "Remote GP tests", "email": "tests@example.org", "role": "pointOfContact"},
        },
        "resources": {
            process_id: {
                "type": "process",
                "processor": {"name": name, **({} if "." not in name else processor_extras)},
            }
            for process_id, name in PROCESSES.items()
        },
    }
