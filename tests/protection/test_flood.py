"""A client's rate limit counts one hit per HTTP request: Zope's retry after a conflict
is not counted again (protection/clients.py `flood_allowed`)."""

from guichet_kb import ratelimit
from guichet_kb.protection.clients import flood_allowed


class Request:
    def __init__(self, retry_count=0):
        self.retry_count = retry_count

    def getClientAddr(self):
        return "192.0.2.7"


def test_a_retry_is_not_counted_again():
    ratelimit.clear()
    assert [flood_allowed(Request(), "test-flood", 2) for _n in range(2)] == [True, True]
    assert flood_allowed(Request(retry_count=1), "test-flood", 2) is True  # the retry of an allowed one
    assert flood_allowed(Request(), "test-flood", 2) is False  # a third request
    ratelimit.clear()
