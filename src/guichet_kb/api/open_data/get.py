"""GET @open-data: the open-data files (name, type, size, sha256, date), the
dataset's metadata and its data dictionary; GET @open-data/<name>: the file,
with Content-Type, Content-Disposition, ETag (its sha256) and Last-Modified (its
generation), answering 304 to a matching If-None-Match / If-Modified-Since.
Anonymous; reads what the daily job stored (opendata/store.py), writes nothing.
Unknown name, or nothing generated yet: 404 JSON."""

from datetime import timezone
from email.utils import format_datetime
from email.utils import parsedate_to_datetime
from guichet_kb import _
from guichet_kb.api.caching import RULESET
from guichet_kb.api.guard.errors import Refused
from guichet_kb.api.guard.service import GuichetService
from guichet_kb.opendata import store
from guichet_kb.opendata.listing import listing
from plone.caching.interfaces import IRulesetLookup
from zExceptions import NotFound
from zope.component import adapter
from zope.interface import implementer
from zope.interface import Interface
from zope.publisher.interfaces import IPublishTraverse


FILE_CACHE = "public, max-age=30, s-maxage=60"  # as the public reads; revalidated by the ETag


@implementer(IPublishTraverse)
class OpenDataGet(GuichetService):
    name = None  # the file asked for, if any

    def publishTraverse(self, request, name):
        if self.name is not None:
            raise NotFound(self, name, request)
        self.name = name
        return self

    def reply(self):
        if self.name is None:
            return listing(self.context, self.request)
        resource = store.resource(self.name)
        if resource is None:
            raise Refused(404, _("error_open_data_file", default="No open-data file of this name (or not generated yet): see @open-data."))
        return self.file(resource)

    def file(self, resource):
        response = self.request.response
        etag = f'"{resource.sha256}"'
        response.setHeader("ETag", etag)
        response.setHeader("Last-Modified", format_datetime(resource.generated.astimezone(timezone.utc), usegmt=True))
        response.setHeader("Cache-Control", FILE_CACHE)
        if self.not_modified(etag, resource.generated):
            response.setStatus(304)
            return self.file_reply("", resource.content_type)
        return self.file_reply(resource.data.decode("utf-8"), resource.content_type, resource.name)

    def not_modified(self, etag, generated):
        match = self.request.getHeader("If-None-Match")
        if match is not None:
            return etag in [tag.strip() for tag in match.split(",")] or match.strip() == "*"
        since = self.request.getHeader("If-Modified-Since")
        try:
            return since is not None and parsedate_to_datetime(since) >= generated.replace(microsecond=0)
        except (TypeError, ValueError):
            return False


@implementer(IRulesetLookup)
@adapter(OpenDataGet, Interface)
class OpenDataRuleset:
    """The listing is a public read (api/caching.py's ruleset); a file is not cached
    by that ruleset, whose ETag would replace the file's own."""

    def __init__(self, published, request):
        self.published = published

    def __call__(self):
        return RULESET if self.published.name is None else None
