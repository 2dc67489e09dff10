"""PATCH @import-profile: the fields sent replace the stored ones, all or nothing;
answers as GET. Every problem is named in the one 400 message."""

from guichet_kb import _
from guichet_kb.api.guard.errors import Refused
from guichet_kb.api.import_profile.get import ImportProfileGet
from guichet_kb.importers import profile
from zope.i18n import translate


class ImportProfilePatch(ImportProfileGet):
    def reply(self):
        found = profile.save(self.json_body(), self.context)
        if found:
            raise Refused(400, refusal(found, self.request))
        return super().reply()


def refusal(problems, request):
    """One message naming each problem (the form shows the same text)."""
    text = " ".join(translate(problem, context=request) for problem in problems)
    return _("error_profile_not_saved", default="Import profile not saved: ${problems}", mapping={"problems": text})
