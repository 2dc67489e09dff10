"""A request whose site registry became a ghost when its connection closed still ends
cleanly: the thread's site is cleared, the end-of-request event is dispatched (the fault
that wedged one test-server thread in four: guichet_kb/publishing)."""

import io
from zope.component.hooks import getSite
from zope.component.hooks import setSite
from zope.event import notify
from zope.publisher.interfaces import EndRequestEvent
from zope.traversing.interfaces import BeforeTraverseEvent
from ZPublisher.HTTPRequest import HTTPRequest
from ZPublisher.HTTPResponse import HTTPResponse


def fresh_request():
    environ = {"SERVER_NAME": "localhost", "SERVER_PORT": "80", "REQUEST_METHOD": "GET"}
    return HTTPRequest(io.BytesIO(), environ, HTTPResponse())


def test_a_ghost_registry_at_close_does_not_keep_the_site(functional):
    test_site = getSite()
    connection = functional["zodbDB"].open()
    try:
        portal = connection.root()["Application"]["plone"]
        request = fresh_request()
        notify(BeforeTraverseEvent(portal, request))
        assert getSite() is portal
        registry = portal.getSiteManager()
        registry._p_deactivate()  # what the cache's GC does to it at close
        assert registry._p_changed is None
        connection.close()
        assert getSite() is None
        notify(EndRequestEvent(None, request))
        assert getSite() is None
    finally:
        setSite(test_site)


def test_the_close_callback_is_registered_once_per_request(functional):
    test_site = getSite()
    connection = functional["zodbDB"].open()
    try:
        portal = connection.root()["Application"]["plone"]
        request = fresh_request()
        for _ in range(3):
            notify(BeforeTraverseEvent(portal, request))
        callbacks = connection._Connection__onCloseCallbacks
        released = [callback for callback in callbacks if callback.__module__ == "guichet_kb.publishing.sites"]
        assert len(released) == 1
        connection.close()
    finally:
        setSite(test_site)
