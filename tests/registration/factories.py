import time

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from registration.models import AppointmentRequest, PrivacyNotice
from registration.spam import FormStamp


class PrivacyNoticeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PrivacyNotice

    version = factory.Sequence(lambda n: f"2026-11-{n + 1:02d}")
    title_lt = "Privatumo pranešimas"
    title_en = "Privacy notice"
    body_lt = "<h2>Kokius duomenis renkame</h2><p>Vardą ir telefono numerį.</p>"
    body_en = "<h2>What data we collect</h2><p>Your name and phone number.</p>"
    effective_date = factory.LazyFunction(timezone.localdate)


class AppointmentRequestFactory(factory.django.DjangoModelFactory):
    """A request as the form stores it: new, in Lithuanian, its e-mail not yet sent."""

    class Meta:
        model = AppointmentRequest

    name = "Ona Onaitė"
    phone = "+37060226118"
    email = "ona@example.lt"
    preferred_time = AppointmentRequest.PreferredTime.MORNING
    topic = "Trigerinio taško injekcija"
    message = "Skauda kaklą jau mėnesį."
    language = "lt"
    consent_given_at = factory.LazyFunction(timezone.now)
    privacy_notice_version = "2026-11-22"
    form_token = factory.Sequence(lambda n: f"token-{n}")


class FormDataFactory(factory.DictFactory):
    """What a patient's browser posts: a complete, valid request.

    The form stamp was issued a minute ago, as if the patient took that long to fill
    the form in; each one is new, as each page load's would be.
    """

    name = "Jonas Jonaitis"
    phone = "8 602 26118"
    email = "jonas@example.lt"
    preferred_time = "afternoon"
    topic = "Nugaros skausmas"
    message = "Prašau paskambinti po pietų."
    consent = "on"
    website = ""
    form_stamp = factory.LazyFunction(lambda: FormStamp.issue(time.time() - 60).signed())


class StaffUserFactory(factory.django.DjangoModelFactory):
    """A member of staff who may log into the admin; put in `groups` by name."""

    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"staff{n}")
    is_staff = True

    @factory.post_generation
    def groups(self, create, names, **kwargs):
        if create and names:
            self.groups.set(Group.objects.filter(name__in=names))
