"""The search benchmark's own parts, against the functional layer's real HTTP
server: the bench agent bench_town.py creates over @users, search_bench.py
logged in as that agent, and the scoring every bench script shares
(bench/figures.py)."""

import pytest
import re
from repo_paths import ROOT
import requests
import sys


@pytest.fixture
def bench(monkeypatch):
    """The bench scripts' modules (bench/ is a folder of scripts, not a package)."""
    monkeypatch.syspath_prepend(str(ROOT / "bench"))
    import bench_town
    import figures
    import search_bench

    yield bench_town, figures, search_bench
    for name in ("bench_town", "figures", "search_bench"):
        sys.modules.pop(name, None)


def query(q, expected, half="held_out", kind="variant"):
    return {"q": q, "expected": expected, "half": half, "kind": kind, "batch": 2}


def test_scores_strict_family_and_top3(bench):
    _town, figures, _search = bench
    wanted = query("passeport mineur perte", ["F21244"])
    # the right variant second, inside the leading family: family top-1 and top-3, not strict
    inside = figures.outcome(wanted, 0.01, ["F21245", "F21244"], ["F21245", "F21244", "F21092", "F14930"])
    assert (inside["strict"], inside["family"], inside["top3"]) == (False, True, True)
    # fourth without a family: nothing but a miss
    fourth = figures.outcome(wanted, 0.01, ["F21245", "F21246", "F21247", "F21244"])
    assert (fourth["strict"], fourth["family"], fourth["top3"]) == (False, False, False)
    first = figures.outcome(wanted, 0.01, ["F21244"])
    assert (first["strict"], first["family"], first["top3"]) == (True, True, True)
    summary = figures.summary([inside, fourth, first])
    assert (summary["n"], summary["strict"], summary["family"], summary["top3"]) == (3, 1 / 3, 2 / 3, 2 / 3)
    assert figures.percentiles([0.001, 0.002, 0.003, 0.1]) == (3.0, 100.0, 100.0)


def test_target_verdicts_say_met_or_by_how_much(bench):
    _town, figures, _search = bench
    assert figures.verdict(0.86, ">=", 0.85, True) == "met"
    assert figures.verdict(0.79, ">=", 0.85, True) == "missed by 6 points"
    assert figures.verdict(19.9, "<=", 20.0, False) == "met"
    assert figures.verdict(31.25, "<=", 20.0, False) == "missed by 11.2 ms"


def test_bench_agent_logs_in_as_an_agent_and_the_bench_prints_every_figure(site, rest, bench, capsys):
    bench_town, _figures, search_bench = bench
    admin = rest("admin")
    try:
        bench_town.ensure_agent(admin, site)
        bench_town.ensure_agent(admin, site)  # a second run keeps the user and sets role and password again
        user = admin.get(f"{site}/@users/{bench_town.AGENT_LOGIN}").json()
        assert "Agent" in user["roles"]
        auth = (bench_town.AGENT_LOGIN, bench_town.agent_password())
        agent = requests.get(f"{site}/@answer", params={"q": "carte d'identité"}, auth=auth, headers={"Accept": "application/json"})
        assert agent.status_code == 200
        first = agent.json()["items"][0]
        queries = [
            query("carte d'identité", [first["external_id"] or "F0"], half="tuning", kind="legacy"),
            query("zzzz introuvable", ["F1"]),
            query("CNI", [first["external_id"] or "F0"], kind="abbreviation"),
        ]
        capsys.readouterr()
        records = search_bench.run(site, auth, queries, "test size", targets=True)
        printed = capsys.readouterr().out
    finally:
        admin.delete(f"{site}/@users/{bench_town.AGENT_LOGIN}")
    assert all(len(r["seconds"]) == search_bench.PASSES for r in records)
    assert len(records) == 3 and records[0]["strict"] == bool(first["external_id"]) and not records[1]["top3"]
    assert f"## test size: 3 queries, as {bench_town.AGENT_LOGIN}" in printed
    for row in (
        "| tuning | 1 |",
        "| held_out | 2 |",
        "| all | 3 |",
        "| legacy | 1 (0) |",
        "| abbreviation | 1 (1) |",
        f"| first 3 characters | {3 * search_bench.PASSES} |",
    ):
        assert row in printed
    targets = [line for line in printed.splitlines() if line.startswith("target ")]
    assert len(targets) == 4
    assert all(re.search(r": [\d.]+( ms|%), (met|missed by [\d.]+ (points|ms))$", line) for line in targets), targets
