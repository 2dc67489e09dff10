"""POST @page-view and POST @feedback (anonymous, rate-limited)."""
