"""Exceptions: one a stage raises to reject a document, and the library's own errors."""

from __future__ import annotations

from .records import RejectReason


class NewscleanError(Exception):
    """Base class of the errors newsclean raises to its callers."""


class ConfigError(NewscleanError):
    """The configuration is invalid: the message names the setting and what to change."""


class AccountingError(NewscleanError):
    """Documents went missing between input and output: a bug, never a user error."""


class Reject(Exception):
    """Raised by a stage to turn the current document into a Rejection.

    Only the pipeline runner catches it; it records the stage and the document,
    so the stage only says why.
    """

    def __init__(self, reason: RejectReason, detail: str) -> None:
        super().__init__(f"{reason.value}: {detail}")
        self.reason = reason
        self.detail = detail


class CleaningRejected(NewscleanError):
    """``clean_text``/``clean_html`` could not make an article of the input.

    Carries the :class:`~newsclean.records.Rejection`, so the caller learns the
    stage, the reason and the detail.
    """

    def __init__(self, rejection) -> None:  # type: ignore[no-untyped-def]
        super().__init__(
            f"{rejection.source or '<input>'}: rejected at stage '{rejection.stage.value}' "
            f"({rejection.reason.value}): {rejection.detail}"
        )
        self.rejection = rejection
