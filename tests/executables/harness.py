"""Runs of the real QGIS executables with the plugin installed from its zip.

`qgis_process.bin` (Debian's `qgis_process` wrapper passes an option 3.22 rejects) and the desktop
`qgis` on a virtual display load the system GEOS into the global symbol namespace, which the test
process's python does not: a shapely bound to another GEOS crashes there and only there. So the
plugin is tested in them, and every run is guarded: a hard timeout that kills the whole process
group ("hung after N s"), a crash reported with its signal's name, and in the desktop a Python error
reported instead of shown in a dialog.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sysconfig
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from remote_gp.bridge import descriptions
from remote_gp.bridge.connections import slug
from remote_gp.gp_core import OgcServer, Server

ROOT = Path(__file__).resolve().parents[2]
QGIS_PROCESS = "/usr/bin/qgis_process.bin"
VENV_SITE_PACKAGES = sysconfig.get_paths()["purelib"]  # shapely (built on the system GEOS) and pyshp
CONNECTION_KEY = "local"
DOWN_URL = "http://127.0.0.1:9/arcgis"  # the discard port: nothing answers
PROCESS_TIMEOUT = 120  # seconds for one qgis_process run; QGIS itself starts in about 2 s
DESKTOP_TIMEOUT = 180
_DIED = re.compile(r"QGIS died on signal (\d+)")
# The signals QGIS desktop's crash handler catches (it prints "QGIS died on signal N", then aborts).
_HANDLED = {
    signal.SIGQUIT,
    signal.SIGILL,
    signal.SIGFPE,
    signal.SIGSEGV,
    signal.SIGBUS,
    signal.SIGSYS,
    signal.SIGTRAP,
    signal.SIGXCPU,
    signal.SIGXFSZ,
}
PYTHON_ERROR = "Python error in QGIS:"
# Desktop QGIS shows a Python error (a plugin that fails to load, an exception in a slot) with
# qgis.utils.showException, which opens a modal dialog when QGIS has no active window, as under
# xvfb-run: the run would wait for a click until its timeout. QGIS runs this (PYQGIS_STARTUP) before
# it loads plugins: the error goes to stderr instead, and fails the run.
_REPORT_PYTHON_ERRORS = f"""import sys, traceback
import qgis.utils


def _report(kind, value, trace, *rest, **named):
    print({PYTHON_ERROR!r}, "".join(traceback.format_exception(kind, value, trace)), file=sys.stderr, flush=True)


qgis.utils.showException = _report
"""


class ExecutableFailed(AssertionError):
    """A run of a QGIS executable that did not end well; the message says how, and what it printed."""


@dataclass(frozen=True)
class Run:
    command: tuple[str, ...]
    returncode: int | None
    """None when the run hung and was killed."""
    stdout: str
    stderr: str
    timeout: float
    name: str
    """The executable, for messages."""
    shell_wrapped: bool = False
    """Run through a shell script (xvfb-run): it reports a signal as 128 + its number."""

    @property
    def output(self) -> str:
        return self.stdout + self.stderr

    @property
    def crash_signal(self) -> str | None:
        """The name of the signal that killed the executable, if one did."""
        died = _DIED.search(self.output)
        if died:
            return _handled_signal(died.group(1))
        if self.returncode is not None and self.returncode < 0:
            return signal.Signals(-self.returncode).name
        if self.shell_wrapped and self.returncode is not None and self.returncode > 128:
            return signal.Signals(self.returncode - 128).name
        return None

    def failure(self) -> str | None:
        """Why the run failed (hang, crash or exit status) with what it printed; None if it succeeded."""
        if self.returncode is None:
            what = f"{self.name} hung after {self.timeout:g} s and was killed"
        elif self.crash_signal:
            what = f"{self.name} crashed with {self.crash_signal} (exit status {self.returncode})"
        elif self.returncode != 0:
            what = f"{self.name} exited with status {self.returncode}"
        elif PYTHON_ERROR in self.output:
            what = f"{self.name} raised a Python error"
        else:
            return None
        return f"{what}: {' '.join(self.command)}\n{self.output[-6000:]}"

    def check(self) -> Run:
        failure = self.failure()
        if failure:
            raise ExecutableFailed(failure)
        return self


def _handled_signal(digits: str) -> str:
    """The signal QGIS's crash handler names. It prints the number without a line end and lets gdb (when
    installed) print a backtrace right after, which may begin with digits ("QGIS died on signal 1130\t
    ../sysdeps/..." for 11): the number is the longest leading run of the digits that is a signal the
    handler catches."""
    for end in range(len(digits), 0, -1):
        if int(digits[:end]) in _HANDLED:
            return signal.Signals(int(digits[:end])).name
    return f"signal {digits}"


def run(command: list[str], env: dict[str, str], timeout: float, name: str = "", shell_wrapped: bool = False) -> Run:
    """Run a command in a process group of its own, stdin from /dev/null; on timeout the whole group
    (xvfb-run's X server included) is killed."""
    process = subprocess.Popen(
        command,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        errors="replace",
        start_new_session=True,
    )
    try:
        stdout, stderr = process.communicate(timeout=timeout)
        returncode: int | None = process.returncode
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        stdout, stderr = process.communicate()
        returncode = None
    return Run(tuple(command), returncode, stdout, stderr, timeout, name or Path(command[0]).name, shell_wrapped)


def build_package() -> Path:
    """`make package`, once: dist/remote_gp-<version>.zip."""
    built = subprocess.run(
        ["make", "package"], cwd=ROOT, capture_output=True, text=True, timeout=300, stdin=subprocess.DEVNULL
    )
    assert built.returncode == 0, built.stdout + built.stderr
    zips = sorted((ROOT / "dist").glob("remote_gp-*.zip"))
    assert len(zips) == 1, zips
    return zips[0]


def algorithm_id(service: str, task: str) -> str:
    """The Processing id of a task of the profile's connection."""
    return f"remotegp:{CONNECTION_KEY}{slug(service)}{slug(task)}"


@dataclass(frozen=True)
class Profile:
    """A throwaway QGIS settings folder (`root/profiles/default`) and the Python packages QGIS gets."""

    root: Path
    python_path: str = VENV_SITE_PACKAGES
    """PYTHONPATH of the executables: "" for Debian's Python alone."""
    extra_env: dict[str, str] = field(default_factory=dict)

    @property
    def default(self) -> Path:
        return self.root / "profiles" / "default"

    @property
    def plugins(self) -> Path:
        return self.default / "python" / "plugins"

    def install(self, package: Path) -> None:
        """Unpack the zip into the profile's plugins folder, as "Install from ZIP" does."""
        self.plugins.mkdir(parents=True, exist_ok=True)
        with zipfile.ZipFile(package) as archive:
            archive.extractall(self.plugins)

    def configure(self, server_url: str | None, plugins: tuple[str, ...] = ("remote_gp",)) -> None:
        """Enable the plugins and English as the interface language; given a server, add the
        connection `local` to it and the connection `down` to a port nothing listens on, both with
        the server's task descriptions cached, as a refresh leaves them."""
        lines = [
            "[PythonPlugins]",
            *(f"{name}=true" for name in plugins),
            "",
            "[locale]",
            "overrideFlag=true",
            "userLocale=en_US",
            "",
        ]
        if server_url:
            cached = json.dumps(descriptions.fetch(Server(server_url), lambda name, error: None).to_json())
            lines.append("[remote_gp]")
            for key, name, url in ((CONNECTION_KEY, "Local GP", server_url), ("down", "Down", DOWN_URL)):
                lines += [f"connections\\{key}\\name={name}", f"connections\\{key}\\url={url}"]
                cache = self.default / "remote_gp" / "descriptions" / f"{key}.json"
                cache.parent.mkdir(parents=True, exist_ok=True)
                cache.write_text(cached, encoding="utf-8")
        ini = self.default / "QGIS" / "QGIS3.ini"
        ini.parent.mkdir(parents=True, exist_ok=True)
        ini.write_text("\n".join(lines) + "\n", encoding="utf-8")

    def connect_ogc(self, key: str, name: str, url: str, described_by: str = "") -> None:
        """Add an OGC API - Processes connection `key` (after `configure`), its processes'
        descriptions cached as a refresh leaves them: those of `described_by` (default: `url`)."""
        cached = json.dumps(descriptions.fetch(OgcServer(described_by or url), lambda name, error: None).to_json())
        cache = self.default / "remote_gp" / "descriptions" / f"{key}.json"
        cache.parent.mkdir(parents=True, exist_ok=True)
        cache.write_text(cached, encoding="utf-8")
        lines = ["[remote_gp]", f"connections\\{key}\\name={name}", f"connections\\{key}\\url={url}"]
        lines.append(f"connections\\{key}\\kind=ogc")
        ini = self.default / "QGIS" / "QGIS3.ini"
        ini.write_text(ini.read_text(encoding="utf-8") + "\n".join(lines) + "\n", encoding="utf-8")

    def env(self, **extra: str) -> dict[str, str]:
        """The test process's environment without what would leak into QGIS: pytest-qgis's QGIS_*
        variables, its PYTHONPATH, the display settings; the user's own site-packages are off unless
        `extra_env` names a PYTHONUSERBASE."""
        env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("QGIS_", "PYTHON")) and key not in ("QT_QPA_PLATFORM", "DISPLAY")
        }
        if self.python_path:
            env["PYTHONPATH"] = self.python_path
        if "PYTHONUSERBASE" not in self.extra_env:
            env["PYTHONNOUSERSITE"] = "1"
        return {**env, **self.extra_env, **extra}

    def qgis_process(self, *arguments: str, check: bool = True) -> Run:
        """`qgis_process.bin <arguments>` on this profile, headless; ExecutableFailed unless it succeeds
        (or `check` is off, for a run meant to fail)."""
        env = self.env(QGIS_CUSTOM_CONFIG_PATH=str(self.root), QT_QPA_PLATFORM="offscreen")
        ran = run([QGIS_PROCESS, *arguments], env, PROCESS_TIMEOUT)
        return ran.check() if check else ran

    def run_algorithm(self, algorithm: str, **parameters: object) -> dict[str, Any]:
        """`qgis_process.bin --json run <algorithm or .model3> --<name>=<value>...`: the results."""
        arguments = [f"--{name}={value}" for name, value in parameters.items()]
        return json.loads(self.qgis_process("--json", "run", algorithm, *arguments).stdout)["results"]

    def desktop(self, script: Path, timeout: float = DESKTOP_TIMEOUT) -> Run:
        """The desktop `qgis` on a virtual X display, running `script` once started (the script quits);
        ExecutableFailed unless it succeeds without a Python error."""
        report_errors = self.root / "report_python_errors.py"
        report_errors.write_text(_REPORT_PYTHON_ERRORS, encoding="utf-8")
        command = [
            "xvfb-run",
            "-a",
            "qgis",
            "--noversioncheck",
            "--nologo",
            "--profiles-path",
            str(self.root),
            "--code",
            str(script),
        ]
        return run(
            command,
            self.env(PYQGIS_STARTUP=str(report_errors)),
            timeout,
            "qgis (desktop, under xvfb-run)",
            shell_wrapped=True,
        ).check()


def desktop_report(profile: Profile, body: str, folder: Path) -> dict[str, Any]:
    """Run `body` (Python that fills the dict `report`, with `json`, `traceback`, `Path`,
    `QgsApplication` and `QTimer` imported) in the desktop `qgis` of `profile`; what it reported.
    AssertionError with the traceback when `body` raised, or with QGIS's output when nothing was
    reported. Files of the run go to `folder`."""
    result, script = folder / "report.json", folder / "startup.py"
    indented = "\n".join("    " + line for line in body.strip("\n").splitlines())
    script.write_text(_DESKTOP_REPORT.format(body=indented, result=str(result)), encoding="utf-8")
    started = profile.desktop(script)
    assert result.exists(), started.output
    report = json.loads(result.read_text(encoding="utf-8"))
    assert "error" not in report, report["error"]
    return report


_DESKTOP_REPORT = """import json, traceback
from pathlib import Path
from qgis.core import QgsApplication
from qgis.PyQt.QtCore import QTimer

report = {{}}
try:
{body}
except Exception:
    report["error"] = traceback.format_exc()
finally:
    Path({result!r}).write_text(json.dumps(report))
    QTimer.singleShot(0, lambda: QgsApplication.exit(0))  # once QGIS's event loop runs
"""


# -- saved models (.model3) ------------------------------------------------------------------------


@dataclass(frozen=True)
class FromInput:
    """A child parameter taken from a model input."""

    name: str


@dataclass(frozen=True)
class FromChild:
    """A child parameter taken from another child's output."""

    child: str
    output: str


@dataclass(frozen=True)
class Step:
    """A child algorithm of a model: parameters (a FromInput, a FromChild or a static value) and the
    model outputs it gives (model output name -> the child's output)."""

    id: str
    algorithm: str
    params: dict[str, Any]
    outputs: dict[str, str] = field(default_factory=dict)


def write_model(path: Path, name: str, inputs: list[str], steps: list[Step]) -> Path:
    """A .model3 as QGIS saves it (the keys QGIS needs; it makes the output parameters itself when it
    loads the model): vector layer inputs, then the steps. `qgis_process run <path>` takes
    `--<input>=<layer>` and `--<step id>:<output>=<destination>`."""

    def source(value: Any) -> dict[str, Any]:
        if isinstance(value, FromInput):
            return {"source": 0, "parameter_name": value.name}
        if isinstance(value, FromChild):
            return {"source": 1, "child_id": value.child, "output_name": value.output}
        return {"source": 2, "static_value": value}

    model = {
        "model_name": name,
        "model_group": "Remote GP tests",
        "parameters": {n: {"name": n} for n in inputs},
        "parameterDefinitions": {
            n: {"parameter_type": "vector", "name": n, "description": n, "flags": 0} for n in inputs
        },
        "children": {
            step.id: {
                "id": step.id,
                "alg_id": step.algorithm,
                "active": True,
                "params": {key: [source(value)] for key, value in step.params.items()},
                "outputs": {
                    out: {"name": out, "child_id": step.id, "output_name": child_output}
                    for out, child_output in step.outputs.items()
                },
            }
            for step in steps
        },
    }
    path.write_text("<!DOCTYPE model>\n" + ElementTree.tostring(_option(model), encoding="unicode"), encoding="utf-8")
    return path


def _option(value: Any, name: str | None = None) -> ElementTree.Element:
    """QGIS's XML of a QVariant: <Option type="Map|List|QString|bool|int|double" name= value=>."""
    element = ElementTree.Element("Option", {"name": name} if name is not None else {})
    if isinstance(value, dict):
        element.set("type", "Map")
        element.extend(_option(item, key) for key, item in value.items())
    elif isinstance(value, list):
        element.set("type", "List")
        element.extend(_option(item) for item in value)
    else:
        kind = {bool: "bool", int: "int", float: "double"}.get(type(value), "QString")
        element.set("type", kind)
        element.set("value", str(value).lower() if isinstance(value, bool) else str(value))
    return element
