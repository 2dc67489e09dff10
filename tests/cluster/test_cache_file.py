"""An instance stopped with SIGTERM closes its database, so RelStorage writes its
persistent cache (cache-local-dir): the file grows; the supervisor starts it again."""

import requests
import signal


def cache_size(cluster, number):
    files = list((cluster.settings.instance_dir(number) / "cache-rs").glob("*.sqlite3"))
    assert files, "no persistent cache file"
    return sum(path.stat().st_size for path in files)


def test_the_persistent_cache_grows_after_a_stop(cluster):
    before = cache_size(cluster, 2)
    # Load objects into instance 2's cache: sheets, the search, the listing.
    for path in ("", "/demarches", "/demarches/carte-identite", "/demarches/passeport", "/@search?SearchableText=carte"):
        assert requests.get(f"{cluster.instance_url(2)}{path}", headers={"Accept": "application/json"}, timeout=30).status_code == 200
    pid = cluster.kill("i2", signal.SIGTERM)
    cluster.wait_gone(pid)
    after = cache_size(cluster, 2)
    print(f"\ninstance 2's persistent cache: {before} -> {after} bytes")
    assert after > before
    cluster.wait_restarted("i2", pid)
