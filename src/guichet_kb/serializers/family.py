"""The ``family`` of an @answer reply and the ``variant`` of each item.

Built from the ranked results only (search/variants.py ``group``): a variant the
caller may not see was never a result, so it is never offered. Texts are in the
caller's language; labels and family titles come from the catalog metadata.
"""

from guichet_kb.search.variant_axes import AXES
from guichet_kb.search.variant_axes import AXIS_TITLES
from guichet_kb.search.variant_axes import CHOICES_OR
from guichet_kb.search.variant_axes import QUESTIONS
from guichet_kb.search.variant_axes import VALUE_PHRASES
from guichet_kb.search.variant_axes import VALUE_TITLES
from guichet_kb.search.variants import differing_axes
from guichet_kb.search.variants import family_of
from guichet_kb.search.variants import group
from guichet_kb.search.variants import values_on
from zope.i18n import translate
from zope.i18nmessageid import Message


metadata = family_of  # the item's ``guichet_family`` column, or None


def variant(brain, family):
    """{"family", "label", "facts"} of an item of the offered family, else None."""
    found = metadata(brain)
    if not family or not found or found["id"] != family["id"]:
        return None
    return {"family": found["id"], "label": found["label"], "facts": dict(found["facts"])}


def offered(results):
    """The family group() offers for [(brain, score)], or None."""
    return group(results, metadata)


def _choices(phrases, request):
    if len(phrases) < 2:
        return "".join(phrases)  # the age question names its two values itself
    return translate(Message(CHOICES_OR, mapping={"first": ", ".join(phrases[:-1]), "last": phrases[-1]}), context=request)


def question(axes, variants_facts, request):
    """One question per axis the variants differ on, the leading axis first."""
    asked = []
    for axis in axes:
        phrases = [translate(VALUE_PHRASES[v], context=request) for v in values_on(axis, variants_facts) if v in VALUE_PHRASES]
        asked.append(translate(Message(QUESTIONS[axis], mapping={"choices": _choices(phrases, request)}), context=request))
    return " ".join(asked)


def family_json(found, request):
    variants = [(brain, metadata(brain)) for brain, _score in found["variants"]]
    facts = [meta["facts"] for _brain, meta in variants]
    axes = differing_axes(facts)
    return {
        "id": found["id"],
        "title": found["title"],
        "question": question(axes, facts, request),
        "axes": [
            {
                "name": axis,
                "title": translate(AXIS_TITLES[axis], context=request),
                "values": [{"token": v, "title": translate(VALUE_TITLES[v], context=request)} for v in values_on(axis, facts)],
            }
            for axis in axes
            if axis in AXES
        ],
        "variants": [
            {
                "UID": brain.UID,
                "@id": brain.getURL(),
                "title": brain.Title,
                "label": meta["label"],
                "facts": dict(meta["facts"]),
                "external_id": brain.external_id or None,
            }
            for brain, meta in variants
        ],
    }
