"""The import profile (importers/profile.py) applied to one imported item.

What a fiche's item gets, in this order, the first source that gives something:
- desks (sheets): the desks of the fiche's pivot-local codes (every mapped code,
  in code order), else those of its audiences, else those of its life events;
- department (sheets): its audiences', else its life events', else the default;
- competent organisations (sheets): the published organisations listing one of the
  fiche's pivot codes, else the town for a fiche sent to no other body
  (importers/competence.py);
- review interval (sheets and answers): the profile's.

A value is written only into a field that is still empty, and only once: the
import record keeps the names the profile filled (``"profiled"``), so a field an
editor emptied since stays empty, and a local value is never overwritten. Only
new items and drafts receive it: a published or pending item was completed and is
under a reviewer's eye (its changes go through a working copy).

Codes of a sheet that the profile does not map are reported (``unmapped``) so the
town knows what to map; a code mapped to no desk is a choice, not reported.
"""

from guichet_kb.importers.competence import competences
from guichet_kb.importers.mapping import IMPORT_KEY
from zope.annotation.interfaces import IAnnotations


SHEET_FIELDS = ("desks", "department", "competences", "review_interval")
ANSWER_FIELDS = ("review_interval",)


def _first(rows, keys, name):
    for key in keys:
        value = rows.get(key, {}).get(name)
        if value:
            return value
    return None


def _union(lists):
    found = []
    for values in lists:
        found += [v for v in values if v not in found]
    return found


def given(profile, fiche, kind):
    """{field: value} the profile gives the item of ``fiche`` (empty values left out)."""
    values = {"review_interval": profile["review_interval"]}
    if kind == "ServiceSheet":
        audiences, events = fiche["audiences"], fiche["life_events"]
        desks = _union(profile["desks_by_pivot"].get(code, []) for code in fiche["pivots"])
        desks = desks or _union(profile["by_audience"].get(a, {}).get("desks", []) for a in audiences)
        desks = desks or _union(profile["by_life_event"].get(e, {}).get("desks", []) for e in events)
        department = _first(profile["by_audience"], audiences, "department") or _first(profile["by_life_event"], events, "department")
        values.update(desks=desks, department=department or profile["department"])
        if "organisations_by_pivot" in profile:  # added by the importer (importers/competence.py)
            values["competences"] = competences(profile, fiche["pivots"])
    return {name: value for name, value in values.items() if value}


def unmapped(profile, fiche, kind):
    """The sheet's pivot-local codes the profile does not map."""
    return [code for code in fiche["pivots"] if code not in profile["desks_by_pivot"]] if kind == "ServiceSheet" else []


def _empty(obj, name):
    return not getattr(obj, name, None)


def to_fill(obj, values):
    """The subset of ``values`` the item may receive now (see the module docstring)."""
    profiled = IAnnotations(obj).get(IMPORT_KEY, {}).get("profiled", ())
    return {name: value for name, value in values.items() if _empty(obj, name) and name not in profiled}
