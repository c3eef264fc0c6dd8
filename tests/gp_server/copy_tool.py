"""CopyFeatures: the input features as they came, as ArcGIS's Copy Features answers them.

Its input's default is a feature set without geometry type, spatial reference or fields, as ArcGIS
publishes a feature set parameter that takes any layer: a client sends the layer's own geometry type,
Z and M, spatial reference and fields, and gets them back (Z and M when it asks with ``returnZ`` and
``returnM``, as from any GP service).

CopySparse is the same tool described the way ArcGIS also describes tasks: its feature input's default
is ``{}`` and a text input has an empty choice list (which restricts nothing).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .featureset import FeatureSet
from .toolrun import ToolContext

ANY_FEATURES = {"displayFieldName": "", "fields": [], "features": []}
SPARSE_NOTE = "as it came"


def copy_features(inputs: Mapping[str, Any], ctx: ToolContext) -> dict[str, Any]:
    features: FeatureSet = inputs["Input_Features"]
    dimensions = "".join(flag for flag, present in (("Z", features.has_z), ("M", features.has_m)) if present)
    ctx.info(
        f"Copied {len(features.features)} {features.geometry_type} features"
        + (f" with {dimensions}" if dimensions else "")
    )
    return {"Output_Features": features}


def copy_sparse(inputs: Mapping[str, Any], ctx: ToolContext) -> dict[str, Any]:
    """CopySparse: Copy Features, and the note it was given (its default when none was sent)."""
    return {**copy_features(inputs, ctx), "Note_Used": inputs["Note"]}
