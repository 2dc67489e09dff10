"""Upgrade steps, one small file per profile version."""
