"""The cluster's processes: started, watched, restarted when they die, stopped in order.

Every process runs in a session of its own (Ctrl-C in the terminal reaches `make
cluster` only, which then stops them in order) and asks the kernel for its stop
signal should `make cluster` itself die (PR_SET_PDEATHSIG), so none is ever left
behind. Each one's output goes to $CLUSTER_VAR/log/<name>.log and its pid to
$CLUSTER_VAR/run/<name>.pid while it runs.
"""

import ctypes
import signal
import subprocess
import sys
import time


PR_SET_PDEATHSIG = 1
START_TIMEOUT = 120  # seconds for a started instance to answer @@ok
RESTART_DELAY = 1.0  # seconds between a death and the restart ...
MAX_RESTART_DELAY = 60.0  # ... doubled, up to this, while it keeps dying young
STABLE_AFTER = 30.0  # a process that ran this long died of something new: back to RESTART_DELAY


def _die_with_parent(signum):
    libc = ctypes.CDLL(None, use_errno=True)

    def apply():
        libc.prctl(PR_SET_PDEATHSIG, signum, 0, 0, 0)

    return apply


def say(message):
    """One line of `make cluster`'s own log (its stdout), timestamped."""
    print(time.strftime("%H:%M:%S"), message, flush=True)


class Process:
    """One long-running child: how to start it, how to stop it, where it logs."""

    def __init__(self, settings, name, command, env=None, stop_signal=signal.SIGTERM, popen_options=None, stop_timeout=30):
        self.settings = settings
        self.name = name
        self.command = [str(part) for part in command]
        self.env = env
        self.stop_signal = stop_signal
        self.popen_options = dict(popen_options or {})
        self.stop_timeout = stop_timeout
        self.popen = None
        self.died_at = None  # when it was found dead (restart after `delay`)
        self.started_at = None
        self.delay = RESTART_DELAY
        self.restarts = 0

    @property
    def log(self):
        return self.settings.var / "log" / f"{self.name}.log"

    @property
    def pid_file(self):
        return self.settings.var / "run" / f"{self.name}.pid"

    @property
    def pid(self):
        return self.popen.pid if self.popen else None

    def start(self):
        self.log.parent.mkdir(parents=True, exist_ok=True)
        self.pid_file.parent.mkdir(parents=True, exist_ok=True)
        options = dict(self.popen_options)
        if self.env is not None and "env" not in options:
            options["env"] = self.env
        options.setdefault("cwd", str(self.settings.var))
        with open(self.log, "ab") as log:
            self.popen = subprocess.Popen(
                self.command,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
                preexec_fn=_die_with_parent(self.stop_signal),
                **options,
            )
        self.pid_file.write_text(f"{self.popen.pid}\n")
        self.died_at, self.started_at = None, time.monotonic()
        return self.popen

    def found_dead(self, now):
        """Note the death; the delay before the next start (doubled while it dies young:
        a configuration error does not become a restart every second)."""
        self.died_at = now
        young = self.restarts and self.started_at is not None and now - self.started_at < STABLE_AFTER
        self.delay = min(self.delay * 2, MAX_RESTART_DELAY) if young else RESTART_DELAY
        return self.delay

    def alive(self):
        return self.popen is not None and self.popen.poll() is None

    def signal(self, signum):
        if self.alive():
            self.popen.send_signal(signum)

    def stop(self, timeout=None, send=True):
        """Its stop signal (unless already sent), then SIGKILL after `timeout` seconds;
        the pid file removed."""
        if self.popen is not None:
            if self.popen.poll() is None:
                if send:
                    self.popen.send_signal(self.stop_signal)
                try:
                    self.popen.wait(timeout or self.stop_timeout)
                except subprocess.TimeoutExpired:
                    say(f"{self.name} did not stop within {timeout or self.stop_timeout} s: killed")
                    self.popen.kill()
                    self.popen.wait()
        self.pid_file.unlink(missing_ok=True)

    def tail(self, lines=5):
        try:
            text = self.log.read_text(errors="replace").strip().splitlines()
        except OSError:
            return ""
        return " | ".join(text[-lines:])


def python(*args):
    """A command of the venv's Python (the one running `make cluster`)."""
    return [sys.executable, *args]
