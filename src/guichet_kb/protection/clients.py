"""The client's address, the one function every service uses for it.

`X-Forwarded-For` is believed only when the direct peer is a trusted proxy: the
addresses of Zope's own `trusted-proxy` setting (zope.conf; `make start` writes
`TRUSTED_PROXIES`, default 127.0.0.1 and ::1, the public site app beside Plone). Zope then
takes the last address of the header that is not itself a trusted proxy, i.e. the
one the nearest trusted proxy saw: addresses a client puts in the header itself
are ignored. From any other peer the header is ignored and the peer is the client.
"""


def client_address(request):
    """The address of the client (never the header of an untrusted peer); '' if unknown."""
    return request.getClientAddr() or ""


def flood_allowed(request, bucket, limit, seconds=60):
    """One hit of the client's rate limit (guichet_kb.ratelimit) per HTTP request: Zope's
    retry of a request after a conflict is not counted again (its first try was allowed,
    or it would not have written anything to conflict on)."""
    from guichet_kb import ratelimit

    if getattr(request, "retry_count", 0):
        return True
    return ratelimit.allowed(bucket, client_address(request), limit, seconds)
