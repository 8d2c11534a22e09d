"""What every form of the newsroom's admin gets (NewsroomAdminSite.register adds it to each
ModelAdmin and its inlines): fields that answer a value the database cannot take with a form
error, as they do any other wrong value, instead of a 500.

- A date and time at the very ends of the calendar (0001-01-01 00:00 here, 9999-12-31 23:59 west
  of UTC) is valid in the editor's time zone but overflows when Django converts it to UTC to
  save it.
- A picker (autocomplete field) sent a value its key cannot hold (text for a number, a number
  past 64 bits, a NUL byte) looks it up when the form is shown again with its errors, and the
  database refuses it; a list of choices (many-to-many) looks such a number up while checking
  the list.
"""

import datetime as dt

from django import forms
from django.contrib.admin.utils import unquote
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404

INTEGER_RANGE = range(-(2**63), 2**63)


class BoundedSplitDateTimeField(forms.SplitDateTimeField):
    def compress(self, data_list):
        value = super().compress(data_list)
        if value is not None:
            try:
                value.astimezone(dt.UTC)
            except OverflowError as error:
                raise ValidationError(
                    "Enter a date and time between the years 1 and 9999.", code="invalid"
                ) from error
        return value


def storable(field: models.Field, value) -> bool:
    """Whether ``value`` is something ``field`` (a key) can hold and the database look up."""
    try:
        value = field.to_python(value)
    except ValidationError:
        return False
    if isinstance(value, int):
        return value in INTEGER_RANGE
    return not (isinstance(value, str) and "\x00" in value)


class BoundedModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    def _check_values(self, value):
        opts = self.queryset.model._meta
        key = opts.get_field(self.to_field_name) if self.to_field_name else opts.pk
        for pk in value:
            if not storable(key, pk):
                raise ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": pk},
                )
        return super()._check_values(value)


class TolerantAutocompleteMixin:
    """Shows only the chosen values that can exist; the field's own check reports the rest."""

    def optgroups(self, name, value, attr=None):
        remote = self.field.remote_field.model._meta
        key = remote.get_field(getattr(self.field.remote_field, "field_name", remote.pk.attname))
        return super().optgroups(name, [v for v in value if storable(key, v)], attr)


class TolerantAutocompleteSelect(TolerantAutocompleteMixin, AutocompleteSelect):
    pass


class TolerantAutocompleteSelectMultiple(TolerantAutocompleteMixin, AutocompleteSelectMultiple):
    pass


class BoundedAdminFormsMixin:
    """For ModelAdmin and InlineModelAdmin classes: the fields above in their forms, and an
    object's page at an address its key cannot hold is "no such object", not a 500 (Django
    bounds plain integer lookups itself, not a key that is a one-to-one link, as a
    discussion's is)."""

    def get_object(self, request, object_id, from_field=None):
        opts = self.model._meta
        key = opts.get_field(from_field) if from_field else opts.pk
        if not storable(key, object_id):
            return None
        return super().get_object(request, object_id, from_field)

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if isinstance(db_field, models.DateTimeField) and "form_class" not in kwargs:
            kwargs["form_class"] = BoundedSplitDateTimeField
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = TolerantAutocompleteSelect(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        kwargs.setdefault("form_class", BoundedModelMultipleChoiceField)
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = TolerantAutocompleteSelectMultiple(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class BoundedHistoryAdminMixin:
    """For django-simple-history's SimpleHistoryAdmin: it looks the numbers of its addresses up
    as they come, so text or a number past 64 bits there was a 500, where every other admin page
    answers 404."""

    def history_view(self, request, object_id, extra_context=None):
        if not storable(self.model._meta.pk, unquote(object_id)):
            raise Http404("No such object")
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        history_key = self.model.history.model._meta.get_field("history_id")
        if not (
            storable(self.model._meta.pk, unquote(object_id)) and storable(history_key, version_id)
        ):
            raise Http404("No such version")
        return super().history_form_view(request, object_id, version_id, extra_context)


def bounded(admin_class):
    """``admin_class`` with BoundedAdminFormsMixin, and its inlines too."""
    if issubclass(admin_class, BoundedAdminFormsMixin):
        return admin_class
    attrs = {"__module__": admin_class.__module__}
    if getattr(admin_class, "inlines", None):
        attrs["inlines"] = [bounded(inline) for inline in admin_class.inlines]
    return type(admin_class.__name__, (BoundedAdminFormsMixin, admin_class), attrs)
