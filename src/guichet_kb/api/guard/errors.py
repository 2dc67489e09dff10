"""`Refused`: a request refused with a 4xx, rendered as `{"error": {"type", "message"}}`.

Raised anywhere (a publication subscriber, a service, an adapter), it is turned
into the JSON answer by `RefusedView`, Zope's exception view for it; raising
rather than returning also aborts the transaction, so a refused request stores
nothing.
"""

import json
from zope.i18n import translate


TYPES = {
    400: "BadRequest",
    401: "Unauthorized",
    403: "Forbidden",
    404: "NotFound",
    405: "MethodNotAllowed",
    413: "RequestEntityTooLarge",
    429: "TooManyRequests",
    503: "ServiceUnavailable",
}


class Refused(Exception):
    """A refused request: HTTP status and a translatable message."""

    def __init__(self, status, message, headers=None):
        super().__init__(message)
        self.status, self.message = status, message
        self.extra_headers = headers or {}


def error_body(status, message, request):
    return {"error": {"type": TYPES[status], "message": translate(message, context=request)}}


class RefusedView:
    """Exception view (name index.html) for `Refused`, for every kind of request."""

    def __init__(self, context, request):
        self.context, self.request = context, request
        self.__parent__ = None

    def __call__(self):
        error, response = self.context, self.request.response
        response.setStatus(error.status, lock=True)
        for name, value in error.extra_headers.items():
            response.setHeader(name, value)
        response.setHeader("Content-Type", "application/json")
        response._has_challenged = True  # no login form for a 401 refused here
        return json.dumps(error_body(error.status, error.message, self.request), ensure_ascii=False)
