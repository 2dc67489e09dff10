"""Classic UI « Appeler le suivant » (@@guichet-appel?desk=UID&counter=code, MANAGE_QUEUES):
the screen of one counter's agent (issue 19).

The ticket or appointment at the counter, very large; the counter's actions as small
POST forms with plone.protect's token (open or close, call the next, recall, absent,
done, transfer to another service's queue of the desk, a waiting ticket's priority), so
the page works without JavaScript; the waiting tickets the counter serves (priority
marked) and the arrived appointments of this counter. queue_counter.js sends the same
actions as POST @queue-counter, redraws from the answer, polls GET @queue-counter every
5 seconds (POLL_SECONDS: a few agents, not the public) and gives the keys: o open/close,
n next, r recall, a absent, t done, x transfer, p priority. The data and the rules are
api/queue_counter's (state.py, post.py `perform`) either way. No e-mail nor phone is shown.
"""

from guichet_kb import _
from guichet_kb.api import queue_counter_state as state
from guichet_kb.api.guard.errors import Refused
from guichet_kb.api.queue_counter.post import perform
from guichet_kb.facts import QUEUE_PRIORITY_REASONS
import json
from plone import api
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from urllib.parse import urlencode
from zope.i18n import translate


POLL_SECONDS = 5
DONE = _("appel_done", default="Done: ${action}.")
# The action buttons: (action, key, title), in the screen's order.
ACTIONS = (
    ("next", "n", _("appel_action_next", default="Call the next")),
    ("recall", "r", _("appel_action_recall", default="Recall")),
    ("no_show", "a", _("appel_action_no_show", default="Absent")),
    ("done", "t", _("appel_action_done", default="Done")),
)
OPEN = _("appel_action_open", default="Open the counter")
CLOSE = _("appel_action_close", default="Close the counter")
MESSAGES = {
    "open": OPEN,
    "close": CLOSE,
    "opened": _("appel_opened", default="Open"),
    "closed": _("appel_closed", default="Closed"),
    "nobody": _("appel_nobody", default="Nobody at the counter."),
    "none_waiting": _("appel_none_waiting", default="Nobody waiting."),
    "none_arrived": _("appel_none_arrived", default="No arrived appointment."),
    "done": DONE,
    "transfer_choose": _("appel_transfer_choose", default="Choose the service, then Enter."),
    "priority_choose": _("appel_priority_choose", default="Choose the ticket and the reason, then Enter."),
    "refresh_failed": _("appel_refresh_failed", default="The screen could not be refreshed:"),
}


def priority_titles(request):
    return {reason: translate(state.PRIORITY_TITLES[reason], context=request) for reason in QUEUE_PRIORITY_REASONS}


class CounterScreen(BrowserView):
    problem = None

    def __call__(self):
        if self.request.method == "POST":
            return self.post()
        self.place = self.chosen()
        return self.index()

    # -- choices
    def places(self):
        """[(desk UID, desk title, [(code, label)])] of the desks with a listed queue."""
        from guichet_kb.queues.lines import desk_of
        from guichet_kb.queues.lines import queues_for
        from guichet_kb.queues.lines import rules_of

        found = {}
        for queue in queues_for():
            desk = desk_of(queue)
            if desk is None:
                continue
            entry = found.setdefault(desk.UID(), (desk.Title(), {}))
            for counter in rules_of(queue).counters:
                entry[1].setdefault(counter.code, counter.label)
        return [(uid, title, list(counters.items())) for uid, (title, counters) in sorted(found.items(), key=lambda item: item[1][0])]

    def chosen(self):
        """The Place asked for, else the first counter of the first desk (None without any)."""
        form = {name: self.request.form.get(name) for name in ("desk", "counter")}
        places = self.places()
        if not form["desk"] and places:
            form["desk"] = places[0][0]
        if not form["counter"]:
            counters = next((counters for uid, _title, counters in places if uid == form["desk"]), [])
            form["counter"] = counters[0][0] if counters else None
        if not form["desk"]:
            return None
        try:
            return state.desk_counter(form)
        except Refused as refused:
            self.problem = translate(refused.message, context=self.request)
            return None

    # -- data
    def data(self):
        if not hasattr(self, "_data"):
            self._data = state.counter_json(self.place, self.request) if self.place is not None else None
        return self._data

    def actions(self):
        """The buttons: (action, id, key, title), the open/close toggle first."""
        data = self.data()
        is_open = bool(data and data["counter"]["open"])
        found = [("close" if is_open else "open", "toggle", "o", CLOSE if is_open else OPEN)]
        found += [(action, action, key, title) for action, key, title in ACTIONS]
        return [{"action": action, "id": id, "key": key, "title": translate(title, context=self.request)} for action, id, key, title in found]

    def transfers(self):
        """(value "queue service", title) of the other services of the desk's queues."""
        data = self.data() or {}
        at = (data.get("current") or {}).get("service", {}).get("uid")
        return [
            (f"{queue['uid']} {service['uid']}", f"{service['title']} ({queue['title']})")
            for queue in data.get("queues", [])
            for service in queue.get("services", ())
            if service["uid"] != at
        ]

    def priority_title(self, reason):
        return priority_titles(self.request).get(reason, reason)

    def reasons(self):
        return priority_titles(self.request).items()

    def config(self):
        messages = {key: translate(msg, context=self.request) for key, msg in MESSAGES.items()}
        data = self.data()
        place = {"desk": data["desk"]["uid"], "counter": data["counter"]["code"]} if data else None
        return json.dumps(
            {
                "portal": self.context.absolute_url(),
                "messages": messages,
                "priorities": priority_titles(self.request),
                "place": place,
                "poll_s": POLL_SECONDS,
            },
            ensure_ascii=False,
        )

    def token(self):
        return self.context.restrictedTraverse("@@authenticator").token()

    def url(self, desk=None, counter=None):
        query = {"desk": desk or "", **({"counter": counter} if counter else {})}
        return f"{self.context.absolute_url()}/@@guichet-appel?{urlencode(query)}"

    # -- the no-JavaScript forms
    def post(self):
        CheckAuthenticator(self.request)
        form = self.request.form
        data = {name: form.get(name) for name in ("desk", "counter", "action", "ticket", "reason") if form.get(name)}
        target = form.get("target")
        if isinstance(target, str) and " " in target:
            data["queue"], data["service"] = target.split(" ", 1)
        try:
            answer = perform(data, self.request)
        except Refused as refused:
            api.portal.show_message(refused.message, self.request, type="error")
        else:
            called = answer["called"]
            what = f"{called['number']}" if called else translate(answer["counter"]["label"], context=self.request)
            api.portal.show_message(_("appel_done", default="Done: ${action}.", mapping={"action": what}), self.request)
        desk, counter = form.get("desk"), form.get("counter")
        self.request.response.redirect(self.url(desk if isinstance(desk, str) else "", counter if isinstance(counter, str) else ""), status=303)
        return ""
