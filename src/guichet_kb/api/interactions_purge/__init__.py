"""POST @interactions-purge (Site Administrators)."""
