"""What changed nationally for items imported from Service-Public.fr.

`diff.py` (pure Python): a word-level, HTML-safe diff of two national texts.
`changes.py`: the rows "Ce qui a changé au niveau national" of a working copy made
by the import (old national value against the new one, dates, local overrides kept),
`national_changes(obj)`, read by the Classic viewlet, `GET @national-changes` and the
reviewers' batch check-in. `withdrawals.py`: fiches absent from a full national
package, flagged "retirée au niveau national" (never deleted, never unpublished).
"""
