"""Query parameters a service takes once: `single(form, name)`."""

from guichet_kb import _
from guichet_kb.api.guard.errors import Refused


def single(form, name):
    """The parameter's one value (None when absent); given twice -> 400."""
    value = form.get(name)
    if isinstance(value, list):
        raise Refused(400, _("error_repeated_parameter", default="Give '${name}' once.", mapping={"name": name}))
    return value
