"""Debian's Chromium, as the browser tests, the page-cost run and Lighthouse start it."""

EXECUTABLE = "/usr/bin/chromium"
# Without the networking flags Chromium keeps calling home, which this machine refuses.
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
