"""The dashboard's latency over HTTP on two years of activity (bench/dashboard_data.py):
GET @dashboard (JSON) and the page @@tableau-de-bord, for periods from a week to two
years, with and without filters, as the desk's manager; then the open-data files
regenerated (POST @open-data). Prints p50 / p95 / max in ms and checks the issue 17
targets (any period <= 500 ms, open data <= 60 s).

Usage: dashboard_bench.py URL USER PASSWORD
"""

from datetime import date
from datetime import timedelta
import requests
import statistics
import sys
import time


URL, USER, PASSWORD = sys.argv[1:4]
RUNS = 7
TARGET_MS, OPEN_DATA_TARGET_S = 500, 60


def timed(session, path, params):
    seconds = []
    for _run in range(RUNS):
        started = time.perf_counter()
        response = session.get(f"{URL}/{path}", params=params, timeout=120)
        seconds.append(time.perf_counter() - started)
        if response.status_code != 200:
            sys.exit(f"{path} {params}: {response.status_code} {response.text[:300]}")
    ordered = sorted(seconds)
    return statistics.median(ordered) * 1000, ordered[int(0.95 * (len(ordered) - 1) + 0.5)] * 1000, ordered[-1] * 1000


def main():
    session = requests.Session()
    session.auth = (USER, PASSWORD)
    session.headers["Accept"] = "application/json"
    today = date.today()
    first = session.get(f"{URL}/@dashboard", params={"period": "last_month"}, timeout=120).json()
    some = {p["id"]: p for p in first.get("panels", [])}
    desk = next((r.get("uid") for r in some.get("desks", {}).get("rows", []) if r.get("uid")), None)
    service = next((r.get("uid") for r in some.get("top_services", {}).get("rows", []) if r.get("uid")), None)
    periods = [
        ("last 7 days", {"period": "last_7_days"}),
        ("last month", {"period": "last_month"}),
        ("last 12 months", {"period": "last_12_months"}),
        ("two years", {"from": (today - timedelta(days=729)).isoformat(), "to": today.isoformat()}),
        ("two years, odd edges", {"from": (today - timedelta(days=713)).isoformat(), "to": (today - timedelta(days=17)).isoformat()}),
        ("two years, channel telephone", {"from": (today - timedelta(days=729)).isoformat(), "to": today.isoformat(), "channel": "telephone"}),
    ]
    if desk:
        periods.append(("two years, one desk", {"from": (today - timedelta(days=729)).isoformat(), "to": today.isoformat(), "desk": desk}))
    if service:
        periods.append(("two years, one service", {"from": (today - timedelta(days=729)).isoformat(), "to": today.isoformat(), "service": service}))
    print(f"\n## Dashboard latency over HTTP ({RUNS} runs each, ms: p50 / p95 / max)")
    worst = 0.0
    for what, params in periods:
        for path in ("@dashboard", "@@tableau-de-bord"):
            p50, p95, top = timed(session, path, params)
            worst = max(worst, top)
            print(f"{what:<32} {path:<20} {p50:7.0f} {p95:7.0f} {top:7.0f}")
    print(f"target: every period <= {TARGET_MS} ms: {'met' if worst <= TARGET_MS else 'MISSED'} (worst {worst:.0f} ms)")
    started = time.perf_counter()
    response = session.post(f"{URL}/@open-data", json={}, timeout=600)
    elapsed = time.perf_counter() - started
    verdict = "met" if elapsed <= OPEN_DATA_TARGET_S else "MISSED"
    print(f"open data regenerated in {elapsed:.1f} s ({response.status_code}): {verdict} (<= {OPEN_DATA_TARGET_S} s)")


if __name__ == "__main__":
    main()
