"""Spreadsheet cells: the CSV-injection rule, both ways, for every CSV the site writes.

A spreadsheet runs a cell starting with ``=``, ``+``, ``-``, ``@``, tab or
carriage return as a formula (OWASP "CSV injection"). ``neutralise`` prefixes
such a cell with an apostrophe, which spreadsheets show as text; ``restore``
removes exactly that apostrophe, so export -> import -> export is byte-identical.
To stay reversible, a cell that already is apostrophes followed by a trigger
character gets one more apostrophe (and loses one on the way back).
"""

import re


TRIGGERS = "=+-@\t\r"
_NEUTRALISE = re.compile(r"^'*[=+\-@\t\r]")
_RESTORE = re.compile(r"^'+[=+\-@\t\r]")


def neutralise(cell):
    """The cell as written to a CSV file."""
    return "'" + cell if isinstance(cell, str) and _NEUTRALISE.match(cell) else cell


def restore(cell):
    """The cell as it was before ``neutralise``."""
    return cell[1:] if isinstance(cell, str) and _RESTORE.match(cell) else cell


def neutralise_row(row):
    return [neutralise(cell) for cell in row]
