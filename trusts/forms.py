from django import forms
from django.db.models import Q, QuerySet

from .models import School, StaffMember
from .selectors import Membership, schools_visible_to


class StaffFilterForm(forms.Form):
    q = forms.CharField(label="Name, email or job title", required=False, max_length=100)
    school = forms.ModelChoiceField(queryset=School.objects.none(), required=False, empty_label="All schools")
    staff_group = forms.ChoiceField(
        label="Staff group", required=False, choices=[("", "All groups"), *StaffMember.Group.choices]
    )

    def __init__(self, *args, membership: Membership, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = schools_visible_to(membership=membership)

    def filter(self, staff: QuerySet[StaffMember]) -> QuerySet[StaffMember]:
        data = self.cleaned_data
        if data.get("q"):
            q = data["q"]
            staff = staff.filter(
                Q(user__first_name__icontains=q)
                | Q(user__last_name__icontains=q)
                | Q(user__email__icontains=q)
                | Q(job_title__icontains=q)
            )
        if data.get("school"):
            staff = staff.filter(school=data["school"])
        if data.get("staff_group"):
            staff = staff.filter(staff_group=data["staff_group"])
        return staff


def _tenant_formfield(db_field, **kwargs):
    """At class definition no trust is in scope: start empty; ``TenantModelForm`` fills per request."""
    if db_field.is_relation and hasattr(db_field.related_model, "objects_unscoped"):
        kwargs.setdefault("queryset", db_field.related_model.objects_unscoped.none())
    return db_field.formfield(**kwargs)


class TenantModelForm(forms.ModelForm):
    """Offers only the current trust's objects in every choice of a tenant model."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            model = getattr(getattr(field, "queryset", None), "model", None)
            if model is not None and hasattr(model, "objects_unscoped"):
                field.queryset = model.objects.all()


class StaffMemberAdminForm(TenantModelForm):
    """HR adds a person by email and name; the account is made for them (they are invited)."""

    email = forms.EmailField()
    first_name = forms.CharField(max_length=150)
    last_name = forms.CharField(max_length=150)

    class Meta:
        model = StaffMember
        exclude = ["user"]
        formfield_callback = _tenant_formfield

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            user = self.instance.user
            self.fields["email"].initial = user.email
            self.fields["email"].disabled = True
            self.fields["first_name"].initial = user.first_name
            self.fields["last_name"].initial = user.last_name

    def clean_email(self):
        from .models import User

        email = self.cleaned_data["email"].strip().lower()
        if not self.instance.pk:
            user = User.objects.filter(email__iexact=email).first()
            trust_id = self.instance.trust_id
            if user and trust_id and StaffMember.objects_unscoped.filter(user=user, trust_id=trust_id).exists():
                raise forms.ValidationError("This person is already a member of staff in this trust.")
        return email


class PersonByEmailForm(TenantModelForm):
    """Roles and participations name a person by email, never by a list of every account."""

    email = forms.EmailField(help_text="The person's email address, as on their staff or participant record.")
    must_be_known = True

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["email"].initial = self.instance.user.email
            self.fields["email"].disabled = True

    def clean_email(self):
        from .models import Participant, User

        email = self.cleaned_data["email"].strip().lower()
        if self.instance.pk:
            return email
        user = User.objects.filter(email__iexact=email).first()
        trust_id = self.instance.trust_id
        known = user is not None and (
            StaffMember.objects_unscoped.filter(user=user, trust_id=trust_id).exists()
            or Participant.objects_unscoped.filter(user=user, trust_id=trust_id).exists()
        )
        if self.must_be_known and not known:
            raise forms.ValidationError(
                "Nobody with this email works in this trust: add them as staff or a participant first."
            )
        self.instance.user = user
        return email


class RoleAssignmentAdminForm(PersonByEmailForm):
    class Meta:
        from .models import RoleAssignment

        model = RoleAssignment
        fields = ["email", "role", "school", "starts_on", "ends_on"]
        formfield_callback = _tenant_formfield


class ParticipantAdminForm(PersonByEmailForm):
    """A new participant may have no account yet: one is made for them (they are invited)."""

    must_be_known = False
    first_name = forms.CharField(max_length=150, required=False)
    last_name = forms.CharField(max_length=150, required=False)

    class Meta:
        from .models import Participant

        model = Participant
        fields = ["email", "first_name", "last_name", "kind", "school", "organisation", "starts_on", "ends_on"]
        formfield_callback = _tenant_formfield

    def clean(self):
        data = super().clean()
        if (
            not self.instance.pk
            and self.instance.user_id is None
            and not (data.get("first_name") and data.get("last_name"))
        ):
            raise forms.ValidationError({"first_name": "Give the first and last name of someone new to the trust."})
        return data
