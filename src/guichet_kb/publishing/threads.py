"""A WSGI filter: every request starts its worker thread with no site.

The close callback of sites.py clears the site when the request's connection closes
normally. This is the second guard, for a request whose connection could not close
(its database closed under it: a test's database at the test's end while the test
server still served a late request, or a stopping instance): whatever the previous
request of the thread left, the next one starts clean instead of failing at
``setDefaultSkin`` on a dead registry. Wired in instance/zope.ini.in's pipeline and in
the test layer's server (guichet_kb.testing).
"""

from zope.component.hooks import setSite


def fresh_thread(app):
    def serve(environ, start_response):
        setSite(None)
        return app(environ, start_response)

    return serve


def filter_factory(global_conf, **local_conf):
    """PasteDeploy's filter protocol (``use = call:guichet_kb.publishing.threads:filter_factory``)."""
    return fresh_thread
