"""Turning documents into the public formats (the ``rasd extract`` JSONL contract)."""
