"""Checks made when a request starts (IPubStart), before Zope parses its inputs.

Zope answers 500 or 503 when it cannot handle what it is sent: an HTTP method it
does not know is published as a GET and fails on REST services, a multipart body
without a boundary raises KeyError (503), a failing form converter (`?x:int=abc`)
a ValueError, and a JSON body nested thousands of levels deep a RecursionError
wherever plone.restapi reads it. These are refused here with a 4xx, for every
path of the site, stock or ours.

An exception cannot be raised from IPubStart (Zope's publication context
manager then fails with "generator didn't yield"), so a refused request is
published as the `guichet-refused` view of the Zope root, which raises the
stored `Refused`; its inputs are emptied first so that Zope parses nothing.
"""

from guichet_kb import _
from guichet_kb.api.guard.errors import Refused
from guichet_kb.api.guard.methods import allowed_methods
import re
from urllib.parse import parse_qsl
from zExceptions import NotFound
from ZPublisher.Converters import get_converter
from ZPublisher.HTTPRequest import has_codec
from ZPublisher.HTTPRequest import search_type


# What Zope serves: HTTP's own methods and WebDAV's (Zope implements WebDAV).
KNOWN_METHODS = (
    "GET",
    "HEAD",
    "POST",
    "PUT",
    "PATCH",
    "DELETE",
    "OPTIONS",
    "TRACE",
    "PURGE",
    "PROPFIND",
    "PROPPATCH",
    "MKCOL",
    "COPY",
    "MOVE",
    "LOCK",
    "UNLOCK",
)
WITH_BODY = ("POST", "PUT", "PATCH", "DELETE")
FORM_TYPES = ("application/x-www-form-urlencoded", "application/x-url-encoded", "")
# A JSON body is inspected up to this size (larger ones are refused by the services).
MAX_INSPECTED = 24 * 1024 * 1024
# No document of this API is nested deeper than a few levels.
MAX_JSON_DEPTH = 64
_STRINGS = re.compile(rb'"(?:[^"\\]|\\.)*"', re.DOTALL)
_BRACKETS = re.compile(rb"[\[\]{}]")


REFUSED_VIEW = "guichet-refused"


def check_request(event):
    request = event.request
    try:
        _check(request)
    except Refused as refused:
        request._guichet_refused = refused
        request.maybe_webdav_client = 0
        for name, value in (("PATH_INFO", f"/@@{REFUSED_VIEW}"), ("QUERY_STRING", ""), ("CONTENT_TYPE", "application/octet-stream")):
            request.environ[name] = value
            request.other.pop(name, None)


class RefusedRequest:
    """The `guichet-refused` view: raises what `check_request` refused (else 404)."""

    def __init__(self, context, request):
        self.context, self.request = context, request

    def __call__(self):
        refused = getattr(self.request, "_guichet_refused", None)
        if refused is None:
            raise NotFound(REFUSED_VIEW)
        raise refused


def _check(request):
    method = request.get("REQUEST_METHOD", "GET").upper()
    if method not in KNOWN_METHODS:
        raise Refused(
            405,
            _("error_method_not_allowed", default="The HTTP method ${method} is not supported.", mapping={"method": method[:20]}),
            {"Allow": ", ".join(KNOWN_METHODS)},
        )
    allowed = allowed_methods(request.environ.get("PATH_INFO", ""), method)
    if allowed:
        raise Refused(
            405,
            _("error_method_not_allowed_here", default="This service does not accept the HTTP method ${method}.", mapping={"method": method}),
            {"Allow": ", ".join(allowed)},
        )
    content_type = (request.environ.get("CONTENT_TYPE") or "").split(";")[0].strip().lower()
    if content_type == "multipart/form-data" and "boundary=" not in request.environ.get("CONTENT_TYPE", ""):
        raise Refused(400, _("error_multipart_boundary", default="A multipart body needs a boundary in its Content-Type."))
    check_converters(request.environ.get("QUERY_STRING", ""))
    if method in WITH_BODY:
        body = _peek(request)
        if body is None:
            return
        if content_type in FORM_TYPES:
            check_converters(body.decode("latin-1"))
        elif content_type != "multipart/form-data" and too_deep(body):
            raise Refused(
                400, _("error_json_depth", default="The body is nested too deeply (at most ${max} levels).", mapping={"max": MAX_JSON_DEPTH})
            )


def _peek(request):
    """The body, read without consuming it; None when it cannot be re-read or is large."""
    stream = request.stdin
    try:
        length = int(request.environ.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return None
    if not 0 < length <= MAX_INSPECTED or stream is None:
        return None
    try:
        position = stream.tell()
        body = stream.read(length)
        stream.seek(position)
    except (AttributeError, OSError, ValueError):
        return None
    return body


def too_deep(body):
    """Whether a (JSON) body opens more than MAX_JSON_DEPTH arrays or objects at once."""
    if body.count(b"[") + body.count(b"{") <= MAX_JSON_DEPTH:
        return False
    depth = 0
    for match in _BRACKETS.finditer(_STRINGS.sub(b'""', body)):
        depth += 1 if match.group() in (b"[", b"{") else -1
        if depth > MAX_JSON_DEPTH:
            return True
    return False


def check_converters(query):
    """Run Zope's form converters (`:int`, `:date`, an encoding…) as Zope will, and
    refuse a value they cannot convert (Zope would answer 500)."""
    if ":" not in query:
        return
    fields = parse_qsl(query, keep_blank_values=True, encoding="latin-1")
    names = {name for name, _value in fields}
    for name, value in fields:
        value = value.encode("latin-1").decode("utf-8", "surrogateescape")
        key, charset = name, "utf-8"
        match = search_type(key)
        while match:
            type_name, key = key[match.start() + 1 :], key[: match.start()]
            converter = get_converter(type_name, None)
            try:
                if converter is not None and (value or f"{key}:default" not in names):
                    converter(value.encode(charset, "surrogateescape") if getattr(converter, "binary", False) else value)
                elif converter is None and has_codec(type_name):
                    value = value.encode(charset, "surrogateescape").decode(type_name)
                    charset = type_name
            except Exception:
                raise Refused(
                    400, _("error_form_converter", default="The parameter '${name}' cannot be converted.", mapping={"name": name[:50]})
                ) from None
            match = search_type(key)
