"""Search benchmark over HTTP: relevance (top-1/top-3) and latency percentiles.

Usage: search_bench.py URL USER PASSWORD QUERIES.json LABEL
Prints, for the same queries: @answer, stock @search (metadata) and stock @search
with fullobjects; relevance is checked against each query's expected fiche IDs.
"""

import json
import requests
import statistics
import sys
import time


def percentiles(samples):
    ordered = sorted(samples)

    def at(p):
        return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))] * 1000

    return at(50), at(95), at(99)


def run(url, auth, queries, label):
    session = requests.Session()
    session.headers["Accept"] = "application/json"
    session.auth = auth
    methods = {
        "@answer": lambda q: session.get(f"{url}/@answer", params={"q": q, "b_size": 10}),
        "@search (metadata)": lambda q: session.get(
            f"{url}/@search",
            params={
                "SearchableText": q,
                "b_size": 10,
                "portal_type": ["ServiceSheet", "Answer"],
                "review_state": "published",
                "metadata_fields": "external_id",
            },
        ),
        "@search fullobjects": lambda q: session.get(
            f"{url}/@search",
            params={"SearchableText": q, "b_size": 10, "portal_type": ["ServiceSheet", "Answer"], "review_state": "published", "fullobjects": 1},
        ),
    }
    results = {}
    for name, call in methods.items():
        for item in queries[:5]:  # warm the caches
            call(item["q"])
        timings, top1, top3 = [], 0, 0
        for item in queries:
            started = time.perf_counter()
            response = call(item["q"])
            timings.append(time.perf_counter() - started)
            found = [i.get("external_id") for i in response.json().get("items", [])] if response.status_code == 200 else []
            top1 += bool(found[:1] and found[0] in item["expected"])
            top3 += bool(set(found[:3]) & set(item["expected"]))
        results[name] = (percentiles(timings), top1 / len(queries), top3 / len(queries))
    print(f"\n## {label}: {len(queries)} queries")
    print("| method | p50 ms | p95 ms | p99 ms | top-1 | top-3 |")
    print("|---|---|---|---|---|---|")
    for name, ((p50, p95, p99), r1, r3) in results.items():
        print(f"| {name} | {p50:.1f} | {p95:.1f} | {p99:.1f} | {r1:.0%} | {r3:.0%} |")
    answer95 = results["@answer"][0][1]
    full95 = results["@search fullobjects"][0][1]
    print(f"@answer p95 vs fullobjects p95: {full95 / answer95:.1f}x faster")
    full_pages(methods, queries)
    return results


def full_pages(methods, queries):
    """Stock @search finds nothing for most spoken queries, which makes its
    fullobjects look cheap: time both on each query's longest word instead,
    where both return full pages of items."""
    words = [max(item["q"].replace("'", " ").split(), key=len) for item in queries]
    print("\nSame comparison on one word per query (each query's longest word):")
    print("| method | p50 ms | p95 ms | p99 ms | items per answer |")
    print("|---|---|---|---|---|")
    for name in ("@answer", "@search fullobjects"):
        timings, counts = [], []
        for word in words:
            started = time.perf_counter()
            response = methods[name](word)
            timings.append(time.perf_counter() - started)
            counts.append(len(response.json().get("items", [])) if response.status_code == 200 else 0)
        p50, p95, p99 = percentiles(timings)
        print(f"| {name} | {p50:.1f} | {p95:.1f} | {p99:.1f} | {statistics.mean(counts):.1f} |")


if __name__ == "__main__":
    url, user, password, path, label = sys.argv[1:6]
    run(url, (user, password), json.load(open(path, encoding="utf-8")), label)
