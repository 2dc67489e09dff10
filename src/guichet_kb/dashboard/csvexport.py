"""Rows as CSV, the one serialization of the staff's CSV downloads: a dashboard panel's
rows, the managers' export of appointments (appointments/export.py).

The header is the columns' French titles, one line per row. The cells are the rows' own
values (numbers stay numbers, an empty figure - a change from nothing - is an empty
cell), the texts neutralised against formula injection (importers/cells.py). No rows
give the header alone. `table()` takes the separator and whether the text starts with a
UTF-8 byte order mark (which spreadsheets need to read the accents of a `;` file).
"""

import csv
from guichet_kb.importers.cells import neutralise_row
import io


BOM = "\ufeff"


def filename(panel, scope):
    return f"tableau-de-bord-{panel['id']}-{scope.start.isoformat()}-{scope.end.isoformat()}.csv"


def cell(value):
    return "" if value is None else value


def table(titles, lines, delimiter=",", bom=False):
    """CSV text of a header `titles` and `lines` (lists of cells)."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter)
    writer.writerow(neutralise_row(list(titles)))
    for line in lines:
        writer.writerow(neutralise_row([cell(value) for value in line]))
    return (BOM if bom else "") + out.getvalue()


def to_csv(panel):
    columns = panel["columns"]
    return table([column["title"] for column in columns], ([row.get(column["id"]) for column in columns] for row in panel["rows"]))
