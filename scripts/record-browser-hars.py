"""Records the real-browser HAR fixtures in Tests/FlowEngineTests/Fixtures/BrowserHAR/.

Run by scripts/record-browser-hars.sh, which installs Debian's chromium and Playwright (PyPI) and
starts the simulator. Debian's chromium, headless, signs on through the simulator's hosted sign-on
page for a single-page app served here on loopback (a public client with PKCE, the demo `spa` app),
and Playwright records each run as a HAR (`record_har_path`, bodies embedded). Two more fixtures are
derived from the good flow: cookies stripped as a browser's sanitized export does, and the flow
among a couple of hundred unrelated entries.
"""

import argparse
import copy
import http.server
import json
import random
import sys
import threading
from datetime import datetime, timedelta
from pathlib import Path

from playwright.sync_api import sync_playwright

ENVIRONMENT = "5caa81af-ec05-41ff-a709-c7378007a99c"
SPA_CLIENT_ID = "9b1f5a2e-3c4d-4e8f-a1b2-c3d4e5f60718"
USERNAME = "demo"
PASSWORD = "2Federate!"
WRONG_PASSWORD = "2Federate?"

# The single-page app: a public client with PKCE S256. `mode` (from the start page's query) makes it
# fail on purpose: `redirect-mismatch` sends an unregistered redirect_uri, `pkce-mismatch` sends
# another code_verifier at the token endpoint (as when the verifier is lost from storage and made
# anew).
SPA_PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Demo SPA</title></head>
<body><h1>Demo SPA</h1>
<button id="signin">Sign in</button>
<pre id="result"></pre>
<script>
const issuer = "__ISSUER__";
const clientId = "__CLIENT_ID__";
function b64url(bytes) {
  let text = "";
  for (const byte of bytes) { text += String.fromCharCode(byte); }
  return btoa(text).replace(/\\+/g, "-").replace(/\\//g, "_").replace(/=+$/, "");
}
function random() { return b64url(crypto.getRandomValues(new Uint8Array(32))); }
async function challenge(verifier) {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(verifier));
  return b64url(new Uint8Array(digest));
}
function report(value, failed) {
  const result = document.getElementById("result");
  result.textContent = JSON.stringify(value, null, 2);
  result.setAttribute("data-done", failed ? "failed" : "ok");
}
async function discovery() {
  const response = await fetch(issuer + "/.well-known/openid-configuration");
  return response.json();
}
async function signIn() {
  const mode = new URLSearchParams(location.search).get("mode") || "good";
  const configuration = await discovery();
  const verifier = random(), state = random(), nonce = random();
  const redirectURI = location.origin + (mode === "redirect-mismatch" ? "/signin-callback" : "/callback");
  sessionStorage.setItem("pending", JSON.stringify({ mode, verifier, state, nonce, redirectURI }));
  const query = new URLSearchParams({
    response_type: "code", client_id: clientId, redirect_uri: redirectURI, scope: "openid profile email",
    state, nonce, code_challenge: await challenge(verifier), code_challenge_method: "S256"
  });
  location.assign(configuration.authorization_endpoint + "?" + query);
}
async function callback() {
  const pending = JSON.parse(sessionStorage.getItem("pending") || "null");
  const parameters = new URLSearchParams(location.search);
  if (parameters.get("error")) { report({ error: parameters.get("error") }, true); return; }
  if (!pending || parameters.get("state") !== pending.state) { report({ error: "state mismatch" }, true); return; }
  const configuration = await discovery();
  const verifier = pending.mode === "pkce-mismatch" ? random() : pending.verifier;
  const response = await fetch(configuration.token_endpoint, {
    method: "POST",
    body: new URLSearchParams({
      grant_type: "authorization_code", code: parameters.get("code"), redirect_uri: pending.redirectURI,
      client_id: clientId, code_verifier: verifier
    })
  });
  const tokens = await response.json();
  if (!response.ok) { report({ status: response.status, body: tokens }, true); return; }
  await (await fetch(configuration.jwks_uri)).json();
  const userinfo = await fetch(configuration.userinfo_endpoint, {
    headers: { Authorization: "Bearer " + tokens.access_token }
  });
  report({ status: response.status, userinfo: await userinfo.json() }, false);
}
if (location.pathname === "/") {
  document.getElementById("signin").addEventListener("click", () => { signIn(); });
} else {
  callback().catch((error) => report({ error: String(error) }, true));
}
</script>
</body></html>
"""


def serve_spa(port, issuer):
    page = SPA_PAGE.replace("__ISSUER__", issuer).replace("__CLIENT_ID__", SPA_CLIENT_ID).encode()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            if self.path.split("?")[0] == "/favicon.ico":
                self.send_response(404)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(page)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(page)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def record(browser, spa, har_path, scenario):
    context = browser.new_context(record_har_path=str(har_path), record_har_content="embed", record_har_mode="full")
    page = context.new_page()
    page.set_default_timeout(20000)
    page.on("console", lambda message: print(f"  console: {message.text}", file=sys.stderr))
    mode = {"redirect-mismatch": "redirect-mismatch", "token-failure": "pkce-mismatch"}.get(scenario, "good")
    page.goto(f"{spa}/?mode={mode}")
    page.click("#signin")
    page.wait_for_url("**/signon/**")
    if scenario == "redirect-mismatch":
        page.wait_for_selector("[role=alert]")
        outcome = page.inner_text("[role=alert]")
    else:
        if scenario == "wrong-password":
            page.fill("input[name=username]", USERNAME)
            page.fill("input[name=password]", WRONG_PASSWORD)
            page.click("button[type=submit]")
            page.wait_for_selector("[role=alert]")
            print(f"  wrong password: {page.inner_text('[role=alert]')}")
        page.fill("input[name=username]", USERNAME)
        page.fill("input[name=password]", PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_selector("#result[data-done]")
        outcome = page.get_attribute("#result", "data-done") + " " + page.inner_text("#result")[:200].replace("\n", " ")
    context.close()
    print(f"  {scenario}: {outcome}")
    expected_failure = scenario in ("redirect-mismatch", "token-failure")
    if scenario != "redirect-mismatch" and outcome.startswith("ok") == expected_failure:
        sys.exit(f"record-browser-hars: {scenario} ended unexpectedly: {outcome}")


def completed_check_has_body(path, scenario):
    if scenario == "redirect-mismatch":
        return True
    entries = json.loads(path.read_text())["log"]["entries"]
    checks = [entry for entry in entries
              if entry["request"]["method"] == "POST" and "/flows/" in entry["request"]["url"]
              and entry["response"]["status"] == 200]
    return bool(checks) and "text" in checks[-1]["response"]["content"]


def header_names_stripped(headers, names):
    return [header for header in headers if header["name"].lower() not in names]


def sanitized(har):
    """Cookie, Set-Cookie and Authorization removed, as Chrome's DevTools export does by default
    ("Export HAR (sanitized)", Chrome 130 and later)."""
    copy_ = copy.deepcopy(har)
    copy_["log"]["comment"] = "Derived from good-flow.har: Cookie, Set-Cookie and Authorization headers and cookies removed."
    for entry in copy_["log"]["entries"]:
        entry["request"]["headers"] = header_names_stripped(entry["request"]["headers"], {"cookie", "authorization"})
        entry["response"]["headers"] = header_names_stripped(entry["response"]["headers"], {"set-cookie"})
        entry["request"]["cookies"] = []
        entry["response"]["cookies"] = []
    return copy_


NOISE_HOSTS = [
    ("https://cdn.shop-assets.example", ["/js/vendor.{n}.js", "/css/site.{n}.css", "/img/hero-{n}.webp"]),
    ("https://fonts.static-files.example", ["/s/inter/v{n}/latin.woff2"]),
    ("https://telemetry.metrics.example", ["/collect?v=2&t=pageview&cid={n}", "/beacon/{n}"]),
    ("https://api.shop.example", ["/v1/catalog?page={n}", "/v1/cart", "/v1/recommendations/{n}"]),
    ("https://ads.partner.example", ["/pixel.gif?id={n}"]),
]


def noise_entry(random_, started, page_ref):
    host, paths = random_.choice(NOISE_HOSTS)
    url = host + random_.choice(paths).format(n=random_.randint(1, 9999))
    method = "POST" if "/collect" in url or "/beacon/" in url else "GET"
    status = random_.choice([200] * 12 + [204, 304, 404])
    mime = {".js": "application/javascript", ".css": "text/css", "webp": "image/webp", "woff2": "font/woff2",
            ".gif": "image/gif"}
    mime_type = next((value for key, value in mime.items() if key in url), "application/json")
    text = '{"items":[]}' if mime_type == "application/json" and status == 200 else None
    wait = round(random_.uniform(5, 180), 3)
    content = {"size": len(text) if text else random_.randint(0, 90000), "mimeType": mime_type}
    if text:
        content["text"] = text
    return {
        "pageref": page_ref,
        "startedDateTime": started.isoformat(timespec="milliseconds").replace("+00:00", "Z"),
        "time": wait + 2,
        "request": {
            "method": method, "url": url, "httpVersion": "HTTP/2.0", "cookies": [],
            "headers": [{"name": "accept", "value": "*/*"}, {"name": "user-agent", "value": "Mozilla/5.0"}],
            "queryString": [], "headersSize": -1, "bodySize": 0,
        },
        "response": {
            "status": status, "statusText": "", "httpVersion": "HTTP/2.0", "cookies": [],
            "headers": [{"name": "content-type", "value": mime_type}], "content": content,
            "redirectURL": "", "headersSize": -1, "bodySize": -1 if text is None else len(text),
        },
        "cache": {},
        "timings": {"send": 1, "wait": wait, "receive": 1},
    }


def with_noise(har, count=200, seed=10):
    """The good flow among `count` unrelated synthetic entries (other hosts), in time order."""
    random_ = random.Random(seed)
    copy_ = copy.deepcopy(har)
    entries = copy_["log"]["entries"]
    start = datetime.fromisoformat(entries[0]["startedDateTime"].replace("Z", "+00:00")) - timedelta(seconds=2)
    end = datetime.fromisoformat(entries[-1]["startedDateTime"].replace("Z", "+00:00")) + timedelta(seconds=2)
    span = (end - start).total_seconds()
    page_ref = entries[0].get("pageref")
    noise = [noise_entry(random_, start + timedelta(seconds=random_.uniform(0, span)), page_ref) for _ in range(count)]
    copy_["log"]["entries"] = sorted(entries + noise, key=lambda entry: entry["startedDateTime"])
    copy_["log"]["comment"] = f"Derived from good-flow.har: {count} synthetic unrelated entries added (other hosts)."
    return copy_


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--chromium", required=True)
    parser.add_argument("--simulator-port", type=int, required=True)
    parser.add_argument("--spa-port", type=int, required=True)
    parser.add_argument("--out", required=True)
    arguments = parser.parse_args()
    out = Path(arguments.out)
    issuer = f"http://127.0.0.1:{arguments.simulator_port}/{ENVIRONMENT}/as"
    spa = f"http://127.0.0.1:{arguments.spa_port}"
    server = serve_spa(arguments.spa_port, issuer)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=arguments.chromium, headless=True)
            for scenario in ["good-flow", "wrong-password", "redirect-mismatch", "token-failure"]:
                # The body of a response whose page navigates away at once (the Flow API's COMPLETED
                # answer: the sign-on page then goes to resumeUrl) is often lost, as in Chrome's "No
                # data found for resource". The good flows are taken again, twenty times at most, until
                # it is in; the token failure keeps its first take.
                for attempt in range(20 if scenario in ("good-flow", "wrong-password") else 1):
                    record(browser, spa, out / f"{scenario}.har", scenario)
                    if completed_check_has_body(out / f"{scenario}.har", scenario):
                        break
                    print(f"  {scenario}: the Flow API's COMPLETED body is missing")
            browser.close()
    finally:
        server.shutdown()
    good = json.loads((out / "good-flow.har").read_text())
    (out / "good-flow-sanitized.har").write_text(json.dumps(sanitized(good), indent=2) + "\n")
    # Compact: this one is large, and its noise is of no interest line by line.
    (out / "good-flow-among-noise.har").write_text(json.dumps(with_noise(good), separators=(",", ":")) + "\n")
    for name in ["good-flow", "wrong-password", "redirect-mismatch", "token-failure"]:
        path = out / f"{name}.har"
        har = json.loads(path.read_text())
        path.write_text(json.dumps(har, indent=2) + "\n")
        for entry in har["log"]["entries"]:
            if "text" not in entry["response"]["content"] and entry["response"]["status"] not in (204, 302, 304):
                print(f"  {name}.har: no body for {entry['request']['method']} {entry['request']['url'][:90]}")


if __name__ == "__main__":
    main()
