"""The public site: a stateless ASGI app rendering the REST API of PLONE_URL as HTML.

It imports nothing from Zope or Plone, so it runs anywhere, as many copies as needed
behind a load balancer (its only state is a short in-memory cache of API answers).
"""
