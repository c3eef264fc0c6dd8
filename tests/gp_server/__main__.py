"""``python -m gp_server [--host 127.0.0.1] [--port 0] [--stop-on-stdin-eof] [--workers 8] [--job-seconds 0]``:
print the root URL, serve.

The one line on stdout (``http://<host>:<port>/arcgis``) is the handshake with the process that
started the server. It serves until SIGTERM or SIGINT -- or, with ``--stop-on-stdin-eof``, until its
standard input closes, so a server started by a test run that crashed does not outlive it. The
temporary data directory is removed on exit.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import tempfile
import threading
from pathlib import Path

from .httpd import GPHTTPServer
from .jobs import WORKER_THREADS
from .state import ServerState

STOP_SIGNALS = {signal.SIGTERM, signal.SIGINT}
SHUTDOWN_POLL_SECONDS = 0.05  # how often serve_forever checks for shutdown
STDIN_FD = 0


def main() -> None:
    parser = argparse.ArgumentParser(prog="gp_server", description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0, help="0 picks a free port")
    parser.add_argument(
        "--stop-on-stdin-eof",
        action="store_true",
        help="also stop when standard input closes (the parent process is gone)",
    )
    parser.add_argument("--workers", type=int, default=WORKER_THREADS, help="how many jobs run at once")
    parser.add_argument(
        "--job-seconds", type=float, default=0.0, help="how much longer than its tool every job runs (benchmarks)"
    )
    args = parser.parse_args()
    # Block the stop signals in every thread (threads inherit the mask), then wait for them here.
    signal.pthread_sigmask(signal.SIG_BLOCK, STOP_SIGNALS)
    if args.stop_on_stdin_eof:
        threading.Thread(target=_stop_at_stdin_eof, name="gp-stdin", daemon=True).start()
    data_dir = Path(tempfile.mkdtemp(prefix="gp_server_"))
    state = ServerState(data_dir, args.workers, args.job_seconds)
    server = GPHTTPServer((args.host, args.port), state)
    serving = threading.Thread(target=server.serve_forever, args=(SHUTDOWN_POLL_SECONDS,), name="gp-http")
    try:
        serving.start()
        print(server.root_url, flush=True)
        signal.sigwait(STOP_SIGNALS)
    finally:
        server.shutdown()
        server.server_close()
        serving.join()
        state.shutdown()
        shutil.rmtree(data_dir, ignore_errors=True)


def _stop_at_stdin_eof() -> None:
    """Read standard input to its end, then stop the server as SIGTERM would.

    ``os.read`` rather than ``sys.stdin``: a daemon thread blocked inside a buffered reader holds its
    lock, and the interpreter aborts at exit when it cannot take that lock.
    """
    while os.read(STDIN_FD, 4096):
        pass
    os.kill(os.getpid(), signal.SIGTERM)


if __name__ == "__main__":
    main()
