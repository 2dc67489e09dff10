"""What every request must pass before any work is done, so bad input is a 4xx.

- `errors`: `Refused`, the one exception for a refused request, and the view that
  renders it as `{"error": {"type", "message"}}` (the transaction is aborted).
- `publisher`: checks made at the start of every request (method, body framing,
  Zope form converters, JSON nesting), before Zope parses the request.
- `service`: the base class of guichet_kb's REST services (no Zope marshalling,
  JSON bodies parsed once with clear refusals).
- `dates`: the range of dates a caller may send, declared once.
- `catalog`: stock catalog query paths (`@search`, `@@getVocabulary`) that crashed
  on badly typed queries.
"""
