"""Moderation in the Django admin: queues, bulk decisions, readers' standing, the audit log."""

from datetime import timedelta

from django.conf import settings
from django.contrib import admin, messages
from django.middleware.csrf import get_token
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html

from articles.models import Article
from newsportal.admin_tools import ReadOnlyAdminMixin, csv_response

from . import moderation_desk, sanctions, services
from .models import (
    Comment,
    Commenter,
    Discussion,
    ModerationAction,
    Report,
    WordRule,
)
from .moderation import forget_word_rules, is_trusted


class ReportInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = Report
    extra = 0
    fields = ["reason", "reporter", "created_at", "resolved_at"]
    readonly_fields = fields


def _reject_action(reason):
    def action(modeladmin, request, queryset):
        for comment in queryset:
            services.reject(comment, by=request.user, reason=reason.value)
        modeladmin.message_user(request, f"{queryset.count()} comment(s) rejected: {reason.label}.")

    action.__name__ = f"reject_{reason.value}"
    return admin.action(description=f"Reject: {reason.label}", permissions=["moderate"])(action)


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    class Media:
        js = ["comments/moderation_desk.js"]
        css = {"all": ["comments/moderation_desk.css"]}

    list_display = [
        "excerpt_column",
        "status",
        "held_because",
        "author_history",
        "article_link",
        "created_at",
        "report_count",
        "is_featured",
    ]
    list_filter = [
        moderation_desk.QueueFilter,
        moderation_desk.QueueOrderFilter,
        "is_featured",
        "rejection_reason",
        "article__discussion__mode",
    ]
    list_select_related = ["article", "author__commenter", "parent"]
    list_per_page = 50
    # Counting every comment for "N total" would be a full count at every page view.
    show_full_result_count = False
    paginator = moderation_desk.QueuePaginator
    search_fields = ["body", "author__email", "author__commenter__display_name"]
    ordering = ["-created_at", "-pk"]
    date_hierarchy = None
    inlines = [ReportInline]
    change_form_template = "admin/comments/comment/change_form.html"
    fields = [
        "body",
        "article",
        "parent",
        "author_name",
        "status",
        "held_because",
        "rejection_reason",
        "is_featured",
        "reply_count",
        "report_count",
        "guidelines_version",
        "ip_address",
        "created_at",
        "moderated_at",
        "moderated_by",
    ]
    readonly_fields = fields
    actions = [
        "approve",
        *[_reject_action(reason) for reason in Comment.RejectionReason],
        "mark_spam",
        "feature",
        "unfeature",
    ]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser

    # --- The desk: opens on the pending queue, oldest first; a decision per row in one click.

    def changelist_view(self, request, extra_context=None):
        if request.method == "GET" and not request.GET and self.has_view_permission(request):
            return redirect(f"{request.path}?queue=pending")
        return super().changelist_view(request, extra_context)

    def get_ordering(self, request):
        oldest_first = (
            request.GET.get("queue") in moderation_desk.OLDEST_FIRST_QUEUES
            and request.GET.get("order") != "newest"
        ) or request.GET.get("order") == "oldest"
        return ["created_at", "pk"] if oldest_first else ["-created_at", "-pk"]

    def get_list_display(self, request):
        if not self.has_moderate_permission(request):
            return self.list_display
        back_to = request.get_full_path()

        @admin.display(description="decide")
        def decide(comment):
            return moderation_desk.decision_controls(comment, back_to=back_to)

        # Right after the comment: the decision stays in view on a laptop beside the filters.
        first, *rest = self.list_display
        return [first, decide, *rest]

    def get_urls(self):
        decide = self.admin_site.admin_view(
            lambda request, comment_id: moderation_desk.decide_view(self, request, comment_id)
        )
        return [
            path("<int:comment_id>/decide/", decide, name="comments_comment_decide"),
            *super().get_urls(),
        ]

    def render_change_form(self, request, context, *args, obj=None, **kwargs):
        if obj is not None and self.has_moderate_permission(request):
            context["decision_form"] = moderation_desk.decision_form(
                obj, csrf_token=get_token(request), back_to=request.get_full_path()
            )
        return super().render_change_form(request, context, *args, obj=obj, **kwargs)

    def delete_model(self, request, obj):
        services.erase_comment(obj)

    def delete_queryset(self, request, queryset):
        for comment in queryset:
            services.erase_comment(comment)

    def has_moderate_permission(self, request):
        return request.user.has_perm("comments.moderate_comment")

    @admin.display(description="comment", ordering="created_at")
    def excerpt_column(self, comment):
        return moderation_desk.full_text(comment)

    @admin.display(description="held because")
    def held_because(self, comment):
        return moderation_desk.readable_reasons(comment)

    @admin.display(description="author")
    def author_name(self, comment):
        return self.author_history(comment)

    @admin.display(description="author (approved / rejected)")
    def author_history(self, comment):
        if comment.author_id is None:
            return "Deleted user"
        commenter = getattr(comment.author, "commenter", None)
        if commenter is None:
            return comment.author.email
        url = (
            reverse("admin:comments_comment_changelist") + f"?author__id__exact={comment.author_id}"
        )
        sanction = (
            " · banned"
            if commenter.is_banned
            else (" · suspended" if commenter.is_suspended else "")
        )
        return format_html(
            '<a href="{}">{}</a> ({} / {}){}',
            url,
            commenter.display_name,
            commenter.approved_count,
            commenter.rejected_count,
            sanction,
        )

    @admin.display(description="story")
    def article_link(self, comment):
        return format_html(
            '<a href="{}">{}</a>', comment.article.get_absolute_url(), comment.article.headline[:60]
        )

    @admin.action(description="Approve", permissions=["moderate"])
    def approve(self, request, queryset):
        for comment in queryset:
            services.approve(comment, by=request.user)
        self.message_user(request, f"{len(queryset)} comment(s) approved.")

    @admin.action(description="Mark as spam", permissions=["moderate"])
    def mark_spam(self, request, queryset):
        for comment in queryset:
            services.mark_spam(comment, by=request.user)
        self.message_user(request, f"{len(queryset)} comment(s) marked as spam.")

    @admin.action(description="Feature (approved top-level comments)", permissions=["moderate"])
    def feature(self, request, queryset):
        done = 0
        for comment in queryset:
            try:
                services.set_featured(comment, by=request.user, featured=True)
                done += 1
            except services.CommentError as error:
                self.message_user(request, f"“{comment.excerpt}”: {error}", messages.WARNING)
        self.message_user(request, f"{done} comment(s) featured.")

    @admin.action(description="Stop featuring", permissions=["moderate"])
    def unfeature(self, request, queryset):
        for comment in queryset.filter(is_featured=True):
            services.set_featured(comment, by=request.user, featured=False)
        self.message_user(request, "Done.")


def _suspend_action(days, hide=False):
    def action(modeladmin, request, queryset):
        until = None if days is None else timezone.now() + timedelta(days=days)
        for commenter in queryset.select_related("user"):
            sanctions.suspend(
                commenter,
                by=request.user,
                until=until,
                reason=commenter.sanction_reason
                or "Repeated breaches of the community guidelines.",
                hide_comments=hide,
            )
        modeladmin.message_user(request, f"{queryset.count()} reader(s) sanctioned.")

    if days is None:
        action.__name__ = "ban_and_hide" if hide else "ban"
        label = "Ban permanently" + (" and hide their past comments" if hide else "")
    else:
        action.__name__ = f"suspend_{days}_days"
        label = f"Suspend for {days} day{'s' * (days > 1)}"
    return admin.action(description=label, permissions=["change"])(action)


@admin.register(Commenter)
class CommenterAdmin(admin.ModelAdmin):
    list_display = [
        "display_name",
        "email",
        "approved_count",
        "rejected_count",
        "standing",
        "created_at",
    ]
    list_filter = ["is_banned"]
    list_select_related = ["user"]
    search_fields = ["display_name", "user__email"]
    fields = [
        "user",
        "display_name",
        "is_banned",
        "suspended_until",
        "sanction_reason",
        "notify_on_reply",
        "approved_count",
        "rejected_count",
        "last_rejected_at",
        "accepted_guidelines_version",
    ]
    readonly_fields = [
        "user",
        "notify_on_reply",
        "approved_count",
        "rejected_count",
        "last_rejected_at",
        "accepted_guidelines_version",
    ]
    actions = [
        _suspend_action(1),
        _suspend_action(7),
        _suspend_action(30),
        _suspend_action(None),
        _suspend_action(None, hide=True),
        "lift",
    ]

    def has_add_permission(self, request):
        return False

    @admin.display(description="email", ordering="user__email")
    def email(self, commenter):
        return commenter.user.email

    @admin.display(description="standing")
    def standing(self, commenter):
        if commenter.is_banned:
            return "Banned"
        if commenter.is_suspended:
            return f"Suspended until {timezone.localtime(commenter.suspended_until):%d/%m/%Y %H:%M}"
        return "Trusted" if is_trusted(commenter) else "Pre-moderated"

    def save_model(self, request, obj, form, change):
        sanction_fields = {"is_banned", "suspended_until", "sanction_reason"}
        super().save_model(request, obj, form, change)
        if change and sanction_fields & set(form.changed_data):
            if obj.is_banned or obj.is_suspended:
                action = (
                    ModerationAction.Action.BAN
                    if obj.is_banned
                    else ModerationAction.Action.SUSPEND
                )
            else:
                action = ModerationAction.Action.LIFT
            services.log_decision(
                action, moderator=request.user, subject=obj.user, reason=obj.sanction_reason
            )

    @admin.action(description="Lift suspension or ban", permissions=["change"])
    def lift(self, request, queryset):
        for commenter in queryset.select_related("user"):
            sanctions.lift_sanction(commenter, by=request.user)
        self.message_user(request, "Done.")


@admin.action(description="Export as CSV")
def export_as_csv(modeladmin, request, queryset):
    """The selected log lines as CSV, oldest first."""
    return csv_response(
        filename="moderation-log.csv",
        header=["when (UTC)", "moderator", "action", "reader", "comment id", "comment", "reason"],
        rows=(
            [
                entry.created_at.isoformat(),
                entry.moderator_name,
                entry.get_action_display(),
                entry.subject_name,
                entry.comment_id or "",
                entry.comment_excerpt,
                entry.reason,
            ]
            for entry in queryset.order_by("created_at", "pk").iterator(chunk_size=2000)
        ),
    )


@admin.register(ModerationAction)
class ModerationActionAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = [
        "created_at",
        "moderator_name",
        "action",
        "subject_name",
        "comment_excerpt",
        "reason",
    ]
    # Only people who have moderated, not every reader account.
    list_filter = ["action", ("moderator", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["moderator_name", "subject_name", "comment_excerpt", "reason"]
    date_hierarchy = "created_at"
    actions = [export_as_csv]
    show_full_result_count = False
    paginator = moderation_desk.QueuePaginator


@admin.register(WordRule)
class WordRuleAdmin(admin.ModelAdmin):
    list_display = ["phrase", "kind", "created_at"]
    list_filter = ["kind"]
    search_fields = ["phrase"]
    fields = ["phrase", "kind"]

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        forget_word_rules()


@admin.register(Discussion)
class DiscussionAdmin(admin.ModelAdmin):
    """Open, pre-moderate or close a story's discussion, without the right to edit the story."""

    list_display = ["headline", "published_at", "mode", "comment_count", "closes"]
    list_editable = ["mode"]
    list_filter = ["mode"]
    list_select_related = ["article"]
    search_fields = ["article__headline"]
    ordering = ["-article__published_at", "-article_id"]
    fields = ["headline", "published_at", "mode", "comment_count", "closes"]
    readonly_fields = ["headline", "published_at", "comment_count", "closes"]
    show_full_result_count = False

    def get_queryset(self, request):
        return super().get_queryset(request).filter(article__in=Article.objects.published())

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "mode":
            days = settings.COMMENTS_CLOSE_AFTER_DAYS
            field.help_text = f"Comments close by themselves {days} days after publication."
        return field

    @admin.display(description="story", ordering="article__headline")
    def headline(self, discussion):
        return discussion.article.headline

    @admin.display(description="publication time", ordering="article__published_at")
    def published_at(self, discussion):
        return discussion.article.published_at

    @admin.display(description="closes by itself")
    def closes(self, discussion):
        return timezone.localtime(discussion.closes_at).strftime("%d/%m/%Y %H:%M")

    def save_model(self, request, obj, form, change):
        # Only the setting: a full save could write back a stale comment counter.
        obj.save(update_fields=["mode"])
