"""POST @interactions (agents), GET @interactions?format=csv|json and
POST @interactions-purge (Site Administrators)."""

import csv
from datetime import datetime
from datetime import time
from guichet_kb import _
from guichet_kb import clock
from guichet_kb import facts
from guichet_kb.api.guard.dates import parse_date
from guichet_kb.api.interactions.base import AgentService
from guichet_kb.api.interactions.base import Refused
from guichet_kb.importers.cells import neutralise_row
from guichet_kb.interactions import store
from guichet_kb.permissions import MANAGE_PORTAL
from guichet_kb.stats.store import count_view
import io
import json


class InteractionPost(AgentService):
    fields = frozenset({"service", "channel", "outcome"})

    def answer(self):
        data = self.body()
        channel = self.choice(data, "channel", facts.CALL_CHANNELS)
        outcome = self.choice(data, "outcome", facts.OUTCOMES)
        uid = None
        if data.get("service") is not None:
            brain = self.item(data["service"])
            uid = brain.UID
            if brain.portal_type == "ServiceSheet":
                # A call about a service is demand too: it feeds @top-services' popularity.
                count_view(uid)
        elif outcome != "not_answered":
            raise Refused(400, _("error_service_required", default="Give the 'service' UID of a sheet or an answer."))
        store.add(uid, channel, outcome)
        self.request.response.setStatus(201)
        return {"service": uid, "channel": channel, "outcome": outcome}


class InteractionsGet(AgentService):
    permission = MANAGE_PORTAL
    HEADER = ("date", "service_uid", "service", "channel", "outcome")

    def render(self):
        try:
            self.require_permission()
            fmt = self.request.form.get("format", "json")
            if fmt not in ("csv", "json"):
                raise Refused(400, _("error_format", default="format must be csv or json."))
            since = self.since()
        except Refused as error:
            return self._json(self.error(error.status, error.message))
        rows = self.rows(since)
        if fmt == "json":
            return self._json(
                {
                    "@id": f"{self.context.absolute_url()}/@interactions",
                    "items": [dict(zip(self.HEADER, row, strict=True)) for row in rows],
                    "items_total": len(rows),
                    "retention_months": store.retention_months(),
                }
            )
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(self.HEADER)
        writer.writerows(neutralise_row(row) for row in rows)
        self.request.response.setHeader("Content-Type", "text/csv; charset=utf-8")
        self.request.response.setHeader("Content-Disposition", 'attachment; filename="interactions.csv"')
        return out.getvalue()

    def since(self):
        value = self.request.form.get("since")
        if value is None:
            return None
        day = parse_date(value, "since", _("error_since", default="since must be a date: YYYY-MM-DD."))
        return datetime.combine(day, time(), tzinfo=clock.zone())

    def rows(self, since):
        found = store.records(since)
        uids = {row[1] for row in found if row[1]}
        titles = {b.UID: b.Title for b in self.context.portal_catalog.unrestrictedSearchResults(UID=list(uids))} if uids else {}
        return [
            (clock.local(moment).isoformat(timespec="seconds"), uid, titles.get(uid, ""), channel, outcome) for moment, uid, channel, outcome in found
        ]

    def _json(self, data):
        self.request.response.setHeader("Content-Type", "application/json")
        return json.dumps(data, ensure_ascii=False)


class PurgePost(AgentService):
    permission = MANAGE_PORTAL

    def answer(self):
        self.body()
        removed = store.purge()
        return {"removed": removed, "retention_months": store.retention_months(), "kept": store.count()}
