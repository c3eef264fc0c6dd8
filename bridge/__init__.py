"""The QGIS side of Remote GP: it converts between QGIS objects and gp_core (layers ⇄ FeatureSets,
Processing parameters ⇄ task inputs, QGIS's network stack ⇄ gp_core's transport) and never speaks
the GP protocol itself. Widgets live in ui/."""
