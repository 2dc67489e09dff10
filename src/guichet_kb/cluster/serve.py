"""Serve one Zope instance like `runwsgi`, but close the database on SIGTERM.

runwsgi closes the ZODB on Ctrl-C (KeyboardInterrupt) only; a SIGTERM (systemd,
HAProxy drains, `make cluster` stopping) ends the process without closing it, and
RelStorage then never writes its persistent local cache (`cache-local-dir`: "if the
database is not properly closed, then the cache files will not be written"). Here
SIGTERM becomes the SystemExit runwsgi already handles by closing every database.
Then the cache-purge worker threads are stopped: they would keep the process alive
(guichet_kb.caching.purge.stop_purgers).

    python -m guichet_kb.cluster.serve <instance>/etc/zope.ini
"""

import signal
import sys


def _stop(signum, frame):
    raise SystemExit(f"signal {signum}")


def main(argv=None):
    from Zope2.Startup import serve

    signal.signal(signal.SIGTERM, _stop)
    try:
        return serve.main(argv or sys.argv)
    finally:
        from guichet_kb.caching.purge import stop_purgers

        stop_purgers()


if __name__ == "__main__":
    sys.exit(main() or 0)
