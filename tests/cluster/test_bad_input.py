"""Bad input to make cluster: one clear line, a non-zero exit, nothing created, no
process left. No running stack needed."""

from cluster_stack import cluster_env
from cluster_stack import port_block
from cluster_stack import port_free
from cluster_stack import run_cluster
from cluster_stack import TEST_VAR
from guichet_kb.cluster import settings as cluster_settings
from guichet_kb.cluster.postgres import Postgres
import pytest
import shutil
import socket


@pytest.fixture
def bad():
    """A CLUSTER_VAR of its own (absent at the start; short, as Unix socket paths are
    limited) and ports of its own."""
    var = TEST_VAR / "bad"
    shutil.rmtree(var, ignore_errors=True)
    base = port_block(offset=20)
    yield var, base
    shutil.rmtree(var, ignore_errors=True)


def refused(done):
    lines = done.stderr.strip().splitlines()
    assert done.returncode != 0
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith("make cluster: ")
    assert "Traceback" not in done.stderr + done.stdout
    return lines[0]


def test_a_port_in_use(bad):
    var, base = bad
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", base + 2))
        taken.listen()
        message = refused(run_cluster("up", cluster_env(var, base)))
    assert message == f"make cluster: port already in use: {base + 2} (HAPROXY_PORT); stop what uses it or set another port (README, make cluster)"
    assert not var.exists()


def test_instances_not_a_number(bad):
    var, base = bad
    message = refused(run_cluster("up", cluster_env(var, base, INSTANCES="abc")))
    assert message == "make cluster: INSTANCES='abc' is not a number"
    assert not var.exists()


def test_instances_out_of_range(bad):
    var, base = bad
    assert refused(run_cluster("up", cluster_env(var, base, INSTANCES="0"))) == "make cluster: INSTANCES=0 is out of range (1-16)"


def test_ports_derived_beyond_the_last_one(bad):
    var, base = bad
    message = refused(run_cluster("up", cluster_env(var, base, PLONE_PORT=65535, INSTANCES=2)))
    assert message == "make cluster: instance 2 (PLONE_PORT + 1) would listen on port 65536, beyond 65535: lower the setting"


def test_two_settings_on_one_port(bad):
    var, base = bad
    message = refused(run_cluster("up", cluster_env(var, base, FRONT_PORT=base + 2)))
    assert message == f"make cluster: port {base + 2} is set for both FRONT_PORT and HAPROXY_PORT"


def test_a_missing_package(bad):
    var, base = bad
    # /usr/sbin (haproxy, varnishd) off the PATH, and no apt-get run.
    message = refused(run_cluster("up", cluster_env(var, base, PATH="/usr/local/bin:/usr/bin:/bin", CLUSTER_NO_APT=1)))
    assert message == (
        "make cluster: missing system packages: haproxy, varnish; install them with: sudo apt-get install -y --no-install-recommends haproxy varnish"
    )
    assert not var.exists()


def test_a_database_that_refuses_the_connection(bad):
    """The data directory exists (an earlier run) but its pg_hba.conf rejects the
    instances' TCP login: refused before any instance or site is created."""
    var, base = bad
    env = cluster_env(var, base)
    pg = Postgres(cluster_settings.from_env(env))
    pg.init()
    hba = pg.data / "pg_hba.conf"
    hba.write_text("local all all trust\nhost all all 127.0.0.1/32 reject\nhost all all ::1/128 reject\n")
    message = refused(run_cluster("up", env))
    assert message.startswith(f"make cluster: PostgreSQL refuses the instances' connection (guichet@127.0.0.1:{base + 3}): ")
    assert "pg_hba.conf rejects connection" in message
    assert not (var / "instances").exists()
    assert not (var / "site-ready").exists()
    assert not (var / "run" / "postgres.pid").exists() and not (var / "run" / "ready").exists()
    assert port_free(base + 3)


def test_a_cluster_var_too_long_for_the_sockets(bad):
    """HAProxy refuses an admin socket path over 97 characters: said before anything is
    created, naming the setting to change."""
    var, base = bad
    deep = var / ("d" * (97 - len(str(var / "run" / "haproxy.sock"))))
    message = refused(run_cluster("up", cluster_env(deep, base)))
    socket_path = deep / "run" / "haproxy.sock"
    assert len(str(socket_path)) == 98
    assert message == (
        f"make cluster: CLUSTER_VAR={deep} is too long: HAProxy's socket {socket_path} would exceed 97 characters; choose a shorter directory"
    )
    assert not var.exists()


def test_restart_without_a_running_cluster(bad):
    var, base = bad
    assert refused(run_cluster("restart", cluster_env(var, base))) == f"make cluster: no cluster running from {var} (start it with make cluster)"
