"""Domain errors. Services raise them with a message for the user; the API's exception handler
turns them into JSON 400/409 responses and the site shows them as form or message errors."""


class DomainError(Exception):
    """A rule of the domain refused the request; nothing was changed."""

    status_code = 400

    def __init__(self, message, *, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


class StateConflict(DomainError):
    """The record is not in a state that allows this step (e.g. grading twice)."""

    status_code = 409
