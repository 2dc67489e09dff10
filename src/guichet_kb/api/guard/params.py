"""Query parameters: each taken once (`single`), none but the service's own (`refuse_unknown`).

`refuse_unknown(form, allowed)` is the one « Unknown parameter(s) » check of the add-on
(one message, msgid error_unknown_parameters): every service that lists its parameters
calls it before reading any (@agenda-day, @appointments-export, @slots, @dashboard,
@queues, @queue-tickets).
"""

from guichet_kb import _
from guichet_kb.api.guard.errors import Refused


def single(form, name):
    """The parameter's one value (None when absent); given twice -> 400."""
    value = form.get(name)
    if isinstance(value, list):
        raise Refused(400, _("error_repeated_parameter", default="Give '${name}' once.", mapping={"name": name}))
    return value


def refuse_unknown(form, allowed):
    """400 naming the parameters of ``form`` not in ``allowed`` (and what is allowed), if any."""
    unknown = sorted(name for name in form if name not in allowed)
    if unknown:
        raise Refused(
            400,
            _(
                "error_unknown_parameters",
                default="Unknown parameter(s): ${names}. Allowed: ${allowed}.",
                mapping={"names": ", ".join(name[:50] for name in unknown), "allowed": ", ".join(allowed) or "-"},
            ),
        )
