#!/usr/bin/python3
"""The auth console (GET /docs of `authprobe serve`) in a real browser: headless Chromium from
Debian, driven by chromedriver and Selenium, against `authprobe serve` on loopback.

Strict mode, the demo fixture: one click logs in as alice, GET /admin is 403 with
insufficient_scope explained from the challenge with a link to RFC 6750 §3.1; one click switches
to bob and the same button gets 200; the path-parameter route is called with a typed value and
the todo route with an edited body; a tampered token (payload changed, signature kept) and the
server's expired copy are refused with 401 invalid_token; Refresh rotates the refresh token and
replaying the old one is refused (and revokes the grant). `serve --compat fastapi`: the page logs
in as the first active user it offers and calls a Bearer route that user's token is enough for.
Nothing here names a compat user, password or path: all come from the page (so the test holds
when compat serves the FastAPI tutorial's users and paths).

The page's own script runs under its Content-Security-Policy (the buttons exist only if it ran);
the browser console may hold nothing but the failed loads of the 4xx answers the test asks for.
With AUTHPROBE_DOCS_SCREENSHOT set, the 403 with its explanation is saved there as a PNG
(README's docs/images/docs.png comes from it).

Run by CTest (tools/CMakeLists.txt, label `browser`) with AUTHPROBE in the environment.
"""
import json
import os
import re
import shutil
import subprocess
import tempfile
import unittest

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
PAGE_TIMEOUT_S = 30
STOP_TIMEOUT_S = 30
WINDOW = "1400,1000"
# Chromium logs every 4xx answer to fetch() as a failed resource load; those are expected.
FAILED_LOAD = re.compile(r"Failed to load resource: the server responded with a status of 4\d\d")


class Console(unittest.TestCase):
    """One `authprobe serve` and one headless Chromium per test."""

    serve_args = []

    def setUp(self):
        self.serve = subprocess.Popen([os.environ["AUTHPROBE"], "serve", "--port", "0", "--quiet", *self.serve_args],
                                      stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        self.addCleanup(self.stop_server)
        line = self.serve.stdout.readline()  # blocks until the listening line (or exit)
        match = re.search(r"listening on (http://\S+)", line)
        self.assertIsNotNone(match, line)
        self.base = match.group(1)
        self.profile_dir = tempfile.mkdtemp(prefix="authprobe-chromium-")
        self.addCleanup(shutil.rmtree, self.profile_dir, True)
        options = Options()
        options.binary_location = CHROMIUM
        for flag in ["--headless", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                     "--disable-component-update", "--disable-sync", "--window-size=" + WINDOW,
                     "--user-data-dir=" + self.profile_dir]:
            options.add_argument(flag)
        if os.geteuid() == 0:
            options.add_argument("--no-sandbox")  # Chromium refuses to start its sandbox as root
        options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
        self.driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
        self.addCleanup(self.driver.quit)
        self.driver.set_page_load_timeout(PAGE_TIMEOUT_S)
        self.driver.get(self.base + "/docs")
        self.wait_for(lambda d: d.find_element(By.TAG_NAME, "body").get_attribute("data-ready") == "true")

    def stop_server(self):
        self.serve.terminate()
        self.serve.wait(timeout=STOP_TIMEOUT_S)
        self.serve.stdout.close()

    def tearDown(self):
        errors = [e["message"] for e in self.driver.get_log("browser") if e["level"] == "SEVERE"]
        self.assertEqual([e for e in errors if not FAILED_LOAD.search(e)], [])

    # ---- driving the page ----
    def wait_for(self, condition):
        return WebDriverWait(self.driver, PAGE_TIMEOUT_S).until(condition)

    def done_count(self):
        return int(self.driver.find_element(By.TAG_NAME, "body").get_attribute("data-done") or 0)

    def act(self, element):
        """Clicks a button of the page and waits until its action (all its exchanges) finished."""
        before = self.done_count()
        element.click()
        self.wait_for(lambda d: self.done_count() > before)

    def text(self, element_id):
        return self.driver.find_element(By.ID, element_id).get_attribute("textContent")

    def status(self):
        return self.driver.find_element(By.ID, "response").get_attribute("data-status")

    def click_user(self, name):
        self.act(self.driver.find_element(By.CSS_SELECTOR, f'#users button[data-user="{name}"]'))
        self.assertEqual(self.status(), "200", self.text("response"))
        self.assertIn(f'"sub": "{name}"', self.text("token"))

    def operation(self, op):
        return self.driver.find_element(By.CSS_SELECTOR, f'#routes button[data-op="{op}"]')

    def call(self, op, **params):
        button = self.operation(op)
        row = button.find_element(By.XPATH, "..")
        for name, value in params.items():
            field = row.find_element(By.CSS_SELECTOR, f'input[data-param="{name}"]')
            field.clear()
            field.send_keys(value)
        self.act(button)
        return self.status()

    def payload(self):
        token = re.search(r"the token as sent: (\S+)", self.text("token")).group(1)
        return self.driver.execute_script(
            "const p = arguments[0].split('.')[1].replace(/-/g, '+').replace(/_/g, '/');"
            "return JSON.parse(atob(p + '='.repeat((4 - p.length % 4) % 4)));", token)

    def rfc_links(self):
        return [a.get_attribute("href") for a in self.driver.find_elements(By.CSS_SELECTOR, "#explain a")]


class StrictConsole(Console):
    def test_alice_is_refused_admin_with_insufficient_scope_and_one_click_as_bob_is_let_in(self):
        self.click_user("alice")
        self.assertEqual(self.call("GET /admin"), "403")
        request = self.text("request")
        self.assertIn("GET /admin HTTP/1.1", request)
        self.assertRegex(request, r"Authorization: Bearer [\w-]+\.[\w-]+\.[\w-]+")
        response = self.text("response")
        self.assertIn("HTTP/1.1 403 Forbidden", response)
        self.assertIn('error="insufficient_scope"', response)
        self.assertIn("cache-control: no-store", response)
        self.assertIn("server-timing:", response)
        explanation = self.text("explain")
        self.assertIn("insufficient_scope", explanation)
        self.assertIn('lacks scope "admin"', explanation)
        self.assertIn("https://www.rfc-editor.org/rfc/rfc6750#section-3.1", self.rfc_links())
        screenshot = os.environ.get("AUTHPROBE_DOCS_SCREENSHOT")
        if screenshot:
            os.makedirs(os.path.dirname(os.path.abspath(screenshot)), exist_ok=True)
            self.driver.execute_script("window.scrollTo(0, 0)")
            self.assertTrue(self.driver.save_screenshot(screenshot))

        self.click_user("bob")
        self.assertEqual(self.call("GET /admin"), "200")
        self.assertIn('"admin":true', self.text("response"))
        self.assertIn("allowed", self.text("explain"))

    def test_no_credentials_get_the_challenges_explained(self):
        self.driver.find_element(By.CSS_SELECTOR, '#auth-mode option[value="none"]').click()
        self.assertEqual(self.call("GET /admin"), "401")
        explanation = self.text("explain")
        self.assertIn("401 Unauthorized", explanation)
        self.assertIn("Basic", explanation)
        self.assertIn("no Bearer token", explanation)
        links = self.rfc_links()
        for section in ("rfc9110#section-15.5.2", "rfc9110#section-11.6.1", "rfc7617#section-2", "rfc6750#section-3"):
            self.assertIn("https://www.rfc-editor.org/rfc/" + section, links)

    def test_path_parameter_and_request_body_routes(self):
        self.click_user("bob")
        self.assertEqual(self.call("GET /api/users/{username}", username="alice"), "200")
        self.assertIn("GET /api/users/alice HTTP/1.1", self.text("request"))
        self.assertEqual(json.loads(self.text("response").split("\n\n", 1)[1])["username"], "alice")
        body = self.driver.find_element(By.CSS_SELECTOR, 'textarea[data-body="POST /api/todos"]')
        body.clear()
        body.send_keys('{"title": "tested in a browser"}')
        self.assertEqual(self.call("POST /api/todos"), "201")
        request = self.text("request")
        self.assertIn("Content-Type: application/json", request)
        self.assertIn('{"title": "tested in a browser"}', request)

        self.click_user("alice")
        self.assertEqual(self.call("GET /api/users/{username}", username="bob"), "403")
        self.assertEqual(self.call("POST /api/todos"), "403")
        self.assertIn('lacks scope "todos:write"', self.text("explain"))

    def test_tampered_and_expired_tokens_are_refused_with_invalid_token(self):
        self.click_user("alice")
        self.assertEqual(self.call("GET /users/me"), "200")
        self.act(self.driver.find_element(By.ID, "tamper"))
        self.assertEqual(self.status(), "401")
        self.assertIn("GET /users/me HTTP/1.1", self.text("request"))
        self.assertIn('error="invalid_token"', self.text("response"))
        self.assertIn("signature", self.text("explain"))
        self.assertIn("https://www.rfc-editor.org/rfc/rfc6750#section-3.1", self.rfc_links())
        bad = self.text("bad-token")
        self.assertIn("Tampered token", bad)
        self.assertIn("admin", bad)  # the widened scope; the real token does not have it
        self.assertNotIn("admin", self.payload()["scope"])

        self.act(self.driver.find_element(By.ID, "expired"))
        self.assertEqual(self.status(), "401")
        response = self.text("response")
        self.assertIn('error="invalid_token"', response)
        self.assertRegex(response, r'error_description="[^"]*expired')
        self.assertIn("exp is in the past", self.text("explain"))
        self.assertIn("https://www.rfc-editor.org/rfc/rfc7519#section-4.1.4", self.rfc_links())
        self.assertIn("Expired token", self.text("bad-token"))
        # The page's own token is untouched and still works.
        self.assertEqual(self.call("GET /users/me"), "200")

    def test_refresh_rotates_and_the_replayed_refresh_token_is_refused(self):
        self.click_user("alice")
        first_refresh = self.text("refresh-token")
        first_jti = self.payload()["jti"]
        self.act(self.driver.find_element(By.ID, "refresh"))
        self.assertEqual(self.status(), "200")
        self.assertIn("grant_type=refresh_token", self.text("request"))
        second_refresh = self.text("refresh-token")
        self.assertNotEqual(second_refresh, first_refresh)
        self.assertNotEqual(self.payload()["jti"], first_jti)
        self.assertIn("rotated", self.text("explain"))

        self.act(self.driver.find_element(By.ID, "replay"))
        self.assertEqual(self.status(), "400")
        self.assertIn("refresh_token=" + first_refresh, self.text("request"))
        self.assertIn('"error":"invalid_grant"', self.text("response"))
        self.assertIn("https://www.rfc-editor.org/rfc/rfc9700#section-4.14.2", self.rfc_links())
        self.assertIn("https://www.rfc-editor.org/rfc/rfc6749#section-5.2", self.rfc_links())
        # Reuse revoked the grant: the current refresh token is refused as well.
        self.act(self.driver.find_element(By.ID, "refresh"))
        self.assertEqual(self.status(), "400")


class FastapiConsole(Console):
    serve_args = ["--compat", "fastapi"]

    def test_logs_in_as_the_first_user_offered_and_calls_a_bearer_route(self):
        self.assertIn("fastapi mode", self.text("server"))
        first = self.driver.find_element(By.CSS_SELECTOR, '#users button[data-disabled="false"]')
        self.click_user(first.get_attribute("data-user"))
        payload = self.payload()  # RFC 9068 "scope" (a string), or the FastAPI tutorial's "scopes" (a list)
        held = set(payload.get("scope", "").split()) | set(payload.get("scopes", []))
        routes = [b for b in self.driver.find_elements(By.CSS_SELECTOR, "#routes button[data-op^='GET ']")
                  if "Bearer" in b.get_attribute("data-auth").split() and "{" not in b.get_attribute("data-op")
                  and set(b.get_attribute("data-scopes").split()) <= held
                  and "Role:" not in b.find_element(By.XPATH, "following-sibling::span").text]
        self.assertTrue(routes, "no Bearer GET route this user's token (and no role) is enough for")
        self.act(routes[0])
        self.assertEqual(self.status(), "200", self.text("response"))
        self.assertIn("Authorization: Bearer ", self.text("request"))


if __name__ == "__main__":
    unittest.main()
