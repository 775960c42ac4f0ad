"""Lawbook tests need no database; they run the pure-Python package directly."""
