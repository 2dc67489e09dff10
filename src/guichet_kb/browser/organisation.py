"""The Classic UI page of an organisation: contact, desks, what it handles."""

from guichet_kb.browser.sheet import ItemView
from plone import api


class OrganisationView(ItemView):
    def kind_title(self):
        return "".join(self.term_titles("guichet_kb.organisation_kinds", [self.context.kind]))

    def desks(self):
        """Its desks the caller may see (catalog only)."""
        return api.content.find(portal_type="Desk", organisation_uid=self.context.UID(), sort_on="sortable_title")

    def handles(self):
        """The sheets naming it competent that the caller may see (catalog only)."""
        return api.content.find(portal_type="ServiceSheet", competent_uids=self.context.UID(), sort_on="sortable_title")
