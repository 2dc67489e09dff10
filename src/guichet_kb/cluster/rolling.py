"""Rolling restart of the instances behind HAProxy (after an upgrade), no request lost.

`python -m guichet_kb.cluster restart` sends SIGHUP to the running `up`, which owns
the processes; `up` then takes each instance in turn: drained in HAProxy (`set
server zope/iN state drain`), its sessions waited for, stopped (SIGTERM: database
closed, cache written), started, put back (`state ready`) once it answers and HAProxy
sees it up. The outcome is written to run/restarts ("<count> ok" or "<count> failed:
…"), which `restart` waits for.
"""

from guichet_kb.cluster import haproxy
from guichet_kb.cluster.errors import ClusterError
from guichet_kb.cluster.errors import Interrupted
from guichet_kb.cluster.supervise import say
from guichet_kb.cluster.supervise import START_TIMEOUT
import os
import signal
import time


DRAIN_TIMEOUT = 30  # seconds for a drained instance's sessions to end
UP_TIMEOUT = 30  # seconds for HAProxy to see a restarted instance up


def _file(settings):
    return settings.var / "run" / "restarts"


def outcome(settings):
    """(number of rolling restarts so far, status of the last one)."""
    try:
        number, _, status = _file(settings).read_text().strip().partition(" ")
        return int(number), status
    except (OSError, ValueError):
        return 0, ""


def restart_instances(stack):
    """In the running `up` (on SIGHUP): every instance in turn; the outcome written."""
    settings = stack.settings
    count = outcome(settings)[0] + 1
    say("rolling restart of the instances")
    try:
        for number in range(1, settings.instances + 1):
            _restart_instance(stack, number)
    except (ClusterError, OSError) as error:
        say(f"rolling restart failed: {error}")
        _file(settings).write_text(f"{count} failed: {error}\n")
        return
    say("rolling restart done")
    _file(settings).write_text(f"{count} ok\n")


def _restart_instance(stack, number):
    name, settings = f"i{number}", stack.settings
    process = stack.processes[name]
    haproxy.set_state(settings, "zope", name, "drain")
    if haproxy.wait(settings, "zope", name, lambda row: row["scur"] == "0", DRAIN_TIMEOUT) is None:
        say(f"{name}: sessions still open after {DRAIN_TIMEOUT} s; stopping it anyway")
    process.stop()
    if stack.stopping:
        return
    process.start()
    try:
        stack._wait(process, stack.instance_ok_url(number), "OK")
    except Interrupted:
        return
    haproxy.set_state(settings, "zope", name, "ready")
    if haproxy.wait(settings, "zope", name, lambda row: row["status"] == "UP", UP_TIMEOUT) is None:
        raise ClusterError(f"HAProxy does not see {name} up {UP_TIMEOUT} s after its restart")
    say(f"{name} restarted (pid {process.pid}) and back in HAProxy")


def restart(settings, timeout=None):
    """`restart`: ask the running `up` (SIGHUP) for a rolling restart; wait for its end."""
    run = settings.var / "run"
    try:
        pid = int((run / "up.pid").read_text())
        os.kill(pid, 0)
    except (OSError, ValueError):
        raise ClusterError(f"no cluster running from {settings.var} (start it with make cluster)") from None
    if not (run / "ready").exists():
        raise ClusterError("the cluster is still starting; try again when it prints its URLs")
    before = outcome(settings)[0]
    os.kill(pid, signal.SIGHUP)
    deadline = time.monotonic() + (timeout or (START_TIMEOUT + DRAIN_TIMEOUT + UP_TIMEOUT) * settings.instances)
    while time.monotonic() < deadline:
        number, status = outcome(settings)
        if number > before:
            if status != "ok":
                raise ClusterError(f"rolling restart {status}")
            return number
        time.sleep(0.3)
    raise ClusterError("the rolling restart did not finish in time; see the output of make cluster")
