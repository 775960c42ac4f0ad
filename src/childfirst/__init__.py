"""ChildFirst: Child First policing, made concrete."""

__version__ = "0.1.0"
