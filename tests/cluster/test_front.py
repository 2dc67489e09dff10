"""make cluster serves the demo through Varnish and HAProxy; the public app reads the
REST API through the same front."""

from cluster_stack import get
import html
import subprocess
import uuid


def varnish_requests(cluster):
    """Varnish's count of client requests so far."""
    done = subprocess.run(
        ["varnishstat", "-n", str(cluster.var / "varnish"), "-1", "-f", "MAIN.client_req"], capture_output=True, text=True, check=True
    )
    return int(done.stdout.split()[1])


def test_site_through_varnish(cluster):
    status, body, headers = get(cluster.site_url)
    assert status == 200
    assert "Ville-Exemple" in body
    assert "varnish" in headers.get("Via", "").lower()
    assert headers.get("X-Cache") in ("HIT", "MISS")


def test_rest_api_through_the_front(cluster):
    status, body, _ = get(f"{cluster.site_url}/++api++/demarches/carte-identite", headers={"Accept": "application/json"})
    assert status == 200
    assert '"review_state": "published"' in body or '"review_state":"published"' in body


def test_public_page_through_the_front_reads_the_api_through_it(cluster):
    before = varnish_requests(cluster)
    # A search the public app has not cached: it must ask the REST API, through the front.
    query = f"carte {uuid.uuid4().hex[:8]}"
    status, body, headers = get(f"{cluster.front_url}/recherche?q={query.replace(' ', '+')}")
    assert status == 200
    assert "varnish" in headers.get("Via", "").lower()
    after = varnish_requests(cluster)
    # The page itself, plus at least one request of the public app to PLONE_URL (the front).
    assert after - before >= 2, (before, after)
    status, body, _ = get(f"{cluster.front_url}/demarches/carte-identite")
    assert status == 200
    assert "Carte nationale d'identité (CNI)" in html.unescape(body)


def test_haproxy_routes_and_stats(cluster):
    status, body, _ = get(f"{cluster.haproxy_url}/{cluster.settings.site_id}/@@ok")
    assert (status, body) == (200, "OK")
    status, body, _ = get(f"{cluster.haproxy_url}/sante")
    assert (status, body) == (200, "ok")
    status, body, _ = get(f"{cluster.haproxy_url}/haproxy-stats;csv")
    assert status == 200
    rows = {tuple(line.split(",")[:2]): line.split(",")[17] for line in body.splitlines() if not line.startswith("#")}
    assert rows[("zope", "i1")] == "UP" and rows[("zope", "i2")] == "UP"
    assert rows[("public", "public1")] == "UP" and rows[("public", "public2")] == "UP"


def test_every_process_has_its_pid_file(cluster):
    names = ["postgres", "i1", "i2", "public1", "public2", "haproxy", "varnish"]
    pids = {name: cluster.pid(name) for name in names}
    assert len(set(pids.values())) == len(names)
    assert (cluster.var / "run" / "ready").exists()
