"""Base settings shared by every environment."""
import os
from pathlib import Path

import environ

env = environ.Env(DEBUG=(bool, False), ALLOWED_HOSTS=(list, ["localhost"]))
BASE_DIR = Path(__file__).resolve().parent.parent
DEBUG = env("DEBUG")
_PRIVATE = "not exported"

FRONTEND_HOST = "app.example.com"
FRONTEND_URL = f"https://{FRONTEND_HOST}"

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.common.CommonMiddleware",
]

CORS_ALLOWED_ORIGINS = [
    FRONTEND_URL,
    "https://admin.example.com",  # the back office
]
CORS_ALLOWED_ORIGIN_REGEXES = [r"^https://\w+\.example\.com$"]
CORS_ALLOW_CREDENTIALS = True
CORS_PREFLIGHT_MAX_AGE = 60 * 60
default_headers = ("accept", "authorization", "content-type")
CORS_ALLOW_HEADERS = (*default_headers, "x-api-key")
