import os

from .base import *  # noqa: F403
from .base import SECURE_CSP, env_bool

DEBUG = env_bool("DEBUG", True)
# A fixed key is fine on a developer's machine; production refuses to start without one.
SECRET_KEY = (
    os.environ.get("SECRET_KEY") or "dev-only-insecure-key-never-use-in-production"
)

# Django's debug pages style and script themselves inline: in development the
# Content-Security-Policy only reports (in the browser's console) what it refuses.
if DEBUG:
    SECURE_CSP_REPORT_ONLY, SECURE_CSP = SECURE_CSP, {}
