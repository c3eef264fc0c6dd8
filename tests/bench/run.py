"""`make bench`: gp_core's codec side by side with the standard library, orjson, msgspec, GDAL, QGIS and
Esri's `arcgis` on generated workloads, results into QGIS layers (P5, layers.py), polling (P3,
polling.py) and provider start (P4, provider_start.py); the results as a markdown table
(.build/bench/results.md, also printed) and a chart of ratios (.build/bench/ratios.png).

    python tests/bench/run.py [--workloads polygons,points,lines] [--repeats 3] [--only gp_core,gdal]
                              [--parts codec,polling,provider,layers]

Every measurement runs in a process of its own (codec.py, layers.py...), `--repeats` times; the table gives the
medians, each with its ratio to gp_core's in the same run (above 1: gp_core is faster). A peer whose
output has other counts of features or vertices than the workload is marked WRONG and left out of
the ratios. Nothing here asserts a time: the machine is shared and noisy, compare ratios of one run."""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE))

from codec import MEASUREMENTS  # noqa: E402 (after the path)
from workloads import WORKLOADS, ensure, expected  # noqa: E402

OUT = ROOT / ".build" / "bench"
INTEROP_PYTHON = ROOT / ".build" / "interop" / "bin" / "python"
#: Seconds any one measurement may take before it is stopped (and reported as failed).
TIMEOUT = 1800
LABELS = {
    "decode:stdlib": "floor: stdlib json.loads only (collector paused)",
    "decode:orjson": "floor: orjson.loads only (collector paused)",
    "decode:msgspec": "floor: msgspec typed decode, no geometry objects (collector paused)",
    "decode:gdal": "GDAL's ESRIJSON driver (C++) → WKB → shapely",
    "decode:qgis": "QGIS's OGR layer (ogr provider), features iterated",
    "decode:arcgis": "Esri `arcgis` FeatureSet.from_json + Geometry",
    "decode:gp_core-read_json": "**gp_core: answers.read_json + FeatureSet.from_json (the client's path)**",
    "decode:gp_core": "gp_core: the caller's json.loads (collector running) + FeatureSet.from_json",
    "decode:gp_core-stdlib": "gp_core's path without orjson and msgspec",
    "encode:stdlib": "floor: stdlib json.dumps of a ready dict",
    "encode:orjson": "floor: orjson.dumps of a ready dict",
    "encode:arcgis": "Esri `arcgis` FeatureSet.to_json",
    "encode:gp_core-bytes": "**gp_core: FeatureSet.to_bytes (its own encoder: the text its client sends)**",
    "encode:gp_core-text": "gp_core: FeatureSet.to_text (the same text as a str)",
    "encode:gp_core": "gp_core: FeatureSet.to_json + json.dumps",
    "encode:gp_core-stdlib": "gp_core's to_bytes without orjson and msgspec",
}
#: The measurement each table's ratios are taken to.
REFERENCE = {"decode": "decode:gp_core-read_json", "encode": "encode:gp_core-bytes"}


@dataclass
class Result:
    """The runs of one measurement on one workload."""

    name: str
    workload: str
    seconds: list[float] = field(default_factory=list)
    rss_mb: list[float] = field(default_factory=list)
    note: str = ""
    failure: str = ""

    @property
    def median_s(self) -> float:
        return statistics.median(self.seconds)


PARTS = ("codec", "polling", "provider", "layers")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workloads", default="polygons,points,lines", help="of: " + ", ".join(WORKLOADS))
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--parts", default=",".join(PARTS), help="of: " + ", ".join(PARTS))
    parser.add_argument("--only", default="", help="codec measurements whose name holds one of these words (commas)")
    parser.add_argument("--polling-jobs", type=int, default=200)
    parser.add_argument("--provider-tasks", type=int, default=5000)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    started = time.monotonic()
    parts = args.parts.split(",")
    words = [w for w in args.only.split(",") if w]
    names = [n for n in MEASUREMENTS if not words or any(w in n for w in words)]
    sections = [_machine()]
    results: list[Result] = []
    for workload_name in args.workloads.split(","):
        path = ensure(WORKLOADS[workload_name], args.out)
        counts = expected(path)
        print(f"== {workload_name}: {_describe(counts)}", flush=True)
        if "codec" in parts:
            workload_results = _codec(names, path, counts, args.repeats)
            results += workload_results
            sections.append(_codec_tables(workload_name, counts, workload_results))
        if "layers" in parts and WORKLOADS[workload_name].geometry_type == "esriGeometryPolygon":
            sections.append(_layers(path, counts, args.repeats, args.out))
    if "polling" in parts:
        sections.append(_polling(args.polling_jobs))
    if "provider" in parts:
        sections.append(_provider(args.provider_tasks, args.repeats))
    sections.append(f"Whole run: {time.monotonic() - started:.0f} s.")
    report = "\n\n".join(sections) + "\n"
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "results.md").write_text(report, encoding="utf-8")
    print("\n" + report)
    chart = _chart(results, args.out / "ratios.png")
    print(f"Written: {args.out / 'results.md'}" + (f", {chart}" if chart else ""))
    return 0


def _describe(counts: dict[str, int]) -> str:
    size = counts["bytes"] / 1e6
    return f"{counts['features']:,} features, {counts['vertices']:,} vertices, {size:.0f} MB of Esri JSON"


def _codec(names: list[str], path: Path, counts: dict[str, int], repeats: int) -> list[Result]:
    """The codec measurements `names` on one workload, in rounds (`_rounds`)."""
    commands: dict[str, list[str] | str] = {}
    for name in names:
        python = INTEROP_PYTHON if "arcgis" in name else Path(sys.executable)
        commands[name] = (
            [str(python), str(HERE / "codec.py"), name, str(path)]
            if python.exists()
            else f"not run: {python} is missing (make .build/interop/.ready)"
        )
    return list(_rounds(commands, path, counts, repeats).values())


def _printed(result: Result) -> Result:
    status = result.failure or f"{result.median_s:.2f} s, {statistics.median(result.rss_mb):.0f} MB"
    print(f"   {result.name}: {status}", flush=True)
    return result


def _rounds(
    commands: dict[str, list[str] | str], path: Path, counts: dict[str, int], repeats: int
) -> dict[str, Result]:
    """Each command (or why it cannot run) run `repeats` times, in rounds of one run of each: a load
    that comes and goes on the machine weighs on every peer alike, not on those measured while it
    lasted. A command's runs stop at the first that fails or produces other counts than the
    workload's."""
    results = {name: Result(name, path.stem, failure=c if isinstance(c, str) else "") for name, c in commands.items()}
    for _ in range(repeats):
        for name, command in commands.items():
            if isinstance(command, list) and not results[name].failure:
                _run(results[name], command, counts)
    for result in results.values():
        _printed(result)
    return results


def _run(result: Result, command: list[str], counts: dict[str, int]) -> None:
    """One run of `command`, which prints a JSON line of seconds, rss_mb, features, vertices and note
    (or `missing`: a package the peer needs), added to `result` (or its failure)."""
    try:
        done = subprocess.run(
            command,
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        )
    except subprocess.TimeoutExpired:
        result.failure = f"stopped after {TIMEOUT} s"
        return
    if done.returncode != 0:
        result.failure = _failure(done)
        return
    run = json.loads(done.stdout.strip().splitlines()[-1])
    if "missing" in run:
        result.failure = f"not run: {run['missing']} is not installed"
    elif (run["features"], run["vertices"]) != (counts["features"], counts["vertices"]):
        result.failure = f"WRONG: {run['features']:,} features, {run['vertices']:,} vertices"
    else:
        result.seconds.append(run["seconds"])
        result.rss_mb.append(run["rss_mb"])
        result.note = run["note"]


def _ratio(result: Result, reference: Result | None) -> float | None:
    if result.failure or reference is None or reference.failure:
        return None
    return result.median_s / reference.median_s


def _codec_tables(workload: str, counts: dict[str, int], results: list[Result]) -> str:
    by_name = {r.name: r for r in results}
    tables = [f"### {workload}: {_describe(counts)}"]
    for kind in ("decode", "encode"):
        chosen = [r for r in results if r.name.startswith(kind + ":")]
        if not chosen:
            continue
        reference = by_name.get(REFERENCE[kind])
        head = f"| {kind} | median s | peak RSS MB over baseline | × gp_core's time | note |"
        lines = [head, "|---|---|---|---|---|"]
        for r in chosen:
            ratio = _ratio(r, reference)
            if r.failure:
                cells = ["—", "—", "—", r.failure]
            else:
                cells = [f"{r.median_s:.2f}", f"{statistics.median(r.rss_mb):.0f}"]
                cells += [f"{ratio:.2f}" if ratio is not None else "—", r.note]
            lines.append(f"| {LABELS[r.name]} | " + " | ".join(cells) + " |")
        tables.append("\n".join(lines))
    return "\n\n".join(tables)


def _polling(jobs: int) -> str:
    print(f"== P3 polling: {jobs} jobs of 1 to 120 s on a simulated clock", flush=True)
    return "### P3 polling (tests/bench/polling.py)\n\n" + _output_of(["bench/polling.py", "--jobs", str(jobs)])


def _provider(tasks: int, repeats: int) -> str:
    print(f"== P4 provider start from a cache of {tasks:,} tasks", flush=True)
    command = ["bench/provider_start.py", "--tasks", str(tasks), "--runs", str(repeats)]
    return "### P4 provider start (tests/bench/provider_start.py)\n\n" + _output_of(command)


def _output_of(command: list[str]) -> str:
    """What a benchmark script of tests/bench printed (run from tests/, as its docstring says), or why
    it printed nothing."""
    try:
        done = subprocess.run(
            [sys.executable, *command],
            cwd=HERE.parent,
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        )
    except subprocess.TimeoutExpired:
        return f"stopped after {TIMEOUT} s"
    return done.stdout.strip() if done.returncode == 0 else _failure(done)


def _layers(path: Path, counts: dict[str, int], repeats: int, out: Path) -> str:
    print(f"== P5 {path.stem} into QGIS layers", flush=True)
    ways = {
        "plugin-memory": "plugin: read_json + from_json + write_features → memory layer",
        "ogr-memory": "QGIS's OGR layer → materialize (memory layer)",
        "plugin-gpkg": "plugin: … + gpkg_writer.fill (GDAL) → GeoPackage",
        "ogr-gpkg": "QGIS's OGR layer → QgsVectorFileWriter (GeoPackage)",
    }
    commands: dict[str, list[str] | str] = {
        way: [sys.executable, str(HERE / "layers.py"), way, str(path), str(out)] for way in ways
    }
    results = _rounds(commands, path, counts, repeats)
    body_mb = counts["bytes"] / 2**20
    lines = [
        f"### P5 {path.stem} into a QGIS layer ({_describe(counts)})",
        "",
        "| path | median s | peak RSS MB over baseline | RSS ÷ body (goal ≤ 3) | OGR's time ÷ plugin's (goal ≥ 3) |",
        "|---|---|---|---|---|",
    ]
    for way, label in ways.items():
        r = results[way]
        plugin = results[way.replace("ogr", "plugin")]
        if r.failure:
            lines.append(f"| {label} | — | — | — | {r.failure} |")
            continue
        rss = statistics.median(r.rss_mb)
        ratio = _ratio(r, plugin) if way.startswith("ogr") else None
        lines.append(
            f"| {label} | {r.median_s:.2f} | {rss:.0f} | {rss / body_mb:.1f} | "
            + (f"{ratio:.2f}" if ratio is not None else "")
            + " |"
        )
    lines.append(
        "\nQGIS's path leaves the date field out: GDAL 3.6 reads Esri dates as 8-character strings, "
        "which neither layer takes (no feature would be written with them)."
    )
    return "\n".join(lines)


def _failure(done: subprocess.CompletedProcess[str]) -> str:
    last = (done.stderr.strip().splitlines() or [""])[-1]
    return f"failed (exit code {done.returncode}): {last}"


def _machine() -> str:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    memory = int(Path("/proc/meminfo").read_text().split()[1]) / 1024 / 1024
    return (
        f"## Results of `make bench`, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}\n\n"
        f"Machine: {os.cpu_count()} cores ({cpu}), {memory:.0f} GB RAM, {platform.platform()}; "
        f"{_versions()}. Medians of each measurement's runs, each run in a fresh process; "
        "peak RSS: the step's high-water mark of resident memory over what the process held before it "
        "(interpreter, imports, QGIS started, an encode's input)."
    )


def _versions() -> str:
    import shapely
    from osgeo import gdal
    from qgis.core import Qgis

    found = [
        f"Python {platform.python_version()}",
        f"GDAL {gdal.__version__}",
        f"QGIS {Qgis.QGIS_VERSION}",
        f"shapely {shapely.__version__} on GEOS {shapely.geos_version_string}",
    ]
    for module in ("orjson", "msgspec"):
        try:
            found.append(f"{module} {__import__(module).__version__}")
        except ImportError:
            found.append(f"no {module}")
    if INTEROP_PYTHON.exists():
        arcgis = subprocess.run(
            [str(INTEROP_PYTHON), "-c", "import arcgis; print(arcgis.__version__)"],
            capture_output=True,
            text=True,
            timeout=120,
        )
        found.append(f"arcgis {arcgis.stdout.strip() or '(not importable)'}")
    return ", ".join(found)


def _chart(results: list[Result], path: Path) -> Path | None:
    """Horizontal bars: each peer's time over gp_core's, per workload (log scale; 1 = as fast)."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
        from matplotlib.ticker import FuncFormatter, NullFormatter
    except ImportError:
        print("No chart: matplotlib is missing (Debian's python3-matplotlib).")
        return None
    workloads = list(dict.fromkeys(r.workload for r in results))
    if not workloads:
        return None
    figure, axes = plt.subplots(len(workloads), 1, figsize=(9, 0.45 * len(results) + 1.2), squeeze=False)
    for axis, workload in zip(axes[:, 0], workloads):
        chosen = [r for r in results if r.workload == workload]
        by_name = {r.name: r for r in chosen}
        bars = []
        for r in chosen:
            ratio = _ratio(r, by_name.get(REFERENCE[r.name.split(":")[0]]))
            if ratio is not None and r.name not in REFERENCE.values():
                label = LABELS[r.name].replace("*", "").replace("`", "")
                bars.append((label, ratio, "tab:blue" if r.name.startswith("decode") else "tab:orange"))
        axis.barh([b[0] for b in bars], [b[1] for b in bars], color=[b[2] for b in bars])
        axis.axvline(1.0, color="black", linewidth=1)
        for goal, colour, name in (
            (3.0, "tab:blue", "P1: decode ≥ 3× GDAL and Esri"),
            (5.0, "tab:orange", "P2: encode ≥ 5× Esri"),
        ):
            axis.axvline(goal, color=colour, linewidth=1, linestyle="--", label=f"goal {name}")
        axis.legend(fontsize=7, loc="lower right")
        axis.set_xscale("log")
        axis.set_xlim(0.1, 20)
        axis.xaxis.set_major_formatter(FuncFormatter(lambda value, _: f"{value:g}"))
        axis.xaxis.set_minor_formatter(NullFormatter())
        axis.invert_yaxis()
        axis.set_title(f"{workload}: time ÷ gp_core's, decode (blue), encode (orange); > 1: gp_core faster", fontsize=8)
        axis.tick_params(labelsize=8)
        for y, (_, ratio, _) in enumerate(bars):
            axis.text(ratio, y, f" {ratio:.2f}", va="center", fontsize=7)
    figure.tight_layout()
    figure.savefig(path, dpi=110)
    plt.close(figure)
    return path


if __name__ == "__main__":
    sys.exit(main())
