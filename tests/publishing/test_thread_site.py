"""A request whose site registry became a ghost when its connection closed still ends
cleanly: the thread's site is cleared, the end-of-request event is dispatched (the fault
that wedged one test-server thread in four: guichet_kb/publishing)."""

from guichet_kb.publishing.threads import filter_factory
from guichet_kb.publishing.threads import fresh_thread
import io
from pathlib import Path
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


def test_each_request_starts_with_no_site(functional):
    """publishing/threads.py: whatever a previous request left, the next starts clean."""
    test_site = getSite()
    seen = []

    def app(environ, start_response):
        seen.append(getSite())
        return [b""]

    try:
        setSite(test_site)
        filter_factory({})(app)({}, None)
        assert seen == [None]
    finally:
        setSite(test_site)


def test_the_instance_pipeline_has_the_filter(tmp_path):
    from paste.deploy import loadfilter

    template = (Path(__file__).parents[2] / "instance" / "zope.ini.in").read_text()
    section = template[template.index("[filter:freshthread]") :].split("\n\n")[0]
    (tmp_path / "zope.ini").write_text(section + "\n")
    assert loadfilter(f"config:{tmp_path / 'zope.ini'}", name="freshthread") is fresh_thread
