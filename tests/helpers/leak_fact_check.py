"""The leak matrix's fact-check links (issue 16): a draft sheet of its own that points
at every hidden item (related sheets, desks, department, documents) and carries the
staff-only markers, with one fact-check request; its tokens (valid, expired, forged,
signed for an unknown request) fill `TOKENS`, which the reads name as
``{fact-check:<kind>}``. The valid link must show the draft's public fields
(`VISIBLE` among them) and nothing of the items it points at, nor a staff-only
field, to any caller; the others must show nothing of the draft at all."""

from leak_fixtures import DEMO_DOC
from leak_fixtures import FIXTURES
from leak_fixtures import hub_path
from leak_fixtures import neutral_sheet
from leak_fixtures import STAFF_MARKERS
import re


PATH = "demarches/fact-check-draft"
TITLE = "Démarche à vérifier factcheckdraft"
VISIBLE = "factcheckvisiblecost"
KINDS = ("valid", "expired", "forged", "unknown")
TOKENS = {}
PLACEHOLDER = re.compile(r"\{fact-check:([a-z]+)\}")


def fill(text):
    """``text`` with its ``{fact-check:<kind>}`` placeholders replaced by the tokens."""
    return PLACEHOLDER.sub(lambda match: TOKENS[match.group(1)], text)


def build(layer):
    """Create the draft and its request (as a Manager, inside the layer's setup)."""
    from guichet_kb.factcheck import asking
    from guichet_kb.factcheck import tokens
    from uuid import uuid4

    by_short = {}
    for fixture in FIXTURES:
        by_short.setdefault(fixture.short, []).append(layer._uid(fixture.path))
    documents = [*by_short["doc"], layer._uid(DEMO_DOC)]
    data = {
        **neutral_sheet(TITLE),
        "cost_note": VISIBLE,
        "related_sheets": [*by_short["sheet"], layer._uid(hub_path("draft"))],
        "related_answers": list(by_short["answer"]),
        "desks": list(by_short["desk"]),
        "department": by_short["dept"][0],
        "required_documents": [{"document": uid, "requirement": "mandatory", "form": "original", "case": "", "note": ""} for uid in documents],
        **{field: f"Interne {marker}." for field, marker in STAFF_MARKERS.items()},
    }
    sheet = layer._create(PATH, "ServiceSheet", data)
    record, token = asking.ask(sheet, {"email": "expert@example.org"}, "redacteur")
    payload, signature = token.split(".")
    TOKENS.update(
        valid=token,
        expired=tokens.sign(record["id"], sheet.UID(), 946684800),  # 2000-01-01
        forged=f"{payload}.{signature[:-1]}{'A' if signature[-1] != 'A' else 'B'}",
        unknown=tokens.sign(uuid4().hex, sheet.UID(), 4102444800),  # signed, but no such request
    )
