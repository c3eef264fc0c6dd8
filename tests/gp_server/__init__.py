"""Reference ArcGIS GPServer REST server for the Remote GP tests.

An independent implementation of the GPServer REST contract (it imports nothing of gp_core or the
plugin) serving three services that really compute: ``GP/BufferByVal`` (asynchronous, with a result
map service), ``SlopeByVal`` (asynchronous, uploads) and ``GP/SummarizeSync`` (synchronous); four for
testing clients: ``GP/CopyFeatures`` (synchronous: features of any type copied), ``GP/CopyFeaturesAsync``
(the same as a job, with a result map service and a transfer limit of 100 features),
``GP/DataTypes`` (synchronous, uploads: every data type echoed) and ``GP/Lifecycle`` (asynchronous:
scripted job states); the feature service ``Hosted/Towers``; and copies of BufferByVal, SummarizeSync
and DataTypes behind token security in the ``Secure`` folder. A feature output over its service's
``maximumRecords`` comes back without features, flagged ``exceededTransferLimit``, as from ArcGIS; a
result map service's layers answer ``query`` page by page (``gp_server.layer_query``).

Run it with ``cd tests && python -m gp_server --port 0``: it prints the context root URL on one line
(``http://127.0.0.1:<port>/arcgis``) and serves until SIGTERM/SIGINT. ``gp_server.process.running_server``
does that from a test. The job-state rule tests rely on is documented in ``gp_server.jobs``; the
request size limit in ``gp_server.httpd``; the refusal of tokens sent to another host in
``gp_server.security``.
"""
