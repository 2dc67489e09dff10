"""`regenerate(today)`: builds every open-data file and stores it (store.py).

Run by the nightly rollup (stats/rollup.py `DAILY_JOBS`) and by `POST @open-data`.
Reads the published catalogue as Anonymous (catalogue.py) and the daily
aggregates of closed months (monthly.py: `cubes.query`, never raw records).
"""

import csv
from guichet_kb import clock
from guichet_kb.facts import OPEN_DATA_FILES
from guichet_kb.importers.cells import neutralise
from guichet_kb.opendata import catalogue
from guichet_kb.opendata import metadata
from guichet_kb.opendata import monthly
from guichet_kb.opendata import store
from guichet_kb.opendata.anonymous import as_anonymous
from guichet_kb.opendata.dictionary import CATALOGUE_COLUMNS
from guichet_kb.opendata.dictionary import DICTIONARY_COLUMNS
from guichet_kb.opendata.dictionary import entries
from guichet_kb.opendata.dictionary import MONTHLY_COLUMNS
from guichet_kb.stats import cubes
import io
import json
from plone import api
from zope.globalrequest import getRequest


def to_csv(names, rows):
    """UTF-8 CSV (header, then rows), every cell CSV-injection neutralised (importers/cells.py)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=names, lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({key: neutralise(value) if isinstance(value, str) else value for key, value in row.items()})
    return out.getvalue().encode("utf-8")


def to_json(data):
    return json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8")


def monthly_rows(today, titles):
    return monthly.rows(cubes.query, monthly.closed_months(today), titles)


def build(today, generated):
    """{file name: bytes} of every file of facts.OPEN_DATA_FILES."""
    portal = api.portal.get()
    site_title, site_url = portal.Title(), portal.absolute_url()
    with as_anonymous():
        data, sheet_rows = catalogue.build(site_title, getRequest() or portal.REQUEST)
    titles = {row["uid"]: row["titre"] for row in sheet_rows} | {a["identifier"]: a["name"] for a in data["answers"]}
    month_rows, first, last = monthly_rows(today, titles)
    files = {
        "catalogue.csv": to_csv([c.name for c in CATALOGUE_COLUMNS], sheet_rows),
        "catalogue.json": to_json({"@context": "https://schema.org", **data}),
        "interactions-mensuelles.csv": to_csv([c.name for c in MONTHLY_COLUMNS], month_rows),
    }
    dictionary = entries([("catalogue.csv", CATALOGUE_COLUMNS, sheet_rows), ("interactions-mensuelles.csv", MONTHLY_COLUMNS, month_rows)])
    files["dictionnaire.csv"] = to_csv(DICTIONARY_COLUMNS, dictionary)
    distributions = [
        metadata.distribution(name, files[name], f"{site_url}/@open-data/{name}", generated, OPEN_DATA_FILES[name])
        for name in OPEN_DATA_FILES
        if name in files
    ]
    meta = metadata.dataset(site_title, site_url, data["organisations"], distributions, generated, monthly.coverage(first, last))
    files["metadata.json"] = to_json(meta)
    return files


def regenerate(today=None):
    """Build and store the files; the answer the daily job merges into its own."""
    generated = clock.now()
    files = build(today or generated.date(), generated)
    store.save(files, generated)
    return {"open_data": {"generated": generated.isoformat(), "files": {name: len(body) for name, body in files.items()}}}
