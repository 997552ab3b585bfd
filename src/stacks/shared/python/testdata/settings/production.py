from .base import *  # noqa: F401,F403

CORS_ALLOWED_ORIGINS += ["https://partner.example.org"]
CORS_ALLOWED_ORIGINS.append("https://status.example.com")
CORS_ALLOWED_ORIGINS.insert(0, "https://first.example.com")
CORS_EXPOSE_HEADERS = env.list("CORS_EXPOSE", default=["x-request-id"])
CORS_URLS_REGEX = os.environ.get("CORS_URLS_REGEX", r"^/api/.*$")
