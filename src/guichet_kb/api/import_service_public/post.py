"""POST @import-service-public {"fiches": [{"name": "F1341.json", "content": "..."}], "publish": false, "batch": "..."}

Who may call it: ImportService (__init__.py). The CLI sends batches; each request is one transaction and each fiche a savepoint
inside it, so an interrupted import leaves whole fiches only and a re-run goes on
where it stopped (unchanged fiches are skipped by their hash). "batch" names the
import run (the CLI sends one id for all the requests of a run; without it each
request is a run of its own): it is kept in the import record of every item created
or updated, for the run's digest (POST @import-digest).
"""

from guichet_kb import _
from guichet_kb.api.deserializers import unknown_fields_message
from guichet_kb.api.guard.errors import Refused
from guichet_kb.api.guard.service import CSRF_OFF
from guichet_kb.api.import_service_public import ImportService
from guichet_kb.facts import IMPORT_BATCH_PATTERN
from guichet_kb.importers.batch import valid_batch_id
from guichet_kb.importers.nodes import FicheError
from guichet_kb.importers.prepare import prepare
from guichet_kb.importers.service_public import Importer


MAX_FICHES = 200
MAX_BYTES = 20 * 1024 * 1024


class ServicePublicImportPost(ImportService):
    max_body = MAX_BYTES
    csrf = CSRF_OFF  # the CLI sends a token or Basic credentials

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
        if "batch" in data and not valid_batch_id(data["batch"]):
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
                items.append((name, prepare(item["content"], name, item.get("audiences"))))
            except FicheError as error:
                items.append((name, error))
        return Importer(self.context, publish=data.get("publish", False), batch=data.get("batch")).run(items)
