"""The department responsible for an item: a sheet's `department` field; for an
answer, the department of the first of its related sheets that has one."""

from Acquisition import aq_base


def _department(obj):
    relation = getattr(aq_base(obj), "department", None)  # the field's own value, never an acquired one
    if relation is None or relation.isBroken():
        return None
    return relation.to_object


def department_of(obj):
    """{"UID", "title"} of the item's responsible department, or None."""
    found = _department(obj)
    if found is None and obj.portal_type == "Answer":
        for relation in getattr(obj, "related_sheets", None) or ():
            if not relation.isBroken() and relation.to_object is not None:
                found = _department(relation.to_object)
                if found is not None:
                    break
    return {"UID": found.UID(), "title": found.Title()} if found is not None else None


def department_uid_known(context, uid):
    """Whether ``uid`` is a department the caller may see (a filter's value)."""
    return bool(uid) and len(context.portal_catalog(UID=uid, portal_type="Department")) > 0
