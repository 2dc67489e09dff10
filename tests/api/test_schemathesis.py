"""schemathesis over docs/openapi.yaml against the functional layer's HTTP server.

Every operation of the document, anonymous and as a Site Administrator, with a
bounded number of generated cases each; a case fails on any 5xx and on any answer
the document does not describe (status code, content type, body schema). Each
operation runs as one test function, so the layer's DemoStorage drops what the
cases wrote (imports, logged calls, purges) after it; mail goes to the `inbox`
fixture's local SMTP server.
"""

from collections import Counter
from hypothesis import HealthCheck
from hypothesis import settings
import pytest
from repo_paths import DOCS
import schemathesis
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import content_type_conformance
from schemathesis.specs.openapi.checks import response_schema_conformance
from schemathesis.specs.openapi.checks import status_code_conformance


DOCUMENT = DOCS / "openapi.yaml"
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
MAX_EXAMPLES = 8

schema = schemathesis.openapi.from_path(DOCUMENT)
STATUSES = Counter()


@pytest.fixture(scope="module", autouse=True)
def _summary():
    yield
    print(f"\nschemathesis: {sum(STATUSES.values())} cases, statuses {dict(sorted(STATUSES.items()))}")


@pytest.mark.parametrize("caller", ["anonymous", "site_administrator"])
@schema.parametrize()
@settings(max_examples=MAX_EXAMPLES, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
def test_document(case, caller, site, rest, inbox, request):
    user = None if caller == "anonymous" else request.getfixturevalue(caller)
    # One session per case, closed at once: an operation with many fields gets more
    # than a hundred coverage cases, and as many idle keep-alive connections left
    # open until teardown exhaust the test server's connection limit (it hangs).
    with rest(user) as session:
        response = case.call_and_validate(base_url=site, session=session, checks=CHECKS)
    STATUSES[response.status_code] += 1
