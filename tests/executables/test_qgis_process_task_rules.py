"""qgis_process.bin runs a task described as ArcGIS also publishes them (the reference server's
CopySparse: an empty choice list, a required feature input whose default is {}): with the task's own
default, with any text, and without the features, which are named, from the command line and from a
saved model whose step was given none."""

from __future__ import annotations

import sys
from pathlib import Path

from harness import Step, algorithm_id, write_model
from layers import read_layer

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "demo"))
import demo_data

SPARSE = algorithm_id("GP/CopyFeatures", "CopySparse")
REFUSED = "Parameter 'Input_Features': a value is required (the task's default holds no features)."


def test_the_tasks_own_default_and_any_text_pass_an_empty_choice_list(installed, tmp_path):
    towers = demo_data.make_points(tmp_path / "towers.shp")
    for note, used in ((None, "as it came"), ("Anything, really", "Anything, really")):
        output = tmp_path / f"copied-{bool(note)}.gpkg"
        results = installed.run_algorithm(
            SPARSE, Input_Features=towers, Output_Features=output, **({"Note": note} if note else {})
        )
        assert results["Note_Used"] == used
        assert len(read_layer(output, key="Name")[1]) == len(demo_data.TOWERS)


def test_a_run_without_the_required_features_names_them(installed, tmp_path):
    ran = installed.qgis_process("run", SPARSE, "--Note=x", f"--Output_Features={tmp_path / 'out.gpkg'}", check=False)
    assert ran.returncode == 1 and not ran.crash_signal
    assert "The following mandatory parameters were not specified\n\n\tInput_Features:\tInput Features" in ran.stderr


def test_a_model_step_given_no_features_names_them(installed, tmp_path):
    """QGIS 3.22 does not check the values of a model's steps: the plugin refuses the run itself."""
    model = write_model(
        tmp_path / "sparse.model3",
        "Sparse copy",
        [],
        [Step("copy", SPARSE, {"Note": "x"}, {"copied": "Output_Features"})],
    )
    ran = installed.qgis_process("run", str(model), f"--copy:copied={tmp_path / 'out.gpkg'}", check=False)
    assert ran.returncode == 1 and not ran.crash_signal
    assert REFUSED in ran.output
    assert not (tmp_path / "out.gpkg").exists()
