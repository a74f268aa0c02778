"""The search index: the only package that knows Whoosh."""
