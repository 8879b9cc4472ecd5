"""Domain errors. Services raise them with a message for the user; the API's exception handler
turns them into JSON responses with the error's status, and the site helper (`congress.site`)
shows them on the form field they name or as a page message. Nothing was changed when one is
raised: every service is one transaction."""


class DomainError(Exception):
    """A rule of the domain refused the request (bad input for this step): 400."""

    status_code = 400

    def __init__(self, message, *, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


class NotPermitted(DomainError):
    """The caller's role may never take this step (a deputy verifying points, a unit grading): 403.
    A record outside the caller's scope is not this: selectors answer 404 for those."""

    status_code = 403


class StateConflict(DomainError):
    """The record is not in a state that allows this step (grading twice, a lost race): 409."""

    status_code = 409
