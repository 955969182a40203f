#!/usr/bin/python3
"""The HTML report in a real browser: headless Chromium from Debian, driven by chromedriver and
Selenium (Debian's chromium, chromium-driver and python3-selenium; nothing is downloaded).

Each test makes its report with a real `authprobe check` run, loads it from disk and judges the
rendered DOM after the page's own script ran:
  ReferenceReport      the embedded reference server (every check): the summary bar's counts are
                       the JSON report's, the page's script ran under its Content-Security-Policy,
                       a verdict filter hides the PASS rows, a row expands to its finding.
  HostileTargetReport  a target that answers with <script>, <img onerror>, NUL and invalid UTF-8
                       (tools/browser/markup_target.cpp) and so FAILs BASIC checks: a FAIL row is
                       shown, expanding it shows its evidence with the markup as text, and nothing
                       the target sent ran (title unchanged, no element injected).

Run by CTest (tools/CMakeLists.txt, label `browser`) with AUTHPROBE, AUTHPROBE_MARKUP_TARGET,
AUTHPROBE_PROFILE and AUTHPROBE_WORK_DIR in the environment; argv names the test class.
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
RUN_TIMEOUT_S = 240  # one `authprobe check` run; the default run is well under this
PAGE_TIMEOUT_S = 30
VERDICTS = ("PASS", "FAIL", "WARN", "SKIP", "INFO", "ERROR")
EXIT_FAILED = 1  # authprobe check: a check failed
HOSTILE_SCRIPT = "<script>document.title='pwned'</script>"


def work_dir(name):
    path = os.path.join(os.environ["AUTHPROBE_WORK_DIR"], name)
    shutil.rmtree(path, ignore_errors=True)
    os.makedirs(path)
    return path


def check_run(out_dir, *args):
    """`authprobe check ARGS --format console,json,html --output-dir OUT_DIR`: exit code, stdout."""
    command = [os.environ["AUTHPROBE"], "check", *args, "--format", "console,json,html", "--output-dir", out_dir]
    done = subprocess.run(command, capture_output=True, timeout=RUN_TIMEOUT_S, check=False)
    sys.stderr.write(done.stderr.decode("utf-8", "replace"))
    return done.returncode, done.stdout.decode("utf-8", "replace")


class BrowserTest(unittest.TestCase):
    def setUp(self):
        self.profile_dir = tempfile.mkdtemp(prefix="authprobe-chromium-")
        options = Options()
        options.binary_location = CHROMIUM
        flags = ["--headless", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--window-size=1280,1000",
                 "--user-data-dir=" + self.profile_dir]
        if os.geteuid() == 0:
            flags.append("--no-sandbox")  # Chromium refuses to start its sandbox as root
        for flag in flags:
            options.add_argument(flag)
        options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
        self.driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
        self.driver.set_page_load_timeout(PAGE_TIMEOUT_S)

    def tearDown(self):
        self.driver.quit()
        shutil.rmtree(self.profile_dir, ignore_errors=True)

    def open_report(self, out_dir):
        with open(os.path.join(out_dir, "report.json"), encoding="utf-8") as f:
            report = json.load(f)
        self.driver.get("file://" + os.path.join(out_dir, "report.html"))
        return report

    def rows(self, verdict=None):
        selector = "details.check" + (f'[data-verdict="{verdict}"]' if verdict else "")
        return self.driver.find_elements(By.CSS_SELECTOR, selector)

    def assert_page_script_ran_under_its_policy(self):
        # The script unhides the filter form and counts the rows; a policy that blocked it would
        # leave the form hidden and say so in the console.
        self.assertTrue(self.driver.find_element(By.ID, "filters").is_displayed())
        self.assertRegex(self.driver.find_element(By.ID, "shown").text, r"^\d+ of \d+ checks shown$")
        # Nothing refused by the policy, no script error: the console has no error at all.
        errors = [entry["message"] for entry in self.driver.get_log("browser") if entry["level"] == "SEVERE"]
        self.assertEqual(errors, [])

    def assert_summary_counts_are(self, report):
        for verdict in VERDICTS:
            with self.subTest(verdict=verdict):
                button = self.driver.find_element(By.CSS_SELECTOR, f'.summary button[data-verdict="{verdict}"]')
                self.assertEqual(int(button.find_element(By.TAG_NAME, "b").text), report["summary"][verdict])
                self.assertEqual(len(self.rows(verdict)), report["summary"][verdict])
        self.assertEqual(len(self.rows()), len(report["results"]))

    def assert_filter_hides_pass_rows(self):
        passed = self.rows("PASS")
        others = [row for row in self.rows() if row.get_attribute("data-verdict") != "PASS"]
        self.assertTrue(passed and others, "the run needs PASS rows and others")
        self.assertTrue(all(row.is_displayed() for row in passed))
        self.driver.find_element(By.CSS_SELECTOR, '#filters input[name="verdict"][value="PASS"]').click()
        self.assertFalse(any(row.is_displayed() for row in passed))
        self.assertTrue(all(row.is_displayed() for row in others))
        self.assertEqual(self.driver.find_element(By.ID, "shown").text,
                         f"{len(others)} of {len(passed) + len(others)} checks shown")

    def expand(self, row):
        finding = row.find_element(By.CSS_SELECTOR, ".finding")
        self.assertFalse(finding.is_displayed())
        row.find_element(By.TAG_NAME, "summary").click()
        self.assertTrue(finding.is_displayed())
        return finding


class ReferenceReport(BrowserTest):
    def test_reference_run_report_in_chromium(self):
        out_dir = work_dir("reference")
        code, console = check_run(out_dir)
        self.assertEqual(code, 0, console)
        report = self.open_report(out_dir)
        self.assertEqual(self.driver.title, "authprobe report: " + report["target"])
        self.assert_page_script_ran_under_its_policy()
        self.assert_summary_counts_are(report)
        self.assertIn("summary: " + " ".join(f"{v} {report['summary'][v]}" for v in VERDICTS), console)
        # A row expands to its finding; its citation links to the RFC Editor.
        row = self.driver.find_element(By.ID, "BASIC-01")
        finding = self.expand(row)
        self.assertIn("expected", finding.text)
        link = row.find_element(By.CSS_SELECTOR, ".cites a[href*='#section-']")
        self.assertTrue(link.get_attribute("href").startswith("https://www.rfc-editor.org/rfc/rfc9110#section-"))
        self.assert_filter_hides_pass_rows()


class HostileTargetReport(BrowserTest):
    def setUp(self):
        super().setUp()
        self.target = subprocess.Popen([os.environ["AUTHPROBE_MARKUP_TARGET"]], stdin=subprocess.PIPE,
                                       stdout=subprocess.PIPE, text=True)
        self.base_url = self.target.stdout.readline().strip()
        self.assertTrue(self.base_url.startswith("http://127.0.0.1:"), self.base_url)

    def tearDown(self):
        self.target.stdin.close()  # the target serves until its stdin closes
        self.target.wait(timeout=PAGE_TIMEOUT_S)
        super().tearDown()

    def test_hostile_target_report_in_chromium(self):
        out_dir = work_dir("hostile")
        code, console = check_run(out_dir, "--target", self.base_url, "--profile", os.environ["AUTHPROBE_PROFILE"],
                                  "--select", "BASIC")
        self.assertEqual(code, EXIT_FAILED, console)
        report = self.open_report(out_dir)
        title = "authprobe report: " + self.base_url
        self.assertEqual(self.driver.title, title)
        self.assert_page_script_ran_under_its_policy()
        self.assert_summary_counts_are(report)

        # A FAIL row is shown; expanding it shows the evidence, the target's markup as text.
        failed = [row for row in self.rows("FAIL") if row.get_attribute("id") == "BASIC-01"]
        self.assertEqual(len(failed), 1)
        self.assertTrue(failed[0].is_displayed())
        finding = self.expand(failed[0])
        evidence = finding.find_element(By.CSS_SELECTOR, ".exchange pre.response")
        self.assertTrue(evidence.is_displayed())
        self.assertIn("status 401", evidence.text)
        self.assertIn("WWW-Authenticate: Basic " + HOSTILE_SCRIPT, evidence.text)
        self.assertIn("\ufffd", self.driver.page_source)  # invalid UTF-8 shown as U+FFFD

        # Nothing the target sent ran or became an element, even with every row open.
        self.driver.find_element(By.ID, "expand").click()
        self.assertEqual(self.driver.title, title)
        self.assertEqual(len(self.driver.find_elements(By.TAG_NAME, "script")), 1)
        for tag in ("img", "iframe", "object", "embed", "svg", "math"):
            self.assertEqual(self.driver.find_elements(By.TAG_NAME, tag), [], tag)
        self.assert_filter_hides_pass_rows()
        self.assertEqual(self.driver.title, title)


if __name__ == "__main__":
    unittest.main(argv=sys.argv[:1] + sys.argv[1:], verbosity=2)
