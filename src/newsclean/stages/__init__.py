"""The pipeline's stages: thin adapters over the text functions in each module."""
