#!/usr/bin/env python3
"""What `authflow run` is compared with: the same exchanges against `authflow simulate`, in one
process with http.client (one connection, as authflow keeps one): authorize, read the flow, check
username and password, resume, token, JWKS, and the ID token verified with PyJWT.

Usage: httpclient_flow.py BASE ENV_ID CLIENT_ID CLIENT_SECRET USERNAME PASSWORD"""
import base64
import hashlib
import http.client
import json
import secrets
import sys
from urllib.parse import parse_qs, urlencode, urlsplit

import jwt

base, env, client_id, client_secret, username, password = sys.argv[1:7]
parts = urlsplit(base)
connection = http.client.HTTPConnection(parts.hostname, parts.port)
redirect_uri = "http://127.0.0.1/callback"
cookies = {}


def exchange(method, path, body=None, headers=None):
    headers = dict(headers or {})
    if cookies:
        headers["Cookie"] = "; ".join("%s=%s" % item for item in cookies.items())
    connection.request(method, path, body=body, headers=headers)
    response = connection.getresponse()
    data = response.read()
    for name, value in response.getheaders():
        if name.lower() == "set-cookie":
            cookie = value.split(";", 1)[0]
            key, _, val = cookie.partition("=")
            cookies[key] = val
    return response, data


def path_of(url):
    split = urlsplit(url)
    return split.path + ("?" + split.query if split.query else "")


verifier = base64.urlsafe_b64encode(secrets.token_bytes(32)).rstrip(b"=").decode()
challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
state, nonce = secrets.token_urlsafe(16), secrets.token_urlsafe(16)
query = urlencode({"response_type": "code", "client_id": client_id, "redirect_uri": redirect_uri,
                   "scope": "openid profile email", "state": state, "nonce": nonce,
                   "code_challenge": challenge, "code_challenge_method": "S256"})
response, _ = exchange("GET", "/%s/as/authorize?%s" % (env, query), headers={"Accept": "text/html,application/json"})
assert response.status == 302, response.status
flow_id = parse_qs(urlsplit(response.getheader("Location")).query)["flowId"][0]
response, data = exchange("GET", "/%s/flows/%s" % (env, flow_id), headers={"Accept": "application/json"})
assert json.loads(data)["status"] == "USERNAME_PASSWORD_REQUIRED"
response, data = exchange(
    "POST", "/%s/flows/%s" % (env, flow_id), body=json.dumps({"username": username, "password": password}),
    headers={"Accept": "application/json",
             "Content-Type": "application/vnd.pingidentity.usernamePassword.check+json"})
flow = json.loads(data)
assert flow["status"] == "COMPLETED", flow
response, _ = exchange("GET", path_of(flow["resumeUrl"]), headers={"Accept": "text/html,application/json"})
location = parse_qs(urlsplit(response.getheader("Location")).query)
assert location["state"][0] == state
basic = base64.b64encode(("%s:%s" % (client_id, client_secret)).encode()).decode()
response, data = exchange(
    "POST", "/%s/as/token" % env,
    body=urlencode({"grant_type": "authorization_code", "code": location["code"][0], "redirect_uri": redirect_uri,
                    "code_verifier": verifier}),
    headers={"Content-Type": "application/x-www-form-urlencoded", "Authorization": "Basic " + basic,
             "Accept": "application/json"})
tokens = json.loads(data)
response, data = exchange("GET", "/%s/as/jwks" % env, headers={"Accept": "application/json"})
keys = {k["kid"]: jwt.PyJWK(k) for k in json.loads(data)["keys"]}
id_token = tokens["id_token"]
claims = jwt.decode(id_token, keys[jwt.get_unverified_header(id_token)["kid"]].key, algorithms=["RS256"],
                    audience=client_id, issuer="%s/%s/as" % (base, env))
assert claims["nonce"] == nonce
print(json.dumps(claims, indent=2))
