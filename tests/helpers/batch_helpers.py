"""Items waiting for a bulk review, made in-process (fast enough for a few hundred):
complete sheets submitted by `redacteur`, with the import record of a batch."""

import catalogue_factory as make
from guichet_kb.content.imported import IMPORT_KEY
from persistent.mapping import PersistentMapping
from plone import api
from plone.app.textfield.value import RichTextValue
import transaction
from z3c.relationfield import RelationValue
from zope.annotation.interfaces import IAnnotations
from zope.component import getUtility
from zope.intid.interfaces import IIntIds


def pending_sheets(portal, count, by, batch="lot-essai", complete=True, prefix="lot"):
    """``count`` sheets written and submitted by `redacteur`, marked as imported by
    ``by`` in the import batch ``batch``; committed. [object]"""
    facts = (make.town(), make.department(f"{prefix}-service", "Service du lot"), make.desk(f"{prefix}-guichet", "Guichet du lot"))
    shared = make.publish(portal, *facts)
    department, desk = shared[f"{prefix}-service"].UID(), shared[f"{prefix}-guichet"].UID()
    town = shared[make.TOWN].UID()
    intids = getUtility(IIntIds)
    sheets = []
    with api.env.adopt_user(username="redacteur"):
        for number in range(count):
            sheet = api.content.create(
                container=portal["demarches"],
                type="ServiceSheet",
                id=f"{prefix}-{number}",
                title=f"Démarche du lot {number}",
                description="Une démarche importée pour les tests.",
                channels=["on_site"],
                no_document_needed=True,
            )
            if complete:
                sheet.eligibility = RichTextValue("<p>Tout le monde.</p>", "text/html", "text/x-html-safe")
                sheet.department = RelationValue(intids.getId(api.content.get(UID=department)))
                sheet.desks = [RelationValue(intids.getId(api.content.get(UID=desk)))]
                sheet.competences = [{"organisation": town, "case": None}]
            IAnnotations(sheet)[IMPORT_KEY] = PersistentMapping({"hash": "h", "modified": "2020-11-05", "values": {}, "batch": batch, "by": by})
            api.content.transition(sheet, transition="submit")
            sheet.reindexObject()
            sheets.append(sheet)
    transaction.commit()
    return sheets
