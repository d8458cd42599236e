"""graphsvc: introductions along explained paths in a civic-engagement network."""

from graphsvc.app import create_app

__all__ = ["create_app"]
