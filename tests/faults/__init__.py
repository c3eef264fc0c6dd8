"""The fault matrix: a hostile GP server (a proxy in front of the reference server that injects
one fault into one phase when told), another host that records what it receives, and the matrix
of faults x phases x transports run against it (test_matrix.py, docs/fault-matrix.md).

``cd tests && python -m faults --target <reference root> ...`` serves the hostile world alone.
"""
