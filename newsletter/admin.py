from django.contrib import admin, messages
from django.db.models import Count, Q
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html

from newsportal.admin_tools import ReadOnlyAdminMixin, csv_response

from . import gdpr, subscriptions
from .digest import digest_queue, digest_send_test, start_sending
from .models import (
    ConsentRecord,
    Delivery,
    Digest,
    DigestStory,
    Subscriber,
    UnsubscribeEvent,
)


class ConsentInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = ConsentRecord
    extra = 0
    fields = [
        "created_at",
        "terms",
        "privacy",
        "ip_address",
        "source_url",
        "confirmed_at",
        "confirmation_ip_address",
    ]
    readonly_fields = fields


class UnsubscribeEventInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = UnsubscribeEvent
    extra = 0
    fields = ["created_at", "method", "detail"]
    readonly_fields = fields


@admin.register(Subscriber)
class SubscriberAdmin(admin.ModelAdmin):
    list_display = [
        "email",
        "status",
        "created_at",
        "confirmed_at",
        "unsubscribed_at",
        "source_url",
    ]
    list_filter = ["status", "created_at", "confirmed_at"]
    search_fields = ["email"]
    date_hierarchy = "created_at"
    readonly_fields = [
        "email",
        "status",
        "public_id",
        "created_at",
        "confirmed_at",
        "unsubscribed_at",
        "source_url",
        "confirmation_sent_at",
        "gdpr_links",
    ]
    fields = readonly_fields
    inlines = [ConsentInline, UnsubscribeEventInline]
    actions = ["resend_confirmation", "unsubscribe_selected", "export_csv"]

    def has_add_permission(self, request):
        # Subscribers sign up themselves, with their own consent.
        return False

    def has_delete_permission(self, request, obj=None):
        # Deleting is erasure, which has its own page (it anonymises the consent history).
        return False

    def get_urls(self):
        return [
            path(
                "<int:pk>/gdpr-export/",
                self.admin_site.admin_view(self.gdpr_export_view),
                name="newsletter_subscriber_gdpr_export",
            ),
            path(
                "<int:pk>/erase/",
                self.admin_site.admin_view(self.erase_view),
                name="newsletter_subscriber_erase",
            ),
            *super().get_urls(),
        ]

    @admin.display(description="Personal data (GDPR)")
    def gdpr_links(self, obj):
        return format_html(
            '<a href="{}">Export everything held (JSON)</a> · <a href="{}">Erase this address</a>',
            reverse("admin:newsletter_subscriber_gdpr_export", args=[obj.pk]),
            reverse("admin:newsletter_subscriber_erase", args=[obj.pk]),
        )

    def gdpr_export_view(self, request, pk):
        if not self.has_view_permission(request):
            return HttpResponse(status=403)
        subscriber = get_object_or_404(Subscriber, pk=pk)
        response = HttpResponse(
            gdpr.subscriber_export_json(subscriber=subscriber),
            content_type="application/json; charset=utf-8",
        )
        response["Content-Disposition"] = f'attachment; filename="subscriber-{pk}.json"'
        return response

    def erase_view(self, request, pk):
        if not self.has_change_permission(request):
            return HttpResponse(status=403)
        subscriber = get_object_or_404(Subscriber, pk=pk)
        if request.method == "POST":
            email = subscriber.email
            gdpr.subscriber_erase(subscriber=subscriber)
            self.message_user(request, f"{email} has been erased.")
            return HttpResponseRedirect(reverse("admin:newsletter_subscriber_changelist"))
        context = {
            **self.admin_site.each_context(request),
            "title": f"Erase {subscriber.email}?",
            "subscriber": subscriber,
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/newsletter/subscriber/erase.html", context)

    @admin.action(description="Resend the confirmation email (pending only)")
    def resend_confirmation(self, request, queryset):
        queued = 0
        for subscriber in queryset.filter(status=Subscriber.Status.PENDING):
            consent = subscriber.consents.order_by("-created_at").first()
            if consent is not None:
                queued += subscriptions.confirmation_resend(subscriber=subscriber, consent=consent)
        self.message_user(request, f"Confirmation email queued for {queued} pending subscriber(s).")

    @admin.action(description="Unsubscribe the selected subscribers")
    def unsubscribe_selected(self, request, queryset):
        count = sum(
            subscriptions.unsubscribe(
                subscriber=subscriber,
                method=UnsubscribeEvent.Method.ADMIN,
                detail=f"by {request.user}",
            )
            for subscriber in queryset
        )
        self.message_user(request, f"{count} subscriber(s) unsubscribed.")

    @admin.action(description="Export the selected subscribers as CSV")
    def export_csv(self, request, queryset):
        return csv_response(
            filename=f"subscribers-{timezone.localdate():%Y-%m-%d}.csv",
            header=["email", "status", "signed_up", "confirmed", "unsubscribed", "source"],
            rows=(
                [
                    s.email,
                    s.status,
                    s.created_at.isoformat(),
                    s.confirmed_at.isoformat() if s.confirmed_at else "",
                    s.unsubscribed_at.isoformat() if s.unsubscribed_at else "",
                    s.source_url,
                ]
                for s in queryset.iterator(chunk_size=2000)
            ),
        )


@admin.register(ConsentRecord)
class ConsentRecordAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["email", "created_at", "terms", "privacy", "confirmed_at", "ip_address"]
    list_filter = ["created_at", "confirmed_at"]
    list_select_related = ["terms", "privacy"]
    search_fields = ["email"]


@admin.register(UnsubscribeEvent)
class UnsubscribeEventAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["created_at", "method", "subscriber", "detail"]
    list_filter = ["method", "created_at"]
    list_select_related = ["subscriber"]


class DigestStoryInline(admin.TabularInline):
    model = DigestStory
    extra = 1
    fields = ["order", "article"]
    autocomplete_fields = ["article"]

    def has_add_permission(self, request, obj=None):
        return obj is None or obj.status == Digest.Status.DRAFT

    def has_change_permission(self, request, obj=None):
        return obj is None or obj.status == Digest.Status.DRAFT

    def has_delete_permission(self, request, obj=None):
        return obj is None or obj.status == Digest.Status.DRAFT


@admin.register(Digest)
class DigestAdmin(admin.ModelAdmin):
    list_display = [
        "edition",
        "subject",
        "status",
        "queued_at",
        "pending_count",
        "sent_count",
        "failed_count",
    ]
    list_filter = ["status"]
    inlines = [DigestStoryInline]
    readonly_fields = ["status", "queued_at", "completed_at", "delivery_summary"]
    actions = ["queue_for_sending", "send_test_to_me"]

    def get_queryset(self, request):
        return super().get_queryset(request).with_delivery_counts()

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.status != Digest.Status.DRAFT:
            return ["edition", "subject", "intro", *self.readonly_fields]
        return self.readonly_fields

    @admin.display(description="queued", ordering="deliveries_pending")
    def pending_count(self, obj):
        return obj.deliveries_pending

    @admin.display(description="sent", ordering="deliveries_sent")
    def sent_count(self, obj):
        return obj.deliveries_sent

    @admin.display(description="failed", ordering="deliveries_failed")
    def failed_count(self, obj):
        return obj.deliveries_failed

    @admin.display(description="deliveries")
    def delivery_summary(self, obj):
        if obj.pk is None:
            return "–"
        counts = obj.deliveries.aggregate(
            pending=Count("pk", filter=Q(status=Delivery.Status.PENDING)),
            sent=Count("pk", filter=Q(status=Delivery.Status.SENT)),
            failed=Count("pk", filter=Q(status=Delivery.Status.FAILED)),
            retrying=Count("pk", filter=Q(status=Delivery.Status.PENDING, attempts__gt=0)),
        )
        return format_html(
            '{} queued ({} waiting to retry), {} sent, {} failed. <a href="{}?digest__id__exact={}">See deliveries</a>',
            counts["pending"],
            counts["retrying"],
            counts["sent"],
            counts["failed"],
            reverse("admin:newsletter_delivery_changelist"),
            obj.pk,
        )

    # Both change what goes out or to whom: a view-only account gets neither.
    @admin.action(
        description="Queue for sending to all confirmed subscribers", permissions=["change"]
    )
    def queue_for_sending(self, request, queryset):
        for digest in queryset:
            if not digest.items.exists():
                self.message_user(request, f"{digest} has no stories.", messages.ERROR)
                continue
            created = digest_queue(digest=digest)
            self.message_user(request, f"{digest}: {created} deliveries queued.")

    @admin.action(description="Send a test to me", permissions=["change"])
    def send_test_to_me(self, request, queryset):
        if not request.user.email:
            self.message_user(request, "Your account has no email address.", messages.ERROR)
            return
        for digest in queryset:
            digest_send_test(digest=digest, email=request.user.email)
        self.message_user(request, f"Test sent to {request.user.email}.")


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    list_display = [
        "digest",
        "subscriber",
        "status",
        "attempts",
        "next_attempt_at",
        "sent_at",
        "last_error",
    ]
    list_filter = ["status", "digest"]
    list_select_related = ["digest", "subscriber"]
    search_fields = ["subscriber__email"]
    actions = ["retry_now"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description="Retry now (failed or waiting)")
    def retry_now(self, request, queryset):
        now = timezone.now()
        digest_ids = set(
            queryset.filter(status__in=[Delivery.Status.FAILED, Delivery.Status.PENDING])
            .values_list("digest_id", flat=True)
            .distinct()
        )
        # Rows a worker holds right now are left to it.
        count = queryset.filter(
            status__in=[Delivery.Status.FAILED, Delivery.Status.PENDING], claimed_at__isnull=True
        ).update(
            status=Delivery.Status.PENDING, next_attempt_at=now, claimed_at=None, claimed_by=""
        )
        Digest.objects.filter(pk__in=digest_ids, status=Digest.Status.SENT).update(
            status=Digest.Status.SENDING
        )
        for digest_id in digest_ids:
            start_sending(digest_id, chains=1)
        self.message_user(request, f"{count} deliveries queued again.")
