"""The `cluster` fixture: one real `make cluster` stack for the whole session.

PostgreSQL, the instances, the public-app copies, HAProxy and Varnish as
`python -m guichet_kb.cluster up` runs them (tests/helpers/cluster_stack.py). Tests
that disturb it (a kill, a restart) leave it serving again before they end.
"""

from cluster_stack import Stack
import pytest


@pytest.fixture(scope="session")
def cluster():
    stack = Stack().start()
    try:
        yield stack
    finally:
        code = stack.stop()
        assert code == 0, f"make cluster exited with {code}:\n{stack.log_tail()}"
