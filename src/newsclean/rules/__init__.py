"""Vocabularies of patterns, kept apart from the code that applies them."""
