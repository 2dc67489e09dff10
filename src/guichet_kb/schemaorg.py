"""schema.org's GovernmentService, built once for the public site's JSON-LD and the
open-data catalogue (opendata/catalogue.py).

Zope-free (the public site imports it): the input is the REST JSON of a sheet and
of its `guichet` expansion (api/guichet/expansion.py), as the public site reads
them; the open-data job builds the same shapes from the same serializers. Fields a
sheet lacks are None (left out or null by the caller's JSON writer).
"""


def provider(guichet, site_name):
    """The competent organisation (the first of the expansion's `competent`), else the
    responsible department, else the town (the site's name)."""
    competent = (guichet or {}).get("competent") or []
    if competent:
        body = competent[0]
        return {
            "@type": "GovernmentOrganization",
            "name": body.get("title"),
            "url": body.get("website"),
            "telephone": body.get("phone"),
            "email": body.get("email"),
        }
    department = (guichet or {}).get("department")
    return {"@type": "GovernmentOrganization", "name": department.get("title") if department else site_name}


def service_channel(desk):
    """A desk (its JSON, serializers/desk.py) as a ServiceChannel of a GovernmentService."""
    return {
        "@type": "ServiceChannel",
        "name": desk.get("title"),
        "servicePhone": desk.get("phone"),
        "serviceLocation": {"@type": "GovernmentOffice", "name": desk.get("title"), "address": desk.get("address"), "telephone": desk.get("phone")},
    }


def online_channel(url, label):
    """The e-service as a ServiceChannel (``label``: "En ligne", translated by the caller)."""
    return {"@type": "ServiceChannel", "name": label, "serviceUrl": url}


def government_service(sheet, guichet, url, site_name, online_label):
    """The sheet as a GovernmentService: ``sheet`` its REST JSON (title, description,
    type_title, audiences, online_service_url, modified), ``guichet`` its expansion's
    JSON (competent, department, desks, provenance), ``url`` its public address."""
    guichet = guichet or {}
    online = sheet.get("online_service_url")
    provenance = guichet.get("provenance")
    return {
        "@context": "https://schema.org",
        "@type": "GovernmentService",
        "name": sheet.get("title"),
        "description": sheet.get("description"),
        "url": url,
        "serviceType": sheet.get("type_title"),
        "audience": {"@type": "Audience", "audienceType": ", ".join(a.get("title") or "" for a in sheet.get("audiences") or [])},
        "provider": provider(guichet, site_name),
        "areaServed": {"@type": "City", "name": site_name},
        "availableChannel": ([online_channel(online, online_label)] if online else []) + [service_channel(d) for d in guichet.get("desks") or []],
        "dateModified": sheet.get("modified"),
        "subjectOf": (
            {
                "@type": "WebPage",
                "url": provenance.get("url"),
                "name": provenance.get("text"),
                "dateModified": provenance.get("verified"),
                "publisher": {"@type": "GovernmentOrganization", "name": provenance.get("source")},
            }
            if provenance
            else None
        ),
    }
