"""GET @catalogue-export[?format=json|csv]: the service sheets as a spreadsheet (Site
Administrators); the JSON file also holds the organisations ("organisations")."""

from guichet_kb import _
from guichet_kb.api.guard.errors import Refused
from guichet_kb.api.guard.service import GuichetService
from guichet_kb.importers.catalogue_file import export_rows
from guichet_kb.importers.catalogue_file import to_csv
from guichet_kb.importers.catalogue_organisations import export_organisations
import json


class CatalogueExportGet(GuichetService):
    def reply(self):
        fmt = self.request.form.get("format", "json")
        if fmt == "csv":
            return self.file_reply(to_csv(export_rows()), "text/csv; charset=utf-8", "demarches.csv")
        if fmt != "json":
            raise Refused(400, _("error_format", default="format must be csv or json."))
        # Rows keep the file's column order (plone.restapi's JSON sorts keys).
        data = {"items": export_rows(), "organisations": export_organisations()}
        return self.file_reply(json.dumps(data, ensure_ascii=False, indent=1), "application/json")
