"""Curated data files (gazetteers) shipped as package data; see SOURCES.md."""
