from django import forms

from .models import ClosureDay, Term

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class TermForm(forms.Form):
    starts_on = forms.DateField(label="Term starts", widget=DATE)
    half_term_starts_on = forms.DateField(label="Half term starts", widget=DATE)
    half_term_ends_on = forms.DateField(label="Half term ends", widget=DATE)
    ends_on = forms.DateField(label="Term ends", widget=DATE)

    def __init__(self, *args, name: str, **kwargs):
        super().__init__(*args, prefix=name, **kwargs)
        self.name = name
        self.title = dict(Term.Name.choices)[name]


class ClosureForm(forms.Form):
    date = forms.DateField(widget=DATE)
    kind = forms.ChoiceField(choices=ClosureDay.Kind.choices)
    reason = forms.CharField(max_length=200, required=False)
