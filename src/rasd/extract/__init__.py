"""Extraction stages: mentions of actors, people and places (and, later, events and claims)."""
