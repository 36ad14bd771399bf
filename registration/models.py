from datetime import timedelta

from django.conf import settings
from django.db import connection, models
from django.db.models.functions import Coalesce, TruncMonth
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from articles.text import fold
from clinic.fields import staff_member
from clinic.phone import format_for_people
from clinic.rich_text import RichTextField, sanitize_translations
from registration.calls import CallAttempt, CallHistory, claim_lapses_before
from registration.working_days import one_working_day_before


class PrivacyNoticeQuerySet(models.QuerySet):
    def current(self):
        """The notice in force today: the latest one whose effective date has come, or None."""
        return (
            self.filter(effective_date__lte=timezone.localdate())
            .order_by("-effective_date", "-pk")
            .first()
        )


class PrivacyNotice(models.Model):
    """What the clinic does with a patient's request: the text patients consent to.

    Each consent is stored with the version it was given to, so a meaningful change
    belongs in a new notice with a new version, not an edit of the old one.
    """

    title = models.CharField(_("title"), max_length=200)
    body = RichTextField(
        _("text"),
        help_text=_(
            "What is kept, why, for how long, who sees it and how to ask for deletion. "
            "Sections start with a heading (Heading 2)."
        ),
    )
    version = models.CharField(
        _("version"),
        max_length=40,
        unique=True,
        help_text=_(
            "A name for this wording, e.g. 2026-11-22. Stored with every consent; it cannot "
            "be changed later. For new wording, add a new notice with a new version."
        ),
    )
    effective_date = models.DateField(
        _("in force from"),
        default=timezone.localdate,
        help_text=_("The site shows the latest notice in force; a future date waits until then."),
    )

    objects = PrivacyNoticeQuerySet.as_manager()

    class Meta:
        ordering = ["-effective_date", "-pk"]
        verbose_name = _("privacy notice")
        verbose_name_plural = _("privacy notices")

    def __str__(self):
        return f"{self.title} ({self.version})"

    def save(self, *args, **kwargs):
        sanitize_translations(self, "body")
        super().save(*args, **kwargs)


class AppointmentRequestQuerySet(models.QuerySet):
    def waiting(self):
        return self.filter(status=AppointmentRequest.Status.NEW)

    def waiting_too_long(self, now=None):
        """New requests nobody has handled for more than one working day."""
        return self.waiting().filter(created_at__lt=AppointmentRequest.late_cutoff(now))

    def waiting_counts(self, now=None):
        """How many requests are new, and how many of them wait too long:
        {"new": 5, "too_long": 2}, in one query."""
        late = models.Q(created_at__lt=AppointmentRequest.late_cutoff(now))
        return self.waiting().aggregate(
            new=models.Count("pk"), too_long=models.Count("pk", filter=late)
        )

    def notification_failed(self):
        """Requests whose e-mail to reception failed and has not gone out since."""
        return self.filter(notification_sent_at__isnull=True).exclude(notification_error="")

    def pending_notification(self, now=None):
        """New requests whose e-mail to reception has not gone out, and which no
        worker is sending right now (a claim that lapsed counts as none)."""
        now = now or timezone.now()
        unclaimed = models.Q(notification_claimed_until__isnull=True) | models.Q(
            notification_claimed_until__lt=now
        )
        return self.waiting().filter(unclaimed, notification_sent_at__isnull=True)

    def due_for_erasure(self, days):
        """Closed, spam and unchecked requests last handled more than `days` days ago."""
        cutoff = timezone.now() - timedelta(days=days)
        return (
            self.filter(
                status__in=[
                    AppointmentRequest.Status.CLOSED,
                    AppointmentRequest.Status.SPAM,
                    AppointmentRequest.Status.TO_CHECK,
                ],
                erased_at__isnull=True,
            )
            .alias(last_touched=Coalesce("handled_at", "created_at"))
            .filter(last_touched__lt=cutoff)
        )

    def with_name_like(self, typed):
        """Requests whose name has a word starting with each word typed, ignoring case and
        diacritics: "zydrune", "onaite", "ona onait" all find "Žydrūnė Onaitė".

        Each word is looked up in the name-word index (RequestNameWord), never by reading
        every name, so the cost stays flat at 100,000 requests.
        """
        words = fold(typed).split()
        if not words:
            return self.none()
        queryset = self
        for word in words[:4]:
            matching = RequestNameWord.objects.starting_with(word).values("request_id")
            queryset = queryset.filter(pk__in=matching)
        return queryset

    def needing_another_try_today(self, now=None):
        """New requests whose last call went unanswered on an earlier day."""
        now = timezone.localtime(now or timezone.now())
        start_of_today = now.replace(hour=0, minute=0, second=0, microsecond=0)
        last = CallAttempt.objects.filter(request=models.OuterRef("pk")).order_by("-at", "-pk")
        return (
            self.waiting()
            .annotate(
                last_outcome=models.Subquery(last.values("outcome")[:1]),
                last_call_at=models.Subquery(last.values("at")[:1]),
            )
            .filter(last_outcome__in=CallAttempt.UNANSWERED, last_call_at__lt=start_of_today)
        )

    def count_by_article_and_month(self):
        """[(article id, first day of the month, number of requests)], newest month
        first: which articles bring requests. Spam is left out; no personal data."""
        rows = (
            self.exclude(status=AppointmentRequest.Status.SPAM)
            .filter(source_article__isnull=False)
            .annotate(month=TruncMonth("created_at"))
            .values("source_article", "month")
            .annotate(requests=models.Count("pk"))
            .order_by("-month", "-requests", "source_article")
        )
        return [(row["source_article"], row["month"], row["requests"]) for row in rows]

    def of_patient(self, phone="", email=""):
        """The requests, not yet erased, sent with this phone number (E.164) or e-mail."""
        match = models.Q(pk__in=[])
        if phone:
            match |= models.Q(phone=phone)
        if email:
            match |= models.Q(email__iexact=email)
        return self.filter(match, erased_at__isnull=True)

    def erase_personal_data(self):
        """Blank everything that could identify the patient, keeping a statistics stub
        (when, in which language, how it ended). Returns the number of requests erased."""
        RequestNameWord.objects.filter(request__in=self).delete()
        return self.update(
            name="",
            phone="",
            email="",
            topic="",
            message="",
            staff_notes="",
            erased_at=timezone.now(),
        )


class AppointmentRequest(models.Model):
    """A patient's request to be called back. Health data: only reception sees it."""

    class Status(models.TextChoices):
        NEW = "new", _("New")
        CONTACTED = "contacted", _("Contacted")
        BOOKED = "booked", _("Appointment booked")
        CLOSED = "closed", _("Closed")
        SPAM = "spam", _("Spam")
        # Sent faster than a person types: a robot, or a patient's browser autofill.
        TO_CHECK = "check", _("To check: sent very fast")

    class PreferredTime(models.TextChoices):
        ANY = "any", _("Any time")
        MORNING = "morning", _("Morning (before 12:00)")
        AFTERNOON = "afternoon", _("Afternoon (after 12:00)")

    MESSAGE_MAX_LENGTH = 1000

    # What the patient sent.
    name = models.CharField(_("patient's name"), max_length=100)
    phone = models.CharField(_("phone"), max_length=20, help_text=_("Stored as +370…"))
    email = models.EmailField(_("e-mail"), blank=True)
    preferred_time = models.CharField(
        _("preferred time to be called"),
        max_length=10,
        choices=PreferredTime.choices,
        default=PreferredTime.ANY,
    )
    topic = models.CharField(_("what it is about"), max_length=200, blank=True)
    message = models.TextField(_("message"), max_length=MESSAGE_MAX_LENGTH, blank=True)
    language = models.CharField(
        _("language"),
        max_length=7,
        choices=settings.LANGUAGES,
        help_text=_("Call the patient back in this language."),
    )
    consent_given_at = models.DateTimeField(_("consent given at"))
    privacy_notice_version = models.CharField(
        _("privacy notice version"),
        max_length=40,
        blank=True,
        help_text=_("The privacy notice the patient agreed to."),
    )
    created_at = models.DateTimeField(_("received"), default=timezone.now, db_index=True)
    # The article the patient came from (the form's ?article=), for "which pages help".
    source_article = models.ForeignKey(
        "articles.Article",
        verbose_name=_("sent from the article"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Sent with the form, once: the same form sent twice is recognised, not stored twice.
    form_token = models.CharField(max_length=64, unique=True, editable=False)

    # What reception does with it.
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.NEW, db_index=True
    )
    staff_notes = models.TextField(
        _("staff notes"),
        blank=True,
        help_text=_("Only reception sees these. Keep to what is needed to arrange the visit."),
    )
    handled_by = staff_member(_("handled by"))
    handled_at = models.DateTimeField(_("handled at"), null=True, blank=True)
    # "I am calling": so that two people do not call the same patient. Lapses after a
    # working day.
    claimed_by = staff_member(_("being called by"))
    claimed_at = models.DateTimeField(_("claimed at"), null=True, blank=True)
    erased_at = models.DateTimeField(_("personal data erased at"), null=True, blank=True)

    # The e-mail to reception (it carries no patient data).
    notification_sent_at = models.DateTimeField(_("notification sent at"), null=True, blank=True)
    notification_attempts = models.PositiveSmallIntegerField(_("notification attempts"), default=0)
    notification_error = models.CharField(_("last notification error"), max_length=300, blank=True)
    # Set while a worker sends the e-mail, so that no other sends it too.
    notification_claimed_until = models.DateTimeField(null=True, blank=True, editable=False)

    objects = AppointmentRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("appointment request")
        verbose_name_plural = _("appointment requests")

    def __str__(self):
        if self.erased_at:
            return str(_("Erased request no. %(number)s") % {"number": self.pk})
        return str(_("Request no. %(number)s") % {"number": self.pk})

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        update_fields = kwargs.get("update_fields")
        if update_fields is None or "name" in update_fields:
            RequestNameWord.index(self)

    @property
    def phone_for_people(self):
        return format_for_people(self.phone)

    def set_status(self, status, by):
        """Move the request to `status`, recording who did it and when."""
        self.status = status
        self.record_handling(by)
        self.save(update_fields=["status", "handled_by", "handled_at"])

    def record_handling(self, by):
        self.handled_by = by
        self.handled_at = timezone.now()

    def claimant(self, now=None):
        """Who is calling this patient, while their claim lasts; else None."""
        if self.claimed_at and self.claimed_at >= claim_lapses_before(now):
            return self.claimed_by
        return None

    def claim(self, by, now=None):
        """Take the request for `by`, unless someone else holds it. True if `by` holds it."""
        now = now or timezone.now()
        free = (
            models.Q(claimed_by__isnull=True)
            | models.Q(claimed_by=by)
            | models.Q(claimed_at__lt=claim_lapses_before(now))
        )
        taken = type(self).objects.filter(free, pk=self.pk).update(claimed_by=by, claimed_at=now)
        if taken:
            self.claimed_by, self.claimed_at = by, now
        return bool(taken)

    def release(self, by):
        type(self).objects.filter(pk=self.pk, claimed_by=by).update(
            claimed_by=None, claimed_at=None
        )

    def record_call(self, outcome, by):
        """Record one call attempt; reaching the patient makes a new request Contacted."""
        attempt = CallAttempt.objects.create(request=self, outcome=outcome, by=by)
        if outcome == CallAttempt.Outcome.REACHED and self.status == self.Status.NEW:
            self.set_status(self.Status.CONTACTED, by=by)
        return attempt

    def call_history(self, now=None):
        return CallHistory(self.call_attempts.all(), now)

    @staticmethod
    def late_cutoff(now=None):
        """The rule, in one place: a new request is late once it has waited more than
        one working day (weekends and public holidays do not count); that is, when it
        came before this moment."""
        return one_working_day_before(now or timezone.now())

    def is_waiting_too_long(self, now=None):
        return self.status == self.Status.NEW and self.created_at < self.late_cutoff(now)


class RequestNameWordQuerySet(models.QuerySet):
    def starting_with(self, prefix):
        """Words starting with `prefix` (folded), read from the index on both databases:
        PostgreSQL's LIKE 'prefix%' uses the column's pattern index; on SQLite a range
        (prefix <= word < prefix + the last character) does, as LIKE there would not."""
        if connection.vendor == "postgresql":
            return self.filter(word__startswith=prefix)
        return self.filter(word__gte=prefix, word__lt=prefix + "\U0010ffff")


class RequestNameWord(models.Model):
    """One word of a patient's name, folded (lower case, no diacritics): the index that
    reception's name search reads. Rebuilt when the name is saved; gone on erasure."""

    request = models.ForeignKey(
        AppointmentRequest, on_delete=models.CASCADE, related_name="name_words"
    )
    word = models.CharField(max_length=100, db_index=True)

    objects = RequestNameWordQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["request", "word"], name="one_name_word_per_request")
        ]

    def __str__(self):
        return self.word

    @classmethod
    def index(cls, appointment_request):
        words = set(fold(appointment_request.name).replace("-", " ").split())
        cls.objects.filter(request=appointment_request).delete()
        cls.objects.bulk_create(cls(request=appointment_request, word=w[:100]) for w in words)
