"""Submitting admin forms the way a browser would: every field as rendered, then edits."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.http import HttpResponse
from django.urls import reverse

MULTIPLE_CHOICE_FIELDS = (forms.MultipleChoiceField, forms.ModelMultipleChoiceField)


def admin_url(model: str, view: str, *args: Any) -> str:
    return reverse(f"admin:conflict_{model}_{view}", args=args)


def form_data(response: HttpResponse) -> dict[str, Any]:
    """The POST data of the admin form in ``response``, inlines included, unchanged."""
    all_forms = [response.context["adminform"].form]
    for inline in response.context.get("inline_admin_formsets", []):  # none on history forms
        all_forms.append(inline.formset.management_form)
        all_forms.extend(inline.formset.forms)
    data: dict[str, Any] = {}
    for form in all_forms:
        for field in form:
            value = field.value()
            if isinstance(field.field, MULTIPLE_CHOICE_FIELDS):
                data[field.html_name] = [str(item) for item in value or []]
            elif isinstance(value, bool):
                if value:
                    data[field.html_name] = "on"
            elif value is None:
                data[field.html_name] = ""
            elif isinstance(value, dt.date):
                data[field.html_name] = value.isoformat()
            else:
                data[field.html_name] = str(value)
    return data


def errors_of(response: HttpResponse) -> dict[str, list[str]]:
    """The main form's errors, by field name."""
    return {
        name: list(errors) for name, errors in response.context["adminform"].form.errors.items()
    }
