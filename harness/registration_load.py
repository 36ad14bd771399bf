"""Appointment requests sent by many clients at once, counted in the database afterwards.

Each client is a thread with its own CSRF cookie (one GET of the form) that posts
requests until none are left. Every request carries its own form stamp, signed with the
server's SECRET_KEY the way docs/reception.md describes, so its one-time token names it
in the database. A request whose connection fails before an answer arrives (a worker
killed mid-request) is sent again with the same stamp: if the first copy was stored, the
second is recognised as the same form and stored no second time.
"""

import http.client
import re
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from http.cookies import SimpleCookie

CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
ATTEMPTS = 5


@dataclass
class Submission:
    number: int
    stamp: str
    token: str
    status: int = 0
    location: str = ""
    attempts: int = 0
    seconds: float = 0.0
    errors: list = field(default_factory=list)

    @property
    def acknowledged(self):
        return 200 <= self.status < 400


def new_submissions(count, first_number=0):
    """`count` requests, each with a fresh stamp issued a minute ago (past the minimum
    fill time). Needs Django set up with the server's SECRET_KEY."""
    from registration.spam import FormStamp

    submissions = []
    for number in range(first_number, first_number + count):
        stamp = FormStamp.issue(issued_at=time.time() - 60)
        submissions.append(Submission(number, stamp.signed(), stamp.token))
    return submissions


class Client:
    """One patient's browser, reduced to what the form needs: a CSRF cookie and token."""

    def __init__(self, host, port, form_path):
        self.host, self.port, self.form_path = host, port, form_path
        response, body = self.request("GET", form_path)
        if response.status != 200:
            raise RuntimeError(f"GET {form_path} answered {response.status}")
        cookie = SimpleCookie(response.getheader("Set-Cookie", ""))
        self.csrf_cookie = cookie["csrftoken"].value
        self.csrf_token = CSRF_INPUT.search(body.decode()).group(1)

    def request(self, method, path, body=None, headers=None):
        # gunicorn's sync workers close the connection after each answer.
        connection = http.client.HTTPConnection(self.host, self.port, timeout=60)
        try:
            connection.request(method, path, body=body, headers=headers or {})
            response = connection.getresponse()
            return response, response.read()
        finally:
            connection.close()

    def submit(self, submission):
        form = {
            "csrfmiddlewaretoken": self.csrf_token,
            "name": f"Load test {submission.number}",
            "phone": "8 602 26118",
            "email": "",
            "preferred_time": "any",
            "topic": "",
            "message": "",
            "consent": "on",
            "website": "",
            "form_stamp": submission.stamp,
        }
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"csrftoken={self.csrf_cookie}",
        }
        started = time.perf_counter()
        while submission.attempts < ATTEMPTS:
            submission.attempts += 1
            try:
                response, _body = self.request(
                    "POST", self.form_path, urllib.parse.urlencode(form), headers
                )
            except (OSError, http.client.HTTPException) as error:
                submission.errors.append(type(error).__name__)
                continue
            submission.status = response.status
            submission.location = response.getheader("Location", "")
            break
        submission.seconds = time.perf_counter() - started


def submit_concurrently(base_url, form_path, submissions, clients, while_running=None):
    """Send every submission from `clients` threads; returns the wall-clock seconds.

    `while_running(progress)` runs in its own thread during the load; `progress()` tells
    how many submissions have been answered so far.
    """
    url = urllib.parse.urlsplit(base_url)
    queue = list(reversed(submissions))
    lock = threading.Lock()
    done = []

    def next_submission():
        with lock:
            return queue.pop() if queue else None

    def work(client):
        while (submission := next_submission()) is not None:
            client.submit(submission)
            done.append(submission)

    browsers = [Client(url.hostname, url.port, form_path) for _ in range(clients)]
    started = time.perf_counter()
    threads = [threading.Thread(target=work, args=(browser,)) for browser in browsers]
    helper = None
    if while_running:
        helper = threading.Thread(target=while_running, args=(lambda: len(done),))
        helper.start()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if helper:
        helper.join()
    return time.perf_counter() - started
