#!/usr/bin/env python3
"""Writes the seed corpora under fuzz/corpus/<target>/ from the shared test data and the API's
request shapes (python3 fuzz/makeseeds.py [shared-testdata-dir]). The seeds are committed; rerun
only to change them."""
import base64, hashlib, hmac, json, os, struct, sys

root = os.path.dirname(os.path.abspath(__file__))
testdata = sys.argv[1] if len(sys.argv) > 1 else os.path.join(root, "..", "..", "shared", "testdata")
corpus = os.path.join(root, "corpus")


def put(target, name, data):
    os.makedirs(os.path.join(corpus, target), exist_ok=True)
    if isinstance(data, str):
        data = data.encode()
    with open(os.path.join(corpus, target, name), "wb") as f:
        f.write(data)


bodies = {
    "login": '{"username": "alice", "password": "correct horse"}',
    "credential": '{"provider": "kopokopo", "api_key": "ak_1234567890", "private_key": "pk_1234567890abc", "environment": "sandbox"}',
    "patch": '{"api_key": "  ak_0987654321  ", "is_active": false, "environment": "production"}',
    "user": '{"username": "bob", "password": "s3cret-pass", "is_superuser": true, "user_id": 2}',
    "types": '{"api_key": 12, "private_key": ["x"], "is_active": "true", "id": "7", "e": null, "s": "\\u00e9\\ud83d\\ude00"}',
    "list": '[1, 2, 3]',
    "refresh": '{"refresh": "eyJhbGciOiJIUzI1NiJ9.e30.x"}',
}
for name, body in bodies.items():
    put("requestbody", name, "application/json\n" + body)
put("requestbody", "form", "application/x-www-form-urlencoded; charset=utf-8\nprovider=kopokopo&api_key=ak+1234567890&private_key=pk%201234567890&is_active=true")
put("requestbody", "plain", "text/plain\nhello")

routes = [
    ("GET /users/me/", "", ""),
    ("POST /payments/credentials/", "application/json", bodies["credential"]),
    ("GET /payments/credentials/?page=1&page_size=5&provider=kopokopo", "", ""),
    ("PATCH /payments/credentials/1/", "application/json", bodies["patch"]),
    ("POST /payments/credentials/1/verify/", "application/json", '{"private_key": "pk_1234567890abc"}'),
    ("GET /payments/credentials/provider/kopokopo/", "", ""),
    ("DELETE /payments/credentials/1/", "", ""),
    ("POST /users/login/", "application/json", '{"username": "fuzzadmin", "password": "fuzz-password-1"}'),
    ("POST /users/logout/", "application/json", '{"refresh": "x"}'),
    ("POST /users/token/refresh/", "application/json", '{"refresh": "x"}'),
    ("POST /admin/users/", "application/json", bodies["user"]),
    ("GET /admin/users/?search=b", "", ""),
    ("PUT /admin/users/1/", "application/json", '{"username": "renamed", "is_active": true}'),
    ("GET /admin/credentials/?user=1", "", ""),
    ("GET /admin/audit/?action=login", "", ""),
    ("GET /admin/audit/verify/", "", ""),
    ("GET /admin/stats/", "", ""),
    ("GET /providers/", "", ""),
    ("GET /health/", "", ""),
    ("GET /api/schema/", "", ""),
    ("OPTIONS /payments/credentials/", "", ""),
]
for i, (line, ctype, body) in enumerate(routes):
    put("router", "route%02d" % i, line + "\n" + ctype + "\n" + body)
    put("httprequest", "request%02d" % i,
        line + " HTTP/1.1\r\nHost: 127.0.0.1:8000\r\nAuthorization: Bearer abc.def.ghi\r\n" +
        ("Content-Type: %s\r\nContent-Length: %d\r\n" % (ctype, len(body.encode())) if body else "") +
        "\r\n" + body)
put("httprequest", "chunked", "POST /users/login/ HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Type: application/json\r\n\r\n5\r\n{\"a\":\r\n2\r\n1}\r\n0\r\n\r\n")
put("httprequest", "expect", "POST /payments/credentials/ HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n{}")
put("httprequest", "http10", "GET /health/ HTTP/1.0\r\nX-Forwarded-For: 10.0.0.1, 10.0.0.2\r\n\r\n")
put("httprequest", "toolarge", "POST / HTTP/1.1\r\nContent-Length: 99999999\r\n\r\n")

# JWTs under the fuzz target's key (fuzz/jwt.cpp).
key = b"fuzz-signing-key-0123456789"
b64 = lambda b: base64.urlsafe_b64encode(b).rstrip(b"=")
def jwt(header, claims):
    h = b64(json.dumps(header, separators=(",", ":")).encode())
    c = b64(json.dumps(claims, separators=(",", ":")).encode())
    return h + b"." + c + b"." + b64(hmac.new(key, h + b"." + c, hashlib.sha256).digest())
claims = {"token_type": "access", "exp": 1800000000, "iat": 1700000000, "jti": "0123456789abcdef0123456789abcdef", "user_id": 1}
put("jwt", "access", jwt({"alg": "HS256", "typ": "JWT"}, claims))
put("jwt", "refresh", jwt({"alg": "HS256", "typ": "JWT"}, dict(claims, token_type="refresh", user_id="2")))
put("jwt", "expired", jwt({"alg": "HS256", "typ": "JWT"}, dict(claims, exp=1600000000)))
put("jwt", "none", b64(b'{"alg":"none"}') + b"." + b64(json.dumps(claims).encode()) + b".")
put("jwt", "noexp", jwt({"alg": "HS256"}, {"user_id": 3}))

for name in ("verify", "invalid", "generate"):
    path = os.path.join(testdata, "fernet", name + ".json")
    for i, vector in enumerate(json.load(open(path))):
        if "token" in vector:
            put("fernet", "%s%02d" % (name, i), vector["token"])

for i, vector in enumerate(json.load(open(os.path.join(testdata, "django", "pbkdf2_sha256.json")))):
    put("passwordhasher", "django%02d" % i, vector["encoded"] + "\n" + vector["password"])
    # The same at a count the target verifies (it skips counts above 1000).
    salt = vector["encoded"].split("$")[2]
    for count in (1, 1000):
        digest = base64.b64encode(hashlib.pbkdf2_hmac("sha256", vector["password"].encode(), salt.encode(), count)).decode()
        put("passwordhasher", "django%02d_%d" % (i, count), "pbkdf2_sha256$%d$%s$%s\n%s" % (count, salt, digest, vector["password"]))

# A backup made as core/vault/backup.cpp makes one, with a small scrypt cost.
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives import hashes
passphrase = b"fuzz passphrase"
salt = bytes(range(16))
n, r, p = 16, 8, 1  # within what fuzz/backup.cpp runs
prefix = b"PAYCRED-BACKUP" + struct.pack(">HB", 1, 6) + b"scrypt" + struct.pack(">QIIB", n, r, p, 16) + salt
rootkey = hashlib.scrypt(passphrase, salt=salt, n=n, r=r, p=p, dklen=32)
hk = lambda info: HKDF(hashes.SHA256(), 32, None, info).derive(rootkey)
payload_key, check_key = hk(b"paycred/backup/payload-key/v1"), hk(b"paycred/backup/passphrase-check/v1")
header = prefix + hmac.new(check_key, prefix, hashlib.sha256).digest()[:16]
header += hashlib.sha256(header).digest()
nonce = bytes(12)
plain = struct.pack(">I", 32) + bytes(32) + b"SQLite format 3\0"
put("backup", "backup", header + nonce + AESGCM(payload_key).encrypt(nonce, plain, header))
put("backup", "header", header)
