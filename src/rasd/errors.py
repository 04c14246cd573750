"""Typed errors raised by the library; only the CLI turns them into messages and exit codes."""


class RasdError(Exception):
    """Base class for every error rasd raises on purpose."""


class InputNotFound(RasdError):
    """A path, folder or glob given by the user matched nothing."""


class InputError(RasdError):
    """An input file cannot be read as the format it claims to be (the whole file fails)."""


class StoreError(RasdError):
    """The database file cannot be opened or is of a newer schema than this rasd knows."""
