"""The listing of `GET @open-data` from the stored files (store.py): read
only, never regenerated here. Shared by GET (the JSON) and POST (its answer)."""

import csv
from guichet_kb import _
from guichet_kb.facts import OPEN_DATA_LICENCE
from guichet_kb.facts import OPEN_DATA_LICENCE_URL
from guichet_kb.opendata import store
import io
import json
from zope.i18n import translate


def file_json(resource, base):
    return {
        "@id": f"{base}/{resource.name}",
        "name": resource.name,
        "content_type": resource.content_type,
        "size": resource.size,
        "sha256": resource.sha256,
        "modified": resource.generated.isoformat(),
    }


def listing(portal, request):
    base = f"{portal.absolute_url()}/@open-data"
    resources = store.resources()
    data = {"@id": base, "license": OPEN_DATA_LICENCE, "license_url": OPEN_DATA_LICENCE_URL}
    if resources is None:
        message = _("open_data_not_generated", default="The open-data files are not generated yet: they are made every night.")
        return {
            **data,
            "generated": None,
            "items": [],
            "items_total": 0,
            "metadata": None,
            "dictionary": [],
            "message": translate(message, context=request),
        }
    named = {r.name: r for r in resources}
    dictionary = list(csv.DictReader(io.StringIO(named["dictionnaire.csv"].data.decode("utf-8")))) if "dictionnaire.csv" in named else []
    metadata = json.loads(named["metadata.json"].data) if "metadata.json" in named else None
    items = [file_json(r, base) for r in resources]
    return {
        **data,
        "generated": resources[0].generated.isoformat(),
        "items": items,
        "items_total": len(items),
        "metadata": metadata,
        "dictionary": dictionary,
    }
