"""make bench-cluster: the scaled-out stack measured on this machine (issue 13, "Benchmarks").

Runs real stacks (tests/helpers/cluster_stack.py: `python -m guichet_kb.cluster up`
on free ports, CLUSTER_VAR under var/bench-cluster) and prints:
1. agents' `@answer` through the front (authenticated: Varnish passes it) with one
   instance, then with INSTANCES instances: requests/s, p95, the ratio;
2. the public sheet page through Varnish (hit ratio after warm-up), against the
   public app alone and against the Classic UI page;
3. 50 concurrent agents logging calls for 60 s: p95, errors, interactions stored;
4. memory per instance after that load;
5. (bench/cluster_data_bench.py) migration, backup and restore of the whole 2020 catalogue.
Figures, not assertions: the fault tests (tests/cluster) are the assertions.
"""

import asyncio
import base64
import json
import os
from pathlib import Path
import subprocess
import sys
from urllib.parse import quote


ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "tests" / "helpers"), str(ROOT / "bench")]

from cluster_load import Load  # noqa: E402
from cluster_load import QUERIES  # noqa: E402
from cluster_stack import get  # noqa: E402
from cluster_stack import Stack  # noqa: E402
from public_bench import measure  # noqa: E402
import requests  # noqa: E402


INSTANCES = int(os.environ.get("INSTANCES") or 2)
SECONDS = float(os.environ.get("BENCH_SECONDS") or 20)
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS") or 8)
AGENTS_SECONDS = float(os.environ.get("BENCH_AGENTS_SECONDS") or 60)
VAR = ROOT / "var" / "bench-cluster"
SHEET = "/demarches/carte-identite"
AGENT_HEADERS = "Accept: application/json\r\nAuthorization: Basic " + base64.b64encode(b"agent:guichet-demo").decode() + "\r\n"


def answer_rate(stack):
    urls = [f"{stack.site_url}/++api++/@answer?q={quote(q)}" for q in QUERIES]
    return asyncio.run(measure(urls, SECONDS, CONNECTIONS, headers=AGENT_HEADERS, warm_up=3))


def varnish_counters(stack):
    command = ["varnishstat", "-n", str(stack.var / "varnish"), "-1", "-f", "MAIN.cache_hit", "-f", "MAIN.cache_miss"]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    return {line.split()[0].split(".")[1]: int(line.split()[1]) for line in done.stdout.splitlines() if line.strip()}


def memory(pid):
    status = Path(f"/proc/{pid}/status").read_text()
    fields = {line.split(":")[0]: int(line.split()[1]) for line in status.splitlines() if line.startswith(("VmRSS", "VmHWM"))}
    return fields["VmRSS"] / 1024, fields["VmHWM"] / 1024


def interactions_total(stack):
    response = requests.get(f"{stack.site_url}/@interactions", auth=("admin", "admin"), headers={"Accept": "application/json"}, timeout=60)
    response.raise_for_status()
    return response.json()["items_total"]


def pages(stack):
    query = "portal_type=ServiceSheet&b_size=100&metadata_fields=UID"
    status, body, _ = get(f"{stack.site_url}/++api++/@search?{query}", headers={"Accept": "application/json"})
    assert status == 200, body
    items = json.loads(body)["items"]
    return [f"demarches/{item['@id'].rsplit('/', 1)[1]}" for item in items], [item["UID"] for item in items]


def rate_row(label, figures):
    rate, p95, errors = figures
    return (str(label), f"{rate:.0f}", f"{p95:.0f}", str(errors))


def table(title, header, rows):
    print(f"\n{title}\n")
    print("| " + " | ".join(header) + " |")
    print("|" + "|".join("---:" if n else "---" for n in range(len(header))) + "|")
    for row in rows:
        print("| " + " | ".join(row) + " |")


def main():
    print(f"make bench-cluster: {os.cpu_count()} cores; {CONNECTIONS} connections, {SECONDS:g} s per measure")
    one = Stack(var=VAR / "stack", INSTANCES=1).start()
    try:
        single = answer_rate(one)
    finally:
        one.stop()
    stack = Stack(var=VAR / "stack", fresh=False, INSTANCES=INSTANCES).start()
    try:
        several = answer_rate(stack)
        table(
            f"Agents' @answer through Varnish and HAProxy (authenticated, passed to the instances; {len(QUERIES)} queries in turn)",
            ("instances", "requests/s", "p95 (ms)", "non-200"),
            [rate_row(1, single), rate_row(INSTANCES, several)],
        )
        print(f"\nthroughput ratio {INSTANCES} instances / 1 instance: {several[0] / single[0]:.2f} x (issue target on 2 cores: >= 1.6 x)")

        asyncio.run(measure(f"{stack.front_url}{SHEET}", 2, CONNECTIONS, warm_up=1))  # warm-up
        before = varnish_counters(stack)
        through = asyncio.run(measure(f"{stack.front_url}{SHEET}", SECONDS, CONNECTIONS))
        after = varnish_counters(stack)
        hits, misses = after["cache_hit"] - before["cache_hit"], after["cache_miss"] - before["cache_miss"]
        alone = asyncio.run(measure(f"{stack.public_url(1)}{SHEET}", SECONDS, CONNECTIONS))
        classic = asyncio.run(measure(f"{stack.site_url}{SHEET}", SECONDS, CONNECTIONS))
        table(
            f"The public sheet page {SHEET}",
            ("served by", "requests/s", "p95 (ms)", "non-200"),
            [
                ("Varnish (the front)", f"{through[0]:.0f}", f"{through[1]:.1f}", str(through[2])),
                ("one public-app copy alone", f"{alone[0]:.0f}", f"{alone[1]:.1f}", str(alone[2])),
                ("Plone Classic UI (through the front, not cached)", f"{classic[0]:.0f}", f"{classic[1]:.1f}", str(classic[2])),
            ],
        )
        print(f"\nVarnish hit ratio after warm-up: {hits / max(1, hits + misses):.1%} ({hits} hits, {misses} misses; target >= 90 %)")

        _, services = pages(stack)
        stored_before = interactions_total(stack)
        report = Load(stack.site_url, stack.front_url, pages=[], services=services, readers=0, agents=50).run(AGENTS_SECONDS)
        stored = interactions_total(stack) - stored_before
        acknowledged = len([call for call in report.calls if call.record_id])
        table(
            f"50 concurrent agents logging calls for {AGENTS_SECONDS:g} s (POST @interactions through the front)",
            ("requests", "per second", "p95 (ms)", "failed attempts", "calls acknowledged", "interactions stored"),
            [
                (
                    str(len(report.hits)),
                    f"{report.per_second():.1f}",
                    f"{report.p95() * 1000:.0f}",
                    *map(str, (len(report.failed()), acknowledged, stored)),
                )
            ],
        )
        table(
            "Memory per instance after the load (MiB)",
            ("instance", "resident now", "peak resident"),
            [(f"i{n}", *(f"{value:.0f}" for value in memory(stack.pid(f"i{n}")))) for n in range(1, INSTANCES + 1)],
        )
    finally:
        stack.stop()


if __name__ == "__main__":
    main()
