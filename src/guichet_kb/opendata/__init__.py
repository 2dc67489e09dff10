"""Open data (issue 17): the published catalogue and the monthly contacts, as files
anyone may download (`GET @open-data`, the public site's « Données ouvertes »),
under the Licence Ouverte 2.0, regenerated every night.

- catalogue.py: the published catalogue as Anonymous sees it (CSV and schema.org JSON);
- monthly.py: monthly aggregated contacts, small counts suppressed;
- dictionary.py: every column documented; metadata.py: the DCAT metadata;
- files.py: `regenerate(today)`, the daily hook; store.py: where the files are kept.

What is kept: the last generated copy of each file, in the site's annotations,
replaced each night; no personal data in any of them.
"""
