"""`make cluster up`: the whole stack in the foreground, supervised, stopped in order.

Order of start: checks (packages, the `cluster` extra, every port free, the time
zone) before anything is created; PostgreSQL (initdb on the first run) and the
application's database; the demo site when absent; INSTANCES Zope instances; the
two public-app copies; HAProxy; Varnish. Ready when the site and a public page
answer through Varnish: then $CLUSTER_VAR/run/ready is written.

While it runs: a process that dies is logged and started again after a second;
SIGHUP restarts the instances one by one behind HAProxy (drain, stop, start,
ready); SIGINT/SIGTERM stop everything in the reverse order.
"""

from guichet_kb.clock import DEFAULT_ZONE
from guichet_kb.cluster import haproxy
from guichet_kb.cluster import packages
from guichet_kb.cluster import ports
from guichet_kb.cluster import probe
from guichet_kb.cluster import render
from guichet_kb.cluster import rolling
from guichet_kb.cluster import site
from guichet_kb.cluster import varnish
from guichet_kb.cluster.errors import ClusterError
from guichet_kb.cluster.errors import Interrupted
from guichet_kb.cluster.postgres import Postgres
from guichet_kb.cluster.settings import PUBLIC_COPIES
from guichet_kb.cluster.settings import ROOT
from guichet_kb.cluster.supervise import Process
from guichet_kb.cluster.supervise import python
from guichet_kb.cluster.supervise import say
from guichet_kb.cluster.supervise import START_TIMEOUT
from guichet_kb.demo import town_phone
import importlib.util
import os
from pathlib import Path
import re
import signal
import sys
import time


def time_zone():
    """TZ as scripts/zope_env.sh sets it (the one place it is declared)."""
    text = (ROOT / "scripts" / "zope_env.sh").read_text()
    found = re.search(r"^export TZ=(\S+)", text, re.MULTILINE)
    return found.group(1) if found else DEFAULT_ZONE


def check_extra():
    missing = [name for name in ("relstorage", "psycopg2") if importlib.util.find_spec(name) is None]
    if missing:
        install = "pip install -c constraints.txt -e '.[cluster]'"
        raise ClusterError(f"the `cluster` extra is not installed ({', '.join(missing)} missing): run make cluster, or {install}")


class Stack:
    def __init__(self, settings):
        self.settings = settings
        self.stopping = False
        self.rolling = False
        self.processes = {}  # name -> Process, in start order
        self.env = dict(settings.environ)
        self.env.setdefault("TZ", time_zone())
        self.pg = None

    # -- paths -----------------------------------------------------------------------------
    @property
    def run_dir(self):
        return self.settings.var / "run"

    @property
    def ready_file(self):
        return self.run_dir / "ready"

    # -- signals ---------------------------------------------------------------------------
    def _on_stop(self, signum, frame):
        if not self.stopping:
            say(f"signal {signal.Signals(signum).name}: stopping")
        self.stopping = True

    def _on_hup(self, signum, frame):
        self.rolling = True

    def _check(self):
        if self.stopping:
            raise Interrupted()

    # -- processes -------------------------------------------------------------------------
    def _process(self, name, command, stop_signal=signal.SIGTERM, **options):
        process = Process(self.settings, name, command, env=options.pop("env", self.env), stop_signal=stop_signal, popen_options=options)
        self.processes[name] = process
        return process

    def postgres(self):
        as_server = Postgres._as_server()
        return self._process("postgres", self.pg.command(), signal.SIGINT, cwd="/", **as_server)

    def instance(self, number):
        etc = self.settings.instance_dir(number) / "etc"
        return self._process(f"i{number}", python("-m", "guichet_kb.cluster.serve", etc / "zope.ini"))

    def public(self, number):
        env = dict(
            self.env,
            PUBLIC_HOST=self.settings.host,
            PUBLIC_PORT=str(self.settings.public_port(number)),
            PLONE_URL=self.settings.site_url,  # the REST API through Varnish
            PUBLIC_TRUST_PROXY="1",  # behind HAProxy: the visitor is X-Forwarded-For's last hop
            PUBLIC_UPSTREAM_CACHE="1",  # Varnish in front is purged: never reuse an API answer unasked
        )
        env.setdefault("TOWN_HALL_PHONE", town_phone())
        return self._process(f"public{number}", [Path(sys.executable).parent / "guichet-kb-public"], env=env)

    def instance_ok_url(self, number):
        return f"http://{self.settings.host}:{self.settings.instance_port(number)}/{self.settings.site_id}/@@ok"

    def public_health_url(self, number):
        return f"http://{self.settings.host}:{self.settings.public_port(number)}/sante"

    def _wait(self, process, url, expect=None, timeout=START_TIMEOUT):
        deadline = time.monotonic() + timeout
        if probe.wait_for(url, deadline, expect, alive=process.alive, stopping=lambda: self.stopping):
            return
        self._check()
        if not process.alive():
            raise ClusterError(f"{process.name} exited at start (code {process.popen.returncode}): {process.tail(3)}; see {process.log}")
        raise ClusterError(f"{process.name} did not answer {url} within {timeout} s; see {process.log}")

    def _start_postgres(self):
        process = self.postgres()
        self.pg.wait_ready(process.start(), check=self._check)

    def _check_database(self):
        """The instances' own way in (TCP, the application's user and password)."""
        done = self.pg.run("psql", "-d", self.settings.database, "-tAc", "select 1", check=False, env=self.pg.client_env())
        if done.returncode:
            message = (done.stderr or done.stdout).strip().splitlines()
            who = f"{self.settings.db_user}@{self.settings.host}:{self.pg.port}"
            raise ClusterError(f"PostgreSQL refuses the instances' connection ({who}): {message[-1] if message else done.returncode}")

    @staticmethod
    def _ours(pid_file, mark):
        """The pid in `pid_file` if that process still runs and its command holds `mark`."""
        try:
            pid = int(pid_file.read_text())
            with open(f"/proc/{pid}/cmdline", "rb") as command:
                found = mark in command.read().decode(errors="replace")
        except (OSError, ValueError):
            return None
        return pid if found else None

    def stop_leftovers(self):
        """A previous `up` killed outright (kill -9) cannot stop its children; those that
        changed user (Varnish) do not get the parent-death signal: stop the ones still
        running with this cluster's files. Refused while that `up` itself runs."""
        up = self.run_dir / "up.pid"
        pid = self._ours(up, "guichet_kb.cluster")
        if pid is not None and pid != os.getpid():
            raise ClusterError(f"a cluster is already running from {self.settings.var} (pid {pid}); stop it first")
        for pid_file in sorted(self.run_dir.glob("*.pid")):
            pid = None if pid_file == up else self._ours(pid_file, str(self.settings.var))
            if pid is not None:
                say(f"stopping {pid_file.stem} (pid {pid}), left running by a previous run")
                os.kill(pid, signal.SIGINT if pid_file.stem == "postgres" else signal.SIGTERM)
                deadline = time.monotonic() + 15
                while os.path.exists(f"/proc/{pid}") and time.monotonic() < deadline:
                    time.sleep(0.1)
                if os.path.exists(f"/proc/{pid}"):
                    os.kill(pid, signal.SIGKILL)
            pid_file.unlink(missing_ok=True)
        (self.run_dir / "ready").unlink(missing_ok=True)

    # -- up --------------------------------------------------------------------------------
    def check(self):
        """Everything that can be refused before anything is created."""
        packages.ensure()
        check_extra()
        self.stop_leftovers()
        ports.check_free(self.settings)
        self.pg = Postgres(self.settings)

    def start(self):
        settings = self.settings
        self._check()
        self.run_dir.mkdir(parents=True, exist_ok=True)
        self.ready_file.unlink(missing_ok=True)
        (self.run_dir / "up.pid").write_text(f"{os.getpid()}\n")
        haproxy.write_config(settings)
        varnish.write_vcl(settings)
        if self.pg.init():
            say(f"PostgreSQL data directory created: {self.pg.data}")
        self._start_postgres()
        self.pg.ensure_database()
        self._check_database()
        self._check()
        etc1 = render.instance(settings, 1)
        env = site.environment(settings, self.env)
        if site.needed(self.pg, settings, env):
            say("creating or updating the site (scripts/create_site.py through instance 1)")
            if not site.create(settings, etc1 / "zope.conf", env, lambda: self.stopping):
                raise Interrupted()
        for number in range(1, settings.instances + 1):
            render.instance(settings, number)
            self.instance(number).start()
        for number in range(1, settings.instances + 1):
            self._wait(self.processes[f"i{number}"], self.instance_ok_url(number), "OK")
        for number in range(1, PUBLIC_COPIES + 1):
            self.public(number).start()
        for number in range(1, PUBLIC_COPIES + 1):
            self._wait(self.processes[f"public{number}"], self.public_health_url(number))
        self._process("haproxy", haproxy.command(settings), signal.SIGUSR1).start()
        self._wait(self.processes["haproxy"], f"http://{settings.host}:{settings.port('HAPROXY_PORT')}/haproxy-stats")
        self._process("varnish", varnish.command(settings)).start()
        self._wait(self.processes["varnish"], f"{settings.site_url}/@@ok", "OK")
        self._wait(self.processes["varnish"], f"{settings.front_url}/")
        self.ready_file.write_text(f"{os.getpid()}\n")
        self.banner(env)

    def banner(self, env):
        s = self.settings
        instances = ", ".join(f"i{n} {s.host}:{s.instance_port(n)}" for n in range(1, s.instances + 1))
        copies = ", ".join(f"public{n} {s.host}:{s.public_port(n)}" for n in range(1, PUBLIC_COPIES + 1))
        print(
            f"""
  Guichet KB cluster (demo town "Ville-Exemple", fictional data)
  Site (Varnish):  {s.site_url}
  Public site:     {s.front_url}/
  REST API:        {s.site_url}/++api++
  HAProxy stats:   http://{s.host}:{s.port("HAPROXY_PORT")}/haproxy-stats
  Instances:       {instances}
  Public copies:   {copies}
  PostgreSQL:      {s.host}:{s.port("PG_PORT")}, database {s.database} (user {s.db_user})
  Zope admin:      admin / {env["ADMIN_PASSWORD"]}
  Demo accounts (local demo only): redacteur, valideur, agent / {env["DEMO_PASSWORD"]}
  Files:           {s.var} (logs in log/, pids in run/)
  Rolling restart of the instances: python -m guichet_kb.cluster restart
  Stop with Ctrl-C.
""",
            flush=True,
        )

    def up(self):
        """Check, start, supervise until a stop signal; always stops what it started."""
        signal.signal(signal.SIGINT, self._on_stop)
        signal.signal(signal.SIGTERM, self._on_stop)
        signal.signal(signal.SIGHUP, self._on_hup)
        self.check()
        try:
            self.start()
            self.supervise()
        except Interrupted:
            pass
        finally:
            self.stop()

    # -- while running ---------------------------------------------------------------------
    def supervise(self):
        while not self.stopping:
            if self.rolling:
                self.rolling = False
                rolling.restart_instances(self)
            self.revive()
            time.sleep(0.2)

    def revive(self):
        """Start again, after its delay (Process.found_dead), every process found dead."""
        now = time.monotonic()
        for process in self.processes.values():
            if process.alive() or self.stopping:
                continue
            if process.died_at is None:
                delay = process.found_dead(now)
                say(f"{process.name} (pid {process.pid}) died with exit code {process.popen.returncode}; starting it again in {delay:g} s")
            elif now - process.died_at >= process.delay:
                process.restarts += 1
                process.start()
                say(f"{process.name} started again (pid {process.pid}, restart {process.restarts})")

    # -- stop ------------------------------------------------------------------------------
    def stop(self):
        """Varnish, HAProxy (soft stop), public copies, instances (database closed), PostgreSQL."""
        self.stopping = True
        self.ready_file.unlink(missing_ok=True)
        groups = [["varnish"], ["haproxy"], [f"public{n}" for n in range(1, PUBLIC_COPIES + 1)]]
        groups += [[f"i{n}" for n in range(1, self.settings.instances + 1)], ["postgres"]]
        for group in groups:
            running = [self.processes[name] for name in group if name in self.processes]
            for process in running:
                process.signal(process.stop_signal)
            for process in running:
                process.stop(send=False)
        self.settings.haproxy_socket.unlink(missing_ok=True)
        if self.processes:
            say("stopped")
        (self.run_dir / "up.pid").unlink(missing_ok=True)
