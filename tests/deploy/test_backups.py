"""backup_database while the site runs, then restore_database with the app servers
stopped, as docs/deploying.md says: the data is back as it was at the backup."""

import uuid

import pytest
from django.db import connection

from registration.models import AppointmentRequest
from tests.deploy.visitors import send_appointment_request

pytestmark = pytest.mark.deploy


def test_a_backup_restores_the_data_as_it_was(deployment, running_app_servers, site_db):

    browser = deployment.browser()
    run = uuid.uuid4().hex[:6]
    before, after = f"Prieš atsarginę kopiją {run}", f"Po atsarginės kopijos {run}"
    assert send_appointment_request(browser, before)[0].status == 303
    backup = deployment.state / "backups" / "clinic.backup"
    backup.parent.mkdir()
    deployment.manage("backup_database", str(backup))
    names_at_backup = set(AppointmentRequest.objects.values_list("name", flat=True))
    assert send_appointment_request(browser, after)[0].status == 303
    assert AppointmentRequest.objects.filter(name=after).exists()
    connection.close()

    for server in running_app_servers:
        server.stop()  # sudo systemctl stop clinic
    deployment.manage("restore_database", "--noinput", str(backup))
    for server in running_app_servers:
        server.start()

    assert set(AppointmentRequest.objects.values_list("name", flat=True)) == names_at_backup
    assert before in names_at_backup
    assert deployment.browser().get("/lt/").status == 200
