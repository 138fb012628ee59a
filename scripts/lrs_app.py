"""Ralph's LRS API, for the xAPI tests (run by scripts/lrs.sh).

Ralph's file-system LRS backend writes every POST to the same file with its data backend's
default operation, `create`, which refuses a file that exists: the second POST would answer 500
("Statements bulk indexation failed"). Appending is what an LRS on one file needs; everything
else (authentication, validation, duplicate ids, queries) is Ralph's own.
"""
from ralph.backends.data.base import BaseOperationType
from ralph.backends.lrs.fs import FSLRSBackend

FSLRSBackend.default_operation_type = BaseOperationType.APPEND

from ralph.api import app  # noqa: E402  (after the backend is told to append)

__all__ = ["app"]
