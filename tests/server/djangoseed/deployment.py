# Makes a deployment of the seed's Django server with Debian's python3-django: copies nothing,
# runs makemigrations and migrate on the database given, then creates the users (Django's own
# create_user / create_superuser, or a given password encoding as it is, or an unusable
# password) and their credentials the seed's way (PaymentCredentials.set_private_key).
# Input: one JSON object on stdin (never argv). Output: one JSON object on stdout.
import json
import os
import sys

spec = json.load(sys.stdin)
sys.path.insert(0, spec["project"])
os.environ["DJANGO_SETTINGS_MODULE"] = "seedsite.settings"
os.environ["SEED_DATABASE"] = json.dumps(spec["database"])
os.environ["SEED_ENCRYPTION_KEY"] = spec["encryption_key"]

import django  # noqa: E402

django.setup()

from django.contrib.auth.models import User  # noqa: E402
from django.core.management import call_command  # noqa: E402

from payments.models import PaymentCredentials  # noqa: E402

call_command("makemigrations", "payments", verbosity=0)
call_command("migrate", verbosity=0)

out = {"users": {}, "credentials": []}
for user in spec["users"]:
    if user.get("superuser"):
        made = User.objects.create_superuser(user["username"], "", user["password"])
    elif "encoded" in user:
        made = User.objects.create(username=user["username"], password=user["encoded"])
    elif user.get("unusable"):
        made = User.objects.create(username=user["username"])
        made.set_unusable_password()
        made.save()
    else:
        made = User.objects.create_user(user["username"], "", user["password"])
    if user.get("inactive"):
        made.is_active = False
        made.save()
    made.refresh_from_db()
    out["users"][made.username] = {
        "id": made.id,
        "hash": made.password,
        "date_joined": made.date_joined.isoformat(),
    }

for credential in spec["credentials"]:
    row = PaymentCredentials(
        user=User.objects.get(username=credential["username"]),
        provider=credential["provider"],
        api_key=credential["api_key"],
        environment=credential["environment"],
        is_active=credential.get("is_active", True),
    )
    row.set_private_key(credential["private_key"])
    row.save()
    row.refresh_from_db()
    assert row.get_private_key() == credential["private_key"]
    out["credentials"].append({"id": row.id, "created_at": row.created_at.isoformat()})

# A bench's deployment: "bulk": {"users": N, "credentials_per_user": 1 or 2, "password": ...},
# one password encoding shared by all (hashing each at 260 000 iterations would take hours).
bulk = spec.get("bulk")
if bulk:
    from django.contrib.auth.hashers import make_password

    encoded = make_password(bulk["password"])
    User.objects.bulk_create(
        [User(username="bulk%06d" % i, password=encoded) for i in range(bulk["users"])],
        batch_size=1000,
    )
    providers = ["kopokopo", "instasend"][: bulk["credentials_per_user"]]
    rows = []
    for user in User.objects.filter(username__startswith="bulk").order_by("id"):
        for provider in providers:
            row = PaymentCredentials(
                user=user,
                provider=provider,
                api_key="pk_test_%s_%06d" % (provider, user.id),
                environment="sandbox",
            )
            row.set_private_key("sk_test_%s_%06d" % (provider, user.id))
            rows.append(row)
    PaymentCredentials.objects.bulk_create(rows, batch_size=1000)
    out["bulk"] = {"users": bulk["users"], "credentials": len(rows)}

json.dump(out, sys.stdout)
