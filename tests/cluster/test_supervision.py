"""make cluster starts a dead process again: an instance, a public copy, PostgreSQL."""

from cluster_stack import get
from guichet_kb.cluster import supervise
from types import SimpleNamespace


def test_a_killed_instance_is_started_again_and_the_front_keeps_serving(cluster):
    pid = cluster.kill("i1")
    status, _, _ = get(f"{cluster.site_url}/@@ok")
    assert status == 200
    new = cluster.wait_restarted("i1", pid, timeout=60)
    assert new != pid
    assert f"i1 (pid {pid}) died with exit code -9" in cluster.output.read_text()


def test_a_killed_public_copy_is_started_again(cluster):
    pid = cluster.kill("public2")
    assert get(f"{cluster.front_url}/")[0] == 200
    cluster.wait_restarted("public2", pid, timeout=30)


def test_a_killed_postgresql_is_started_again_and_the_instances_recover(cluster):
    pid = cluster.kill("postgres")
    cluster.wait_restarted("postgres", pid, timeout=60)
    # No instance restarted: RelStorage reconnects on the next request.
    before = {name: cluster.pid(name) for name in ("i1", "i2")}
    cluster.wait_instance(1, timeout=30)
    cluster.wait_instance(2, timeout=30)
    assert {name: cluster.pid(name) for name in ("i1", "i2")} == before


def test_a_process_that_keeps_dying_young_is_restarted_less_and_less_often(tmp_path):
    """A configuration error must not become a restart every second: the delay doubles
    while the process dies within STABLE_AFTER of its start, up to MAX_RESTART_DELAY,
    and falls back to RESTART_DELAY once it ran long enough."""
    process = supervise.Process(SimpleNamespace(var=tmp_path), "broken", ["sh", "-c", "exit 3"])
    delays = []
    for _ in range(8):
        process.start()
        process.popen.wait()
        delays.append(process.found_dead(process.started_at + 1))
        process.restarts += 1
    assert delays == [1, 2, 4, 8, 16, 32, 60, 60]
    process.start()
    process.popen.wait()
    assert process.found_dead(process.started_at + supervise.STABLE_AFTER + 1) == supervise.RESTART_DELAY
