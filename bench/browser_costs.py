"""What each page costs a phone's browser: requests, bytes and render-blocking requests.

    python -m bench.browser_costs http://127.0.0.1:8401 pages.json out.json

Debian's Chromium loads every page in a fresh context at a phone's viewport (412x823,
like Lighthouse's mobile run) without scrolling, as a visitor first sees it. Bytes are
what crossed the wire (compressed bodies plus headers), so lazy images below the fold,
which the browser does not fetch, are not counted.
"""

import json
import sys

from playwright.sync_api import sync_playwright

from harness import chromium

RENDER_BLOCKING = """() => performance.getEntriesByType("resource")
    .filter((entry) => entry.renderBlockingStatus === "blocking")
    .map((entry) => ({url: entry.name, bytes: entry.transferSize}))"""


def load(browser, url):
    context = browser.new_context(viewport={"width": 412, "height": 823}, is_mobile=True)
    page = context.new_page()
    finished = []
    page.on("requestfinished", lambda request: finished.append(request))
    response = page.goto(url, wait_until="networkidle")
    if response.status != 200:
        raise SystemExit(f"{url} answered {response.status}")
    blocking = page.evaluate(RENDER_BLOCKING)
    sizes = [request.sizes() for request in finished]
    context.close()
    return {
        "requests": len(finished),
        "bytes": sum(size["responseBodySize"] + size["responseHeadersSize"] for size in sizes),
        "render_blocking": blocking,
    }


def main():
    base_url, pages_file, out_file = sys.argv[1:4]
    with open(pages_file) as file:
        pages = json.load(file)["pages"]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium.EXECUTABLE, args=chromium.FLAGS
        )
        result = {
            name: {code: load(browser, base_url + page["url"]) for code, page in by_code.items()}
            for name, by_code in pages.items()
        }
        browser.close()
    with open(out_file, "w") as file:
        json.dump(result, file, indent=2)


if __name__ == "__main__":
    main()
