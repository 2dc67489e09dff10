"""What an `@answer` card needs, precomputed at indexing: catalog columns read
instead of waking items on the agents' hot path.

- `guichet_card` (sheets and answers): the parts of the card that are the item's
  own and the same for every caller — its required documents' UIDs in row order,
  its desks' UIDs in order, its department's UID, the cost amount, whether it has
  a call script, whether it carries security settings of its own (local roles,
  a blocked inheritance or its own permission setting), the static part of its
  provenance (`provenance_record`); an answer's short answer.
- `guichet_desk` (desks): what a desk's JSON takes from the desk (`desk_card`).

Related items' data (a desk's address and hours, a document's title) come from
their own brains, which their own reindexing refreshes: a desk that moves shows
its new address on the next card. What depends on the caller stays request-time:
which related items they may see (`visibility.visible_brains`), the staff-only
call script (`sheet.may_read_internal`), translations, hours at this moment.
Values are plain Python (dicts, tuples, str, numbers), never persistent objects.
The call script's text is never stored here: catalog metadata can be read back
by stock listings (`@search?metadata_fields=`, `@@getVocabulary?attributes=`).
"""

from AccessControl.Permission import pname
from Acquisition import aq_base
from guichet_kb.content.answer import IAnswer
from guichet_kb.content.competence import offers_bodies_desks
from guichet_kb.content.desk import IDesk
from guichet_kb.content.indexers import department_uid
from guichet_kb.content.indexers import desk_uids
from guichet_kb.content.service_sheet import IServiceSheet
from guichet_kb.facts import CARD_COLUMN
from guichet_kb.facts import DESK_COLUMN
from guichet_kb.permissions import VIEW_INTERNAL_TITLE
from guichet_kb.serializers.desk import desk_card
from guichet_kb.serializers.provenance import provenance_record
from Missing import MV
from plone.indexer import indexer


CARD = CARD_COLUMN
DESK = DESK_COLUMN
OWNER = "Owner"  # every item's creator; the role holds no staff permission (rolemap.xml)


def own_security(obj):
    """Does the item itself change who holds a permission on it (beyond its
    container): local roles other than Owner, a blocked role inheritance, or a
    setting of the staff-only permission of its own?"""
    base = aq_base(obj)
    local = getattr(base, "__ac_local_roles__", None) or {}
    return bool(
        any(role != OWNER for roles in local.values() for role in roles)
        or getattr(base, "__ac_local_roles_block__", False)
        or getattr(base, pname(VIEW_INTERNAL_TITLE), None) is not None
    )


def sheet_card_of(obj):
    amount = obj.cost_amount
    return {
        "documents": tuple(row.get("document") for row in obj.required_documents or ()),
        "desks": tuple(desk_uids.callable(obj)),
        "department": department_uid.callable(obj),
        "bodies_desks": offers_bodies_desks(obj.channels),
        "competences": tuple((row["organisation"], row.get("case") or "") for row in obj.competences or () if row.get("organisation")),
        "cost_amount": str(amount) if amount is not None else None,
        "script": bool(obj.call_script_questions or obj.call_script_answer),
        "own_security": own_security(obj),
        "provenance": provenance_record(obj),
    }


def answer_card_of(obj):
    return {"short_answer": obj.short_answer, "provenance": provenance_record(obj)}


sheet_card = indexer(IServiceSheet)(sheet_card_of)
answer_card = indexer(IAnswer)(answer_card_of)
desk_column = indexer(IDesk)(desk_card)


def _column(brain, name, compute):
    """A column's value, or (an item indexed before the column existed) the same
    computed from the item."""
    value = getattr(brain, name, None)
    return compute(brain._unrestrictedGetObject()) if value is None or value is MV else value


def card(brain):
    """The brain's `guichet_card`."""
    return _column(brain, CARD, sheet_card_of if brain.portal_type == "ServiceSheet" else answer_card_of)


def desk_data(brain):
    """The desk brain's `guichet_desk`."""
    return _column(brain, DESK, desk_card)


def named(card, name):
    """The UIDs a card's related field holds ("desks": several, "department": one)."""
    value = card.get(name)
    return value if isinstance(value, tuple) else (value,) if value else ()


def competent_uids(card):
    """The UIDs of the card's competent organisations (an older card has none)."""
    return tuple(uid for uid, _case in card.get("competences", ()))


def related_uids(card):
    """Every related item a card may show: its documents, desks, department and
    competent organisations."""
    return (*card.get("documents", ()), *named(card, "desks"), *named(card, "department"), *competent_uids(card))


def organisations_lacking_desks(card, related):
    """The competent organisations none of whose desks the card lists (among the
    desks the caller may see): their own desks are offered (content/competence.py),
    for a démarche done on site."""
    if not card.get("bodies_desks", True):
        return []
    owners = {getattr(related[uid], "organisation_uid", None) for uid in named(card, "desks") if uid in related}
    return [uid for uid in competent_uids(card) if uid not in owners]


def offered_desks(card, related, desks_of):
    """The desk brains a sheet offers the caller: its own visible desks, then the
    visible desks of competent organisations it lists none of (``desks_of``,
    `visibility.visible_desks_of`)."""
    offered = [related[uid] for uid in named(card, "desks") if uid in related]
    seen = {brain.UID for brain in offered}
    for organisation in organisations_lacking_desks(card, related):
        for brain in desks_of.get(organisation, ()):
            if brain.UID not in seen:
                seen.add(brain.UID)
                offered.append(brain)
    return offered
