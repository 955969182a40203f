"""Judge the suite on a third-party server .

Starts one of the apps beside this file on 127.0.0.1 (the app binds port 0 and prints
`PORT <n>`), waits until it answers, runs `authprobe check` against it with its target profile
and the profile's default judgement, and compares every check's verdict with the expectations
file, which was written by hand from the catalog (shared/spec/checks.md), not from the suite.
Exit 0 only when every expected verdict matches; every disagreement is printed with the
finding's `actual`.

Only the standard library: it runs under the Debian interpreter that has the apps' packages.
"""
import argparse
import http.client
import json
import os
import select
import subprocess
import sys
import time

# Bounds: every wait below ends. The app prints its port within seconds (it hashes three
# passwords first); the suite's run against a Python server takes a few minutes at most.
PORT_WAIT_SECONDS = 60
READY_ATTEMPTS = 100
READY_PAUSE_SECONDS = 0.1
CHECK_TIMEOUT_SECONDS = 900
STOP_WAIT_SECONDS = 10
LOG_TAIL_CHARS = 2000

# `authprobe check` exit codes that mean "the run happened" (checks may have failed or
# errored); anything else (usage 2, unreachable 3, a crash) means no verdicts to compare.
RUN_COMPLETED_EXIT_CODES = {0, 1, 4}
VERDICTS = {"PASS", "FAIL", "WARN", "SKIP", "INFO", "ERROR"}


def read_expectations(path):
    """ID -> (verdict, reason). Lines: ID<TAB>VERDICT<TAB>reason; '#' starts a comment."""
    expected = {}
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            fields = line.split("\t")
            if len(fields) < 3 or fields[1] not in VERDICTS or fields[0] in expected:
                raise SystemExit(f"{path}:{number}: want ID<TAB>VERDICT<TAB>reason, once per ID: {line!r}")
            expected[fields[0]] = (fields[1], fields[2])
    return expected


def start_app(python, app, log):
    proc = subprocess.Popen([python, app], stdout=subprocess.PIPE, stderr=log, text=True)
    ready, _, _ = select.select([proc.stdout], [], [], PORT_WAIT_SECONDS)
    line = proc.stdout.readline() if ready else ""
    if not line.startswith("PORT "):
        stop_app(proc)
        log.flush()
        with open(log.name, encoding="utf-8", errors="replace") as f:
            tail = f.read()[-LOG_TAIL_CHARS:]  # e.g. a missing Debian package's ImportError
        raise SystemExit(f"{app} did not report its port within {PORT_WAIT_SECONDS}s (got {line!r}):\n{tail}")
    return proc, int(line.split()[1])


def wait_until_answering(port):
    for _ in range(READY_ATTEMPTS):
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/")
            conn.getresponse().read()
            conn.close()
            return
        except OSError:
            time.sleep(READY_PAUSE_SECONDS)
    raise SystemExit(f"server on port {port} never answered")


def stop_app(proc):
    proc.terminate()
    try:
        proc.wait(timeout=STOP_WAIT_SECONDS)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=STOP_WAIT_SECONDS)


def run_suite(authprobe, url, profile, report):
    command = [authprobe, "check", "--target", url, "--profile", profile, "--format", "json", "--output", report]
    print("+", " ".join(command), flush=True)
    done = subprocess.run(command, timeout=CHECK_TIMEOUT_SECONDS)
    if done.returncode not in RUN_COMPLETED_EXIT_CODES or not os.path.exists(report):
        raise SystemExit(f"authprobe check exited {done.returncode} without a report")
    with open(report, encoding="utf-8") as f:
        return json.load(f)


def compare(expected, report):
    got = {r["id"]: r for r in report["results"]}
    disagreements = 0
    for check_id, (verdict, reason) in expected.items():
        result = got.get(check_id)
        if result is None:
            print(f"DISAGREE {check_id}: expected {verdict}, not in the report ({reason})")
            disagreements += 1
        elif result["verdict"] != verdict:
            actual = " ".join(result.get("actual", "").split())  # one line, whatever the target sent
            print(f"DISAGREE {check_id}: expected {verdict}, got {result['verdict']}\n"
                  f"    catalog: {reason}\n    actual:  {actual}")
            disagreements += 1
    unjudged = sorted(set(got) - set(expected))
    print(f"{len(expected) - disagreements}/{len(expected)} expected verdicts hold; "
          f"{len(unjudged)} checks in the report carry no expectation: {' '.join(unjudged)}")
    return disagreements


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--authprobe", required=True)
    parser.add_argument("--python", required=True, help="interpreter with the app's Debian packages")
    parser.add_argument("--app", required=True)
    parser.add_argument("--profile", required=True)
    parser.add_argument("--expected", required=True)
    parser.add_argument("--workdir", required=True, help="where the report and the server log go")
    args = parser.parse_args()

    expected = read_expectations(args.expected)
    os.makedirs(args.workdir, exist_ok=True)
    name = os.path.splitext(os.path.basename(args.app))[0]
    report_path = os.path.join(args.workdir, f"{name}.report.json")
    with open(os.path.join(args.workdir, f"{name}.server.log"), "w") as log:
        proc, port = start_app(args.python, args.app, log)
        try:
            wait_until_answering(port)
            report = run_suite(args.authprobe, f"http://127.0.0.1:{port}", args.profile, report_path)
        finally:
            stop_app(proc)
    disagreements = compare(expected, report)
    if disagreements:
        print(f"{disagreements} verdicts disagree with the catalog; full report: {report_path}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
