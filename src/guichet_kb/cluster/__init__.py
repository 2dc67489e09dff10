"""make cluster: the scaled-out stack (PostgreSQL/RelStorage, N Zope instances, HAProxy,
Varnish, two public-app copies), its backups and its migration.

Zope-free and standard-library only, so that it runs from the base install before the
`cluster` extra (RelStorage, psycopg2) is installed. Design and measured facts:
docs/cluster.md.
"""
