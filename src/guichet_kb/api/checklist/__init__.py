"""GET @checklist (the text agents copy) and POST @checklist (e-mailed to the citizen)."""
