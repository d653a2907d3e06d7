#!/usr/bin/env python3
"""Independent HS256 vector for jwt_tests.rs (Python's hmac/hashlib, not the Rust crates).

Run: python3 src/domain/webex_api/jwt_vector.py
"""
import base64
import hashlib
import hmac
import json


def b64u(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


secret_b64 = base64.b64encode(b"webex-connect-test-service-secret-0123456789").decode()
header = b64u(json.dumps({"alg": "HS256", "typ": "JWT"}, separators=(",", ":")).encode())
claims = b64u(json.dumps({"iss": "svc-1234", "iat": 1700000000, "exp": 1700003600}, separators=(",", ":")).encode())
signing_input = f"{header}.{claims}"
signature = b64u(hmac.new(base64.b64decode(secret_b64), signing_input.encode(), hashlib.sha256).digest())
print(secret_b64)
print(f"{signing_input}.{signature}")
