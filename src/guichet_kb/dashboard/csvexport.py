"""A panel's rows as CSV: the header is the columns' French titles, one line per row.

The cells are the panel's own values (numbers stay numbers, an empty figure -
a change from nothing - is an empty cell), the texts neutralised against formula
injection (importers/cells.py). A panel without rows gives the header alone.
"""

import csv
from guichet_kb.importers.cells import neutralise_row
import io


def filename(panel, scope):
    return f"tableau-de-bord-{panel['id']}-{scope.start.isoformat()}-{scope.end.isoformat()}.csv"


def cell(value):
    return "" if value is None else value


def to_csv(panel):
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(neutralise_row([column["title"] for column in panel["columns"]]))
    for row in panel["rows"]:
        writer.writerow(neutralise_row([cell(row.get(column["id"])) for column in panel["columns"]]))
    return out.getvalue()
