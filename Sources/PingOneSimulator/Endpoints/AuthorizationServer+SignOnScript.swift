extension AuthorizationServer {
    /// The sign-on page's script: it signs on through the Flow API, as PingOne's hosted page does
    /// (`GET /flows/{id}`, then the action each state offers, then the flow's `resumeUrl`), so a
    /// browser's network log of this page has PingOne's Flow API calls in it. The page lives on its
    /// own origin (as `apps.pingone.<tld>`), so every call is cross-origin, with the browser's
    /// cookies (`credentials: "include"`): the `ST` cookie goes along only as its `SameSite` allows.
    ///
    /// It plays every state the simulator asks for: the password, a device choice (masked phone or
    /// email), an OTP (with the attempts left), a push (polling the flow), a new password, and a
    /// FIDO assertion from a clearly labelled simulated security key. Everything it shows is set as
    /// text (`textContent`), never as HTML. Without JavaScript the page's form posts to `/signon/`.
    static let signOnScript = """
        (function () {
          var form = document.querySelector("form[data-flow]");
          if (!form || !window.fetch) { return; }
          var flowURL = form.getAttribute("data-flow");
          var area = document.createElement("div");
          area.setAttribute("id", "state");
          form.parentNode.insertBefore(area, form.nextSibling);
          var pollTimer = null;
          function show(text) {
            var alert = document.querySelector("[role=alert]");
            if (!alert) {
              alert = document.createElement("p");
              alert.setAttribute("role", "alert");
              form.parentNode.insertBefore(alert, form);
            }
            alert.textContent = text;
          }
          function element(tag, text, attributes) {
            var node = document.createElement(tag);
            if (text !== undefined && text !== null) { node.textContent = String(text); }
            for (var name in (attributes || {})) { node.setAttribute(name, attributes[name]); }
            return node;
          }
          function message(body) {
            var detail = body && body.details && body.details.length ? body.details[0] : null;
            var text = (detail && detail.message) || (body && body.message) || "The sign-on failed.";
            var inner = detail && detail.innerError;
            if (inner && typeof inner.remainingAttempts === "number" && text.indexOf("attempt") < 0) {
              text += " (" + inner.remainingAttempts + " attempts left)";
            }
            if (inner && inner.errors && inner.errors.length) {
              text += " " + inner.errors.map(function (e) { return e.message || e.code; }).join(" ");
            }
            if (body && body.code === "ACCESS_FAILED") {
              text += " (The Flow API needs this flow's ST cookie: did the browser send it from this page's origin?)";
            }
            return text;
          }
          function call(link, action, body) {
            var options = { credentials: "include", headers: { "Accept": "application/json" } };
            if (action) {
              options.method = "POST";
              options.headers["Content-Type"] = "application/vnd.pingidentity." + action + "+json";
              options.body = JSON.stringify(body);
            }
            return fetch(link, options)
              .then(function (response) {
                return response.json().then(function (json) { return { ok: response.ok, body: json }; });
              })
              .then(function (result) {
                if (!result.ok) { show(message(result.body)); return null; }
                render(result.body);
                return result.body;
              })
              .catch(function () { show("The sign-on service did not answer (a CORS or network failure)."); });
          }
          function href(flow, name) {
            var links = flow._links || {};
            return links[name] && links[name].href;
          }
          function button(text, onClick) {
            var node = element("button", text, { type: "button" });
            node.addEventListener("click", onClick);
            return node;
          }
          function field(label, name, type) {
            var wrapper = element("label", label + " ");
            var input = element("input", null, { name: name, type: type || "text", autocomplete: "off" });
            wrapper.appendChild(input);
            area.appendChild(wrapper);
            area.appendChild(element("br"));
            return input;
          }
          function deviceLabel(device) {
            return device.type + (device.email ? " " + device.email : "") + (device.phone ? " " + device.phone : "");
          }
          function render(flow) {
            if (pollTimer) { clearTimeout(pollTimer); pollTimer = null; }
            area.textContent = "";
            var status = flow.status;
            var passwordStep = status === "USERNAME_PASSWORD_REQUIRED" || status === "PASSWORD_REQUIRED";
            form.style.display = passwordStep ? "" : "none";
            form.onsubmit = null;
            var embedded = flow._embedded || {};
            if (status === "COMPLETED" && flow.resumeUrl) { window.location.assign(flow.resumeUrl); return; }
            if (passwordStep) {
              var check = href(flow, "usernamePassword.check");
              if (status === "PASSWORD_REQUIRED" && embedded.user && embedded.user.username) {
                form.elements.username.value = embedded.user.username;
              }
              form.onsubmit = function (event) {
                if (!check) { return; }
                event.preventDefault();
                var password = form.elements.password.value;
                form.elements.password.value = "";
                call(check, "usernamePassword.check", { username: form.elements.username.value, password: password });
              };
              return;
            }
            area.appendChild(element("h2", status, { "data-status": status }));
            if (status === "DEVICE_SELECTION_REQUIRED" || status === "PUSH_CONFIRMATION_TIMED_OUT") {
              if (status === "PUSH_CONFIRMATION_TIMED_OUT") { area.appendChild(element("p", "The push was not approved in time.")); }
              area.appendChild(element("p", "Choose a device:"));
              var list = element("ul");
              (embedded.devices || []).forEach(function (device) {
                var item = element("li");
                item.appendChild(button(deviceLabel(device), function () {
                  call(href(flow, "device.select"), "device.select", { device: { id: device.id } });
                }));
                list.appendChild(item);
              });
              area.appendChild(list);
            } else if (status === "OTP_REQUIRED") {
              var selected = (embedded.devices || []).filter(function (d) { return flow.selectedDevice && d.id === flow.selectedDevice.id; })[0];
              area.appendChild(element("p", "Enter the one-time passcode" + (selected ? " sent to " + deviceLabel(selected) : "") + "."));
              var otp = field("Passcode", "otp");
              area.appendChild(button("Verify", function () {
                var value = otp.value;
                otp.value = "";
                call(href(flow, "otp.check"), "otp.check", { otp: value });
              }));
            } else if (status === "PUSH_CONFIRMATION_REQUIRED") {
              area.appendChild(element("p", "Approve the sign-on on your phone. This page checks the flow every second."));
              if (href(flow, "cancel.push.authentication")) {
                area.appendChild(button("Use another device", function () {
                  call(href(flow, "cancel.push.authentication"), "cancel.push.authentication", { reason: "CHANGE_DEVICE" });
                }));
              }
              pollTimer = setTimeout(function () { call(href(flow, "self") || flowURL); }, 1000);
            } else if (status === "MUST_CHANGE_PASSWORD" || status === "PASSWORD_EXPIRED") {
              area.appendChild(element("p", status === "PASSWORD_EXPIRED" ? "Your password has expired." : "You must change your password."));
              var current = field("Current password", "currentPassword", "password");
              var next = field("New password", "newPassword", "password");
              area.appendChild(button("Change password", function () {
                var body = { currentPassword: current.value, newPassword: next.value };
                current.value = ""; next.value = "";
                call(href(flow, "password.reset"), "password.reset", body);
              }));
            } else if (status === "ASSERTION_REQUIRED") {
              var options = {};
              try { options = JSON.parse(flow.publicKeyCredentialRequestOptions || "{}"); } catch (e) { options = {}; }
              area.appendChild(element("p", "Simulated security key: no real authenticator is used. The button builds the WebAuthn assertion a key would give for this challenge and posts it with assertion.check."));
              area.appendChild(button("Touch the simulated security key", function () {
                var credential = (options.allowCredentials || [])[0] || {};
                var clientData = JSON.stringify({ type: "webauthn.get", challenge: options.challenge, origin: window.location.origin });
                function b64url(text) { return btoa(text).replace(/\\+/g, "-").replace(/\\//g, "_").replace(/=+$/, ""); }
                var assertion = {
                  id: credential.id, rawId: credential.id, type: "public-key",
                  response: { clientDataJSON: b64url(clientData), authenticatorData: b64url("simulated authenticator data"), signature: b64url("simulated signature") }
                };
                call(href(flow, "assertion.check"), "assertion.check", { origin: window.location.origin, assertion: JSON.stringify(assertion), compatibility: "FULL" });
              }));
            } else {
              area.appendChild(element("p", "This page does not answer " + status + "."));
            }
          }
          call(flowURL);
        })();
        """
}
