"""Public site vs Plone Classic UI: requests/s and p95 latency for the home and a sheet.

Usage: public_bench.py PUBLIC_URL PLONE_SITE_URL [SHEET_PATH] [SECONDS] [CONNECTIONS]
A small asyncio HTTP/1.1 client with keep-alive connections; every page is warmed up
first, then hammered for SECONDS by CONNECTIONS concurrent connections.
"""

import asyncio
import statistics
import sys
import time
from urllib.parse import urlsplit


USER_AGENT = "guichet-bench"  # the public site does not count robots' page views


async def fetch(reader, writer, host, path, headers="Accept: text/html\r\n"):
    writer.write(f"GET {path} HTTP/1.1\r\nHost: {host}\r\nUser-Agent: {USER_AGENT}\r\n{headers}\r\n".encode())
    await writer.drain()
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    headers = {k.lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:] if line)}
    if "content-length" in headers:
        await reader.readexactly(int(headers["content-length"]))
    elif headers.get("transfer-encoding") == "chunked":
        while True:
            size = int((await reader.readline()).split(b";")[0], 16)
            await reader.readexactly(size + 2)
            if size == 0:
                break
    return status


async def worker(urls, deadline, latencies, errors, headers="Accept: text/html\r\n", first=0):
    """Keep-alive GETs of `urls` (one URL or a list, taken in turn from `first`)."""
    urls = [urls] if isinstance(urls, str) else urls
    parts = urlsplit(urls[0])
    paths = [(p.path or "/") + (f"?{p.query}" if p.query else "") for p in map(urlsplit, urls)]
    reader, writer = await asyncio.open_connection(parts.hostname, parts.port)
    turn = first
    try:
        while time.perf_counter() < deadline:
            start = time.perf_counter()
            status = await fetch(reader, writer, parts.netloc, paths[turn % len(paths)], headers)
            turn += 1
            latencies.append(time.perf_counter() - start)
            if status != 200:
                errors.append(status)
    finally:
        writer.close()


async def measure(url, seconds, connections, headers="Accept: text/html\r\n", warm_up=1):
    """(requests/s, p95 ms, non-200 count) of `connections` keep-alive clients for `seconds`."""
    await asyncio.gather(*(worker(url, time.perf_counter() + warm_up, [], [], headers) for _ in range(2)))
    latencies, errors = [], []
    start = time.perf_counter()
    await asyncio.gather(*(worker(url, start + seconds, latencies, errors, headers, first=n * 7) for n in range(connections)))
    elapsed = time.perf_counter() - start
    p95 = statistics.quantiles(latencies, n=20)[18] if len(latencies) > 1 else float("nan")
    return len(latencies) / elapsed, p95 * 1000, len(errors)


def main():
    public, plone = sys.argv[1].rstrip("/"), sys.argv[2].rstrip("/")
    sheet = sys.argv[3] if len(sys.argv) > 3 else "/demarches/carte-identite"
    seconds = float(sys.argv[4]) if len(sys.argv) > 4 else 10
    connections = int(sys.argv[5]) if len(sys.argv) > 5 else 8
    rows = []
    for page, path in (("home", "/"), ("sheet", sheet)):
        for name, base in (("public site", public), ("Plone Classic UI", plone)):
            url = base + (path if path != "/" or name == "public site" else "")
            rps, p95, errors = asyncio.run(measure(url, seconds, connections))
            rows.append((page, name, rps, p95, errors))
    print(f"\nPublic site vs Plone Classic UI ({connections} connections, {seconds:g} s per row, same machine)\n")
    print("| page | server | requests/s | p95 (ms) | non-200 |")
    print("|---|---|---:|---:|---:|")
    for page, name, rps, p95, errors in rows:
        print(f"| {page} | {name} | {rps:.0f} | {p95:.1f} | {errors} |")
    print()
    for page in ("home", "sheet"):
        mine, classic = (r[2] for r in rows if r[0] == page)
        print(f"{page}: public site = {mine / classic:.1f} x Classic UI throughput (target >= 5 x)")


if __name__ == "__main__":
    main()
