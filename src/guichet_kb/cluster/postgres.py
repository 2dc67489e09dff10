"""The cluster's own PostgreSQL: its data directory under var/, its own port.

Never the system's cluster (Debian's `postgresql@15-main` on 5432): initdb, postgres
and pg_ctl run from Debian's binaries on a directory of ours. PostgreSQL refuses to
run as root, so as root (CI, a VM's provisioning) they run as the `postgres` user the
Debian package creates. Superuser access is through the Unix socket in var/ (mode
0700: the server's user only); the instances connect over TCP as DB_USER with a
password (scram-sha-256).
"""

from guichet_kb.cluster import packages
from guichet_kb.cluster.errors import ClusterError
import os
import pwd
import shutil
import signal
import stat
import subprocess
import time


SERVER_USER = "postgres"


class Postgres:
    def __init__(self, settings):
        self.settings = settings
        self.bin = packages.postgres_bin()
        if self.bin is None:
            raise ClusterError("PostgreSQL is not installed: " + packages.apt_line(["postgresql"]))
        self.home = settings.var / "pg"
        self.data = self.home / "data"
        self.socket_dir = settings.pg_socket_dir
        self.log = settings.var / "log" / "postgres.log"  # the same as make cluster's process log
        self.port = settings.port("PG_PORT")

    # -- running commands as the server's user ----------------------------------------
    @staticmethod
    def _as_server():
        """Popen arguments that run a command as the server's user when we are root.

        The process itself becomes that user (no runuser in between), so signals sent
        to it reach PostgreSQL: SIGINT is its fast shutdown.
        """
        if os.geteuid() != 0:
            return {}
        user = pwd.getpwnam(SERVER_USER)
        return {"user": user.pw_uid, "group": user.pw_gid, "extra_groups": [], "env": dict(os.environ, HOME=user.pw_dir)}

    def _tool(self, name):
        return str(self.bin / name)

    def run(self, name, *args, check=True, input=None, env=None):
        """Run a PostgreSQL client or server tool; ClusterError with its message on failure."""
        options = self._as_server()
        if env is not None:
            options["env"] = env
        done = subprocess.run([self._tool(name), *args], capture_output=True, text=True, input=input, cwd="/", **options)
        if check and done.returncode:
            message = (done.stderr or done.stdout).strip().splitlines()
            raise ClusterError(f"{name} failed: {message[-1] if message else done.returncode}")
        return done

    def psql(self, sql, database="postgres"):
        """One statement as the superuser over the socket; its rows as text."""
        where = ("-h", str(self.socket_dir), "-p", str(self.port), "-U", SERVER_USER, "-d", database)
        done = self.run("psql", *where, "-v", "ON_ERROR_STOP=1", "-tAc", sql)
        return done.stdout.strip()

    # -- lifecycle -----------------------------------------------------------------------
    @property
    def initialised(self):
        return (self.data / "PG_VERSION").exists()

    def _check_traversable(self):
        """As root, every parent of the data directory must be enterable by `postgres`."""
        if os.geteuid() != 0:
            return
        for parent in reversed(self.home.parents):
            if parent.exists() and not parent.stat().st_mode & stat.S_IXOTH:
                raise ClusterError(f"{parent} is not enterable by the '{SERVER_USER}' user (chmod o+x {parent}, or set CLUSTER_VAR elsewhere)")

    def init(self):
        """initdb once; a half-made data directory (initdb failed) is removed."""
        if self.initialised:
            return False
        self._check_traversable()
        self.log.parent.mkdir(parents=True, exist_ok=True)
        for path in (self.home, self.socket_dir):
            path.mkdir(parents=True, exist_ok=True)
        if os.geteuid() == 0:
            user = pwd.getpwnam(SERVER_USER)
            for path in (self.home, self.socket_dir, self.log.parent):
                os.chown(path, user.pw_uid, user.pw_gid)
        try:
            auth = ("--auth-local=trust", "--auth-host=scram-sha-256")
            self.run("initdb", "-D", str(self.data), "-U", SERVER_USER, *auth, "--encoding=UTF8", "--locale=C.UTF-8")
        except ClusterError:
            shutil.rmtree(self.data, ignore_errors=True)
            raise
        return True

    def command(self):
        return [
            self._tool("postgres"), "-D", str(self.data), "-p", str(self.port), "-k", str(self.socket_dir),
            "-c", f"listen_addresses={self.settings.host}", "-c", "unix_socket_permissions=0700",
            "-c", "password_encryption=scram-sha-256",
        ]  # fmt: skip

    def start(self, timeout=30):
        """Start the server (a child process, logging to var/log); wait until it accepts."""
        log = open(self.log, "ab")
        process = subprocess.Popen(self.command(), stdout=log, stderr=subprocess.STDOUT, cwd="/", start_new_session=True, **self._as_server())
        self.wait_ready(process, timeout)
        return process

    def stop(self, process, timeout=30):
        """Fast shutdown (SIGINT: open transactions rolled back, then a clean stop)."""
        if process.poll() is None:
            process.send_signal(signal.SIGINT)
            try:
                process.wait(timeout)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()

    def ready(self):
        return self.run("pg_isready", "-h", str(self.socket_dir), "-p", str(self.port), "-U", SERVER_USER, "-q", check=False).returncode == 0

    def wait_ready(self, process=None, timeout=30, check=None):
        """Until the server accepts connections; ClusterError when it stopped or took too
        long. `process`: its Popen; `check`: called on every turn (make cluster's stop)."""
        deadline = time.monotonic() + timeout
        while not self.ready():
            if check is not None:
                check()
            if process is not None and process.poll() is not None:
                raise ClusterError(f"PostgreSQL stopped at start (exit {process.returncode}); see {self.log}: {self.last_log_line()}")
            if time.monotonic() > deadline:
                raise ClusterError(f"PostgreSQL did not accept connections within {timeout} s; see {self.log}")
            time.sleep(0.1)

    def last_log_line(self):
        try:
            lines = self.log.read_text(errors="replace").strip().splitlines()
        except OSError:
            return ""
        return lines[-1] if lines else ""

    def ensure_database(self, database=None):
        """The application's role (with its password) and database, created if absent."""
        database = database or self.settings.database
        user, password = self.settings.db_user, self.settings.db_password.replace("'", "''")
        if not self.psql(f"select 1 from pg_roles where rolname = '{user}'"):
            self.psql(f"create role {user} login password '{password}'")
        else:
            self.psql(f"alter role {user} password '{password}'")
        if not self.psql(f"select 1 from pg_database where datname = '{database}'"):
            self.psql(f"create database {database} owner {user}")

    def client_env(self):
        """Environment for client tools connecting over TCP as the application's user."""
        return dict(os.environ, PGPASSWORD=self.settings.db_password, PGHOST=self.settings.host, PGPORT=str(self.port), PGUSER=self.settings.db_user)
