from django import template
from django.utils import timezone
from django.utils.dateformat import format as format_date
from django.utils.html import format_html

register = template.Library()


@register.simple_tag
def dateline(when):
    """A story's time as readers see it ("14:05 25/11/2026, Wednesday"), machine-readable too.

    A tag rather than an included template: lists render dozens of these per page.
    """
    if not when:
        return ""
    local = timezone.localtime(when)
    return format_html(
        '<time datetime="{}">{}</time>', local.isoformat(), format_date(local, "H:i d/m/Y, l")
    )
