"""Local demo: embedded SQLite under var/, DEBUG on, served by runserver on 127.0.0.1."""

from .base import *  # noqa: F403
from .base import SECRET_KEY as _SECRET

DEBUG = True
# A fixed key is acceptable only for the local demo; production refuses to start without its own.
SECRET_KEY = _SECRET or "childfirst-local-demo-key-not-for-production-use-0123456789abcdef"  # noqa: S105

# The embedded database and analytics store live here; create the folder on first use.
VAR_DIR.mkdir(parents=True, exist_ok=True)  # noqa: F405
