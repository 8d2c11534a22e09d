"""The editors' front-page page in the admin (Newsroom › Front page).

Every control is a button of one plain POST form, so the page works from the keyboard and
without JavaScript; where JavaScript runs, static/admin/articles/front_page.js lets editors drag
the slots and sections into order and posts the same form. The changes themselves are
articles/front_page_editing.py's.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseNotAllowed, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format

from . import front_page_editing as editing
from .front_page import front_page
from .front_page_models import PACKAGE_MAX_LINKS, PACKAGE_MIN_LINKS, SLOTS, FrontPageLayout
from .models import Article, Section

ARRANGE_PERMISSION = "articles.arrange_front_page"


class ScheduleForm(forms.Form):
    # Its field shares the page's one form with every other button: "required" would stop them.
    use_required_attribute = False

    # Day first, 24-hour, as everywhere on the site (a datetime-local box follows the browser's
    # locale, month first in an American one).
    starts_at = forms.DateTimeField(
        label="Starts at",
        input_formats=["%d/%m/%Y %H:%M", "%d/%m/%Y %H.%M", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        help_text="Day/month/year and a 24-hour time, e.g. 03/12/2026 06:00.",
        widget=forms.TextInput(attrs={"placeholder": "dd/mm/yyyy hh:mm", "size": 18}),
    )


def candidate_label(story):
    """How the pickers name a story: headline (section, 24-hour time and day)."""
    published = date_format(timezone.localtime(story.published_at), "H:i d/m")
    return f"{story.headline} ({story.section.name}, {published})"


def slot_label(position):
    return "Lead" if position == 0 else f"Top story {position}"


@admin.register(FrontPageLayout)
class FrontPageAdmin(admin.ModelAdmin):
    """No list or forms of its own: the admin index's "Front page" opens the arranging page."""

    def has_module_permission(self, request):
        return request.user.has_perm(ARRANGE_PERMISSION)

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm(ARRANGE_PERMISSION)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        return [
            path(
                "change/",
                self.admin_site.admin_view(self.change_arrangement),
                name="articles_frontpagelayout_arrange",
            ),
            path(
                "candidates/",
                self.admin_site.admin_view(self.candidates_view),
                name="articles_frontpagelayout_candidates",
            ),
            path(
                "",
                self.admin_site.admin_view(self.arrangement_view),
                name="articles_frontpagelayout_changelist",
            ),
        ]

    # --- reading ---------------------------------------------------------------------------

    def arrangement_view(self, request):
        if not request.user.has_perm(ARRANGE_PERMISSION):
            raise PermissionDenied
        layout = self._layout_from(request.GET.get("layout"))
        live = FrontPageLayout.objects.live().first()
        is_live = layout is None or (live is not None and layout.pk == live.pk)
        stories = self._arrangement_stories(layout)
        slot_ids = editing.slots_of(layout) if layout else [None] * SLOTS
        # What readers see in the slots left empty, on the live arrangement.
        automatic = {}
        if is_live:
            shown = front_page(Article.objects.published().for_cards())
            automatic = dict(enumerate([shown.lead, *shown.top]))
        lead_id = slot_ids[0]
        query = request.GET.get("q", "").strip()
        candidates = [(story, candidate_label(story)) for story in editing.candidates(query)]
        context = {
            **self.admin_site.each_context(request),
            "title": "Front page",
            "opts": self.model._meta,
            "layout": layout,
            "is_live": is_live,
            "scheduled": FrontPageLayout.objects.scheduled(),
            "slots": [
                {
                    "position": position,
                    "label": slot_label(position),
                    "story": stories.get(pk),
                    "automatic": None if pk else automatic.get(position),
                    "first": position == 0,
                    "last": position == SLOTS - 1,
                }
                for position, pk in enumerate(slot_ids)
            ],
            "candidates": candidates,
            "query": query,
            "candidates_max": editing.CANDIDATES,
            "sections": self._sections(layout),
            "lead": stories.get(lead_id),
            "package": [stories[pk] for pk in editing.package_of(layout, lead_id) if pk in stories]
            if layout and lead_id
            else [],
            "package_min": PACKAGE_MIN_LINKS,
            "package_max": PACKAGE_MAX_LINKS,
            "schedule_form": ScheduleForm(),
            "now": timezone.now(),
        }
        return TemplateResponse(request, "admin/articles/front_page.html", context)

    def candidates_view(self, request):
        """The pickers' stories for a search, as JSON: front_page.js asks as the editor types."""
        if not request.user.has_perm(ARRANGE_PERMISSION):
            raise PermissionDenied
        query = request.GET.get("q", "")
        return JsonResponse(
            {
                "stories": [
                    {"id": story.pk, "label": candidate_label(story)}
                    for story in editing.candidates(query)
                ],
                "limit": editing.CANDIDATES,
            }
        )

    @staticmethod
    def _layout_from(value):
        if value and value.isascii() and value.isdigit():
            return get_object_or_404(FrontPageLayout, pk=int(value))
        return FrontPageLayout.objects.live().first()

    @staticmethod
    def _arrangement_stories(layout):
        if layout is None:
            return {}
        ids = layout.placements.exclude(article=None).values("article_id")
        return {
            story.pk: story
            for story in Article.objects.filter(pk__in=ids)
            .select_related("section")
            .only("pk", "slug", "headline", "status", "published_at", "section__name")
        }

    @staticmethod
    def _sections(layout):
        sections = Section.objects.in_bulk()
        order = editing.section_order_of(layout) if layout else list(sections)
        return [sections[pk] for pk in order if pk in sections]

    # --- changing --------------------------------------------------------------------------

    def change_arrangement(self, request):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not request.user.has_perm(ARRANGE_PERMISSION):
            raise PermissionDenied
        layout_id = request.POST.get("layout", "")
        if layout_id.isascii() and layout_id.isdigit():
            layout = get_object_or_404(FrontPageLayout, pk=int(layout_id))
        else:
            layout = editing.live_layout_for_editing(by=request.user)
        verb, _, argument = request.POST.get("action", "").partition(":")
        fragment = ""
        try:
            if verb == "schedule":
                form = ScheduleForm(request.POST)
                if not form.is_valid():
                    raise editing.ArrangementError("Give the time the arrangement starts at.")
                layout = editing.schedule_layout(
                    starts_at=form.cleaned_data["starts_at"], by=request.user
                )
                message = f"Scheduled: {layout}. Arrange it below."
            elif verb == "cancel":
                editing.cancel_scheduled(layout)
                messages.success(request, f"Cancelled: {layout}.")
                return redirect("admin:articles_frontpagelayout_changelist")
            else:
                message, fragment = self._apply(layout, verb, argument, request.POST)
        except (editing.ArrangementError, ValueError, IndexError) as error:
            messages.error(request, str(error) or "Nothing was changed.")
        else:
            messages.success(request, message)
        url = reverse("admin:articles_frontpagelayout_changelist")
        if not FrontPageLayout.objects.live().filter(pk=layout.pk)[:1].exists():
            url += f"?layout={layout.pk}"
        return redirect(url + fragment)

    @staticmethod
    def _apply(layout, verb, argument, data):
        """Apply one button's change; (what to tell the editor, where on the page to return)."""
        if verb in {"up", "down", "clear", "place"}:
            position = int(argument)
            if not 0 <= position < SLOTS:
                raise editing.ArrangementError("No such slot.")
            if verb == "place":
                story = data.get(f"story-{position}", "")
                if not story:
                    raise editing.ArrangementError("Choose a story to place.")
                editing.place_story(layout, position=position, article_id=int(story))
                return f"Placed in the slot “{slot_label(position)}”.", f"#slot-{position}"
            if verb == "clear":
                editing.clear_slot(layout, position=position)
                return f"“{slot_label(position)}” now fills by itself.", f"#slot-{position}"
            offset = -1 if verb == "up" else 1
            editing.move_slot(layout, position=position, offset=offset)
            target = min(max(position + offset, 0), SLOTS - 1)
            return f"Moved to “{slot_label(target)}”.", f"#slot-{target}"
        if verb == "reorder":
            slots = [int(pk) if pk else None for pk in data.getlist("slot")]
            editing.arrange_slots(layout, slots)
            return "The new order of the front page is saved.", "#slots"
        if verb in {"section-up", "section-down"}:
            offset = -1 if verb == "section-up" else 1
            editing.move_section(layout, section_id=int(argument), offset=offset)
            return "The order of the sections is saved.", f"#section-{argument}"
        if verb == "sections":
            editing.arrange_sections(layout, [int(pk) for pk in data.getlist("section")])
            return "The order of the sections is saved.", "#sections"
        lead_id = editing.slots_of(layout)[0]
        if verb in {"link-add", "link-remove"} and lead_id is None:
            raise editing.ArrangementError("Place a lead story first.")
        if verb == "link-add":
            story = data.get("link-story", "")
            if not story:
                raise editing.ArrangementError("Choose a story to link.")
            editing.add_link(layout, lead_id=lead_id, article_id=int(story))
            return "Link added under the lead.", "#package"
        if verb == "link-remove":
            editing.remove_link(layout, lead_id=lead_id, article_id=int(argument))
            return "Link removed.", "#package"
        raise editing.ArrangementError("Unknown change: nothing was changed.")
