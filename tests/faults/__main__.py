"""``python -m faults --target <root URL> --certificate C --key K [--plain-host IP] [--kind gp|ogc]``:
serve the hostile world (see hostile.py) until SIGTERM, SIGINT or the end of standard input.

The one line on stdout, a JSON object of the world's URLs, is the handshake with the process that
started it.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import threading
from pathlib import Path

from .hostile import HostileWorld

STOP_SIGNALS = {signal.SIGTERM, signal.SIGINT}
STDIN_FD = 0


def main() -> None:
    parser = argparse.ArgumentParser(prog="faults", description=__doc__)
    parser.add_argument("--target", required=True, help="the reference GP server's root URL")
    parser.add_argument("--certificate", type=Path, required=True)
    parser.add_argument("--key", type=Path, required=True)
    parser.add_argument("--plain-host", help="a non-loopback address of this machine for the plain http server")
    parser.add_argument("--kind", choices=("gp", "ogc"), default="gp", help="the kind of server behind the proxy")
    args = parser.parse_args()
    signal.pthread_sigmask(signal.SIG_BLOCK, STOP_SIGNALS)
    threading.Thread(target=_stop_at_stdin_eof, name="stdin", daemon=True).start()
    world = HostileWorld(args.target, args.certificate, args.key, args.plain_host, args.kind)
    world.start()
    try:
        print(json.dumps(world.urls()), flush=True)
        signal.sigwait(STOP_SIGNALS)
    finally:
        world.stop()


def _stop_at_stdin_eof() -> None:
    """Read standard input to its end (the parent is gone or done), then stop as SIGTERM would."""
    while os.read(STDIN_FD, 4096):
        pass
    os.kill(os.getpid(), signal.SIGTERM)


if __name__ == "__main__":
    main()
