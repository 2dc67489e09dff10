"""Faults under 30 s of mixed load through the front (issue 13, "Fault and load tests").

Readers (anonymous public pages and `@answer`) and agents (`POST @interactions`
with an Idempotency-Key, sent again with the same key until acknowledged) load the
real stack through Varnish and HAProxy while one instance is killed with SIGKILL,
or PostgreSQL is restarted. The figures are printed (`pytest -s`).
"""

from cluster_load import Load
from cluster_stack import get
import json
import requests
import signal
import time


AGENT = ("agent", "guichet-demo")
ADMIN = ("admin", "admin")
SECONDS = 30


def _published(cluster, portal_type):
    query = f"portal_type={portal_type}&b_size=100&metadata_fields=UID"
    status, body, _ = get(f"{cluster.site_url}/++api++/@search?{query}", headers={"Accept": "application/json"})
    assert status == 200, body
    return json.loads(body)["items"]


def _load(cluster):
    sheets = _published(cluster, "ServiceSheet")
    pages = [f"demarches/{item['@id'].rstrip('/').rsplit('/', 1)[1]}" for item in sheets] + ["", "recherche?q=passeport"]
    return Load(cluster.site_url, cluster.front_url, pages=pages, agent=AGENT, services=[item["UID"] for item in sheets])


def _interactions_total(cluster):
    response = requests.get(f"{cluster.site_url}/@interactions", auth=ADMIN, headers={"Accept": "application/json"}, timeout=30)
    assert response.status_code == 200, response.text
    return response.json()["items_total"]


def _print(title, report):
    print(f"\n{title}: {len(report.hits)} requests in {report.seconds:.1f} s")
    for kind in ("page", "answer", "interaction"):
        hits = report.of(kind)
        print(f"  {kind:<12} {len(hits):>6} requests, {len(report.failed(kind)):>4} failed, p95 {report.p95(kind) * 1000:.0f} ms")
    retried = [call for call in report.calls if len(call.attempts) > 1]
    print(f"  calls logged {len(report.calls)}, sent more than once {len(retried)}")


def _assert_each_call_stored_once(cluster, report, before):
    unacknowledged = [call.key for call in report.calls if not call.record_id]
    assert unacknowledged == []
    ids = [call.record_id for call in report.calls]
    assert len(set(ids)) == len(ids)
    assert _interactions_total(cluster) - before == len(report.calls)


def test_kill_9_one_instance_under_load(cluster):
    load = _load(cluster)
    before = _interactions_total(cluster)
    killed = {}
    report = load.run(SECONDS, events=[(8, lambda: killed.setdefault("pid", cluster.kill("i2")))])
    _print("kill -9 of instance 2 at 8 s", report)
    assert report.failed("page") == [] and report.failed("answer") == []
    assert len(report.of("answer")) > 100 and len(report.calls) > 20
    _assert_each_call_stored_once(cluster, report, before)
    cluster.wait_restarted("i2", killed["pid"], timeout=60)


def test_restart_postgresql_under_load(cluster):
    load = _load(cluster)
    before = _interactions_total(cluster)
    marks = {}

    def restart():
        marks["stopped"] = time.monotonic() - load._t0
        pid = cluster.kill("postgres", signal.SIGINT)  # fast shutdown; the supervisor starts it again
        cluster.wait_restarted("postgres", pid, timeout=60)
        marks["back"] = time.monotonic() - load._t0

    report = load.run(SECONDS, events=[(8, restart)])
    _print("PostgreSQL restarted at 8 s", report)
    window = report.error_window()
    print(f"  PostgreSQL down from {marks['stopped']:.1f} s to {marks['back']:.1f} s; failed requests between {window}")
    # Errors only while it is down (and the instant the instances notice it is back).
    if window:
        assert window[0] >= marks["stopped"] - 0.5
        assert window[1] <= marks["back"] + 5
    assert not report.failed(None) or report.error_window()[1] < SECONDS - 5, "still failing at the end"
    _assert_each_call_stored_once(cluster, report, before)
    # The instances recovered by themselves: the same processes serve.
    for number in (1, 2):
        cluster.wait_instance(number, timeout=10)
