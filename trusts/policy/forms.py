"""The policy form in admin: one field per setting, built from the schema, saved as a new version."""

from __future__ import annotations

import json
import typing
from dataclasses import fields

from django import forms

from .presets import PRESETS
from .schema import PolicySettings

CHOICES = {
    "objectives_limit": [("warn", "Warn"), ("block", "Block")],
    "objectives_proposed_by": [
        ("joint", "Reviewer and reviewee agree; the reviewer decides if they cannot"),
        ("appraisee", "The appraisee proposes; the appraiser agrees"),
    ],
    "feedback_day_unit": [("working", "Working days"), ("calendar", "Calendar days")],
    "support_plan_week_unit": [("calendar", "Weeks"), ("working", "Working weeks (school calendar)")],
    "pay_link": [
        ("performance_pay", "Performance pay: the report recommends"),
        ("pay_decision_only", "Pay decision recorded, not linked to objectives"),
        ("none", "No link to pay"),
    ],
    "ceo_reviewed_by": [("trustee_panel", "A panel of trustees"), ("sip", "An external school improvement partner")],
    "heads_reviewed_by": [
        ("dsi", "Director of School Improvement"),
        ("panel", "A panel"),
        ("sip", "An external school improvement partner"),
    ],
}
JSON_FIELDS = {"cycles", "required_categories"}
HELP = {
    "cycles": 'One entry per staff group (teacher, support, leadership, central, executive) or "heads": '
    '{"applies_to": "teacher", "starts": "09-01", "report_due": "10-31", "pay_decision_due": "10-31"}. '
    'Add "school_urns" to give named schools their own cycle (NET-C2).',
    "required_categories": '[{"category": "Improving self", "applies_to": "everyone"}] — applies_to is everyone, '
    "ups_tlr_central_leaders or leadership_post.",
    "self_reflection_due": "MM-DD, e.g. 10-15 for mid-October.",
}


def _label(name: str) -> str:
    return name.replace("_", " ").capitalize()


class PolicyForm(forms.Form):
    note = forms.CharField(label="What changed and why", max_length=300)

    def __init__(self, *args, current: PolicySettings, **kwargs):
        super().__init__(*args, **kwargs)
        hints = typing.get_type_hints(PolicySettings)
        for f in fields(PolicySettings):
            value = getattr(current, f.name)
            kind = hints[f.name]
            optional = type(None) in typing.get_args(kind)
            common = {"label": _label(f.name), "help_text": HELP.get(f.name, ""), "required": False}
            if f.name in JSON_FIELDS:
                field = forms.CharField(widget=forms.Textarea(attrs={"rows": 8, "cols": 100}), **common)
                initial = json.dumps(current.to_json()[f.name], indent=1)
            elif f.name in CHOICES:
                field = forms.ChoiceField(choices=CHOICES[f.name], **{**common, "required": True})
                initial = value
            elif kind is bool:
                field, initial = forms.BooleanField(**common), value
            elif kind is int or (optional and int in typing.get_args(kind)):
                field, initial = forms.IntegerField(**{**common, "required": not optional}), value
            elif typing.get_origin(kind) is list:
                field = forms.CharField(**{**common, "help_text": common["help_text"] or "Separate with commas."})
                initial = ", ".join(str(v) for v in value)
            else:
                field, initial = forms.CharField(**{**common, "required": not optional}), value
            field.initial = initial
            self.fields[f.name] = field

    def settings_json(self) -> dict:
        data = {}
        for f in fields(PolicySettings):
            value = self.cleaned_data.get(f.name)
            if f.name in JSON_FIELDS:
                try:
                    value = json.loads(value or "[]")
                except json.JSONDecodeError as error:
                    self.add_error(f.name, f"This is not valid JSON: {error.msg} (line {error.lineno}).")
                    value = []
            elif typing.get_origin(kind := typing.get_type_hints(PolicySettings)[f.name]) is list:
                value = [part.strip() for part in (value or "").split(",") if part.strip()]
                if typing.get_args(kind) == (int,):
                    try:
                        value = [int(part) for part in value]
                    except ValueError:
                        self.add_error(f.name, "Whole numbers separated by commas, e.g. 7, 1.")
                        value = []
            elif value == "":
                value = None
            data[f.name] = value
        return data


class PresetForm(forms.Form):
    preset = forms.ChoiceField(choices=[(key, label) for key, (label, _) in PRESETS.items()])
