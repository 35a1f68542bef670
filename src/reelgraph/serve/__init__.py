"""The HTTP API and the web UI over one store: `create_app(db_url, token)`."""

from reelgraph.serve.api import create_app

__all__ = ["create_app"]
