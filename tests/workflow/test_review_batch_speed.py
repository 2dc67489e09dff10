"""Bulk publish speed: a few hundred complete imported items through POST
@review-batch over real HTTP, in chunks as the bench sends them. The figure is
printed (pytest -s); the bound is the issue's target, 3,650 items in 2 minutes."""

from batch_helpers import pending_sheets
from plone import api
import time
import transaction


COUNT = 300
CHUNK = 100
TARGET_ITEMS_PER_S = 3650 / 120


def test_bulk_publish_items_per_second(functional, site, rest):
    sheets = pending_sheets(functional["portal"], COUNT, by="importeur", prefix="vitesse")
    uids = [sheet.UID() for sheet in sheets]
    session = rest("valideur")
    started = time.perf_counter()
    done = 0
    for start in range(0, COUNT, CHUNK):
        response = session.post(f"{site}/@review-batch", json={"action": "publish", "items": uids[start : start + CHUNK]})
        assert response.status_code == 200, response.text[:300]
        done += response.json()["done"]
    elapsed = time.perf_counter() - started
    print(f"\nbulk publish: {COUNT} items in {elapsed:.1f} s, {COUNT / elapsed:.0f} items/s (chunks of {CHUNK})")
    assert done == COUNT
    transaction.begin()
    assert {api.content.get_state(sheet) for sheet in sheets} == {"published"}
    assert COUNT / elapsed >= TARGET_ITEMS_PER_S
