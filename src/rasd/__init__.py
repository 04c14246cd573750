"""rasd: a sourced, structured, queryable record of armed conflict from Arabic news."""

__version__ = "0.1.0"
