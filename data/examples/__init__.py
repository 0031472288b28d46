"""Example event files shipped as package data."""
