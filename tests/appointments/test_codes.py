"""Booking codes and the signed move/cancel links (appointments/codes.py, guichet_kb/tokens.py)."""

from .core_helpers import at
from .core_helpers import MONDAY
from datetime import timedelta
from guichet_kb import clock
from guichet_kb.appointments import codes
import pytest


def test_codes_are_readable_and_normalised():
    code = codes.new_code()
    assert len(code) == 9 and code[4] == "-" and not set(code) & set("01OIL")
    assert codes.normalise(f" {code.lower().replace('-', ' ')} ") == code
    assert [codes.normalise(text) for text in ("ABCD-EFG", "ABCD-EFG0", None, "x" * 30)] == [None, None, None, None]


def test_a_link_opens_its_booking_until_the_start(integration):
    start = at(MONDAY, 9, 10)
    token = codes.link_token("ABCD-EFGH", start)
    with clock.frozen(start - timedelta(days=1)):
        assert codes.read_link(token, "ABCD-EFGH", start) == "ABCD-EFGH"
        with pytest.raises(codes.BadLink):
            codes.read_link(token, "ABCD-EFGK", start)
        with pytest.raises(codes.BadLink):
            codes.read_link(token[:-2] + ("A" if token[-2] != "A" else "B") + token[-1], "ABCD-EFGH", start)
        with pytest.raises(codes.ExpiredLink):
            codes.read_link(token, "ABCD-EFGH", start + timedelta(minutes=20))  # moved since
    with clock.frozen(start), pytest.raises(codes.ExpiredLink):
        codes.read_link(token, "ABCD-EFGH", start)


def test_a_token_of_another_purpose_is_refused(integration):
    from guichet_kb import tokens

    other = tokens.sign(b"guichet_kb.other\n", ["ABCD-EFGH", "1"], 2**40)
    with pytest.raises(codes.BadLink):
        codes.read_link(other, "ABCD-EFGH", at(MONDAY, 9))
