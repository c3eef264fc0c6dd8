"""The plugin's names and icon, each defined here once."""

from __future__ import annotations

from pathlib import Path

#: The product: the Processing provider's name, the message log's tag, the menu, the Browser root.
NAME = "Remote GP"
#: The Processing provider's id, which begins every algorithm id ("remotegp:...") and the Browser's paths.
PROVIDER_ID = "remotegp"
ICON = Path(__file__).resolve().parent.parent / "ui" / "icons" / "remote_gp.svg"
