#!/usr/bin/python3
"""The auth console (GET /docs of `authprobe serve`) in a real browser: headless Chromium from
Debian, driven by chromedriver and Selenium. The page logs in as alice through the password grant
(client cli, Basic), calls GET /admin, and shows 403 with insufficient_scope explained; bob gets
200. The page's own script runs under its Content-Security-Policy (the route buttons exist only
if it ran; the console has no error, so nothing was refused).

Run by CTest (tools/CMakeLists.txt, label `browser`) with AUTHPROBE in the environment.
"""
import os
import re
import shutil
import subprocess
import tempfile
import time
import unittest

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
START_TIMEOUT_S = 30
PAGE_TIMEOUT_S = 30
STOP_TIMEOUT_S = 30
# The fixture's published test credentials (fixtures/README.md).
ALICE = ("alice", "wonderland-42")
BOB = ("bob", "bob-the-builder-can-we-fix-it-yes-we-can-0123456789-abcdefghijkl")
CLIENT = ("cli", "cli-secret-for-loopback-tests-only")


class DocsConsole(unittest.TestCase):
    def setUp(self):
        self.serve = subprocess.Popen([os.environ["AUTHPROBE"], "serve", "--port", "0", "--quiet"],
                                      stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        line = self.serve.stdout.readline()  # blocks until the listening line (or exit)
        match = re.search(r"listening on (http://\S+)", line)
        self.assertIsNotNone(match, line)
        self.base = match.group(1)
        self.profile_dir = tempfile.mkdtemp(prefix="authprobe-chromium-")
        options = Options()
        options.binary_location = CHROMIUM
        for flag in ["--headless", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                     "--disable-component-update", "--disable-sync", "--user-data-dir=" + self.profile_dir]:
            options.add_argument(flag)
        if os.geteuid() == 0:
            options.add_argument("--no-sandbox")  # Chromium refuses to start its sandbox as root
        options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
        self.driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
        self.driver.set_page_load_timeout(PAGE_TIMEOUT_S)

    def tearDown(self):
        self.driver.quit()
        shutil.rmtree(self.profile_dir, ignore_errors=True)
        self.serve.terminate()
        self.serve.wait(timeout=STOP_TIMEOUT_S)

    def wait_for(self, condition):
        return WebDriverWait(self.driver, PAGE_TIMEOUT_S).until(condition)

    def log_in(self, user):
        for field, value in (("user", user[0]), ("password", user[1]), ("client", CLIENT[0]), ("secret", CLIENT[1])):
            element = self.driver.find_element(By.ID, field)
            element.clear()
            element.send_keys(value)
        self.driver.find_element(By.ID, "logout").click()  # "no token" until this login has answered
        self.driver.find_element(By.ID, "login").click()
        self.wait_for(lambda d: d.find_element(By.ID, "token").text != "no token")
        token = self.driver.find_element(By.ID, "token").text
        self.assertIn("payload:", token)
        self.assertIn(f'"sub": "{user[0]}"', token)

    def call(self, path):
        self.driver.execute_script("document.getElementById('response').dataset.status = ''")
        self.driver.find_element(By.CSS_SELECTOR, f'#routes button[data-path="{path}"]').click()
        return self.wait_for(lambda d: d.find_element(By.ID, "response").get_attribute("data-status"))

    def test_alice_is_refused_admin_with_insufficient_scope_and_bob_is_let_in(self):
        self.driver.get(self.base + "/docs")
        self.wait_for(lambda d: d.find_elements(By.CSS_SELECTOR, '#routes button[data-path="/admin"]'))
        self.log_in(ALICE)
        self.assertEqual(self.call("/admin"), "403")
        response = self.driver.find_element(By.ID, "response").text
        self.assertIn("HTTP 403", response)
        self.assertIn('error="insufficient_scope"', response)
        explain = self.driver.find_element(By.ID, "explain").text
        self.assertIn("insufficient_scope", explain)
        self.assertIn('lacks scope "admin"', explain)
        self.log_in(BOB)
        self.assertEqual(self.call("/admin"), "200")
        self.assertIn('"admin":true', self.driver.find_element(By.ID, "response").text)
        errors = [e["message"] for e in self.driver.get_log("browser") if e["level"] == "SEVERE"]
        # The 403 fetch itself is logged by Chromium as a failed resource load; nothing else may be.
        self.assertEqual([e for e in errors if "403" not in e], [])


if __name__ == "__main__":
    unittest.main()
