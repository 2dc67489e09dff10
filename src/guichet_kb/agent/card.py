"""The answer card of `guichet-kb ask` and `show` as plain text lines (moved out of
commands.py): the notices first, then the bodies other than the town that handle it, the
answer, the call script, the documents, cost, delay, online service, the town, the
desks with their hours, related answers and the provenance. What agents read is in the
CLI's language (``t``, see texts.py).
"""

from datetime import datetime
from guichet_kb.agent import orientation
from guichet_kb.agent import texts as words


def desk_line(t, desk):
    state = t(words.OPEN_NOW) if desk.get("open_now") else t(words.CLOSED_OPENS, moment=t.moment(desk.get("next_opening")))
    phone = f" — {desk['phone']}" if desk.get("phone") else ""
    return f"{desk['title']} — {desk.get('address') or ''}{phone} [{state}]"


def notice_line(t, notice):
    """'!! SERVICE SUSPENDU — Fiche : motif (jusqu'au 12/12/2026)' (notices/json.py)."""
    on = f" — {notice['on']['title']}" if notice.get("on") else ""
    until = ""
    if notice.get("end"):
        until = " (" + t(words.NOTICE_UNTIL, date=datetime.fromisoformat(notice["end"]).strftime("%d/%m/%Y")) + ")"
    kind = words.NOTICE_KINDS.get(notice.get("kind"))
    return f"!! {t(kind) if kind else notice.get('kind')}{on} : {notice.get('reason', '')}{until}"


def card(t, item, documents=None, desks=None, related=None, notices=None):
    """The answer card as plain text lines (an @answer item, optionally expanded): the
    notices, then the bodies other than the town that handle it (``competent``) first."""
    ref = f" ({item['external_id']})" if item.get("external_id") else ""
    lines = [f"{item['title']}{ref}", item["@id"]]
    notices = notices if notices is not None else item.get("notices") or []
    lines += [notice_line(t, notice) for notice in notices]
    bodies = item.get("competent") or []
    lines += orientation.lead_lines(t, bodies)
    if item.get("summary"):
        lines += ["", item["summary"]]
    if item.get("short_answer"):
        lines += ["", t(words.ANSWER), f"  {item['short_answer']}"]
    script = item.get("call_script") or {}
    for label, key in ((words.TO_SAY, "answer"), (words.TO_ASK, "questions")):
        if script.get(key):
            lines += ["", t(label)] + [f"  {line}" for line in script[key].splitlines()]
    documents = documents if documents is not None else item.get("required_documents")
    if documents is not None and item.get("@type") != "Answer":
        lines += ["", t(words.DOCUMENTS)] + ([f"  [ ] {doc}" for doc in documents] or [f"  {t(words.NO_DOCUMENT)}"])
    cost = t(words.FREE) if item.get("free_of_charge") else item.get("cost")
    facts = [(words.COST, cost), (words.DELAY, item.get("processing_time")), (words.ONLINE, item.get("online_service_url"))]
    lines += [""] + [t(words.FACT, label=t(label), value=value) for label, value in facts if value] if any(v for _l, v in facts) else []
    desks = desks if desks is not None else [item["desk"]] if item.get("desk") else []
    town = orientation.town_lines(t, bodies)
    if town:
        lines += [""] + town
    if desks:
        lines += ["", t(words.WHERE)] + [f"  {desk_line(t, desk)}" for desk in desks]
    if related:
        lines += ["", t(words.RELATED)] + [f"  - {answer['title']} : {answer.get('short_answer') or ''}" for answer in related]
    origin = item.get("provenance")
    if origin:  # written by the server in the CLI's language (serializers/provenance.py)
        lines += ["", origin["text"] + (f" <{origin['url']}>" if origin.get("url") else "")]
        lines += [origin["local_text"]] if origin.get("local_text") else []
    return "\n".join(lines)


def family(t, family):
    """The family of variants before the card: its title, the question, one numbered line per variant."""
    lines = [t(words.FAMILY, title=family["title"], count=len(family["variants"])), f"{t(words.TO_ASK)} {family['question']}"]
    for number, variant in enumerate(family["variants"], 1):
        ref = f" ({variant['external_id']})" if variant.get("external_id") else ""
        lines.append(f"  {number}. {variant['label']} — {variant['title']}{ref}")
    return "\n".join(lines)
