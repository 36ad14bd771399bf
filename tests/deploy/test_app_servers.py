"""One app server stopped (or killed) in the middle of a load through nginx: no page
fails (nginx retries it on the other server), and every appointment request
acknowledged to its patient is stored, once."""

import signal
import threading
import time
import uuid

import pytest

from registration.models import AppointmentRequest
from tests.deploy.visitors import send_appointment_request, url

pytestmark = pytest.mark.deploy

CLIENTS = 8
ROUNDS = 12  # per client: one page and one appointment request each


class Load:
    """CLIENTS patients, each reading a page and then sending the form, ROUNDS times."""

    def __init__(self, deployment):
        self.deployment = deployment
        self.pages = []  # statuses of page reads
        self.requests = []  # (name, statuses of each attempt)
        self.done = 0
        self.failures = []
        self.lock = threading.Lock()

    def patient(self, number):
        try:
            self.read_and_send(number)
        except Exception as error:
            with self.lock:
                self.failures.append(error)
                self.done += ROUNDS  # so the helper waiting for progress is not stuck

    def read_and_send(self, number):
        browser = self.deployment.browser()
        for round_number in range(ROUNDS):
            page = browser.get(url("articles:list") if round_number % 2 else "/lt/")
            name = f"Apkrova {number}-{round_number} {uuid.uuid4().hex[:6]}"
            statuses = []
            form = None
            # A patient who sees an error page sends the same form again, at most twice.
            for _attempt in range(3):
                response, form = send_appointment_request(browser, name, form=form)
                statuses.append(response.status)
                if response.status == 303:
                    break
            with self.lock:
                self.pages.append(page.status)
                self.requests.append((name, statuses))
                self.done += 1

    def run(self, during):
        patients = [threading.Thread(target=self.patient, args=(n,)) for n in range(CLIENTS)]
        helper = threading.Thread(target=during)
        started = time.monotonic()
        for thread in [*patients, helper]:
            thread.start()
        for thread in [*patients, helper]:
            thread.join()
        return time.monotonic() - started


def run_load_and_stop(deployment, stop):
    """The load, with `stop()` called a third of the way through; checks the outcome and
    returns how many requests the patients had to send again after an error page."""
    load = Load(deployment)
    stopped_after = []

    def stop_a_third_of_the_way():
        while load.done < CLIENTS * ROUNDS // 3:
            time.sleep(0.01)
        stopped_after.append(load.done)
        stop()

    seconds = load.run(during=stop_a_third_of_the_way)
    if load.failures:
        raise load.failures[0]

    names = [name for name, _statuses in load.requests]
    acknowledged = [name for name, statuses in load.requests if statuses[-1] == 303]
    stored = list(AppointmentRequest.objects.filter(name__in=names).values_list("name", flat=True))
    resent = sum(len(statuses) > 1 for _name, statuses in load.requests)
    print(
        f"\nstopped after {stopped_after[0]} of {len(names)} rounds: {len(acknowledged)} "
        f"requests acknowledged, {len(stored)} stored, {resent} sent again after an error "
        f"page, {len(load.pages)} pages all {set(load.pages)}, in {seconds:.1f} s"
    )
    assert set(load.pages) == {200}, load.pages
    assert len(stored) == len(set(stored)), "a request was stored twice"
    assert set(acknowledged) <= set(stored), "an acknowledged request was lost"
    assert len(acknowledged) == len(names), load.requests
    # A POST cut off inside the server that went away is not sent twice by nginx: the
    # patient sees its "bad gateway" page, sends the form again, and it is stored once.
    error_pages = {status for _name, statuses in load.requests for status in statuses[:-1]}
    assert error_pages <= {502}, load.requests
    return resent


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGKILL], ids=["stopped", "killed"])
def test_no_acknowledged_request_is_lost_when_an_app_server_goes_away(
    deployment, running_app_servers, site_db, sig
):
    run_load_and_stop(deployment, lambda: running_app_servers[0].stop(sig))


@pytest.fixture
def back_in_nginx(deployment):
    yield
    deployment.take_out_of_nginx()


def test_an_app_server_taken_out_of_nginx_first_stops_without_a_single_error_page(
    deployment, running_app_servers, back_in_nginx, site_db
):
    def take_out_and_stop():
        deployment.take_out_of_nginx(running_app_servers[0])
        running_app_servers[0].stop(signal.SIGTERM)

    assert run_load_and_stop(deployment, take_out_and_stop) == 0


def test_with_no_app_server_answering_visitors_get_a_page_in_both_languages(
    deployment, running_app_servers
):
    for server in running_app_servers:
        server.stop()
    browser = deployment.browser()
    page = browser.get("/lt/")
    form = browser.post(url("registration:request"), [("name", "Ona")])
    for response in (page, form):
        assert response.status == 502
        assert "Svetainė laikinai nepasiekiama" in response.text
        assert "Site temporarily unavailable" in response.text
        assert response.header("Cache-Control") == "no-store"
