"""Importers: Service-Public.fr (DILA) fiches; CSV/JSON catalogue files."""
