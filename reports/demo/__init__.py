"""Texts of the demo publication, from the 2007 Red Book: Markdown as the secretariat would enter it."""

from pathlib import Path

DEMO_DIR = Path(__file__).resolve().parent
