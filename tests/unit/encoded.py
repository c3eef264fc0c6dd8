"""What gp_core sends for one parameter's value: helpers of the tests of values and filters."""

from __future__ import annotations

import json
from typing import Any

import pytest

from remote_gp.gp_core import ParameterError
from remote_gp.gp_core.model import Parameter
from remote_gp.gp_core.values import encode


def param(data_type: str, **extra: Any) -> Parameter:
    """An optional input parameter `p` of a task, with the description's keys given."""
    body = {
        "name": "p",
        "dataType": data_type,
        "direction": "esriGPParameterDirectionInput",
        "parameterType": "esriGPParameterTypeOptional",
        **extra,
    }
    return Parameter.from_json(body, "T")


def sent(data_type: str, value: Any, **extra: Any) -> Any:
    """The JSON a value is sent as."""
    return json.loads(encode(param(data_type, **extra), value))


def refused(data_type: str, value: Any, **extra: Any) -> str:
    """The message of the ParameterError a value is refused with."""
    with pytest.raises(ParameterError) as caught:
        encode(param(data_type, **extra), value)
    return str(caught.value)
