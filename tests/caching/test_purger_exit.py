"""A process that purged once still exits: stop_purgers ends the purge threads
(plone.cachepurging's are not daemons; without it the interpreter waits forever)."""

import os
from repo_paths import ROOT
import subprocess
import sys
from varnish_helpers import BASE_PORT


SCRIPT = f"""
from guichet_kb.caching.purge import BAN_PURGER, BanURL, stop_purgers
from plone.cachepurging.purger import DEFAULT_PURGER
import time
closed = "http://127.0.0.1:{BASE_PORT + 9}"  # nothing listens there: the purges fail
BAN_PURGER.purgeAsync(BanURL(closed + "/", "^/x"), httpVerb="BAN")
DEFAULT_PURGER.purgeAsync(closed + "/x")
time.sleep(0.3)
assert stop_purgers() is True
"""


def test_process_exits_after_purging():
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    done = subprocess.run([sys.executable, "-c", SCRIPT], cwd=ROOT, env=env, capture_output=True, timeout=15)
    assert done.returncode == 0, done.stderr.decode()[-2000:]
