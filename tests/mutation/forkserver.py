"""A pytest launcher that has its heavy imports done once: `python forkserver.py` reads one job a line
on stdin (JSON: pythonpath, cwd, args), runs pytest on it in a forked child of its own session, and
writes two lines: {"pid": child} at the start and {"code": exit code} at the end.

The mutation run keeps one per mutant running at once: starting Python and importing numpy, shapely,
pytest costs more than most mutants' tests. Nothing of the plugin is imported here,
so every child imports the mutant afresh. Killing the child's process group stops a hung run.
"""

from __future__ import annotations

import importlib
import json
import os
import sys

import pytest

# Not hypothesis: a pytest plugin imported before pytest starts cannot have its asserts rewritten, and
# pytest's warning about that is an error under tests/pytest.ini.
for _name in ("numpy", "shapely", "requests", "osgeo.ogr"):
    try:
        importlib.import_module(_name)
    except ImportError:
        pass


def _child(job: dict) -> int:
    os.setsid()
    os.chdir(job["cwd"])
    sys.path.insert(0, job["pythonpath"])
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [job["pythonpath"], os.environ.get("PYTHONPATH")]))
    os.environ["PYTHONDONTWRITEBYTECODE"] = "1"
    sys.dont_write_bytecode = True  # never a mutant's bytecode in the real tree's __pycache__
    null = os.open(os.devnull, os.O_RDWR)
    for stream in (0, 1, 2):
        os.dup2(null, stream)
    return int(pytest.main(job["args"]))


def main() -> None:
    for line in sys.stdin:
        job = json.loads(line)
        pid = os.fork()
        if pid == 0:
            code = 3
            try:
                code = _child(job)
            finally:
                os._exit(code)
        try:
            print(json.dumps({"pid": pid}), flush=True)
            _, status = os.waitpid(pid, 0)
            print(json.dumps({"code": os.waitstatus_to_exitcode(status)}), flush=True)
        except BrokenPipeError:  # the mutation run is gone
            return


if __name__ == "__main__":
    main()
