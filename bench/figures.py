"""What the search benchmarks print, shared by search_bench.py (over HTTP) and
catalog_bench.py (in process): each query's outcome, then the figures per half
(tuning, held_out, all) and per kind, and the issue 15 targets.

Scores of one answer against a query's expected fiche ids:
- strict top-1: the first item is an expected fiche;
- family top-1: strict top-1, or the answer leads with a family (@answer
  "family", its variants first) and an expected fiche is one of its variants;
- top-3: an expected fiche is among the first three items, or among the
  variants of the leading family (an agent chooses a variant with one key).
"""

from guichet_kb.facts import BENCH_HALVES
from guichet_kb.facts import BENCH_KINDS
import json


HALVES = (*BENCH_HALVES, "all")
# Issue 15, read at the full 2020 package on the held-out half (latency: over HTTP,
# the bench agent's basic auth): (what, figure key, at least or at most, goal).
TARGETS = (
    ("held_out @answer top-1 (family figure)", "family", ">=", 0.85),
    ("held_out @answer top-3", "top3", ">=", 0.97),
    ("held_out @answer p95", "p95", "<=", 20.0),
    ("@answer-suggest p95", "suggest_p95", "<=", 10.0),
)


def load(path):
    with open(path, encoding="utf-8") as file:
        return json.load(file)


def percentiles(seconds):
    """p50, p95, p99 in milliseconds (nearest rank)."""
    ordered = sorted(seconds)

    def at(p):
        return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))] * 1000

    return at(50), at(95), at(99)


def outcome(query, seconds, found, family_ids=()):
    """One query's record: found are the items' external ids in order, family_ids
    the external ids of the leading family's variants (empty: no family)."""
    expected = set(query["expected"])
    strict = bool(found[:1]) and found[0] in expected
    in_family = bool(expected & set(family_ids))
    return {
        "half": query["half"],
        "kind": query["kind"],
        "seconds": seconds,
        "strict": strict,
        "family": strict or in_family,
        "top3": bool(expected & set(found[:3])) or in_family,
    }


def answer_outcome(query, seconds, response):
    """The record of one @answer response (a requests response)."""
    body = response.json() if response.status_code == 200 else {}
    found = [item.get("external_id") for item in body.get("items", [])]
    family = body.get("family") or {}
    return outcome(query, seconds, found, [v.get("external_id") for v in family.get("variants", [])])


def summary(records):
    """{n, strict, family, top3 (shares), p50, p95, p99 (ms)} of some records."""
    if not records:
        return {"n": 0}
    n = len(records)
    # A record holds one timing, or one per timed pass (search_bench.PASSES).
    p50, p95, p99 = percentiles([t for r in records for t in (r["seconds"] if isinstance(r["seconds"], list) else [r["seconds"]])])
    shares = {key: sum(r[key] for r in records) / n for key in ("strict", "family", "top3")}
    return {"n": n, **shares, "p50": p50, "p95": p95, "p99": p99}


def of_half(records, half):
    return [r for r in records if half == "all" or r["half"] == half]


def print_halves(name, records, scores=("strict", "family", "top3")):
    """One row per half: the scores measured ("-" for the others) and latency."""
    print(f"\n{name}, per half:")
    print("| half | queries | strict top-1 | family top-1 | top-3 | p50 ms | p95 ms | p99 ms |")
    print("|---|---|---|---|---|---|---|---|")
    for half in HALVES:
        s = summary(of_half(records, half))
        if s["n"]:
            shown = " | ".join(f"{s[key]:.0%}" if key in scores else "-" for key in ("strict", "family", "top3"))
            print(f"| {half} | {s['n']} | {shown} | {s['p50']:.1f} | {s['p95']:.1f} | {s['p99']:.1f} |")


def print_kinds(name, records):
    """One row per kind of phrasing: all queries, then the held-out half alone."""
    print(f"\n{name}, per kind:")
    print("| kind | queries (held out) | strict top-1 | family top-1 | top-3 | held_out family top-1 | held_out top-3 |")
    print("|---|---|---|---|---|---|---|")
    for kind in BENCH_KINDS:
        mine = [r for r in records if r["kind"] == kind]
        if mine:
            s, h = summary(mine), summary(of_half(mine, "held_out"))
            held = f"{h['family']:.0%} | {h['top3']:.0%}" if h["n"] else "- | -"
            print(f"| {kind} | {s['n']} ({h['n']}) | {s['strict']:.0%} | {s['family']:.0%} | {s['top3']:.0%} | {held} |")


def verdict(value, operator, goal, percent):
    met = value >= goal if operator == ">=" else value <= goal
    if met:
        return "met"
    gap = abs(value - goal)
    return f"missed by {gap * 100:.0f} points" if percent else f"missed by {gap:.1f} ms"


def print_targets(figures):
    """figures: {family, top3, p95 (held-out @answer), suggest_p95}."""
    print("\nTargets (issue 15, full 2020 package):")
    for what, key, operator, goal in TARGETS:
        value, percent = figures[key], goal <= 1
        shown = f"{value:.0%}" if percent else f"{value:.1f} ms"
        wanted = f"{goal:.0%}" if percent else f"{goal:.0f} ms"
        print(f"target {what} {operator} {wanted}: {shown}, {verdict(value, operator, goal, percent)}")
