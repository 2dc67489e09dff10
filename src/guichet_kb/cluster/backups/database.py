"""The cluster's PostgreSQL as backups, restores and the migration use it.

Client tools (pg_dump, pg_restore, psql) run as the application's user over TCP
(postgres.Postgres.client_env); creating, renaming and dropping databases as the
superuser over the Unix socket (Postgres.psql). When no server answers but the
cluster's data directory exists (the cluster is stopped), the server is started for
the command and stopped after it.
"""

import contextlib
from guichet_kb.cluster.errors import ClusterError
from guichet_kb.cluster.postgres import Postgres
import re
import subprocess
import time


NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")


def client(pg, tool, *args, check=True):
    """Run a client tool as the application's user over TCP; ClusterError on failure."""
    done = subprocess.run([str(pg.bin / tool), *args], capture_output=True, text=True, env=pg.client_env(), cwd="/")
    if check and done.returncode:
        lines = [line for line in (done.stderr or done.stdout).strip().splitlines() if line.strip()]
        raise ClusterError(f"{tool} failed: {lines[-1].strip() if lines else done.returncode}")
    return done


def reachable(pg):
    """Whether PostgreSQL accepts the application's user with its password, as a message."""
    done = client(pg, "psql", "-d", "postgres", "-tAc", "select 1", check=False)
    if done.returncode == 0:
        return None
    lines = [line for line in done.stderr.strip().splitlines() if line.strip()]
    return lines[-1].strip() if lines else f"psql exit {done.returncode}"


@contextlib.contextmanager
def server(settings):
    """A Postgres answering for the duration: the running one, or ours started then stopped."""
    pg = Postgres(settings)
    process = None
    where = f"{settings.host}:{pg.port}"
    if not pg.ready():
        if not pg.initialised:
            hint = "run `make cluster` once, or set PG_PORT/CLUSTER_VAR"
            raise ClusterError(f"PostgreSQL refuses the connection at {where} and there is no cluster data directory at {pg.data} ({hint})", code=5)
        process = pg.start()
    try:
        problem = reachable(pg)
        if problem:
            raise ClusterError(f"PostgreSQL at {where} refuses the connection as {settings.db_user}: {problem}", code=5)
        yield pg
    finally:
        if process is not None:
            pg.stop(process)


def exists(pg, database):
    return pg.psql(f"select 1 from pg_database where datname = '{database}'") == "1"


def table_count(pg, database):
    return int(pg.psql("select count(*) from information_schema.tables where table_schema = 'public'", database=database))


def sessions(pg, database):
    """Who is connected to `database` (instances, zodbpack...), one text per session."""
    who = "coalesce(nullif(application_name, ''), 'pid ' || pid) || ' from ' || coalesce(host(client_addr), 'socket')"
    rows = pg.psql(f"select {who} from pg_stat_activity where datname = '{database}'")
    return [row for row in rows.splitlines() if row]


def refuse_if_in_use(pg, database, what):
    found = sessions(pg, database)
    if found:
        listed = ", ".join(found[:4])
        raise ClusterError(f"database {database} is in use ({len(found)} connection(s): {listed}); stop the instances before {what}", code=4)


def create(pg, database, owner):
    if not NAME.match(database):
        raise ClusterError(f"{database!r} is not a valid database name")
    pg.psql(f"create database {database} owner {owner}")


def drop(pg, database):
    """Drop one of this tool's own databases (a new or replaced one), whoever is connected."""
    pg.psql(f"drop database if exists {database} with (force)")


def wait_idle(pg, database, timeout=10):
    """Wait for our own closed connections to `database` to be gone (backends end a moment later)."""
    deadline = time.monotonic() + timeout
    while sessions(pg, database) and time.monotonic() < deadline:
        time.sleep(0.1)


def swap(pg, new, target, old):
    """Rename target → old and new → target in one transaction (or new → target alone)."""
    if exists(pg, target):
        pg.psql(f"alter database {target} rename to {old}; alter database {new} rename to {target}")
        return old
    pg.psql(f"alter database {new} rename to {target}")
    return None


def counts(pg, database):
    """(object rows, transactions, blob chunks) of a RelStorage history-preserving schema."""
    tables = ("object_state", "transaction", "blob_chunk")
    row = pg.psql("select " + ", ".join(f"(select count(*) from {table})" for table in tables), database=database)
    objects, transactions, blobs = (int(value) for value in row.split("|"))
    return {"object_rows": objects, "transactions": transactions, "blob_chunks": blobs}
