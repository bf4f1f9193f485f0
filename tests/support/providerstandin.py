#!/ usr / bin / python3
"""A stand-in for KopoKopo's and IntaSend's HTTPS APIs, for PayCred's tests.

These machines have no internet, so the checkers are tested against this server on loopback,
with a self-signed certificate the test trusts. It answers the calls PayCred's checkers make,
shaped after the providers' published examples:

- KopoKopo (https://api-docs.kopokopo.com/authorization, "Request Access Token" and "Revoke
  Access Token"; the k2-connect SDKs): POST /oauth/token with the form fields client_id,
  client_secret and grant_type=client_credentials answers 200
  {"access_token": "...", "token_type": "Bearer", "expires_in": 3600, "created_at": ...};
  unknown credentials get 401 {"error": "invalid_client", "error_description": "Client
  authentication failed due to unknown client, ..."} (Doorkeeper, which KopoKopo's OAuth runs on).
  POST /oauth/revoke with client_id, client_secret and token answers 200 {}.
- IntaSend (https://developers.intasend.com, "Wallets API" → "List available wallets", source
  github.com/IntaSend/documentation wallet-as-a-service/wallets-api.md; intasend-python):
  GET /api/v1/wallets/ with "Authorization: Bearer ISSecretKey_..." and the publishable key in
  INTASEND_PUBLIC_API_KEY answers 200 with a JSON array of wallets [{"id", "currency",
  "wallet_type", "current_balance", "available_balance", "updated_at"}, ...];
  a bad key 401 {"detail": "Invalid token."}; a key that may not read wallets 403 {"detail":
  "You do not have permission to perform this action."} (IntaSend's API is Django REST Framework).

What it answers depends on the secret the test chose (client_secret, or the bearer token):
  contains "valid"     the keys work (KopoKopo needs client_id "kk-client-valid" as well)
  contains "forbidden" IntaSend: 403
  contains "slow"      no answer for 30 s (the checker's time limit is shorter)
  contains "malformed" 200 with an HTML page instead of JSON
  contains "redirect"  302 to another host (a checker must not follow it)
  contains "huge"      200 with 8 MiB of JSON (a checker must cut it off)
  contains "norevoke"  KopoKopo: a token is issued, but revoking it fails (500)
  anything else        rejected (401)

Every request is appended to the log file as one JSON line: method, path, headers, form fields.

Usage: providerstandin.py CERT KEY LOG  (prints the port it listens on, then serves)
"""

import json
import ssl
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

LOCK = threading.Lock()
ISSUED = {}  # token -> client_id, until revoked


class QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
#A checker that cut off a huge answer or gave up on a slow one closes the connection
#mid - write : expected here, not worth a traceback in the test's output.
        pass


class StandIn(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    log_path = None

    def log_message(self, *args):  # quiet: the log file records what matters
        pass

    def record(self, form):
        entry = {
            "method": self.command,
            "path": self.path,
            "headers": {k: v for k, v in self.headers.items()},
            "form": form,
        }
        with LOCK, open(self.log_path, "a", encoding="utf-8") as log:
            log.write(json.dumps(entry) + "\n")

    def answer(self, status, body, content_type="application/json", headers=()):
        data = body if isinstance(body, bytes) else json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    def misbehave(self, secret):
        """The shared odd answers; True when one was given."""
        if "slow" in secret:
            time.sleep(30)
            self.answer(504, {"detail": "too late"})
            return True
        if "malformed" in secret:
            self.answer(200, b"<html><body>Service maintenance</body></html>", "text/html")
            return True
        if "redirect" in secret:
            self.answer(302, {"detail": "moved"}, headers=[("Location", "https://elsewhere.invalid/login")])
            return True
        if "huge" in secret:
            self.answer(200, b'{"access_token": "' + b"x" * (8 << 20) + b'"}')
            return True
        return False

    def do_POST(self):
        length = int(self.headers.get("Content-Length", "0"))
        raw = self.rfile.read(length).decode("utf-8", "replace")
        form = {
    k: v[0] for k, v in urllib.parse.parse_qs(raw, keep_blank_values=True).items()}
        self.record(form)
        client_id = form.get("client_id", "")
        secret = form.get("client_secret", "")
        if self.path == "/oauth/token":
            if form.get("grant_type") != "client_credentials":
                return self.answer(400, {"error": "unsupported_grant_type"})
            if self.misbehave(secret):
                return None
            if client_id == "kk-client-valid" and "valid" in secret:
                token = "standin-token-%d" % time.monotonic_ns()
                with LOCK:
                    ISSUED[token] = (client_id, "norevoke" in secret)
                return self.answer(200, {"access_token": token, "token_type": "Bearer",
                                         "expires_in": 3600, "created_at": int(time.time())})
            return self.answer(401, {
                "error": "invalid_client",
                "error_description": "Client authentication failed due to unknown client, no "
                "client authentication included, or unsupported authentication method."})
        if self.path == "/oauth/revoke":
            with LOCK:
                issued = ISSUED.pop(form.get("token", ""), None)
            if issued is None or issued[0] != client_id:
                return self.answer(403, {"error": "unauthorized_client"})
            if issued[1]:
                return self.answer(500, {"error": "server_error"})
            return self.answer(200, {})
        return self.answer(404, {"detail": "Not found."})

    def do_GET(self):
        self.record({})
        if self.path != "/api/v1/wallets/":
            return self.answer(404, {"detail": "Not found."})
        auth = self.headers.get("Authorization", "")
        secret = auth[len("Bearer "):] if auth.startswith("Bearer ") else ""
        if self.misbehave(secret):
            return None
        if "forbidden" in secret:
            return self.answer(403, {"detail": "You do not have permission to perform this action."})
        if "valid" in secret and self.headers.get("INTASEND_PUBLIC_API_KEY", "").startswith("ISPubKey_"):
            # As IntaSend's documentation shows it: a JSON array of wallets.
            return self.answer(200, [{
                "id": 9, "currency": "KES", "wallet_type": "SETTLEMENT",
                "current_balance": "1004602.43", "available_balance": "865016.45",
                "updated_at": "2021-05-29T22:20:18.631286+03:00"}])
        return self.answer(401, {"detail": "Invalid token."})


def main():
    cert, key, log = sys.argv[1:4]
    StandIn.log_path = log
    server = QuietServer(("127.0.0.1", 0), StandIn)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    print(server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
