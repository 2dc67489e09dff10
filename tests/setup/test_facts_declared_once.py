"""Facts are declared once: src/ holds no second copy of them (a grep, no Plone)."""

import re
from repo_paths import SRC


TYPE = r'"(?:ServiceSheet|RequiredDocument|Desk|Department|Answer)"'
# what -> (pattern, the only files allowed to hold it)
FACTS = {
    "a portal type group": (rf"[(\[{{]\s*{TYPE}\s*,\s*{TYPE}", {"facts.py"}),
    "the weekday list": (r'"monday",\s*"tuesday"', {"facts.py"}),
    "the audiences": (r'"particuliers",\s*"professionnels"', {"facts.py"}),
    "the sheet channels": (r'"on_site",\s*"phone"', {"facts.py"}),
    "the call channels": (r'"telephone",\s*"accueil"', {"facts.py"}),
    "the outcomes": (r'"answered",\s*"redirected"', {"facts.py"}),
    "a queue reason -> actions map": (r'"working_copy":\s*\(', {"facts.py"}),
    "a rich text field list": (r'"eligibility",\s*"steps",\s*"(?:documents_note|full_answer)"|"steps",\s*"full_answer"', {"facts.py"}),
    "a folder id": (r'"(?:demarches|guichets)"|(?<!fields=)(?<!data)\["(?:pieces|questions|services)"\]', {"facts.py", "setup/handlers.py"}),
    "a permission": (r'"(?:guichet_kb\.[A-Z]|guichet_kb: |cmf\.|zope2\.)', {"permissions.py"}),
    "a clock": (r"datetime\.now\(|date\.today\(|datetime\.utcnow\(", {"clock.py", "dates/zone.py"}),
    "a time zone": (r'ZoneInfo\(|"Europe/Paris"', {"clock.py", "dates/zone.py"}),
    "a rate limit window": (r"\bhits\.get\(|_hits\s*=", {"ratelimit.py"}),
}


def offenders(pattern, allowed):
    found = []
    for path in sorted(SRC.rglob("*.py")):
        name = path.relative_to(SRC).as_posix()
        if name in allowed:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if re.search(pattern, line):
                found.append(f"{name}:{number}: {line.strip()}")
    return found


def test_each_fact_is_declared_once():
    found = {what: offenders(pattern, allowed) for what, (pattern, allowed) in FACTS.items()}
    assert {what: lines for what, lines in found.items() if lines} == {}


def test_the_patterns_find_the_declarations():
    """A pattern that matches nothing would let copies come back unseen."""
    for what, (pattern, allowed) in FACTS.items():
        assert any(re.search(pattern, (SRC / name).read_text(encoding="utf-8")) for name in allowed), what
