# The settings of a deployment of the seed's Django server, as tst_import_django makes one: its
# database and ENCRYPTION_KEY come from the environment deployment.py sets (never argv).
import json
import os

SECRET_KEY = "tst-import-django-only"
INSTALLED_APPS = [
    "django.contrib.contenttypes",
    "django.contrib.auth",
    "payments",
]
DATABASES = {"default": json.loads(os.environ["SEED_DATABASE"])}
USE_TZ = True
TIME_ZONE = "UTC"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# The seed: "Uses the project's ENCRYPTION_KEY from settings".
ENCRYPTION_KEY = os.environ["SEED_ENCRYPTION_KEY"]
