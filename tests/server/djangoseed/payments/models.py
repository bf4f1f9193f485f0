# The seed's PaymentCredentials model as its document describes it ("Database Schema"): the
# private key Fernet-encrypted under settings.ENCRYPTION_KEY in a BinaryField, its SHA-256 beside
# it for verification, the api key in the clear.
import hashlib

from cryptography.fernet import Fernet
from django.conf import settings
from django.db import models


def _fernet():
    key = settings.ENCRYPTION_KEY
    return Fernet(key.encode() if isinstance(key, str) else key)


class PaymentCredentials(models.Model):
    PROVIDER_CHOICES = [("kopokopo", "KopoKopo"), ("instasend", "InstaSend")]
    ENVIRONMENT_CHOICES = [("sandbox", "Sandbox"), ("live", "Live")]

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="payment_credentials"
    )
    provider = models.CharField(max_length=20, choices=PROVIDER_CHOICES)
    api_key = models.CharField(max_length=255)
    encrypted_private_key = models.BinaryField()
    private_key_hash = models.CharField(max_length=64)
    environment = models.CharField(max_length=10, choices=ENVIRONMENT_CHOICES, default="sandbox")
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    def set_private_key(self, private_key):
        self.encrypted_private_key = _fernet().encrypt(private_key.encode())
        self.private_key_hash = hashlib.sha256(private_key.encode()).hexdigest()

    def get_private_key(self):
        return _fernet().decrypt(bytes(self.encrypted_private_key)).decode()
