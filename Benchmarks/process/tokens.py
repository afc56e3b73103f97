#!/usr/bin/env python3
"""Writes DATA/jwks.json and DATA/tokens-N.txt: N distinct RS256 tokens (one per line) signed by a
2048-bit key made once, for `authflow decode` and the PyJWT loop to verify. Kept between runs."""
import json
import os
import sys
import time

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

data, count = sys.argv[1], int(sys.argv[2])
key_path = os.path.join(data, "key.pem")
tokens_path = os.path.join(data, "tokens-%d.txt" % count)
if os.path.exists(tokens_path) and os.path.exists(key_path):
    sys.exit(0)
if os.path.exists(key_path):
    with open(key_path, "rb") as f:
        key = serialization.load_pem_private_key(f.read(), password=None)
else:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    with open(key_path, "wb") as f:
        f.write(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                  serialization.NoEncryption()))
jwk = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(key.public_key()))
jwk.update({"kid": "bench-key", "alg": "RS256", "use": "sig"})
with open(os.path.join(data, "jwks.json"), "w") as f:
    json.dump({"keys": [jwk]}, f)
now = int(time.time())
with open(tokens_path + ".partial", "w") as f:
    for index in range(count):
        claims = {"iss": "https://bench.example/as", "aud": "bench-client", "sub": "user-%06d" % index,
                  "iat": now, "nbf": now, "exp": now + 30 * 86400, "jti": "token-%06d" % index,
                  "scope": "openid profile email", "client_id": "bench-client"}
        f.write(jwt.encode(claims, key, algorithm="RS256", headers={"kid": "bench-key", "typ": "at+jwt"}) + "\n")
os.rename(tokens_path + ".partial", tokens_path)
