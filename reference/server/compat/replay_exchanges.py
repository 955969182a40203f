"""Hold a real FastAPI app to tutorial_exchanges.json: the proof that the table --compat fastapi is
tested against (tutorial_exchanges_http_test.cpp) is what FastAPI 0.92 answers.

Starts fastapi_tutorial_app.py (it binds 127.0.0.1 port 0 and prints `PORT <n>`), logs in the
table's users through its /token (no client authentication, as the tutorials), sends every
exchange and compares status, body and the listed headers with the table. Prints every mismatch;
exit 0 only when there is none.

Only the standard library: it runs under /usr/bin/python3, which sees Debian's python3-fastapi.
"""
import argparse
import base64
import http.client
import json
import re
import select
import subprocess
import sys
import time
import urllib.parse

PORT_WAIT_SECONDS = 60
READY_ATTEMPTS = 100
READY_PAUSE_SECONDS = 0.1
REQUEST_TIMEOUT_SECONDS = 30
STOP_WAIT_SECONDS = 10


def start_app(python, app):
    proc = subprocess.Popen([python, app], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    ready, _, _ = select.select([proc.stdout], [], [], PORT_WAIT_SECONDS)
    line = proc.stdout.readline() if ready else ""
    if not line.startswith("PORT "):
        proc.kill()
        _, err = proc.communicate(timeout=STOP_WAIT_SECONDS)
        raise SystemExit(f"{app} did not report its port within {PORT_WAIT_SECONDS}s (got {line!r}):\n{err[-2000:]}")
    return proc, int(line.split()[1])


def stop_app(proc):
    proc.terminate()
    try:
        proc.wait(timeout=STOP_WAIT_SECONDS)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=STOP_WAIT_SECONDS)


def send(port, method, path, headers, body=None):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=REQUEST_TIMEOUT_SECONDS)
    try:
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        return response.status, response.getheaders(), response.read()
    finally:
        conn.close()


def wait_until_answering(port):
    for _ in range(READY_ATTEMPTS):
        try:
            send(port, "GET", "/nonexistent", {})
            return
        except OSError:
            time.sleep(READY_PAUSE_SECONDS)
    raise SystemExit(f"the app on port {port} never answered")


def form_post(fields):
    return urllib.parse.urlencode(fields), {"Content-Type": "application/x-www-form-urlencoded"}


def log_in(port, login):
    body, headers = form_post({"username": login["username"], "password": login["password"], "scope": login["scope"]})
    status, _, raw = send(port, "POST", "/token", headers, body)
    if status != 200:
        raise SystemExit(f"login of {login['username']} answered {status}: {raw[:200]!r}")
    return json.loads(raw)["access_token"]


def request_of(exchange, tokens):
    request = exchange["request"]
    headers = {}
    if "bearer" in request:
        headers["Authorization"] = "Bearer " + tokens[request["bearer"]]
    if "bearer_token" in request:
        headers["Authorization"] = "Bearer " + request["bearer_token"]
    if "basic" in request:
        user, password = request["basic"]
        headers["Authorization"] = "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()
    body = None
    if "json" in request:
        body = request["json"]
        headers["Content-Type"] = "application/json"
    elif request["method"] == "POST":
        body = request.get("form", "")
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    return request["method"], request["path"], headers, body


def header_problems(expected, headers, base):
    problems = []
    for name, want in expected.items():
        got = [value for key, value in headers if key.lower() == name.lower()]
        if want is None:
            if got:
                problems.append(f"{name}: want absent, got {got}")
        elif isinstance(want, dict):
            if len(got) != 1 or not re.fullmatch(want["matches"], got[0]):
                problems.append(f"{name}: want one matching {want['matches']}, got {got}")
        elif got != [want.replace("{base}", base)]:
            problems.append(f"{name}: want {want.replace('{base}', base)!r}, got {got}")
    return problems


def body_problems(expect, raw):
    problems = []
    try:
        body = json.loads(raw) if raw else None
    except ValueError:
        body = None
    if "body" in expect and body != expect["body"]:
        problems.append(f"body: want {json.dumps(expect['body'])}, got {raw[:300]!r}")
    if expect.get("body_empty") and raw:
        problems.append(f"body: want empty, got {raw[:300]!r}")
    for name, value in expect.get("body_members", {}).items():
        if not isinstance(body, dict) or body.get(name) != value:
            problems.append(f"body member {name}: want {value!r}, got {raw[:300]!r}")
    for name in expect.get("body_has", []):
        if not isinstance(body, dict) or name not in body:
            problems.append(f"body member {name}: missing in {raw[:300]!r}")
    return problems


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--python", default=sys.executable)
    parser.add_argument("--app", required=True)
    parser.add_argument("--table", required=True)
    args = parser.parse_args()
    with open(args.table, encoding="utf-8") as f:
        table = json.load(f)

    proc, port = start_app(args.python, args.app)
    mismatches = 0
    try:
        wait_until_answering(port)
        base = f"http://127.0.0.1:{port}"
        tokens = {name: log_in(port, login) for name, login in table["logins"].items()}
        for exchange in table["exchanges"]:
            method, path, headers, body = request_of(exchange, tokens)
            status, got_headers, raw = send(port, method, path, headers, body)
            expect = exchange["expect"]
            problems = [] if status == expect["status"] else [f"status: want {expect['status']}, got {status}"]
            problems += body_problems(expect, raw)
            problems += header_problems(expect.get("headers", {}), got_headers, base)
            problems += header_problems(table["every_response"]["headers"], got_headers, base)
            verdict = "ok  " if not problems else "DIFF"
            print(f"{verdict} {method} {path}: {exchange['name']}")
            for problem in problems:
                print(f"       {problem}")
            mismatches += bool(problems)
    finally:
        stop_app(proc)
    print(f"{len(table['exchanges']) - mismatches} of {len(table['exchanges'])} exchanges as the table says")
    return 1 if mismatches else 0


if __name__ == "__main__":
    sys.exit(main())
