"""Staff import from CSV (django-import-export): preview first; one bad row and nothing is written."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from import_export import fields, resources, widgets

from . import services
from .models import School, StaffMember, Trust, User

YES = {"yes", "y", "true", "1"}
NO = {"no", "n", "false", "0", ""}


class YesNoWidget(widgets.Widget):
    def clean(self, value, row=None, **kwargs):
        text = str(value if value is not None else "").strip().lower()
        if text in YES:
            return True
        if text in NO:
            return False
        raise ValueError(f'"{value}" is not yes or no.')

    def render(self, value, obj=None, **kwargs):
        return "yes" if value else "no"


class ChoiceWidget(widgets.Widget):
    """Accepts either the stored value or its label ("fixed_term" or "Fixed-term")."""

    def __init__(self, choices, *, required: bool = True):
        self.by_key = {}
        for key, label in choices:
            self.by_key[str(key).lower()] = key
            self.by_key[str(label).lower()] = key
        self.allowed = ", ".join(str(k) for k, _ in choices if k)
        self.required = required

    def clean(self, value, row=None, **kwargs):
        text = str(value if value is not None else "").strip().lower()
        if not text and not self.required:
            return ""
        if text not in self.by_key:
            raise ValueError(f'"{value}" is not one of: {self.allowed}.')
        return self.by_key[text]


class TrustForeignKeyWidget(widgets.ForeignKeyWidget):
    """Looks up only in the importing trust, and says what it could not find."""

    def __init__(self, model, field, *, noun: str, resource: StaffResource):
        super().__init__(model, field)
        self.noun, self.resource = noun, resource

    def get_queryset(self, value, row, *args, **kwargs):
        return self.model.objects.filter(trust=self.resource.trust)

    def clean(self, value, row=None, **kwargs):
        if value in (None, ""):
            return None
        try:
            return super().clean(
                str(value).strip().lower() if "email" in self.field else str(value).strip(), row, **kwargs
            )
        except self.model.DoesNotExist:
            raise ValueError(f'No {self.noun} "{value}" in {self.resource.trust}.') from None


class TrustResource(resources.ModelResource):
    """Imports into the HR admin's own trust, all or nothing, ids always from the database."""

    def __init__(self, *args, trust: Trust | None = None, actor: User | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.trust, self.actor = trust, actor

    def import_data(self, dataset, **kwargs):
        """All or nothing: one invalid row rolls back every row, wherever the import is started."""
        kwargs["rollback_on_validation_errors"] = True
        kwargs["use_transactions"] = True
        return super().import_data(dataset, **kwargs)

    def before_import(self, dataset, **kwargs):
        if self.trust is None:
            raise ValidationError("Choose the trust you are importing into: sign in as its HR admin.")
        missing = set(self.required_columns) - set(dataset.headers or [])
        if missing:
            raise ValidationError(f"The file has no column for: {', '.join(sorted(missing))}.")

    def after_import(self, dataset, result, **kwargs):
        """Ids come from the database, never from the file: no sequence to reset (the app role may not)."""

    def init_instance(self, row=None):
        return self._meta.model(trust=self.trust)

    def get_instance(self, instance_loader, row):
        """A row whose key columns do not parse is new; its fields then say what is wrong."""
        try:
            return super().get_instance(instance_loader, row)
        except (ValueError, ValidationError):
            return None

    def save_instance(self, instance, is_create, row, **kwargs):
        from . import audit

        instance.full_clean()
        instance.save()
        action = f"{instance._meta.model_name}.{'import_create' if is_create else 'import_update'}"
        audit.record(actor=self.actor, action=action, target=instance, trust=self.trust)

    required_columns: tuple[str, ...] = ()


class SchoolByUrnWidget(widgets.Widget):
    """An empty URN means the trust's own calendar."""

    def __init__(self, resource: TrustResource):
        self.resource = resource

    def clean(self, value, row=None, **kwargs):
        if value in (None, ""):
            return None
        school = School.objects.filter(trust=self.resource.trust, urn=str(value).strip()).first()
        if school is None:
            raise ValueError(f'No school with URN "{value}" in {self.resource.trust}.')
        return school

    def render(self, value, obj=None, **kwargs):
        return value.urn if value else ""


class TermResource(TrustResource):
    required_columns = ("academic_year", "name", "starts_on", "ends_on", "half_term_starts_on", "half_term_ends_on")
    school = fields.Field(attribute="school", column_name="school_urn")
    name = fields.Field(attribute="name", column_name="name", widget=None)
    starts_on = fields.Field(attribute="starts_on", column_name="starts_on", widget=widgets.DateWidget("%d/%m/%Y"))
    ends_on = fields.Field(attribute="ends_on", column_name="ends_on", widget=widgets.DateWidget("%d/%m/%Y"))
    half_term_starts_on = fields.Field(
        attribute="half_term_starts_on", column_name="half_term_starts_on", widget=widgets.DateWidget("%d/%m/%Y")
    )
    half_term_ends_on = fields.Field(
        attribute="half_term_ends_on", column_name="half_term_ends_on", widget=widgets.DateWidget("%d/%m/%Y")
    )

    class Meta:
        from .models import Term

        model = Term
        fields = ("school", "academic_year", "name", "starts_on", "ends_on", "half_term_starts_on", "half_term_ends_on")
        import_id_fields = ("school", "academic_year", "name")
        clean_model_instances = True
        use_transactions = True

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from .models import Term

        self.fields["school"].widget = SchoolByUrnWidget(self)
        self.fields["name"].widget = ChoiceWidget(Term.Name.choices)

    def get_queryset(self):
        from .models import Term

        return Term.objects.filter(trust=self.trust)


class ClosureDayResource(TrustResource):
    required_columns = ("date", "kind")
    school = fields.Field(attribute="school", column_name="school_urn")
    date = fields.Field(attribute="date", column_name="date", widget=widgets.DateWidget("%d/%m/%Y"))
    kind = fields.Field(attribute="kind", column_name="kind")

    class Meta:
        from .models import ClosureDay

        model = ClosureDay
        fields = ("school", "date", "kind", "reason")
        import_id_fields = ("school", "date")
        clean_model_instances = True
        use_transactions = True

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from .models import ClosureDay

        self.fields["school"].widget = SchoolByUrnWidget(self)
        self.fields["kind"].widget = ChoiceWidget(ClosureDay.Kind.choices)

    def get_queryset(self):
        from .models import ClosureDay

        return ClosureDay.objects.filter(trust=self.trust)


class StaffResource(TrustResource):
    email = fields.Field(attribute="email", column_name="email")
    first_name = fields.Field(attribute="first_name", column_name="first_name")
    last_name = fields.Field(attribute="last_name", column_name="last_name")
    school = fields.Field(attribute="school", column_name="school_urn")
    line_manager = fields.Field(attribute="line_manager", column_name="line_manager_email")
    staff_group = fields.Field(
        attribute="staff_group", column_name="staff_group", widget=ChoiceWidget(StaffMember.Group.choices)
    )
    contract_type = fields.Field(
        attribute="contract_type", column_name="contract_type", widget=ChoiceWidget(StaffMember.Contract.choices)
    )
    training_route = fields.Field(
        attribute="training_route",
        column_name="training_route",
        widget=ChoiceWidget(StaffMember.TrainingRoute.choices, required=False),
    )
    on_upper_pay_range = fields.Field(
        attribute="on_upper_pay_range", column_name="upper_pay_range", widget=YesNoWidget()
    )
    holds_tlr = fields.Field(attribute="holds_tlr", column_name="tlr", widget=YesNoWidget())
    holds_leadership_post = fields.Field(
        attribute="holds_leadership_post", column_name="leadership_post", widget=YesNoWidget()
    )
    has_qts = fields.Field(attribute="has_qts", column_name="qts", widget=YesNoWidget())
    starts_on = fields.Field(attribute="starts_on", column_name="starts_on", widget=widgets.DateWidget("%d/%m/%Y"))
    ends_on = fields.Field(attribute="ends_on", column_name="ends_on", widget=widgets.DateWidget("%d/%m/%Y"))
    probation_ends_on = fields.Field(
        attribute="probation_ends_on", column_name="probation_ends_on", widget=widgets.DateWidget("%d/%m/%Y")
    )

    class Meta:
        model = StaffMember
        import_id_fields = ["email"]
        fields = (
            "email",
            "first_name",
            "last_name",
            "school",
            "job_title",
            "staff_group",
            "contract_type",
            "starts_on",
            "ends_on",
            "fte",
            "on_upper_pay_range",
            "holds_tlr",
            "holds_leadership_post",
            "support_grade",
            "has_qts",
            "ect_induction_year",
            "training_route",
            "probation_ends_on",
            "line_manager",
            "employee_number",
        )
        export_order = fields
        clean_model_instances = True
        use_transactions = True
        skip_unchanged = False
        report_skipped = False

    required_columns = ("email", "first_name", "last_name", "job_title", "staff_group", "starts_on")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["school"].widget = TrustForeignKeyWidget(School, "urn", noun="school with URN", resource=self)
        self.fields["line_manager"].widget = TrustForeignKeyWidget(
            StaffMember, "user__email", noun="member of staff with email", resource=self
        )

    # --- rows -------------------------------------------------------------------------------
    def get_queryset(self):
        return StaffMember.objects.filter(trust=self.trust).select_related("user")

    def get_instance(self, instance_loader, row):
        email = str(row.get("email") or "").strip().lower()
        return self.get_queryset().filter(user__email__iexact=email).first()

    def import_field(self, field, instance, row, is_m2m=False, **kwargs):
        if field.attribute in ("email", "first_name", "last_name"):
            setattr(instance, f"_import_{field.attribute}", str(row.get(field.column_name) or "").strip())
            return
        super().import_field(field, instance, row, is_m2m, **kwargs)

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        errors = dict(import_validation_errors or {})
        email = getattr(instance, "_import_email", "")
        if not email or "@" not in email:
            errors["email"] = ["Give the person's work email address."]
        for name in ("first_name", "last_name"):
            if not getattr(instance, f"_import_{name}", ""):
                errors[name] = ["This column cannot be empty."]
        try:
            instance.full_clean(exclude=["user", *errors.keys()], validate_unique=False)
        except ValidationError as error:
            for key, messages in error.message_dict.items():
                errors.setdefault(key, []).extend(messages)
        if errors:
            raise ValidationError(errors)

    def save_instance(self, instance, is_create, row, **kwargs):
        # Dry runs write too, inside the transaction import-export rolls back, so the preview
        # sees real validation (unique emails, line managers named earlier in the file).
        post = {name: getattr(instance, name) for name in services.STAFF_FIELDS}
        if is_create:
            created = services.staff_member_create(
                trust=self.trust,
                email=instance._import_email,
                first_name=instance._import_first_name,
                last_name=instance._import_last_name,
                by=self.actor,
                **post,
            )
            instance.pk, instance.user = created.pk, created.user
        else:
            services.staff_member_update(staff=instance, by=self.actor, **post)
            services.user_rename(
                user=instance.user, first_name=instance._import_first_name, last_name=instance._import_last_name
            )

    def dehydrate_email(self, staff: StaffMember) -> str:
        return staff.user.email

    def dehydrate_first_name(self, staff: StaffMember) -> str:
        return staff.user.first_name

    def dehydrate_last_name(self, staff: StaffMember) -> str:
        return staff.user.last_name

    def dehydrate_school(self, staff: StaffMember) -> str:
        return staff.school.urn if staff.school_id else ""

    def dehydrate_line_manager(self, staff: StaffMember) -> str:
        return staff.line_manager.user.email if staff.line_manager_id else ""
