#!/usr/bin/env python3
"""What `authflow decode --jwks JWKS --issuer … --audience … -` is compared with: PyJWT verifying each
token on standard input (signature, exp, nbf, iat, iss, aud) and writing its claims, one per line."""
import json
import sys

import jwt

with open(sys.argv[1]) as f:
    keys = {k["kid"]: jwt.PyJWK(k) for k in json.load(f)["keys"]}  # parsed once
out = sys.stdout
for line in sys.stdin:
    token = line.strip()
    if not token:
        continue
    header = jwt.get_unverified_header(token)
    claims = jwt.decode(token, keys[header["kid"]].key, algorithms=["RS256"], audience="bench-client",
                        issuer="https://bench.example/as")
    out.write(json.dumps(claims) + "\n")
