"""The relevance queries (bench/queries.json) keep their contract (pure Python).

Every entry has its fields; each batch is split into halves by the documented
rule (sorted by the SHA-256 of the query text, alternately tuning / held_out),
so no half is chosen by hand; every expected id is a fiche the 2020 package
imports (bench/fiche_ids.txt, written by scripts/fiche_ids.py); no query is
asked twice, not even in another spelling the engine reads the same.
"""

from collections import Counter
from guichet_kb.facts import BENCH_HALVES
from guichet_kb.facts import BENCH_KINDS
from guichet_kb.search.text import normalised
import hashlib
import importlib.util
import json
import pytest
import re
from repo_paths import ROOT
from repo_paths import SERVICE_PUBLIC


QUERIES = json.loads((ROOT / "bench" / "queries.json").read_text(encoding="utf-8"))
FICHE_IDS = [line for line in (ROOT / "bench" / "fiche_ids.txt").read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
FIELDS = {"q", "expected", "half", "kind", "batch"}
LEGACY_COUNT = 118  # the queries of the first version, split before any tuning


def batches():
    found = {}
    for entry in QUERIES:
        found.setdefault(entry["batch"], []).append(entry)
    return found


def rule(entries):
    """{query: half} as the documented rule gives it for one batch."""
    ordered = sorted(entries, key=lambda e: hashlib.sha256(e["q"].encode("utf-8")).hexdigest())
    return {e["q"]: BENCH_HALVES[i % 2] for i, e in enumerate(ordered)}


def test_every_entry_has_its_fields():
    wrong = [e for e in QUERIES if set(e) != FIELDS]
    assert wrong == []
    for entry in QUERIES:
        assert isinstance(entry["q"], str) and entry["q"].strip() == entry["q"] and entry["q"], entry
        assert entry["expected"] and all(re.fullmatch(r"F\d+", i) for i in entry["expected"]), entry
        assert len(set(entry["expected"])) == len(entry["expected"]), entry
        assert entry["half"] in BENCH_HALVES, entry
        assert entry["kind"] in BENCH_KINDS, entry
        assert isinstance(entry["batch"], int) and entry["batch"] >= 1, entry


def test_batches_are_appended_in_order_and_the_first_is_the_legacy_one():
    numbers = [e["batch"] for e in QUERIES]
    assert numbers == sorted(numbers)
    assert sorted(batches()) == list(range(1, max(numbers) + 1))
    first = batches()[1]
    assert len(first) == LEGACY_COUNT
    assert {e["kind"] for e in first} == {"legacy"}
    assert [e for e in QUERIES[LEGACY_COUNT:] if e["kind"] == "legacy"] == []


def test_the_new_phrasings_cover_every_kind():
    kinds = Counter(e["kind"] for e in QUERIES if e["batch"] > 1)
    assert sum(kinds.values()) >= 120
    assert set(kinds) == set(BENCH_KINDS) - {"legacy"}


@pytest.mark.parametrize("number", sorted(batches()))
def test_each_batch_is_split_by_the_rule_and_balanced(number):
    entries = batches()[number]
    expected = rule(entries)
    moved = {e["q"]: (e["half"], expected[e["q"]]) for e in entries if e["half"] != expected[e["q"]]}
    assert moved == {}, "half differs from the SHA-256 rule (found, rule)"
    counts = Counter(e["half"] for e in entries)
    assert abs(counts["tuning"] - counts["held_out"]) <= 1


def test_expected_ids_are_fiches_of_the_2020_package():
    assert len(FICHE_IDS) == len(set(FICHE_IDS)) > 3000
    known = set(FICHE_IDS)
    unknown = sorted({i for e in QUERIES for i in e["expected"] if i not in known})
    assert unknown == []


def test_no_query_is_asked_twice():
    texts = Counter(e["q"] for e in QUERIES)
    assert [q for q, n in texts.items() if n > 1] == []
    keys = Counter(normalised(e["q"]) for e in QUERIES)
    assert [k for k, n in keys.items() if n > 1] == []


@pytest.mark.skipif(not SERVICE_PUBLIC.is_dir(), reason="../shared/data absent")
def test_fiche_ids_list_holds_every_shared_fiche_the_importer_creates():
    spec = importlib.util.spec_from_file_location("fiche_ids", ROOT / "scripts" / "fiche_ids.py")
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    shared = script.fiche_ids(str(SERVICE_PUBLIC))
    assert len(shared) > 100
    assert sorted(set(shared) - set(FICHE_IDS)) == []
