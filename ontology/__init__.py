"""The eventgraph ontology, concept schemes and SHACL shapes, shipped as package data."""
