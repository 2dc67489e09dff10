"""A real `make cluster` stack for tests: `python -m guichet_kb.cluster up` as a child.

`Stack.start()` runs it with ports of its own (CLUSTER_TEST_PORT_BASE, else a free
block found at run time) and CLUSTER_VAR under the repository's var/ (not pytest's
tmp_path: /tmp/pytest-of-root is mode 700 and the `postgres` user cannot enter it),
waits for $CLUSTER_VAR/run/ready and gives the URLs, the pids and ways to kill,
stop and wait for one process. `Stack.stop()` sends SIGTERM and checks that no
process of the stack is left. The `cluster` fixture (tests/cluster/conftest.py) is
one such stack for the whole session.
"""

from guichet_kb.cluster import settings as cluster_settings
from guichet_kb.cluster.settings import ROOT
import os
from pathlib import Path
import random
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request


READY_TIMEOUT = 120
PORT_BLOCK = 12  # FRONT, VARNISH_ADMIN, HAPROXY, PG, 4 instances, 2 public copies, spare
TEST_VAR = ROOT / "var" / "test-cluster"


def port_free(port):
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def port_block(offset=0):
    """The first of PORT_BLOCK free ports: CLUSTER_TEST_PORT_BASE + offset, or found."""
    base = os.environ.get("CLUSTER_TEST_PORT_BASE")
    if base:
        return int(base) + offset
    for _ in range(200):
        start = random.randrange(20000, 60000 - PORT_BLOCK)
        if all(port_free(port) for port in range(start, start + PORT_BLOCK)):
            return start
    raise RuntimeError("no block of free ports found")


def cluster_env(var, base, **extra):
    """The environment of `python -m guichet_kb.cluster` for a stack on ports base.."""
    env = dict(os.environ)
    env.update(
        CLUSTER_VAR=str(var),
        FRONT_PORT=str(base),
        VARNISH_ADMIN_PORT=str(base + 1),
        HAPROXY_PORT=str(base + 2),
        PG_PORT=str(base + 3),
        PLONE_PORT=str(base + 4),
        PUBLIC_PORT=str(base + 8),
        PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT / "src"), env.get("PYTHONPATH")])),
        TZ="Europe/Paris",
    )
    env.update({name: str(value) for name, value in extra.items()})
    return env


def run_cluster(command, env, timeout=120):
    """`python -m guichet_kb.cluster <command>` to its end: CompletedProcess."""
    return subprocess.run([sys.executable, "-m", "guichet_kb.cluster", command], env=env, capture_output=True, text=True, timeout=timeout, cwd=ROOT)


def get(url, timeout=10, headers=None):
    """(status, body, headers) of a GET; status None when nothing answered."""
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read().decode("utf-8", "replace"), response.headers
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace"), error.headers
    except OSError as error:
        return None, str(error), {}


def _start_time(pid):
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[19]
    except (OSError, IndexError):
        return None


def descendants(pid):
    """(pid, start time) of every process below `pid` (children of children too)."""
    children = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parent = int(Path(entry, "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(parent, []).append(int(entry.name))
    found, todo = set(), [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.add((child, _start_time(child)))
            todo.append(child)
    return found


def still_running(processes):
    return sorted(pid for pid, started in processes if started is not None and _start_time(pid) == started)


class Stack:
    """One running stack: settings, URLs, pids, and ways to disturb it."""

    def __init__(self, var=None, base=None, fresh=True, **extra_env):
        self.var = Path(var or TEST_VAR / "stack")
        self.env = cluster_env(self.var, base if base is not None else port_block(), **extra_env)
        self.settings = cluster_settings.from_env(self.env)
        self.fresh = fresh
        self.process = None
        self.output = self.var.parent / f"{self.var.name}.out"

    # -- URLs --------------------------------------------------------------------------
    @property
    def front_url(self):
        return self.settings.front_url

    @property
    def site_url(self):
        return self.settings.site_url

    @property
    def haproxy_url(self):
        return f"http://127.0.0.1:{self.settings.port('HAPROXY_PORT')}"

    def instance_url(self, number):
        """Instance `number`'s own site URL (past HAProxy and Varnish)."""
        return f"http://127.0.0.1:{self.settings.instance_port(number)}/{self.settings.site_id}"

    def public_url(self, number):
        return f"http://127.0.0.1:{self.settings.public_port(number)}"

    # -- lifecycle ---------------------------------------------------------------------
    def start(self, timeout=READY_TIMEOUT, wait=True):
        """Run `up`; with wait, until run/ready (RuntimeError with the output's tail)."""
        if self.fresh and self.var.exists():
            shutil.rmtree(self.var)
        self.var.parent.mkdir(parents=True, exist_ok=True)
        out = open(self.output, "wb")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "guichet_kb.cluster", "up"], env=self.env, stdout=out, stderr=subprocess.STDOUT, cwd=ROOT, start_new_session=True
        )
        out.close()
        if not wait:
            return self
        ready = self.var / "run" / "ready"
        deadline = time.monotonic() + timeout
        while not self._ready(ready):
            if self.process.poll() is not None:
                raise RuntimeError(f"make cluster exited with {self.process.returncode} before ready:\n{self.log_tail()}")
            if time.monotonic() > deadline:
                self.stop(check=False)
                raise RuntimeError(f"make cluster not ready within {timeout} s:\n{self.log_tail()}")
            time.sleep(0.5)
        return self

    def _ready(self, ready):
        """run/ready written by this `up` (it holds its pid; an old one may be stale)."""
        try:
            return int(ready.read_text()) == self.process.pid
        except (OSError, ValueError):
            return False

    def wait_output(self, text, timeout=READY_TIMEOUT):
        """Wait until `up` has printed `text`."""
        deadline = time.monotonic() + timeout
        while text not in self.output.read_text(errors="replace"):
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise AssertionError(f"make cluster did not print {text!r}:\n{self.log_tail()}")
            time.sleep(0.1)

    def stop(self, timeout=90, check=True, signum=signal.SIGTERM):
        """`signum` (SIGTERM; SIGINT is Ctrl-C) to `up`; its exit code. With check, no
        process of the stack may be left."""
        if self.process is None or self.process.poll() is not None:
            return self.process.returncode if self.process else None
        below = descendants(self.process.pid)
        self.process.send_signal(signum)
        try:
            self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            for pid in [self.process.pid] + [pid for pid, _ in below]:
                try:
                    os.kill(pid, signal.SIGKILL)
                except OSError:
                    pass
            self.process.wait()
            raise AssertionError(f"make cluster did not stop within {timeout} s:\n{self.log_tail()}") from None
        left = still_running(below)
        if left:
            for pid in left:
                os.kill(pid, signal.SIGKILL)
        if check:
            assert left == [], f"processes left after the stop: {left}\n{self.log_tail()}"
            assert not (self.var / "run" / "ready").exists()
        return self.process.returncode

    def log_tail(self, lines=30):
        try:
            text = self.output.read_text(errors="replace").splitlines()
        except OSError:
            return ""
        return "\n".join(text[-lines:])

    # -- processes ---------------------------------------------------------------------
    def pid(self, name):
        """The pid of postgres, i1..iN, public1, public2, haproxy or varnish (run/<name>.pid)."""
        return int((self.var / "run" / f"{name}.pid").read_text())

    def kill(self, name, signum=signal.SIGKILL):
        pid = self.pid(name)
        os.kill(pid, signum)
        return pid

    def wait_gone(self, pid, timeout=30):
        deadline = time.monotonic() + timeout
        while Path(f"/proc/{pid}").exists() and "Z" not in _state(pid):
            if time.monotonic() > deadline:
                raise AssertionError(f"process {pid} still running after {timeout} s")
            time.sleep(0.1)

    def wait_restarted(self, name, old_pid, timeout=60):
        """The new pid once the supervisor started `name` again (and, for an instance or a
        public copy, once it answers)."""
        deadline = time.monotonic() + timeout
        while True:
            try:
                pid = self.pid(name)
            except (OSError, ValueError):
                pid = old_pid
            if pid != old_pid:
                break
            if time.monotonic() > deadline:
                raise AssertionError(f"{name} not started again within {timeout} s:\n{self.log_tail()}")
            time.sleep(0.1)
        if name.startswith("i"):
            self.wait_instance(int(name[1:]), deadline - time.monotonic())
        elif name.startswith("public"):
            self.wait_url(f"{self.public_url(int(name[6:]))}/sante", deadline - time.monotonic())
        return pid

    def wait_url(self, url, timeout=60, expect=None):
        deadline = time.monotonic() + max(timeout, 1)
        while True:
            status, body, _ = get(url, timeout=5)
            if status == 200 and (expect is None or expect in body):
                return
            if time.monotonic() > deadline:
                raise AssertionError(f"{url} did not answer within {timeout:.0f} s (last: {status} {body[:200]})")
            time.sleep(0.2)

    def wait_instance(self, number, timeout=60):
        self.wait_url(f"{self.instance_url(number)}/@@ok", timeout, expect="OK")

    def restart(self, timeout=300):
        """`python -m guichet_kb.cluster restart` (rolling restart): CompletedProcess."""
        return run_cluster("restart", self.env, timeout=timeout)


def _state(pid):
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return "Z"
