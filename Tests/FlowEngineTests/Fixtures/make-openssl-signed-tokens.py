#!/usr/bin/env python3
"""Signs tokens with OpenSSL (through pyca/cryptography), an implementation independent of
swift-crypto's BoringSSL wrappers, so the inspector's verification is checked for interop.

Run from this directory:  python3 make-openssl-signed-tokens.py > openssl-signed-tokens.json
RSA tokens use ../../../../shared/vectors/rs256-test-key.pem; EC and Ed25519 keys are made here
and published in the output as a JWKS. PSS and ECDSA signatures are randomized, so each run
writes different tokens; any of them must verify."""
import base64, json, pathlib
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, padding, utils

def b64u(data): return base64.urlsafe_b64encode(data).rstrip(b"=").decode()
def uint(n, size): return n.to_bytes(size, "big")

rsa_key = serialization.load_pem_private_key(
    pathlib.Path("../../../../shared/vectors/rs256-test-key.pem").read_bytes(), password=None)
claims = {"iss": "https://openssl.example", "sub": "interop", "iat": 1800000000}
payload = b64u(json.dumps(claims, separators=(",", ":")).encode())
hashes_by_bits = {256: hashes.SHA256(), 384: hashes.SHA384(), 512: hashes.SHA512()}
tokens, keys = {}, []

def token(alg, kid, sign):
    header = b64u(json.dumps({"alg": alg, "kid": kid}, separators=(",", ":")).encode())
    signing_input = f"{header}.{payload}".encode()
    tokens[alg] = f"{header}.{payload}.{b64u(sign(signing_input))}"

for bits, h in hashes_by_bits.items():
    token(f"RS{bits}", "rsa", lambda m, h=h: rsa_key.sign(m, padding.PKCS1v15(), h))
    token(f"PS{bits}", "rsa", lambda m, h=h: rsa_key.sign(
        m, padding.PSS(mgf=padding.MGF1(h), salt_length=h.digest_size), h))
numbers = rsa_key.public_key().public_numbers()
keys.append({"kty": "RSA", "kid": "rsa", "n": b64u(uint(numbers.n, 256)), "e": b64u(uint(numbers.e, 3))})

for alg, curve, crv, size, h in [("ES256", ec.SECP256R1(), "P-256", 32, hashes.SHA256()),
                                 ("ES384", ec.SECP384R1(), "P-384", 48, hashes.SHA384()),
                                 ("ES512", ec.SECP521R1(), "P-521", 66, hashes.SHA512())]:
    key = ec.generate_private_key(curve)
    def sign(m, key=key, h=h, size=size):
        r, s = utils.decode_dss_signature(key.sign(m, ec.ECDSA(h)))
        return uint(r, size) + uint(s, size)  # RFC 7518 §3.4: R || S, not DER
    token(alg, alg.lower(), sign)
    pub = key.public_key().public_numbers()
    keys.append({"kty": "EC", "kid": alg.lower(), "crv": crv, "x": b64u(uint(pub.x, size)), "y": b64u(uint(pub.y, size))})

ed = ed25519.Ed25519PrivateKey.generate()
token("EdDSA", "ed", ed.sign)
raw = ed.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
keys.append({"kty": "OKP", "kid": "ed", "crv": "Ed25519", "x": b64u(raw)})

print(json.dumps({"description": "Tokens signed with OpenSSL (pyca/cryptography), independent of swift-crypto; made by make-openssl-signed-tokens.py", "jwks": {"keys": keys}, "tokens": tokens}, indent=2))
