"""Mutation testing: would the tests notice a wrong change in the code? (`make mutation`)

    python tests/mutation/mutate.py [MODULE ...] [--root DIR] [--jobs N] [--list]

For each module named in tests/mutation/*.toml (or only the MODULEs given, paths from the root such
as gp_core/units.py), every mutant (see mutants.py) runs the module's test files in a subprocess:
`pytest -x -q -p no:cacheprovider`, in the module's Python, from the tests folder, with the plugin
imported from a shadow of the root in which only the mutated file differs. A test that fails kills
the mutant; so does a run that outlives the hard timeout (a hang: counted as killed, reported apart).
The module's tests run once on the unchanged code, recording which tests run which lines: a mutant
then runs only the tests that ran its lines (all of the module's test files where its lines ran on
import), and one on a line no test runs is a survivor without a run ("uncovered").

Mutants listed in tests/mutation/equivalent*.txt change no behaviour: they are not run and the score
leaves them out. Score = killed / (mutants - equivalent). Results: printed, and kept in
.build/mutation/ (<module>.json and report.txt).

A config file maps modules to test files (paths from tests/, or pytest node ids) and to a Python (from
the root):

    [defaults]
    python = ".build/core-shapely2.1/bin/python"

    [modules."gp_core/units.py"]
    tests = ["unit/test_units.py", "unit/test_values.py"]

An equivalent mutant is one line, `module | function | mutation | reason`, as the report prints it.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import json
import os
import queue
import select
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import tomllib

from mutants import Mutant, mutants

HERE = Path(__file__).resolve().parent
PACKAGE = "remote_gp"  # the name tests import the plugin by
PYTEST = ["-m", "pytest", "-x", "-q", "-p", "no:cacheprovider"]
# A mutant's hard timeout: this factor times what its tests took in the traced run, at least the minimum.
MIN_TIMEOUT_SECONDS = 20.0
TIMEOUT_FACTOR = 3.0


class ConfigError(Exception):
    """A config or equivalents file that cannot be used; the message names it."""


@dataclass(frozen=True)
class Target:
    module: str
    python: str
    tests: tuple[str, ...]


@dataclass
class Outcome:
    mutant: Mutant
    status: str  # killed, timeout, survived, uncovered, equivalent, "error <pytest's exit code>"
    seconds: float = 0.0


@dataclass
class Tally:
    module: str
    outcomes: list[Outcome] = field(default_factory=list)
    seconds: float = 0.0
    unspliceable: int = 0

    def count(self, *statuses: str) -> int:
        return sum(outcome.status.split()[0] in statuses for outcome in self.outcomes)

    @property
    def score(self) -> float | None:
        counted = len(self.outcomes) - self.count("equivalent")
        return self.count("killed", "timeout") / counted if counted else None


def load_targets(root: Path, configs: list[Path]) -> dict[str, Target]:
    targets: dict[str, Target] = {}
    for path in configs or sorted((root / "tests" / "mutation").glob("*.toml")):
        try:
            config = tomllib.loads(path.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as error:
            raise ConfigError(f"{path}: {error}") from None
        default_python = config.get("defaults", {}).get("python")
        for module, entry in config.get("modules", {}).items():
            python = entry.get("python", default_python)
            if module in targets:
                raise ConfigError(f"{path}: {module} is configured twice")
            if not python or not entry.get("tests"):
                raise ConfigError(f"{path}: {module} needs a python and tests")
            missing = [test for test in entry["tests"] if not (root / "tests" / test.split("::")[0]).exists()]
            if missing or not (root / module).is_file():
                raise ConfigError(f"{path}: {module}: no such file: {', '.join(missing) or module}")
            targets[module] = Target(module, python, tuple(entry["tests"]))
    return targets


def load_equivalents(root: Path) -> dict[tuple[str, str, str], str]:
    """(module, function, mutation) -> reason, from every tests/mutation/equivalent*.txt."""
    equivalents: dict[tuple[str, str, str], str] = {}
    for path in sorted((root / "tests" / "mutation").glob("equivalent*.txt")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip() or line.startswith("#"):
                continue
            module, function, rest = (line.split(" | ", 2) + ["", ""])[:3]
            mutation, _, reason = rest.rpartition(" | ")
            if not (module and function and mutation and reason):
                raise ConfigError(f"{path}:{number}: expected 'module | function | mutation | reason'")
            equivalents[(module, function, mutation)] = reason
    return equivalents


def _shadow(root: Path, mutant: Mutant, folder: Path) -> Path:
    """A copy of the plugin in `folder` made of links to `root`, but for the mutated file. Returns the
    folder to put first on PYTHONPATH."""
    parts = Path(mutant.module).parts
    here, source = folder / PACKAGE, root
    here.mkdir()
    for part in parts:
        for entry in source.iterdir():
            if entry.name != part:
                (here / entry.name).symlink_to(entry)
        here, source = here / part, source / part
        if part != parts[-1]:
            here.mkdir()
    here.write_text(mutant.source, encoding="utf-8")
    return folder


def _run(command: list[str], cwd: Path, env: dict[str, str], timeout: float) -> int | None:
    """The exit code, or None when the run outlived `timeout` (then it and its children are killed)."""
    with subprocess.Popen(
        command,
        cwd=cwd,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    ) as process:
        try:
            return process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
            return None


class Launcher:
    """A forkserver.py in the module's Python: pytest runs without starting Python again."""

    def __init__(self, python: Path) -> None:
        self.process = subprocess.Popen(
            [str(python), str(HERE / "forkserver.py")],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            env=_environment(),
            start_new_session=True,
        )
        self.buffer = b""

    def run(self, pythonpath: Path, cwd: Path, args: list[str], timeout: float) -> int | None:
        """pytest's exit code, or None when the run outlived `timeout` (then it was killed)."""
        assert self.process.stdin is not None
        self.process.stdin.write(
            json.dumps({"pythonpath": str(pythonpath), "cwd": str(cwd), "args": args}).encode() + b"\n"
        )
        self.process.stdin.flush()
        deadline = time.monotonic() + timeout
        pid = self._read(deadline + 60)["pid"]
        answer = self._read(deadline)
        if answer is None:
            os.killpg(pid, signal.SIGKILL)
            self._read(time.monotonic() + 60)
            return None
        return answer["code"]

    def _read(self, deadline: float) -> dict | None:
        """The next line the launcher writes, or None at the deadline."""
        assert self.process.stdout is not None
        while b"\n" not in self.buffer:
            ready, _, _ = select.select([self.process.stdout], [], [], max(0.0, deadline - time.monotonic()))
            if not ready:
                return None
            chunk = os.read(self.process.stdout.fileno(), 4096)
            if not chunk:
                raise ConfigError(f"the pytest launcher stopped (exit {self.process.wait()})")
            self.buffer += chunk
        line, self.buffer = self.buffer.split(b"\n", 1)
        return json.loads(line)

    def close(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.close()
        self.process.wait(timeout=60)


def _environment(pythonpath: Path | None = None) -> dict[str, str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    if pythonpath is not None:
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(pythonpath), env.get("PYTHONPATH")]))
        env["PYTHONDONTWRITEBYTECODE"] = "1"  # never a mutant's bytecode in the real tree's __pycache__
    return env


def baseline(root: Path, target: Target, scratch: Path) -> tuple[float, dict[int, list[str]], dict[str, float]]:
    """The unchanged code's run: its duration, the tests that ran each line of the module ("" for
    none: the line ran on import), and how long each test took (traced, so slower than untraced).
    Its tests must pass."""
    lines_file = scratch / "lines.json"
    (scratch / PACKAGE).symlink_to(root)  # the plugin of `root`, whatever the venv's own link names
    started = time.monotonic()
    code = _run(
        [
            str(root / target.python),
            str(HERE / "traced.py"),
            str(root / target.module),
            str(lines_file),
            *PYTEST[2:],
            *target.tests,
        ],
        root / "tests",
        _environment(scratch),
        timeout=3600,
    )
    seconds = time.monotonic() - started
    if code != 0:
        raise ConfigError(
            f"{target.module}: its tests fail on the unchanged code (exit {code}): "
            f"cd tests && {target.python} {' '.join(PYTEST)} {' '.join(target.tests)}"
        )
    recorded = json.loads(lines_file.read_text())
    return seconds, {int(line): tests for line, tests in recorded["lines"].items()}, recorded["seconds"]


def tests_of(target: Target, mutant: Mutant, ran: dict[int, list[str]]) -> list[str]:
    """The tests that ran the mutant's lines, in the order they ran; all the module's test files for a
    line that ran outside a test; [] for a line no test ran."""
    tests = {test for line in range(mutant.line, mutant.end_line + 1) for test in ran.get(line, ())}
    return list(target.tests) if "" in tests else sorted(tests, key=_order(ran))


def _order(ran: dict[int, list[str]]):
    first: dict[str, int] = {}
    for tests in ran.values():
        for test in tests:
            first.setdefault(test, len(first))
    return lambda test: first.get(test, 0)


def check_shadow(root: Path, target: Target, mutant: Mutant) -> None:
    """The tests must import the plugin from the shadow, not from the root: checked once per module."""
    with tempfile.TemporaryDirectory(prefix="mutant-") as folder:
        pythonpath = _shadow(root, mutant, Path(folder))
        found = subprocess.run(
            [str(root / target.python), "-c", f"import importlib.util as u; print(u.find_spec({PACKAGE!r}).origin)"],
            cwd=root / "tests",
            env=_environment(pythonpath),
            capture_output=True,
            text=True,
            timeout=60,
        )
        if not found.stdout.strip().startswith(folder):
            raise ConfigError(
                f"{target.module}: the tests would not import the mutant but "
                f"{found.stdout.strip() or found.stderr.strip()}"
            )


def run_mutant(root: Path, launchers: queue.Queue, mutant: Mutant, tests: list[str], timeout: float) -> Outcome:
    started = time.monotonic()
    launcher = launchers.get()
    try:
        with tempfile.TemporaryDirectory(prefix="mutant-") as folder:
            pythonpath = _shadow(root, mutant, Path(folder))
            code = launcher.run(pythonpath, root / "tests", [*PYTEST[2:], *tests], timeout)
    finally:
        launchers.put(launcher)
    # The same arguments collected and passed on the unchanged code, so pytest's 2 (a collection error), 4 (a
    # node id not found: its file no longer imports) and 5 (no test collected) are the mutant's doing: killed.
    status = (
        "timeout"
        if code is None
        else "survived"
        if code == 0
        else "killed"
        if code in (1, 2, 4, 5)
        else f"error {code}"
    )
    return Outcome(mutant, status, time.monotonic() - started)


def mutate_module(root: Path, target: Target, equivalents: dict, jobs: int, out: Path, only: str = "") -> Tally:
    started = time.monotonic()
    found, unspliceable = mutants(target.module, (root / target.module).read_text(encoding="utf-8"))
    found = [mutant for mutant in found if only in f"{mutant.function} | {mutant.mutation}"]
    tally = Tally(target.module, unspliceable=unspliceable)
    with tempfile.TemporaryDirectory(prefix="mutation-") as scratch:
        seconds, ran, durations = baseline(root, target, Path(scratch))
    print(
        f"== {target.module}: {len(found)} mutants; tests {' '.join(target.tests)} take {seconds:.1f} s traced",
        flush=True,
    )
    if found:
        check_shadow(root, target, found[0])
    pending = []
    for mutant in found:
        tests = tests_of(target, mutant, ran)
        if mutant.key in equivalents:
            tally.outcomes.append(Outcome(mutant, "equivalent"))
        elif not tests:
            tally.outcomes.append(Outcome(mutant, "uncovered"))
        else:
            chosen = durations.values() if tests == list(target.tests) else (durations.get(t, 0.0) for t in tests)
            pending.append((mutant, tests, max(MIN_TIMEOUT_SECONDS, TIMEOUT_FACTOR * sum(chosen))))
    launchers: queue.Queue = queue.Queue()
    for _ in range(jobs):
        launchers.put(Launcher(root / target.python))
    try:
        with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as pool:
            runs = pool.map(lambda job: run_mutant(root, launchers, *job), pending)
            for done, outcome in enumerate(runs, 1):
                tally.outcomes.append(outcome)
                shown = "" if outcome.status == "killed" else f" {outcome.mutant.where()}  {outcome.mutant.mutation}"
                print(f"  [{done}/{len(pending)}] {outcome.status:8}{shown}", flush=True)
    finally:
        while not launchers.empty():
            launchers.get().close()
    tally.outcomes.sort(key=lambda outcome: (outcome.mutant.line, outcome.mutant.mutation))
    tally.seconds = time.monotonic() - started
    if not only:  # a partial run neither judges the list of equivalents nor replaces the module's results
        stale = set(key for key in equivalents if key[0] == target.module) - {m.key for m in found}
        for key in sorted(stale):
            print(f"  stale equivalent entry (no such mutant now): {' | '.join(key)}")
        _save(tally, out)
    return tally


def _save(tally: Tally, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    name = tally.module.replace("/", "_").removesuffix(".py") + ".json"
    (out / name).write_text(
        json.dumps(
            {
                "module": tally.module,
                "seconds": round(tally.seconds, 1),
                "unspliceable": tally.unspliceable,
                "score": tally.score,
                "mutants": [
                    {
                        "line": o.mutant.line,
                        "function": o.mutant.function,
                        "mutation": o.mutant.mutation,
                        "status": o.status,
                        "seconds": round(o.seconds, 2),
                    }
                    for o in tally.outcomes
                ],
            },
            indent=1,
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )


def report(tallies: list[Tally]) -> str:
    rows = [
        f"{'module':28} {'mutants':>7} {'killed':>7} {'timeout':>7} {'survived':>8} {'uncovered':>9} "
        f"{'equiv':>5} {'error':>5} {'score':>6} {'time':>6}"
    ]
    for tally in tallies:
        score = "-" if tally.score is None else f"{100 * tally.score:.1f}%"
        rows.append(
            f"{tally.module:28} {len(tally.outcomes):7} {tally.count('killed', 'timeout'):7} "
            f"{tally.count('timeout'):7} {tally.count('survived'):8} {tally.count('uncovered'):9} "
            f"{tally.count('equivalent'):5} {tally.count('error'):5} {score:>6} {tally.seconds:5.0f}s"
        )
    rows.append(
        "killed counts timeouts (a hang is a failure the tests noticed); uncovered = survived on a line "
        "no test runs;\nerror = pytest failed in itself (exit 3: not killed). Score = killed / "
        "(mutants - equiv)."
    )
    rows.append("")
    for tally in tallies:
        for outcome in tally.outcomes:
            if outcome.status.split()[0] in ("survived", "uncovered", "error"):
                m = outcome.mutant
                rows.append(f"{m.where():28} {outcome.status:9} {m.module} | {m.function} | {m.mutation}")
    return "\n".join(rows)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("modules", nargs="*", help="paths from the root, e.g. gp_core/units.py (default: all)")
    parser.add_argument("--root", type=Path, default=HERE.parents[1], help="the plugin's folder (a checkout)")
    parser.add_argument("--jobs", type=int, default=1, help="mutants run at once (default 1)")
    parser.add_argument(
        "--config",
        type=Path,
        action="append",
        default=[],
        help="a config file to read instead of tests/mutation/*.toml (may be repeated)",
    )
    parser.add_argument("--list", action="store_true", help="only list the mutants")
    parser.add_argument(
        "--only",
        metavar="TEXT",
        default="",
        help="only the mutants whose 'function | mutation' contains TEXT (to check a few again)",
    )
    args = parser.parse_args(argv)
    root = args.root.resolve()
    try:
        targets = load_targets(root, args.config)
        equivalents = load_equivalents(root)
        unknown = [module for module in args.modules if module not in targets]
        if unknown:
            raise ConfigError(f"not in tests/mutation/*.toml: {', '.join(unknown)}; known: {', '.join(targets)}")
        chosen = [targets[module] for module in args.modules or targets]
        if args.list:
            for target in chosen:
                for mutant in mutants(target.module, (root / target.module).read_text(encoding="utf-8"))[0]:
                    print(f"{mutant.where():28} {mutant.module} | {mutant.function} | {mutant.mutation}")
            return 0
        out = root / ".build" / "mutation"
        tallies = [mutate_module(root, target, equivalents, args.jobs, out, args.only) for target in chosen]
    except ConfigError as error:
        print(f"mutation: {error}", file=sys.stderr)
        return 2
    text = report(tallies)
    (out / "report.txt").write_text(text + "\n", encoding="utf-8")
    print(text)
    print(f"(also in {out / 'report.txt'})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
