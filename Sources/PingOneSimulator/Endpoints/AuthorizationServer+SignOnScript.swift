extension AuthorizationServer {
    /// The sign-on page's script: it signs on through the Flow API, as PingOne's hosted page does
    /// (`GET /flows/{id}`, then `usernamePassword.check`, then the flow's `resumeUrl`), so a browser's
    /// network log of this page has PingOne's Flow API calls in it. Without JavaScript the page's
    /// form posts to `/signon/` instead.
    ///
    /// It handles the password only: when the flow then needs something else (a device, an OTP, a
    /// new password), the page says so; authflow's own client plays those states.
    static let signOnScript = """
        (function () {
          var form = document.querySelector("form[data-flow]");
          if (!form || !window.fetch) { return; }
          var flowURL = form.getAttribute("data-flow");
          var links = null;
          function show(text) {
            var alert = document.querySelector("[role=alert]");
            if (!alert) {
              alert = document.createElement("p");
              alert.setAttribute("role", "alert");
              form.parentNode.insertBefore(alert, form);
            }
            alert.textContent = text;
          }
          function message(body) {
            if (body && body.details && body.details.length && body.details[0].message) { return body.details[0].message; }
            return (body && body.message) || "The sign-on failed.";
          }
          fetch(flowURL, { credentials: "same-origin", headers: { "Accept": "application/json" } })
            .then(function (response) { return response.json(); })
            .then(function (flow) {
              if (flow.status === "COMPLETED" && flow.resumeUrl) { window.location.assign(flow.resumeUrl); return; }
              links = flow._links || null;
            })
            .catch(function () { links = null; });
          form.addEventListener("submit", function (event) {
            var check = links && links["usernamePassword.check"];
            if (!check) { return; }
            event.preventDefault();
            fetch(check.href, {
              method: "POST",
              credentials: "same-origin",
              headers: { "Content-Type": "application/vnd.pingidentity.usernamePassword.check+json" },
              body: JSON.stringify({ username: form.elements.username.value, password: form.elements.password.value })
            })
              .then(function (response) {
                return response.json().then(function (body) { return { ok: response.ok, body: body }; });
              })
              .then(function (result) {
                if (!result.ok) { show(message(result.body)); form.elements.password.value = ""; return; }
                if (result.body.status === "COMPLETED") { window.location.assign(result.body.resumeUrl); return; }
                links = result.body._links || null;
                show("The sign-on now needs " + result.body.status + ", which this page does not ask for.");
              })
              .catch(function () { show("The sign-on service did not answer."); });
          });
        })();
        """
}
