"""The user-relationship dashboard (issue 17): a period, filters, panels.

period.py and filters.py turn the query parameters into a `Scope`; each panel
(panels.py PANELS) is a function of the scope that returns its rows, read from the
daily aggregates (stats/cubes.py) only, never from raw interaction records. The
same rows feed GET @dashboard's JSON (api/dashboard), the Classic UI page's
accessible tables and SVG charts (browser/dashboard.py, svg.py) and the CSV export
(csvexport.py). The content gaps and freshness panels (gaps.py, freshness.py) read the
other parts through sources.py; summary.py mails last month's headlines (POST
@dashboard-summary, cron).

No personal data: the aggregates hold counts by service, desk, channel, outcome,
organisation, weekday and hour; the panels add the titles of the items the caller
may see (labels.py), nothing else.
"""
