"""The admin's history of a record says who changed what, when, and from which value to which.

Django's own change message names only the changed fields; an audit trail needs the values.
"""

import json

from django.contrib.admin.models import LogEntry
from django.db.models import Model, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _

VALUE_LENGTH = 200


def _display(value) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, QuerySet | list | tuple | set):
        return ", ".join(sorted(_display(item) for item in value)) or "—"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    text = str(value)
    return text if len(text) <= VALUE_LENGTH else text[: VALUE_LENGTH - 1] + "…"


def _shown(field, value) -> str:
    """A value as the form shows it: a related record by its name, a choice by its label."""
    if hasattr(field, "queryset"):
        if isinstance(value, QuerySet | Model) or value in (None, "", []):
            return _display(value)
        keys = value if isinstance(value, list | tuple | set) else [value]
        keys = [getattr(key, "pk", key) for key in keys]
        return _display(list(field.queryset.filter(pk__in=keys)))
    choices = dict(getattr(field, "choices", None) or [])
    if isinstance(value, str) and value in choices:
        return _display(choices[value])
    return _display(value)


def describe_changes(changes: list[tuple[str, str, str]]) -> str:
    """ "Changed: Title: old → new; Status: …." for (label, old value, new value) triples."""
    listed = "; ".join(f"{label}: {_display(old)} → {_display(new)}" for label, old, new in changes)
    return _("Changed: %(changes)s.") % {"changes": listed}


def change_message_with_values(form, django_message: list) -> str:
    changes = [
        (
            form.fields[name].label,
            _shown(form.fields[name], form.initial.get(name)),
            _shown(form.fields[name], form.cleaned_data.get(name)),
        )
        for name in form.changed_data
        if name in form.fields
    ]
    # The inlines' changes keep Django's wording; the form's own fields are listed above.
    inlines = [entry for entry in django_message if "name" in entry.get("changed", {"name": 1})]
    rest = LogEntry(change_message=json.dumps(inlines)).get_change_message() if inlines else ""
    return " ".join(part for part in (describe_changes(changes), rest) if part)


class ValuesInHistoryMixin:
    """For a ModelAdmin: the history entry of a change lists each field's old and new value."""

    def construct_change_message(self, request: HttpRequest, form, formsets, add: bool):
        message = super().construct_change_message(request, form, formsets, add)
        if add or not form.changed_data:
            return message
        return change_message_with_values(form, message)
