"""`make bench-import` step: a reviewer publishes every complete imported item at once.

Lists the imported sheets and answers waiting for review (submitted by the Editor's
import --publish), then sends them to POST @review-batch {"action": "publish"} as the
reviewer, in chunks of the service's maximum; prints the time, the items published
and the refusals grouped by message.

usage: bulk_publish.py URL ADMIN ADMIN_PASSWORD REVIEWER REVIEWER_PASSWORD
"""

from collections import Counter
from guichet_kb.facts import BATCH_MAX_ITEMS as CHUNK
import requests
import sys
import time


def session(user, password):
    s = requests.Session()
    s.auth = (user, password)
    s.headers.update({"Accept": "application/json", "Content-Type": "application/json"})
    return s


def imported_unpublished(admin, url):
    uids, start = [], 0
    while True:
        params = {
            "portal_type": ["ServiceSheet", "Answer"],
            "review_state": "pending",
            "metadata_fields": ["UID", "external_id"],
            "b_size": 1000,
            "b_start": start,
        }
        page = admin.get(f"{url}/@search", params=params, timeout=120).json()
        uids += [item["UID"] for item in page["items"] if item.get("external_id")]
        start += len(page["items"])
        if not page["items"] or start >= page["items_total"]:
            return uids


def main(url, admin_user, admin_password, reviewer, reviewer_password):
    uids = imported_unpublished(session(admin_user, admin_password), url)
    valideur = session(reviewer, reviewer_password)
    done, refused, reasons = 0, 0, Counter()
    started = time.time()
    for i in range(0, len(uids), CHUNK):
        response = valideur.post(f"{url}/@review-batch", json={"action": "publish", "items": uids[i : i + CHUNK]}, timeout=600)
        if response.status_code != 200:
            sys.exit(f"POST @review-batch answered {response.status_code}: {response.text[:300]}")
        data = response.json()
        done, refused = done + data["done"], refused + data["refused"]
        reasons.update(result["message"] for result in data["results"] if not result["ok"])
    elapsed = time.time() - started
    rate = len(uids) / max(elapsed, 0.001)
    print(f"bulk publish (@review-batch): {elapsed:.1f} s for {len(uids)} items ({rate:.0f} items/s); published {done}, refused {refused}")
    for message, count in reasons.most_common(5):
        print(f"  refused {count}: {message}")


if __name__ == "__main__":
    main(*sys.argv[1:6])
