import os
from decouple import Csv, config

DEBUG = config("DEBUG", default="off", cast=bool)
CORS_ALLOWED_ORIGINS = config("CORS_ORIGINS", default="https://a.example.com, https://b.example.com", cast=Csv())
CORS_ALLOW_CREDENTIALS = config("CORS_CREDENTIALS", default=True, cast=bool)
CORS_PREFLIGHT_MAX_AGE = config("CORS_MAX_AGE", default="600", cast=int)
ORIGINS_FROM_ENV = os.getenv("ORIGINS", "https://x.example.com,https://y.example.com").split(",")
API_ORIGIN = os.environ["API_ORIGIN"]
FALLBACK = os.environ.get("FALLBACK_ORIGIN") or "https://fallback.example.com"
