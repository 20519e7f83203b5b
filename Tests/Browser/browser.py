"""Headless Chromium for the browser tests: Debian's chromium driven by Selenium through
/usr/bin/chromedriver (named explicitly, so Selenium's driver manager never reaches for the
network), and axe-core 4.x injected into pages (a WebDriver script is not subject to the
page's Content-Security-Policy)."""
import os
import sysconfig
from pathlib import Path

os.environ.setdefault("SE_OFFLINE", "true")

from selenium import webdriver  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402

AXE = Path(sysconfig.get_paths()["purelib"]) / "axe_playwright_python" / "axe.min.js"


def start():
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1000", "--lang=fr-FR"):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(executable_path="/usr/bin/chromedriver"), options=options)
    driver.set_script_timeout(30)
    driver.set_page_load_timeout(30)
    return driver


def axe_violations(driver):
    """Every axe-core violation of the current page: [(id, impact, [targets])]."""
    driver.execute_script(AXE.read_text(encoding="utf-8"))
    found = driver.execute_async_script("""
        const done = arguments[arguments.length - 1];
        axe.run(document, {resultTypes: ['violations']})
          .then(r => done(r.violations.map(v => [v.id, v.impact, v.nodes.map(n => n.target.join(' '))])))
          .catch(e => done([['axe-error', 'critical', [String(e)]]]));
    """)
    return [tuple(v) for v in found]


def console_problems(driver):
    """Browser console entries that show a broken page: CSP violations, script errors."""
    problems = []
    page = driver.current_url
    for entry in driver.get_log("browser"):
        message = entry.get("message", "")
        # The browser reports the page's own error status (a 404 page asked on purpose).
        if "favicon.ico" in message or (message.startswith(page + " ") and "Failed to load resource" in message):
            continue
        if "Content Security Policy" in message or entry.get("level") == "SEVERE":
            problems.append(message[:300])
    return problems
