"""After the race (run with `zconsole run`, server stopped): read the race agenda's
bookings back from the store and check that every slot was booked exactly once
(bench/appointments_race.py `problems`: as many bookings as slots, no two on one
counter and start, none overlapping, the booked starts the offered ones, the codes
the bookers were given); then print the summary block for the README from
BENCH_RESULTS. Exits 1 when the check fails or a booker got an answer neither 201
nor 409.
"""

from datetime import date
from datetime import datetime
from guichet_kb.appointments import store
import inspect
import json
import os
import sys
from Testing.makerequest import makerequest
from zope.component.hooks import setSite


# zconsole runs this file's text (no __file__): bench/ from the code's own file name.
sys.path.insert(0, os.path.dirname(os.path.abspath(inspect.currentframe().f_code.co_filename)))
from appointments_race import problems  # noqa: E402


def read(path):
    with open(path, encoding="utf-8") as file:
        return json.load(file)


def summary(data, results, found):
    month, contest, race = data["month"], data["race"], results["race"]
    print("\n## Summary (make bench-appointments)")
    print("```")
    print(
        f"@slots, anonymous, {month['days']} days, {month['counters']} counters, {month['types']} types, "
        f"{month['prebooked']} bookings beforehand ({month['share']:.0%} of the counters' time):"
    )
    for row in results["slots"]["rows"]:
        figures = f"p50 {row['p50']:.0f} / p95 {row['p95']:.0f} / max {row['max']:.0f} ms"
        print(f"  {row['what']}: first {row['first']:.0f} ms, then {figures} ({row['calls']} calls)")
    retried = "not counted" if race["retried"] is None else race["retried"]
    print(
        f"{race['bookers']} bookers racing for {race['slots']} slots: {race['booked']} booked in {race['seconds']:.2f} s "
        f"({race['per_second']:.1f} bookings/s) in {race['posts']} POSTs, {race['conflicts_409']} answers 409, "
        f"{retried} requests retried by Zope after a conflict, booking p50 {race['p50']:.0f} ms / p95 {race['p95']:.0f} ms"
    )
    if race.get("mails") is not None:
        print(f"confirmation e-mails received by a local SMTP server: {race['mails']} for {race['booked']} bookings")
    verdict = "every slot booked exactly once" if not found else "FAILED: " + "; ".join(found)
    print(f"store read back: {len(contest['starts'])} slots, {verdict}")
    if results.get("load"):
        print(f"load average (1 min) before / after the measures: {results['load'][0]:.1f} / {results['load'][1]:.1f} on {os.cpu_count()} cores")
    print("```")


def main(app):
    data, results = read(os.environ["BENCH_DATA"]), read(os.environ["BENCH_RESULTS"])
    setSite(makerequest(app)[os.environ.get("SITE_ID", "guichet")])
    contest, race = data["race"], results["race"]
    book = store.book_of(contest["agenda"])
    day = date.fromisoformat(contest["day"])
    kept = [b for b in (book.day(day) if book is not None else []) if b.status != "cancelled"]
    rows = [(b.code, b.counter, b.start, b.end) for b in kept]
    found = problems(rows, [datetime.fromisoformat(s) for s in contest["starts"]], [w["code"] for w in race["won"]])
    if race["error_count"]:
        found.append(f"{race['error_count']} answers neither 201 nor 409, e.g. {race['errors'][:2]}")
    print(f"\n## The race agenda read back from the store: {len(rows)} bookings on {len({(c, s) for _k, c, s, _e in rows})} distinct cells")
    summary(data, results, found)
    if found:
        sys.exit(1)


main(app)  # noqa: F821 (zconsole)
