"""POST @import-service-public {"fiches": [{"name": "F1341.json", "content": "..."}], "publish": false, "batch": "run id"}

Site Administrators, and Editors who may add sheets and answers in the catalogue
folders: the import runs as its caller, so an Editor's "publish" submits complete
items for review and a Site Administrator's is the recorded four-eyes override
(importers/publishing.py). "batch" names the run (the CLI sends one for all its
requests); without it the server makes one for this request.

The CLI sends batches; each request is one transaction and each fiche a savepoint
inside it, so an interrupted import leaves whole fiches only and a re-run goes on
where it stopped (unchanged fiches are skipped by their hash).
"""

from guichet_kb import _
from guichet_kb.api.deserializers import unknown_fields_message
from guichet_kb.api.guard.errors import Refused
from guichet_kb.api.guard.service import CSRF_OFF
from guichet_kb.api.guard.service import GuichetService
from guichet_kb.facts import AUDIENCES
from guichet_kb.facts import FOLDER_OF
from guichet_kb.facts import IMPORT_BATCH_PATTERN
from guichet_kb.importers.batch import valid_batch
from guichet_kb.importers.dila import parse
from guichet_kb.importers.dila import with_hash
from guichet_kb.importers.nodes import FicheError
from guichet_kb.importers.nodes import load
from guichet_kb.importers.service_public import Importer
from guichet_kb.permissions import ADD_ANSWER_TITLE
from guichet_kb.permissions import ADD_SERVICE_SHEET_TITLE
from guichet_kb.permissions import MANAGE_CATALOGUE
from plone import api


MAX_FICHES = 200
MAX_BYTES = 20 * 1024 * 1024
ADD_PERMISSIONS = {"ServiceSheet": ADD_SERVICE_SHEET_TITLE, "Answer": ADD_ANSWER_TITLE}


class ServicePublicImportPost(GuichetService):
    max_body = MAX_BYTES
    csrf = CSRF_OFF  # the CLI sends a token or Basic credentials
    permission = MANAGE_CATALOGUE

    def allowed(self):
        if super().allowed():
            return True
        portal = self.context
        return all(
            FOLDER_OF[kind] in portal.objectIds() and api.user.has_permission(title, obj=portal[FOLDER_OF[kind]])
            for kind, title in ADD_PERMISSIONS.items()
        )

    def reply(self):
        length = int(self.request.getHeader("Content-Length") or 0)
        if length > MAX_BYTES:
            raise Refused(
                413,
                _(
                    "error_import_too_large",
                    default="Request too large (${size} bytes, at most ${max}): send smaller batches.",
                    mapping={"size": length, "max": MAX_BYTES},
                ),
            )  # noqa: E501
        data = self.json_body()
        fiches = data.get("fiches") if isinstance(data, dict) else None
        if not isinstance(fiches, list) or not fiches:
            raise Refused(400, _("error_import_body", default='Expected {"fiches": [{"name": ..., "content": ...}], "publish": false}.'))
        if len(fiches) > MAX_FICHES:
            raise Refused(
                400,
                _(
                    "error_import_count",
                    default="At most ${max} fiches per request (${count} sent).",
                    mapping={"max": MAX_FICHES, "count": len(fiches)},
                ),
            )  # noqa: E501
        unknown = set(data) - {"fiches", "publish", "batch"}
        if unknown:
            raise Refused(400, unknown_fields_message(unknown))
        if "batch" in data and not valid_batch(data["batch"]):
            raise Refused(
                400,
                _(
                    "error_import_batch",
                    default="'batch' must be 1 to 64 letters, digits or _ . : - (pattern ${pattern}).",
                    mapping={"pattern": IMPORT_BATCH_PATTERN},
                ),
            )
        if not isinstance(data.get("publish", False), bool):
            raise Refused(400, _("error_import_publish", default="'publish' must be true or false."))
        items = []
        for index, item in enumerate(fiches):
            name = item.get("name", f"#{index}") if isinstance(item, dict) else f"#{index}"
            name = name if isinstance(name, str) else f"#{index}"
            try:
                if not isinstance(item, dict) or not isinstance(item.get("content"), str):
                    raise FicheError("each fiche needs a text 'content'")
                if not isinstance(item.get("name", ""), str) or not isinstance(item.get("audiences", []), list):
                    raise FicheError("a fiche's 'name' must be a text and its 'audiences' a list")
                fiche = parse(load(item["content"], name))
                extra = item.get("audiences") or []
                if extra:
                    # The same fiche found under several audience folders.
                    fiche["audiences"] = sorted(set(fiche["audiences"]) | {a for a in extra if a in AUDIENCES})
                    with_hash(fiche)
                items.append((name, fiche))
            except FicheError as error:
                items.append((name, error))
        return Importer(self.context, publish=data.get("publish", False), batch=data.get("batch")).run(items)
