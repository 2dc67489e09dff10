"""Spreadsheet round trip of the service sheets (Site Administrators)."""

from guichet_kb.api.guard.service import GuichetService
from guichet_kb.importers.catalogue_file import export_rows
from guichet_kb.importers.catalogue_file import from_csv
from guichet_kb.importers.catalogue_file import import_rows
from guichet_kb.importers.catalogue_file import RowError
from guichet_kb.importers.catalogue_file import to_csv
import json
from plone.protect.interfaces import IDisableCSRFProtection
from zope.interface import alsoProvides


MAX_BYTES = 20 * 1024 * 1024


class ExportGet(GuichetService):
    def render(self):
        fmt = self.request.form.get("format", "json")
        if fmt == "csv":
            self.request.response.setHeader("Content-Type", "text/csv; charset=utf-8")
            self.request.response.setHeader("Content-Disposition", 'attachment; filename="demarches.csv"')
            return to_csv(export_rows())
        if fmt != "json":
            self.request.response.setStatus(400)
            return self._json({"error": {"type": "BadRequest", "message": "format must be csv or json"}})
        return self._json({"items": export_rows()})

    def _json(self, data):
        self.request.response.setHeader("Content-Type", "application/json")
        return json.dumps(data, ensure_ascii=False, indent=1)


class ImportPost(GuichetService):
    max_body = MAX_BYTES

    def reply(self):
        alsoProvides(self.request, IDisableCSRFProtection)
        if int(self.request.getHeader("Content-Length") or 0) > MAX_BYTES:
            self.request.response.setStatus(413)
            return {"error": {"type": "RequestEntityTooLarge", "message": f"At most {MAX_BYTES} bytes per file."}}
        data = self.json_body()
        try:
            if isinstance(data, dict) and isinstance(data.get("csv"), str) and set(data) == {"csv"}:
                rows = from_csv(data["csv"])
            elif isinstance(data, dict) and isinstance(data.get("items"), list) and set(data) == {"items"}:
                rows = data["items"]
            else:
                raise RowError('expected {"csv": "..."} or {"items": [...]} (the export format)')
        except RowError as error:
            self.request.response.setStatus(400)
            return {"error": {"type": "BadRequest", "message": str(error)}}
        return import_rows(self.context, rows)
