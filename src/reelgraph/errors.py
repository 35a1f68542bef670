"""Typed errors that name the file (or thing) and the reason.

The library raises these; the CLI prints them on one line and the API turns
them into its one JSON error shape.
"""


class ReelgraphError(Exception):
    """Base of every error reelgraph reports to a user."""

    exit_code = 1


class InputError(ReelgraphError):
    """A document could not be read: names the path and the problem."""

    def __init__(self, path: str, problem: str):
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")


class UsageError(ReelgraphError):
    """The command line or request asked for something that cannot be done."""

    exit_code = 2


class PatternError(ReelgraphError):
    """A pattern, gazetteer or predicate table in data/ is malformed."""

    def __init__(self, path: str, line: int | None, problem: str):
        self.path, self.line, self.problem = str(path), line, problem
        where = f"{self.path}:{line}" if line else self.path
        super().__init__(f"{where}: {problem}")


class ModelMissingError(ReelgraphError):
    """An NLP model package is not installed: names the package."""

    def __init__(self, package: str, purpose: str):
        self.package = package
        super().__init__(f"the {purpose} model is missing: pip install {package}")


class StoreError(ReelgraphError):
    """The database refused or could not do what was asked."""


class NotFoundError(ReelgraphError):
    """An entity, fact or document asked for by id or name does not exist."""
