"""Reading inputs (files, folders, globs, stdin) into documents: decoding, formats, field mapping."""
