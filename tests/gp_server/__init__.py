"""Reference ArcGIS GPServer REST server for the Remote GP tests.

An independent implementation of the GPServer REST contract (it imports nothing of gp_core or the
plugin) serving three services that really compute: ``GP/BufferByVal`` (asynchronous, with a result
map service), ``SlopeByVal`` (asynchronous, uploads) and ``GP/SummarizeSync`` (synchronous); two for
testing clients: ``GP/DataTypes`` (synchronous, uploads: every data type echoed) and ``GP/Lifecycle``
(asynchronous: scripted job states); the feature service ``Hosted/Towers``; and copies of BufferByVal,
SummarizeSync and DataTypes behind token security in the ``Secure`` folder.

Run it with ``cd tests && python -m gp_server --port 0``: it prints the context root URL on one line
(``http://127.0.0.1:<port>/arcgis``) and serves until SIGTERM/SIGINT. ``gp_server.process.running_server``
does that from a test. The job-state rule tests rely on is documented in ``gp_server.jobs``; the
request size limit in ``gp_server.httpd``; the refusal of tokens sent to another host in
``gp_server.security``.
"""
