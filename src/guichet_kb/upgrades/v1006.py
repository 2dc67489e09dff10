"""1006: the public read services' caching operation becomes guichet_kb.windowedCaching
(terse caching whose max-age and s-maxage never pass the next effective or expiration
date of a published item, caching/operation.py); its settings are unchanged. Only that
mapping is set: re-importing the whole registry would reset what editors changed."""

from guichet_kb.api.caching import RULESET
from guichet_kb.caching.operation import NAME
from plone import api


MAPPING = "plone.caching.interfaces.ICacheSettings.operationMapping"


def upgrade(context):
    mapping = dict(api.portal.get_registry_record(MAPPING) or {})
    mapping[RULESET] = NAME
    api.portal.set_registry_record(MAPPING, mapping)
