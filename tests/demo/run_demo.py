"""`make demo`: the three workflows of Esri's "use geoprocessing services in Python" page, run
against the local reference GP server exactly as written there, except for the import line, the
file paths and the server address (and Python 3's print, see seed_slope.py); then the same work on
an OGC API - Processes server, pygeoapi (tests/ogc_server), with gp_core's OGC client
(ogc_workflow.py).

Usage: python tests/demo/run_demo.py OUTPUT_FOLDER
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from demo_data import EPSG, TOWERS, make_dem, make_points  # noqa: E402
from gp_server.process import running_server  # noqa: E402
from ogc_server.process import running_ogc_server  # noqa: E402

SCRIPTS = [
    ("1. Buffer points and save the output", "seed_buffer.py"),
    ("2. A slope raster returned as a TIFF", "seed_slope.py"),
    ("3. A map image of the result", "seed_map_image.py"),
]
OGC_WORKFLOW = ("4. The towers buffered and the slope, on an OGC API - Processes server", "ogc_workflow.py")
#: The longest a seed script may run: it loops on result.status with no deadline of its own.
SCRIPT_SECONDS = 300


def seed_script(name: str, root: str, inputs: Path, outputs: Path) -> str:
    """A seed script with the paths of this machine in place of the page's (`root`: the server's)."""
    places = {
        "http://flame7/arcgis": root,
        "http://ogc.example.org": root,
        "c:/temp/towers_buffer_ogc.shp": outputs / "towers_buffer_ogc.shp",
        "c:/base/roads.shp": inputs / "towers.shp",
        "c:/dems/k_ne_g": inputs / "dem.tif",
        "c:/temp/base.gdb/towers_buffer": outputs / "towers_buffer.shp",
        "c:/temp/rasteroutput": outputs / "rasters",
        "c:/base/road_buffer.jpg": outputs / "road_buffer.png",
    }
    text = (HERE / name).read_text(encoding="utf-8")
    for old, new in places.items():
        text = text.replace(old, str(new))
    return text


def run_script(title: str, code: str) -> None:
    print(f"\n=== {title}", flush=True)
    try:
        finished = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=SCRIPT_SECONDS)
    except subprocess.TimeoutExpired:
        raise SystemExit(f"{title} has not ended after {SCRIPT_SECONDS} s.") from None
    lines = finished.stdout.split()
    statuses = [line for line in lines if line.isdigit()]  # what the seed scripts print
    if statuses:
        print(f"    result.status while polling: {' '.join(statuses)}")
    for line in finished.stdout.splitlines():
        if line.strip() and not line.strip().isdigit():
            print(f"    {line}")
    if finished.returncode:
        print(finished.stderr, file=sys.stderr)
        raise SystemExit(f"{title} failed.")
    print("    done")


def describe(outputs: Path) -> None:
    import shapefile
    from osgeo import gdal

    gdal.UseExceptions()
    with shapefile.Reader(str(outputs / "towers_buffer.shp")) as buffers:
        areas = [record["Shape_Area"] for record in buffers.records()]
        print(
            f"  {outputs / 'towers_buffer.shp'}: {len(areas)} buffer polygons, "
            f"area {min(areas):.3f}–{max(areas):.3f} m² each"
        )
    describe_ogc_buffers(outputs / "towers_buffer_ogc.shp")
    for tiff in sorted((outputs / "rasters").glob("*.tif")):
        dataset = gdal.Open(str(tiff))  # kept: a band is invalid once its dataset is freed
        band = dataset.GetRasterBand(1)
        low, high, mean, _ = band.ComputeStatistics(False)
        print(f"  {tiff}: {band.XSize}×{band.YSize} slope, {low:.1f}°–{high:.1f}° (mean {mean:.1f}°)")
    image = gdal.Open(str(outputs / "road_buffer.png"))
    print(
        f"  {outputs / 'road_buffer.png'}: {image.RasterXSize}×{image.RasterYSize} "
        f"{image.GetDriver().ShortName} map image"
    )


def describe_ogc_buffers(path: Path) -> None:
    """The OGC server's buffers, in WGS 84: their area and how far their centres lie from the towers,
    measured back in the towers' UTM zone."""
    from osgeo import ogr, osr

    utm = osr.SpatialReference()
    utm.ImportFromEPSG(EPSG)
    utm.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    source = ogr.Open(str(path))
    layer = source.GetLayer()
    towers = {name: (x, y) for name, x, y in TOWERS}
    areas, offsets = [], []
    for feature in layer:
        geometry = feature.GetGeometryRef().Clone()
        geometry.TransformTo(utm)
        centre, (x, y) = geometry.Centroid(), towers[feature.GetField("Name")]
        areas.append(geometry.GetArea())
        offsets.append(((centre.GetX() - x) ** 2 + (centre.GetY() - y) ** 2) ** 0.5)
    print(
        f"  {path}: {len(areas)} buffer polygons from the OGC server in "
        f"{layer.GetSpatialRef().GetAuthorityName(None)}:{layer.GetSpatialRef().GetAuthorityCode(None)}, "
        f"area {min(areas):.0f}–{max(areas):.0f} m² each, centred on the towers (within {max(offsets):.3f} m)"
    )


def main(folder: str) -> None:
    outputs = Path(folder).resolve()
    shutil.rmtree(outputs, ignore_errors=True)
    inputs = outputs / "input"
    make_points(inputs / "towers.shp")
    make_dem(inputs / "dem.tif")
    print(f"Demo input made in {inputs}")
    with running_server() as root:
        print(f"Local GP server running at {root}")
        for title, name in SCRIPTS:
            run_script(title, seed_script(name, root, inputs, outputs))
    with running_ogc_server() as root:
        print(f"\npygeoapi running at {root}")
        title, name = OGC_WORKFLOW
        run_script(title, seed_script(name, root, inputs, outputs))
    print(f"\nThe servers have stopped. Outputs are in {outputs}:")
    describe(outputs)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "demo-output")
