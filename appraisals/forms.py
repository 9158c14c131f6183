from django import forms
from django.utils import timezone

from trusts.models import StaffMember


class CycleOpenForm(forms.Form):
    staff_group = forms.ChoiceField(label="Staff group", choices=StaffMember.Group.choices)
    starting_year = forms.IntegerField(
        label="Year the cycle starts",
        min_value=2000,
        max_value=2100,
        help_text="The calendar year of the cycle's first day, e.g. 2026 for a cycle starting in September 2026.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["starting_year"].initial = timezone.localdate().year
