"""`interactions-mensuelles.csv`: the interactions of each closed month by service
sheet, channel and outcome, from the daily aggregates (stats/cubes.py, one
`cubes.query` per month: never a scan of raw records).

Statistical disclosure control, the rule written down:
- primary suppression: a cell (month, sheet, channel, outcome) counting fewer than
  `facts.OPEN_DATA_MIN_CELL` contacts is published with an empty `nombre` (its
  row stays: that the cell is not zero is not personal; its value is withheld);
- no totals are published (no row, column or month totals), so no suppressed cell
  can be recovered by subtraction and no secondary suppression is needed;
- a sheet the public may not see (draft, archived, expired, not yet effective) is
  never named: its counts are added to the row without a sheet (`demarche_uid`
  empty) before the rule above is applied; desks and organisations are not a
  dimension of this file.
Only counts are read; nothing personal is in the aggregates or in the file.
"""

from collections import Counter
from datetime import date
from datetime import timedelta
from guichet_kb.facts import OPEN_DATA_MIN_CELL
from guichet_kb.facts import OPEN_DATA_MONTHS


DIMS = ("service", "channel", "outcome")


def month_start(day):
    return day.replace(day=1)


def closed_months(today, count=OPEN_DATA_MONTHS):
    """The last ``count`` closed months before ``today``'s, oldest first, as (first day, last day)."""
    months, end = [], month_start(today)
    for _ in range(count):
        last = end - timedelta(days=1)
        end = month_start(last)
        months.append((end, last))
    return months[::-1]


def merged(counts, titles):
    """The counts keyed by (sheet UID or "", channel, outcome), sheets not in ``titles``
    (the published ones: {UID: title}) merged into ""."""
    found = Counter()
    for (service, channel, outcome), n in counts.items():
        found[(service if service in titles else "", channel, outcome)] += n
    return found


def month_rows(month, counts, titles, min_cell=OPEN_DATA_MIN_CELL):
    """The rows of one month (``month`` its first day), sorted by sheet title, channel, outcome."""
    rows = []
    for (service, channel, outcome), n in merged(counts, titles).items():
        if n <= 0:
            continue
        rows.append(
            {
                "mois": month.strftime("%Y-%m"),
                "demarche_uid": service,
                "demarche": titles.get(service, ""),
                "canal": channel,
                "resultat": outcome,
                "nombre": n if n >= min_cell else "",
            }
        )
    return sorted(rows, key=lambda r: (r["demarche"], r["demarche_uid"], r["canal"], r["resultat"]))


def rows(query, months, titles):
    """Every month's rows; the months before the first with any contact left out.
    ``query(start, end, dims)`` is `cubes.query`. Returns (rows, first month, last day) (None, None: no contact)."""
    found, first = [], None
    for start, end in months:
        counts = query(start, end, DIMS)
        if first is None and not sum(counts.values()):
            continue
        first = first or start
        found.extend(month_rows(start, counts, titles))
    return found, first, (months[-1][1] if first else None)


def coverage(first, last):
    """DCAT's temporal coverage: "YYYY-MM-DD/YYYY-MM-DD", None without data."""
    return f"{first.isoformat()}/{last.isoformat()}" if isinstance(first, date) and isinstance(last, date) else None
