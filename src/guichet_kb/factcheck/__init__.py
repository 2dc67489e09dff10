"""Fact check by the back office (issue 16, GOV.UK Publisher's "fact check").

An editor asks the responsible department's expert to confirm a draft before it
is reviewed; the expert opens a signed, expiring link without an account, reads
the draft as it is now and answers "exact" or "à corriger" with a comment. The
answer is kept on the sheet, written into its history and listed in the review
queue; a reviewer still publishes (four eyes unchanged).

- `tokens`: the signed link (HMAC over request id, sheet UID and expiry with the
  site's keyring), Zope-light.
- `store`: the requests and answers in the sheet's annotations.
- `asking`: who may ask, on which sheet, to whom; the request and its mail.
- `answering`: a token resolved to its sheet and request, the answer recorded,
  the history entry and the mail to the editor who asked.
- `draft`: what the token lets the expert read (public fields and documents only).
"""
