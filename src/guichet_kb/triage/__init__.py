"""Triage of citizens' "useful?" feedback and agents' reports (issue 17, part 2;
GOV.UK support-api's rules).

- intake.py: what comes in is screened (e-mail addresses and phone numbers are
  replaced by « [masqué] » before anything is stored, the entry flagged `personal`)
  and a duplicate (same item, same answer or report kind, same folded comment within
  facts.DUPLICATE_MINUTES) is merged into the first entry, whose `count` grows.
- items.py: the items (a feedback entry with a comment or a "not useful" answer, each
  report), their stable ids, statuses (facts.TRIAGE_STATUSES) and the masking of
  flagged or redacted comments for whoever may not triage.
- routing.py: the department responsible for an item (the sheet's department field).
- summary.py: `summary(start, end)`, per item, for the dashboard's content gaps.

Personal data (CNIL): nothing personal is meant to be stored. A citizen's comment
is kept with personal data already masked, for the interaction log's retention
(interactions/store.py, `POST @interactions-purge`), in the feedback store
(stats/store.py) and the reports of the interaction log; the triage state (status,
the staff user id who set it, when) lives in the entry itself and goes with it. A
triager may also erase a comment whose text names someone (redaction).
"""
