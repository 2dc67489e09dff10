"""GET @interactions[?format=json|csv][&since=YYYY-MM-DD]: the interaction log (Site Administrators).

A call redirected to another body (an orientation) names it: `organisation_uid` and
`organisation` (its title); empty for the other calls. A call logged with the desk where
the agent works (issue 17) names it: `desk_uid` and `desk` (its title); empty for
calls logged without one and for records stored before."""

import csv
from datetime import datetime
from datetime import time
from guichet_kb import _
from guichet_kb import clock
from guichet_kb.api.agent import AgentService
from guichet_kb.api.guard.dates import parse_date
from guichet_kb.api.guard.errors import Refused
from guichet_kb.importers.cells import neutralise_row
from guichet_kb.interactions import store
from guichet_kb.permissions import MANAGE_CATALOGUE
import io
import json


class InteractionsGet(AgentService):
    permission = MANAGE_CATALOGUE
    HEADER = ("date", "service_uid", "service", "channel", "outcome", "organisation_uid", "organisation", "desk_uid", "desk")

    def reply(self):
        fmt = self.request.form.get("format", "json")
        if fmt not in ("csv", "json"):
            raise Refused(400, _("error_format", default="format must be csv or json."))
        rows = self.rows(self.since())
        if fmt == "json":
            data = {
                "@id": f"{self.context.absolute_url()}/@interactions",
                "items": [dict(zip(self.HEADER, row, strict=True)) for row in rows],
                "items_total": len(rows),
                "retention_months": store.retention_months(),
            }
            # Items keep the CSV's column order (plone.restapi's JSON sorts keys).
            return self.file_reply(json.dumps(data, ensure_ascii=False), "application/json")
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(self.HEADER)
        writer.writerows(neutralise_row(row) for row in rows)
        return self.file_reply(out.getvalue(), "text/csv; charset=utf-8", "interactions.csv")

    def since(self):
        value = self.request.form.get("since")
        if value is None:
            return None
        day = parse_date(value, "since", _("error_since", default="since must be a date: YYYY-MM-DD."))
        return datetime.combine(day, time(), tzinfo=clock.zone())

    def rows(self, since):
        found = store.records(since)
        uids = {uid for row in found for uid in (row[1], row[4], row[5]) if uid}
        titles = {b.UID: b.Title for b in self.context.portal_catalog.unrestrictedSearchResults(UID=list(uids))} if uids else {}
        return [
            (
                clock.local(moment).isoformat(timespec="seconds"),
                uid,
                titles.get(uid, ""),
                channel,
                outcome,
                body or "",
                titles.get(body, ""),
                desk or "",
                titles.get(desk, ""),
            )
            for moment, uid, channel, outcome, body, desk in found
        ]
