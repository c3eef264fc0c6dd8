"""The QGIS side of Remote GP: it converts between QGIS objects and gp_core (layers ⇄ FeatureSets,
Processing parameters ⇄ task inputs, QGIS's network stack ⇄ gp_core's transport) and never speaks
the GP protocol itself: it imports gp_core's public surface only, and takes every URL of the
protocol from it. A connection reaches its server through one `source.Source`; outputs land where
`placement` says. Widgets live in ui/."""
