from myproject.settings.base import *

DEBUG = True

if DEBUG:
    CORS_ALLOW_ALL_ORIGINS = True
    CORS_ALLOWED_ORIGINS.extend(["http://localhost:3000", "http://127.0.0.1:3000"])
else:
    CORS_ALLOW_ALL_ORIGINS = False

if not DEBUG:
    SECURE_SSL_REDIRECT = True

if os.environ.get("CI"):
    CORS_ALLOW_CREDENTIALS = False

try:
    from .local_settings import *
except ImportError:
    pass
