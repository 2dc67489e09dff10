"""make cluster serves the demo through Varnish and HAProxy; the public app reads the
REST API through the same front."""

from cluster_stack import get
import html
import subprocess
import uuid


def varnish_urls(cluster, token):
    """The URLs of the requests Varnish received that contain `token` (its shared log)."""
    done = subprocess.run(
        ["varnishlog", "-d", "-n", str(cluster.var / "varnish"), "-g", "request", "-i", "ReqURL", "-q", f'ReqURL ~ "{token}"'],
        capture_output=True,
        text=True,
        check=True,
        timeout=30,
    )
    return {line.split()[-1] for line in done.stdout.splitlines() if "ReqURL" in line}


def test_site_through_varnish(cluster):
    status, body, headers = get(cluster.site_url)
    assert status == 200
    assert "Ville-Exemple" in body
    assert headers.get("X-Varnish")  # served by Varnish
    assert headers.get("X-Cache") in ("HIT", "MISS")


def test_rest_api_through_the_front(cluster):
    status, body, _ = get(f"{cluster.site_url}/++api++/demarches/carte-identite", headers={"Accept": "application/json"})
    assert status == 200
    assert '"review_state": "published"' in body or '"review_state":"published"' in body


def test_public_page_through_the_front_reads_the_api_through_it(cluster):
    # A search the public app has not cached: it must ask the REST API, through the front.
    token = uuid.uuid4().hex[:8]
    status, body, headers = get(f"{cluster.front_url}/recherche?q=carte+{token}")
    assert status == 200
    assert headers.get("X-Varnish")  # served by Varnish
    urls = varnish_urls(cluster, token)
    # The page itself, and the public app's request to PLONE_URL (the front).
    assert f"/recherche?q=carte+{token}" in urls
    assert any(url.startswith(f"/{cluster.settings.site_id}/") for url in urls), urls
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
