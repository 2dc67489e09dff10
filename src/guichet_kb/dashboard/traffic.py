"""Traffic panels: interactions by channel, over time, by hour (and weekday), by desk.

Every figure is read from the daily aggregates (stats/cubes.py `query` and
`series`), for the period and for the previous one; nothing here reads raw records.
"""

from collections import Counter
from guichet_kb import _
from guichet_kb import facts
from guichet_kb.content.vocabularies import WEEKDAY_TITLES
from guichet_kb.dashboard import labels
from guichet_kb.dashboard.shape import chart
from guichet_kb.dashboard.shape import panel
from guichet_kb.dashboard.shape import request
from guichet_kb.stats import cubes


COUNT = ("count", _("dashboard_col_count", default="Interactions"))
PREVIOUS = ("previous", _("dashboard_col_previous", default="Previous period"))
CHANGE = ("change", _("dashboard_col_change", default="Change (%)"))
TOTAL = _("dashboard_total", default="Total")
UNIT_TITLES = {
    "day": _("dashboard_unit_day", default="day"),
    "week": _("dashboard_unit_week", default="week (from Monday)"),
    "month": _("dashboard_unit_month", default="month"),
}
GROUP_TITLES = {
    "voice": _("dashboard_group_voice", default="Phone and video"),
    "desk": _("dashboard_group_desk", default="Front desk"),
    "written": _("dashboard_group_written", default="Written and online"),
}


def both(scope, dims):
    """(this period's Counter, the previous period's) of the interactions by `dims`."""
    now = cubes.query(scope.start, scope.end, dims, scope.filters)
    before = cubes.query(scope.previous_start, scope.previous_end, dims, scope.filters)
    return now, before


def compared(count, previous):
    return {"count": count, "previous": previous, "change": labels.change(count, previous)}


def channel_tokens(scope, *counters):
    if "channel" in scope.filters:
        return [scope.filters["channel"]]
    seen = {key[0] for counter in counters for key in counter}
    return [*facts.CALL_CHANNELS, *sorted(seen - set(facts.CALL_CHANNELS))]


def channels(scope):
    req = request()
    now, before = both(scope, ("channel",))
    rows = [{"channel": labels.text(TOTAL, req), **compared(sum(now.values()), sum(before.values()))}]
    rows += [{"channel": labels.channel(token, req), **compared(now[(token,)], before[(token,)])} for token in channel_tokens(scope, now, before)]
    columns = [("channel", _("dashboard_col_channel", default="Channel")), COUNT, PREVIOUS, CHANGE]
    return panel("channels", _("dashboard_channels", default="Interactions by channel"), columns, rows, chart("bars", "channel", "count", "previous"))


def trend(scope):
    now = cubes.series(scope.start, scope.end, scope.unit, ("outcome",), scope.filters)
    before = cubes.series(scope.previous_start, scope.previous_end, scope.unit, ("outcome",), scope.filters)
    rows = []
    for rank, (bucket, counter) in enumerate(now):
        previous = before[rank][1] if rank < len(before) else Counter()
        outcomes = {token: counter[(token,)] for token in facts.OUTCOMES}
        rows.append({"bucket": bucket.isoformat(), "total": sum(counter.values()), **outcomes, "previous": sum(previous.values())})
    req = request()
    columns = [
        ("bucket", _("dashboard_col_bucket", default="From")),
        ("total", _("dashboard_col_count", default="Interactions")),
        *((token, labels.outcome(token, req)) for token in facts.OUTCOMES),
        ("previous", _("dashboard_col_previous_rank", default="Previous period (same rank)")),
    ]
    note = _("dashboard_trend_note", default="One line per ${unit}, by its first day.", mapping={"unit": labels.text(UNIT_TITLES[scope.unit], req)})
    title = _("dashboard_trend", default="Interactions over time")
    return panel("trend", title, columns, rows, chart("line", "bucket", "total", *facts.OUTCOMES), note)


def group_of(token):
    for group, tokens in facts.DASHBOARD_CHANNEL_GROUPS:
        if token in tokens:
            return group
    return facts.DASHBOARD_CHANNEL_GROUPS[-1][0]


def span(hours):
    """The hours from the first to the last one seen (a continuous axis), else none."""
    return list(range(min(hours), max(hours) + 1)) if hours else []


def hour_label(hour):
    return f"{hour:02d} h"


def hours(scope):
    now, before = both(scope, ("hour", "channel"))
    by_group = Counter()
    for (hour, token), count in now.items():
        by_group[hour, group_of(token)] += count
    previous = Counter()
    for (hour, _token), count in before.items():
        previous[hour] += count
    groups = [group for group, _tokens in facts.DASHBOARD_CHANNEL_GROUPS]
    rows = []
    for hour in span({key[0] for key in now} | set(previous)):
        counts = {group: by_group[hour, group] for group in groups}
        rows.append({"hour": hour_label(hour), **counts, "total": sum(counts.values()), "previous": previous[hour]})
    columns = [
        ("hour", _("dashboard_col_hour", default="Hour")),
        *((group, GROUP_TITLES[group]) for group in groups),
        ("total", _("dashboard_col_total", default="Total")),
        PREVIOUS,
    ]
    title = _("dashboard_hours", default="When people call or come: by hour of day")
    return panel("hours", title, columns, rows, chart("stacked", "hour", *groups))


def week_hours(scope):
    now = cubes.query(scope.start, scope.end, ("weekday", "hour"), scope.filters)
    req = request()
    shown = span({hour for _day, hour in now})
    rows = []
    for day, name in enumerate(facts.WEEKDAYS):
        cells = {f"h{hour:02d}": now[day, hour] for hour in shown}
        rows.append({"weekday": labels.text(WEEKDAY_TITLES[name], req), **cells, "total": sum(cells.values())})
    columns = [
        ("weekday", _("dashboard_col_weekday", default="Day")),
        *((f"h{hour:02d}", hour_label(hour)) for hour in shown),
        ("total", _("dashboard_col_total", default="Total")),
    ]
    title = _("dashboard_week_hours", default="When people call or come: by weekday and hour")
    return panel("week_hours", title, columns, rows if shown else [], chart("bars", "weekday", "total"))


def desks(scope):
    now, before = both(scope, ("desk",))
    uids = {key[0] for key in now} | {key[0] for key in before}
    items = labels.Items(uids, request())
    rows = [{"desk": items.title(uid, "desk"), **compared(now[(uid,)], before[(uid,)]), **items.links(uid)} for uid in uids]
    rows.sort(key=lambda row: (-row["count"], -row["previous"], row["desk"]))
    columns = [("desk", _("dashboard_col_desk", default="Desk")), COUNT, PREVIOUS, CHANGE]
    return panel("desks", _("dashboard_desks", default="Interactions by desk"), columns, rows, chart("bars", "desk", "count", "previous"))
