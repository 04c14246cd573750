"""The embedded DuckDB store: articles, sentences, removed spans, copies and near-duplicate bands."""
