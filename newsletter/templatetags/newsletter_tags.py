from django import template
from django.conf import settings
from django.urls import reverse
from django.utils.html import format_html

register = template.Library()


@register.simple_tag
def newsletter_consent_label():
    """The consent sentence with both policies linked; its words are exactly consent_text()."""
    return format_html(
        "By subscribing, you agree to receive electronic communications from {} websites and "
        'accept the <a href="{}">Terms of Use</a> and <a href="{}">Privacy Policy</a>',
        settings.SITE_PUBLISHER,
        reverse("legal:terms"),
        reverse("legal:privacy"),
    )
