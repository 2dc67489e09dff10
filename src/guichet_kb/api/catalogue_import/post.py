"""POST @catalogue-import {"csv": "..."} or {"items": [...], "organisations": [...]}: the
export format read back (Site Administrators); "organisations" is optional."""

from guichet_kb.api.guard.errors import Refused
from guichet_kb.api.guard.service import CSRF_OFF
from guichet_kb.api.guard.service import GuichetService
from guichet_kb.importers.catalogue_file import from_csv
from guichet_kb.importers.catalogue_file import import_rows
from guichet_kb.importers.catalogue_file import new_report
from guichet_kb.importers.catalogue_file import RowError
from guichet_kb.importers.catalogue_organisations import import_organisations


MAX_BYTES = 20 * 1024 * 1024


class CatalogueImportPost(GuichetService):
    max_body = MAX_BYTES
    csrf = CSRF_OFF

    def reply(self):
        data = self.json_body()
        organisations = []
        try:
            if isinstance(data.get("csv"), str) and set(data) == {"csv"}:
                rows = from_csv(data["csv"])
            elif isinstance(data.get("items"), list) and set(data) <= {"items", "organisations"} and isinstance(data.get("organisations", []), list):
                rows, organisations = data["items"], data.get("organisations", [])
            else:
                raise RowError('expected {"csv": "..."} or {"items": [...], "organisations": [...]} (the export format)')
        except RowError as error:
            raise Refused(400, str(error)) from None
        report = new_report()
        import_organisations(self.context, organisations, report)  # first: sheets may name them
        return import_rows(self.context, rows, report)
