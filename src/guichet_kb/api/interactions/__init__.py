"""POST @interactions (agents) and GET @interactions (Site Administrators)."""
