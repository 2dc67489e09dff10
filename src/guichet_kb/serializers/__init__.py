"""How the add-on's items look in JSON, declared once for every reader.

`desk.py` (a desk with its address and hours), `documents.py` (a sheet's
required-document rows with their qualifiers), `sheet.py` (a sheet as an
agent's lookup shows it, and the short link to a related item). REST services
(`@desks`, `@answer`, the `guichet` expansion, `@checklist`), the checklist
e-mail and the Classic UI pages all call these functions, so a desk or a
document row reads the same wherever it appears; what a caller may not see is
left out by `guichet_kb.visibility`.

Plain functions rather than `ISerializeToJson`/`ISerializeToJsonSummary`
adapters: registering those for Desk or ServiceSheet on the add-on's layer would
change what plone.restapi gives for these types everywhere (item GET, `@search`
summaries, relation fields in a sheet's GET) and make those stock answers
compute opening hours; these shapes are the add-on's own services' shapes.
Nothing here imports from `browser/`, `api/` or `importers/`.
"""
