"""Live coverage in the newsroom's admin: start, end and reopen a story's coverage, the live desk
(live/desk.py), and the updates themselves, edited and deleted through live.services so that
counters, revision and purges follow, with their history kept."""

from django.contrib import admin, messages
from django.db.models import Count
from django.http import Http404
from django.shortcuts import redirect
from django.urls import path
from django.utils import timezone
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin

from newsportal.admin_forms import BoundedHistoryAdminMixin, storable

from . import desk, services
from .forms import ENTRY_FIELDS, LiveEntryForm
from .models import LiveCoverage, LiveEntry


def local_time(value) -> str:
    return f"{timezone.localtime(value):%H:%M %d/%m/%Y}" if value else "—"


def coverage_state(coverage) -> str:
    if coverage.has_ended:
        return f"Ended {local_time(coverage.ended_at)}"
    if not coverage.has_started:
        return f"Starts {local_time(coverage.started_at)}"
    return "Running"


class CoverageStateFilter(admin.SimpleListFilter):
    title = "state"
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [("running", "Running"), ("ended", "Ended")]

    def queryset(self, request, queryset):
        if self.value() == "running":
            return queryset.filter(ended_at__isnull=True)
        if self.value() == "ended":
            return queryset.filter(ended_at__isnull=False)
        return queryset


@admin.register(LiveCoverage)
class LiveCoverageAdmin(BoundedHistoryAdminMixin, SimpleHistoryAdmin):
    list_display = [
        "article",
        "state",
        "started_at",
        "latest_update",
        "update_count",
        "desk_link",
        "reader_link",
    ]
    list_select_related = ["article"]
    list_filter = [CoverageStateFilter]
    search_fields = ["article__headline"]
    ordering = ["-started_at"]
    autocomplete_fields = ["article"]
    actions = ["end_selected", "reopen_selected"]
    change_form_template = "admin/live/livecoverage/change_form.html"

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(entry_count=Count("entries"))

    def get_fields(self, request, obj=None):
        return ["article", "started_at"] if obj is None else ["article", "started_at", "ended_at"]

    def get_readonly_fields(self, request, obj=None):
        # Ending and reopening are buttons (and actions) that go through live.services.
        return [] if obj is None else ["article", "ended_at"]

    def save_model(self, request, obj, form, change):
        if not change:
            services.start_coverage(obj.article, started_at=obj.started_at)
        elif "started_at" in form.changed_data:
            services.move_coverage_start(obj, started_at=obj.started_at)

    def has_desk_permission(self, request):
        return request.user.has_perm("live.add_liveentry")

    def get_urls(self):
        def view(function):
            return self.admin_site.admin_view(
                lambda request, article_id: function(self, request, article_id)
            )

        return [
            path("<int:article_id>/desk/", view(desk.desk_view), name="live_livecoverage_desk"),
            path("<int:article_id>/start/", view(desk.start_view), name="live_livecoverage_start"),
            path("<int:article_id>/end/", view(desk.end_view), name="live_livecoverage_end"),
            path(
                "<int:article_id>/reopen/",
                view(desk.reopen_view),
                name="live_livecoverage_reopen",
            ),
            *super().get_urls(),
        ]

    @admin.display(description="state")
    def state(self, coverage):
        return coverage_state(coverage)

    @admin.display(description="latest update", ordering="last_entry_at")
    def latest_update(self, coverage):
        return local_time(coverage.last_entry_at)

    @admin.display(description="updates", ordering="entry_count")
    def update_count(self, coverage):
        return coverage.entry_count

    @admin.display(description="desk")
    def desk_link(self, coverage):
        return format_html('<a href="{}">Open live desk</a>', desk.desk_url(coverage.pk))

    @admin.display(description="readers' page")
    def reader_link(self, coverage):
        if not coverage.article.is_visible_to_readers:
            return "Not published"
        return format_html('<a href="{}">View</a>', coverage.article.get_absolute_url())

    def view_on_site(self, coverage):
        article = coverage.article
        return article.get_absolute_url() if article.is_visible_to_readers else None

    @admin.action(description="End the selected live coverage", permissions=["change"])
    def end_selected(self, request, queryset):
        running = [coverage for coverage in queryset if coverage.ended_at is None]
        for coverage in running:
            services.end_coverage(coverage)
        self.message_user(request, f"{len(running)} live coverage ended.", messages.SUCCESS)

    @admin.action(description="Reopen the selected live coverage", permissions=["change"])
    def reopen_selected(self, request, queryset):
        ended = [coverage for coverage in queryset if coverage.ended_at is not None]
        for coverage in ended:
            services.reopen_coverage(coverage)
        self.message_user(request, f"{len(ended)} live coverage reopened.", messages.SUCCESS)


class CoverageFilter(admin.SimpleListFilter):
    """The updates of one coverage (the newest coverage first), without a query per choice."""

    title = "coverage"
    parameter_name = "coverage"

    def lookups(self, request, model_admin):
        coverage = LiveCoverage.objects.select_related("article").order_by("-started_at")[:50]
        return [(str(row.pk), row.article.headline) for row in coverage]

    def queryset(self, request, queryset):
        value = self.value()
        if value and storable(LiveCoverage._meta.pk, value):
            return queryset.filter(coverage_id=value)
        return queryset.none() if value else queryset


@admin.register(LiveEntry)
class LiveEntryAdmin(BoundedHistoryAdminMixin, SimpleHistoryAdmin):
    form = LiveEntryForm
    list_display = [
        "__str__",
        "story",
        "sequence",
        "posted_at",
        "is_key_event",
        "is_pinned",
        "edited_at",
        "author",
    ]
    list_filter = [CoverageFilter, "is_key_event", "is_pinned"]
    list_select_related = ["author"]  # the story comes with get_queryset
    search_fields = ["title", "body"]
    ordering = ["-posted_at", "-pk"]
    autocomplete_fields = ["image", "author"]
    readonly_fields = ["coverage", "sequence", "posted_at", "edited_at", "posted_by"]
    fields = [*readonly_fields, *ENTRY_FIELDS]

    @admin.display(description="story", ordering="coverage__article__headline")
    def story(self, entry):
        return entry.coverage.article.headline

    def has_add_permission(self, request):
        return False  # updates are posted from the live desk, numbered by live.services

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("coverage__article")

    def save_model(self, request, obj, form, change):
        # The form has already changed ``obj``; the service compares with the stored row to know
        # whether readers should see "Updated".
        stored = LiveEntry.objects.filter(pk=obj.pk).first()
        if stored is None:
            raise Http404("This update has been deleted.")
        services.edit_entry(stored, **form.entry_fields())

    def delete_model(self, request, obj):
        services.delete_entry(obj)

    def delete_queryset(self, request, queryset):
        for entry in queryset:
            services.delete_entry(entry)

    # From the desk's edit and delete links (?desk=<story id>): back to the desk afterwards.
    def _back_to_desk(self, request):
        article_id = request.GET.get("desk", "")
        if article_id.isdigit() and storable(LiveCoverage._meta.pk, article_id):
            return redirect(desk.desk_url(int(article_id)))
        return None

    def response_post_save_change(self, request, obj):
        return self._back_to_desk(request) or super().response_post_save_change(request, obj)

    def response_delete(self, request, obj_display, obj_id):
        back = self._back_to_desk(request)
        if back is not None:
            self.message_user(request, f"Deleted: {obj_display}.", messages.SUCCESS)
            return back
        return super().response_delete(request, obj_display, obj_id)
