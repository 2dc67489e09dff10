"""@@import-profile: the import profile (importers/profile.py) as a Classic UI form.

Site Administrators type desks and departments by their short id (``mairie-centrale``)
or UID; the mappings are lines, as the search settings are:

    mairie: mairie-centrale, mairie-annexe            (desks by pivot-local code)
    professionnels: mairie-centrale | urbanisme      (desks | department, by audience)

The lines become the profile's dict and go through the same ``problems()`` as
PATCH @import-profile: the same messages, nothing stored when one line is wrong.
"""

from guichet_kb import _
from guichet_kb.api.import_profile.patch import refusal
from guichet_kb.importers import profile
from guichet_kb.importers.competence import organisations_by_pivot
from plone import api
from plone.app.registry.browser.controlpanel import ControlPanelFormWrapper
from z3c.form import button
from z3c.form import field
from z3c.form import form
from zope import schema
from zope.i18n import translate
from zope.interface import Interface


class IImportProfileForm(Interface):
    department = schema.TextLine(
        title=_("Default responsible department"),
        description=_("help_profile_department", default="Its id (e.g. etat-civil) or UID."),
        required=False,
    )
    organisation = schema.TextLine(
        title=_("Default competent organisation"),
        description=_(
            "help_profile_organisation",
            default="Its id (e.g. ville-exemple) or UID: named competent on the imported sheets whose pivot codes no organisation lists. "
            "Empty: the town.",
        ),
        required=False,
    )
    organisations_by_pivot = schema.List(
        title=_("Organisations by pivot-local code"),
        description=_(
            "help_profile_organisations_by_pivot",
            default="Read-only: the pivot codes each published organisation lists (edit them on the organisation).",
        ),
        value_type=schema.TextLine(),
        required=False,
        readonly=True,
    )
    desks_by_pivot = schema.List(
        title=_("Desks by pivot-local code"),
        description=_(
            "help_profile_pivots",
            default="One per line: 'code: desk id, desk id', e.g. 'mairie: mairie-centrale'. "
            "Codes are Service-Public.fr's; the import report lists those not mapped yet.",
        ),
        value_type=schema.TextLine(),
        required=False,
    )
    by_audience = schema.List(
        title=_("Desks and department by audience"),
        description=_("help_profile_rows", default="One per line: 'key: desk id, desk id | department id'; either part may be empty."),
        value_type=schema.TextLine(),
        required=False,
    )
    by_life_event = schema.List(
        title=_("Desks and department by life event"),
        description=_("help_profile_rows", default="One per line: 'key: desk id, desk id | department id'; either part may be empty."),
        value_type=schema.TextLine(),
        required=False,
    )
    review_interval = schema.Int(title=_("Review interval of national items (months)"), required=False)
    sync_source = schema.TextLine(
        title=_("Daily sync source"), description=_("help_profile_source", default="A folder, a .zip, an npm package or a URL."), required=False
    )
    sync_publish = schema.Bool(title=_("The daily sync publishes what is complete"), required=False)


def _ids(portal_type):
    """{UID: id} and {id: UID} of the items in the type's folder."""
    brains = api.portal.get_tool("portal_catalog").unrestrictedSearchResults(portal_type=portal_type)
    return {b.UID: b.getId for b in brains}, {b.getId: b.UID for b in brains}


def _words(text):
    return [w.strip() for w in text.split(",") if w.strip()]


def to_lines(values):
    desk_ids, _unused = _ids("Desk")
    department_ids, _unused = _ids("Department")
    organisation_ids, _unused = _ids("Organisation")
    by_pivot, _default = organisations_by_pivot()

    def desks(uids):
        return ", ".join(desk_ids.get(u, u) for u in uids)

    def rows(mapping):
        lines = []
        for key, row in mapping.items():
            department = row.get("department")
            lines.append(f"{key}: {desks(row.get('desks', []))} | {department_ids.get(department, department or '')}".rstrip(" |"))
        return lines

    return {
        **values,
        "department": department_ids.get(values["department"], values["department"]),
        "organisation": organisation_ids.get(values["organisation"], values["organisation"]),
        "organisations_by_pivot": [f"{code}: {', '.join(organisation_ids.get(u, u) for u in uids)}" for code, uids in sorted(by_pivot.items())],
        "desks_by_pivot": [f"{code}: {desks(uids)}" for code, uids in values["desks_by_pivot"].items()],
        "by_audience": rows(values["by_audience"]),
        "by_life_event": rows(values["by_life_event"]),
    }


def from_lines(data):
    """The form's values as the profile's dict, and the line problems."""
    _unused, desk_uids = _ids("Desk")
    _unused, department_uids = _ids("Department")
    _unused, organisation_uids = _ids("Organisation")
    problems, result = [], {"review_interval": data.get("review_interval"), "sync_source": data.get("sync_source") or None}
    result["sync_publish"] = bool(data.get("sync_publish"))
    department = (data.get("department") or "").strip()
    result["department"] = department_uids.get(department, department) or None
    organisation = (data.get("organisation") or "").strip()
    result["organisation"] = organisation_uids.get(organisation, organisation) or None
    for name in ("desks_by_pivot", "by_audience", "by_life_event"):
        result[name] = {}
        for number, line in enumerate(data.get(name) or [], 1):
            key, sep, rest = line.partition(":")
            if not sep or not key.strip():
                problems.append(
                    _(
                        "error_profile_line",
                        default="'${field}', line ${number}: write 'key: desk id, desk id'.",
                        mapping={"field": name, "number": number},
                    )
                )
                continue
            desks, _bar, department = rest.partition("|")
            uids = [desk_uids.get(w, w) for w in _words(desks)]
            if name == "desks_by_pivot":
                result[name][key.strip()] = uids
            else:
                row = {"desks": uids}
                if department.strip():
                    row["department"] = department_uids.get(department.strip(), department.strip())
                result[name][key.strip()] = row
    return result, problems


class ImportProfileForm(form.Form):
    fields = field.Fields(IImportProfileForm)
    label = _("Import profile")
    description = _(
        "help_import_profile",
        default="What every item imported from Service-Public.fr receives when its local field is still empty: never overwrites a local edit.",
    )
    ignoreContext = False

    def getContent(self):
        return to_lines(profile.current())

    @button.buttonAndHandler(_("Save"), name="save")
    def handle_save(self, action):
        data, errors = self.extractData()
        if errors:
            self.status = self.formErrorsMessage
            return
        values, problems = from_lines(data)
        problems = problems or profile.save(values)
        if problems:
            self.status = translate(refusal(problems, self.request), context=self.request)
            return
        api.portal.show_message(_("Changes saved."), self.request)
        self.request.response.redirect(f"{api.portal.get().absolute_url()}/@@import-profile")


class ImportProfilePage(ControlPanelFormWrapper):
    form = ImportProfileForm
