"""`Refused`: a request refused with a 4xx, rendered as `{"error": {"type", "message"}}`.

The one error format of the add-on: `ERROR_TYPES` (the status map) and `error_body`
(the helper) build every error body, whoever answers it.

Raised anywhere (a publication subscriber, a service, an adapter), it is turned
into the JSON answer: by `GuichetService.render` inside a REST service (which
dooms the transaction), elsewhere by `RefusedView`, Zope's exception view for it
(the transaction is aborted). Either way a refused request stores nothing.
"""

import json
from zope.i18n import translate


ERROR_TYPES = {
    400: "BadRequest",
    401: "Unauthorized",
    403: "Forbidden",
    404: "NotFound",
    405: "MethodNotAllowed",
    409: "Conflict",
    410: "Gone",
    413: "RequestEntityTooLarge",
    422: "UnprocessableEntity",
    429: "TooManyRequests",
    503: "ServiceUnavailable",
}


class Refused(Exception):
    """A refused request: HTTP status and a translatable message."""

    def __init__(self, status, message, headers=None, type=None):
        super().__init__(message)
        self.status, self.message = status, message
        self.extra_headers = headers or {}
        self.type = type  # a more precise type than the status's (plone.restapi's WorkflowException)


def error_body(status, message, request, type=None):
    """The error JSON: the type of the status (or the one given), the message translated."""
    return {"error": {"type": type or ERROR_TYPES[status], "message": translate(message, context=request)}}


def refusal_body(refused, request, lock=False):
    """Status and headers of a `Refused` set on the response; its error JSON returned."""
    response = request.response
    response.setStatus(refused.status, lock=lock)
    for name, value in refused.extra_headers.items():
        response.setHeader(name, value)
    return error_body(refused.status, refused.message, request, refused.type)


class RefusedView:
    """Exception view (name index.html) for `Refused`, for every kind of request."""

    def __init__(self, context, request):
        self.context, self.request = context, request
        self.__parent__ = None

    def __call__(self):
        body = refusal_body(self.context, self.request, lock=True)
        response = self.request.response
        response.setHeader("Content-Type", "application/json")
        response._has_challenged = True  # no login form for a 401 refused here
        return json.dumps(body, ensure_ascii=False)
