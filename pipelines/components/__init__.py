"""spaCy components of the zhkg pipeline, one per module."""
