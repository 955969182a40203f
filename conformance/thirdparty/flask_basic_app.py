"""A small Flask service protected by Flask-HTTPAuth's HTTPBasicAuth with werkzeug password
hashes, for the third-party conformance test (see README.md). It is the ordinary stack
(Debian's python3-flask 2.2 and python3-flask-httpauth 4.5 on werkzeug's server) wired the
ordinary way, so the suite is judged on behaviour we did not write.

Flows: GET /profile for any enabled user; GET /admin for the role `admin`. A disabled user's
correct password is refused like a wrong one.

Run: /usr/bin/python3 flask_basic_app.py  -- binds 127.0.0.1 on a port the kernel picks and
prints `PORT <n>` on stdout once it listens.
"""
import sys

from flask import Flask, jsonify
from flask_httpauth import HTTPBasicAuth
from werkzeug.security import check_password_hash, generate_password_hash
from werkzeug.serving import make_server

app = Flask(__name__)
auth = HTTPBasicAuth()

# The user table. Passwords are only here to be hashed; the profile gives them to the suite.
ACCOUNTS = {
    "alice": {"password": "wonderland-42", "roles": ["user"], "disabled": False},
    "bob": {"password": "builder-of-things-7", "roles": ["admin"], "disabled": False},
    "carol": {"password": "carol-is-disabled", "roles": ["user"], "disabled": True},
}
USERS = {
    name: {"hash": generate_password_hash(entry["password"]), "roles": entry["roles"],
           "disabled": entry["disabled"]}
    for name, entry in ACCOUNTS.items()
}


@auth.verify_password
def verify(username, password):
    user = USERS.get(username)
    if user is None or user["disabled"]:
        return None
    if not check_password_hash(user["hash"], password):
        return None
    return username


@auth.get_user_roles
def roles_of(username):
    return USERS[username]["roles"]


@app.get("/profile")
@auth.login_required
def profile():
    return jsonify(username=auth.current_user())


@app.get("/admin")
@auth.login_required(role="admin")
def admin():
    return jsonify(admin=True, username=auth.current_user())


def main() -> int:
    # Port 0: the kernel picks a free port; the bound socket tells which.
    server = make_server("127.0.0.1", 0, app, threaded=True)
    print(f"PORT {server.socket.getsockname()[1]}", flush=True)
    server.serve_forever()
    return 0


if __name__ == "__main__":
    sys.exit(main())
