"""make cluster's life: stopped while it starts (nothing left running), started again on
the same files (the site setup finishes), Ctrl-C, a third start that reuses the site,
a second `up` refused while one runs, and after a kill -9 of `up` the next start stops
what it left. A stack of its own, with one instance (INSTANCES=1)."""

from cluster_stack import get
from cluster_stack import port_block
from cluster_stack import run_cluster
from cluster_stack import Stack
from cluster_stack import TEST_VAR
import signal


SETUP = "creating or updating the site"


def test_stop_while_starting_then_start_again_then_reuse():
    stack = Stack(TEST_VAR / "lifecycle", base=port_block(offset=40), INSTANCES=1)

    stack.start(wait=False)
    stack.wait_output(SETUP)
    assert stack.stop() == 0
    assert not (stack.var / "site-ready").exists()

    stack.fresh = False
    stack.start()
    try:
        assert SETUP in stack.output.read_text()  # not finished the first time: run again
        assert get(f"{stack.site_url}/@@ok")[:2] == (200, "OK")
        assert not (stack.var / "run" / "i2.pid").exists()
    finally:
        assert stack.stop(signum=signal.SIGINT) == 0  # Ctrl-C
    assert not list((stack.var / "run").glob("*.pid"))

    stack.start()
    try:
        assert SETUP not in stack.output.read_text()  # the database holds the site
        status, body, _ = get(stack.site_url)
        assert status == 200 and "Ville-Exemple" in body
        second = run_cluster("up", stack.env)
        up = stack.process.pid
        assert second.returncode != 0
        assert second.stderr.strip() == f"make cluster: a cluster is already running from {stack.var} (pid {up}); stop it first"
        varnish = stack.pid("varnish")
    finally:
        stack.process.send_signal(signal.SIGKILL)  # no ordered stop
        stack.process.wait()

    stack.start()
    try:
        assert f"stopping varnish (pid {varnish}), left running by a previous run" in stack.output.read_text()
        assert get(f"{stack.site_url}/@@ok")[:2] == (200, "OK")
    finally:
        assert stack.stop() == 0
