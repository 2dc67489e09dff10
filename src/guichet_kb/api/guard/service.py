"""`GuichetService`: the base of guichet_kb's REST services.

- Zope's form marshalling (`?q.x:record=1`, `:list`, `:int`…) turns parameters
  into records, lists or numbers the services do not expect: our services take
  plain `name=value` parameters only, and refuse the rest with a 400.
- `json_body()` parses the body once: not JSON, not an object, too large → 400/413.
- `Refused` raised by a service is answered as `{"error": {"type", "message"}}`.
"""

from guichet_kb import _
from guichet_kb.api.guard.errors import error_body
from guichet_kb.api.guard.errors import Refused
import json
from plone.restapi.services import Service
from urllib.parse import parse_qsl
from ZPublisher.HTTPRequest import search_type


def _marshalled(name):
    return search_type(name) is not None


class GuichetService(Service):
    max_body = 4096

    def __call__(self):
        # Before render(): some services render CSV and override it.
        try:
            self.check_parameters()
        except Refused as error:
            self.request.response.setStatus(error.status)
            self.request.response.setHeader("Content-Type", "application/json")
            return json.dumps(error_body(error.status, error.message, self.request), ensure_ascii=False)
        return super().__call__()

    def check_parameters(self):
        names = [name for name, _value in parse_qsl(self.request.environ.get("QUERY_STRING", ""), keep_blank_values=True)]
        marshalled = sorted({name for name in names if _marshalled(name)})
        if (
            marshalled
            or any(not isinstance(value, str) for value in self.request.form.values() if not isinstance(value, list))
            or any(not isinstance(item, str) for value in self.request.form.values() if isinstance(value, list) for item in value)
        ):
            raise Refused(
                400,
                _(
                    "error_marshalling",
                    default="Send plain parameters (name=value): ${names} not accepted.",
                    mapping={"names": ", ".join(n[:50] for n in marshalled) or "-"},
                ),
            )

    def json_body(self):
        """The JSON object sent as body ({} when there is none)."""
        if int(self.request.getHeader("Content-Length") or 0) > self.max_body:
            raise Refused(413, _("error_body_too_large", default="Request too large."))
        raw = self.request.get("BODY") or b"{}"
        try:
            data = json.loads(raw)
        except (ValueError, RecursionError):
            raise Refused(400, _("error_bad_json", default="The body must be JSON.")) from None
        if not isinstance(data, dict):
            raise Refused(400, _("error_json_object", default="The body must be a JSON object."))
        return data
