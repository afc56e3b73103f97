"""oidc-provider-mock, except that a refresh answers without an ID token.

OIDC Core §12.2 lets a provider omit the ID token from a refresh response, and many do; the mock
always sends one. This runs the mock's own app and drops `id_token` from refresh responses only.
Usage: python oidc-provider-refresh-without-id-token.py HOST PORT
"""

import json
import sys

import flask
import uvicorn
from oidc_provider_mock import app as mock_app

application = mock_app()


@application.after_request
def drop_refresh_id_token(response: flask.Response) -> flask.Response:
    if flask.request.form.get("grant_type") == "refresh_token" and response.is_json:
        body = response.get_json()
        if isinstance(body, dict) and "id_token" in body:
            del body["id_token"]
            response.set_data(json.dumps(body))
    return response


uvicorn.run(application, interface="wsgi", host=sys.argv[1], port=int(sys.argv[2]), log_config=None)
