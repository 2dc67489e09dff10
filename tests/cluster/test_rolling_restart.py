"""A rolling restart (`python -m guichet_kb.cluster restart`: each instance drained in
HAProxy, stopped, started, put back) loses no request under light load."""

import itertools
import requests
import threading
import time


def load(urls, stop, results):
    counter = itertools.count()
    with requests.Session() as http:
        http.headers["Accept"] = "application/json"
        while not stop.is_set():
            url = f"{next(urls)}?n={next(counter)}"
            try:
                status = http.get(url, timeout=30).status_code
            except requests.RequestException as error:
                status = type(error).__name__
            results.append((time.monotonic(), url, status))


def test_rolling_restart_without_failures(cluster):
    site = cluster.settings.site_id
    urls = [
        f"{cluster.site_url}/@@ok",  # through Varnish (not cacheable: always reaches an instance)
        f"{cluster.haproxy_url}/{site}/++api++/demarches/carte-identite",  # HAProxy directly
        f"{cluster.haproxy_url}/{site}/@search",
    ]
    before = {name: cluster.pid(name) for name in ("i1", "i2")}
    stop, results = threading.Event(), []
    threads = [threading.Thread(target=load, args=(itertools.cycle(urls[i:] + urls[:i]), stop, results)) for i in range(3)]
    for thread in threads:
        thread.start()
    try:
        time.sleep(1)
        started = time.monotonic()
        done = cluster.restart()
        took = time.monotonic() - started
        time.sleep(1)
    finally:
        stop.set()
        for thread in threads:
            thread.join()
    assert done.returncode == 0, done.stderr + cluster.log_tail()
    failed = [(url, status) for _, url, status in results if status != 200]
    print(f"\nrolling restart of 2 instances in {took:.1f} s: {len(results)} requests, {len(failed)} failed")
    assert failed == []
    after = {name: cluster.pid(name) for name in ("i1", "i2")}
    assert all(after[name] != before[name] for name in before)
    assert "rolling restart done" in cluster.output.read_text()
