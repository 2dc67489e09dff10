"""Bulk publish over HTTP: every item waiting in the review queue ("pending")
published by a reviewer through POST @review-batch, in chunks of the service's
maximum, as a town's reviewer would after an import.

Usage: review_batch_bench.py URL USER PASSWORD [LABEL]
USER must not be the importer (four eyes). Prints items/s and what was refused,
grouped by reason (the completeness rules an item still misses, for instance).
"""

from collections import Counter
from guichet_kb.facts import BATCH_MAX_ITEMS
import requests
import sys
import time


def run(url, auth, label):
    session = requests.Session()
    session.headers.update({"Accept": "application/json", "Accept-Language": "fr"})
    session.auth = auth
    queue = session.get(f"{url}/@review-queue", params={"reason": "pending"}, timeout=600)
    queue.raise_for_status()
    items = [{"UID": entry["UID"], "modified": entry["modified"]} for entry in queue.json()["items"]]
    done, reasons = 0, Counter()
    started = time.perf_counter()
    for start in range(0, len(items), BATCH_MAX_ITEMS):
        response = session.post(f"{url}/@review-batch", json={"action": "publish", "items": items[start : start + BATCH_MAX_ITEMS]}, timeout=600)
        response.raise_for_status()
        data = response.json()
        done += data["done"]
        reasons.update(result["message"] for result in data["results"] if not result["ok"])
    elapsed = time.perf_counter() - started
    rate = len(items) / elapsed if elapsed else 0
    print(f"| bulk publish ({label}) | {len(items)} items | {done} published | {elapsed:.1f} s | {rate:.0f} items/s |")
    for reason, count in reasons.most_common():
        print(f"  refused {count}: {reason}")


if __name__ == "__main__":
    if len(sys.argv) not in (4, 5):
        sys.exit("Usage: review_batch_bench.py URL USER PASSWORD [LABEL]")
    run(sys.argv[1], (sys.argv[2], sys.argv[3]), sys.argv[4] if len(sys.argv) == 5 else "review queue")
