"""Content model: schemas, vocabularies, validation and catalog indexers."""
