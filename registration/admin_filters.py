"""The reception desk's own list filters (the plain field filters are in admin.py)."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _


class WaitingTooLongFilter(admin.SimpleListFilter):
    title = _("waiting")
    parameter_name = "waiting"

    def lookups(self, request, model_admin):
        return [("too-long", _("More than one working day"))]

    def queryset(self, request, queryset):
        if self.value() == "too-long":
            return queryset.waiting_too_long()
        return queryset


class NotificationFilter(admin.SimpleListFilter):
    title = _("e-mail to reception")
    parameter_name = "notification"

    def lookups(self, request, model_admin):
        return [("failed", _("Failed, will be retried")), ("sent", _("Sent"))]

    def queryset(self, request, queryset):
        if self.value() == "failed":
            return queryset.notification_failed()
        if self.value() == "sent":
            return queryset.filter(notification_sent_at__isnull=False)
        return queryset


class CallAgainFilter(admin.SimpleListFilter):
    title = _("calls")
    parameter_name = "calls"

    def lookups(self, request, model_admin):
        return [("try-again", _("Needs another try today"))]

    def queryset(self, request, queryset):
        if self.value() == "try-again":
            return queryset.needing_another_try_today()
        return queryset
