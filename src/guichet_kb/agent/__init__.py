"""Agents' and administrators' tools over the REST API: client and command line."""
