"""Tenancy and organisation: the trust, its schools, its people and their roles."""

from __future__ import annotations

from decimal import Decimal

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone

from ..tenancy import TenantModel


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra):
        extra.update(is_staff=True, is_superuser=True)
        return self._create_user(email, password, **extra)


class User(AbstractUser):
    """A sign-in. One person, one account, even when they work for several trusts."""

    username = None
    email = models.EmailField("email address", unique=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = UserManager()

    class Meta:
        ordering = ["last_name", "first_name"]

    def __str__(self) -> str:
        return self.get_full_name() or self.email


class Trust(models.Model):
    """A multi-academy trust: the tenant. Its words are used throughout its pages."""

    name = models.CharField(max_length=200)
    slug = models.SlugField(unique=True, help_text="Short name used in addresses and the API's X-Trust header.")
    central_team_name = models.CharField(max_length=100, default="Central team")
    # Terminology: each trust sees its own words (POLICY-RULES.md, vocabulary).
    process_name = models.CharField(
        "name of the process", max_length=100, default="Appraisal", help_text='e.g. "Professional Growth"'
    )
    reviewer_term = models.CharField("word for reviewer", max_length=60, default="reviewer")
    reviewee_term = models.CharField("word for the person reviewed", max_length=60, default="reviewee")
    objectives_term = models.CharField("word for objectives", max_length=60, default="objectives")
    support_plan_term = models.CharField("word for a support plan", max_length=100, default="support plan")
    mfa_required_for_leaders = models.BooleanField(
        "leaders and HR must use two-factor sign-in",
        default=False,
        help_text="Principals, executives and HR admins are asked to set up an authenticator app before they continue.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        # The trust row itself is not tenant-scoped; keep words tidy for display.
        self.reviewer_term = self.reviewer_term.strip()
        super().save(*args, **kwargs)


class School(TenantModel):
    class Phase(models.TextChoices):
        NURSERY = "nursery", "Nursery"
        PRIMARY = "primary", "Primary"
        SECONDARY = "secondary", "Secondary"
        ALL_THROUGH = "all_through", "All-through"
        SPECIAL = "special", "Special"
        ALTERNATIVE = "alternative", "Alternative provision"
        POST_16 = "post_16", "Post-16"

    name = models.CharField(max_length=200)
    phase = models.CharField(max_length=20, choices=Phase.choices)
    urn = models.CharField(
        "URN",
        max_length=6,
        validators=[RegexValidator(r"^\d{6}$", "A URN is the school's six-digit Unique Reference Number.")],
        help_text="The six-digit Unique Reference Number from Get Information about Schools.",
    )

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["trust", "urn"], name="school_urn_unique_in_trust")]
        indexes = [models.Index(fields=["trust", "name"])]

    def __str__(self) -> str:
        return self.name


class StaffMember(TenantModel):
    """A person employed in a trust, with the post facts the policies branch on."""

    class Group(models.TextChoices):
        TEACHER = "teacher", "Teacher"
        SUPPORT = "support", "Support staff"
        LEADERSHIP = "leadership", "School leadership"
        CENTRAL = "central", "Central team"
        EXECUTIVE = "executive", "Executive"

    class Contract(models.TextChoices):
        PERMANENT = "permanent", "Permanent"
        FIXED_TERM = "fixed_term", "Fixed-term"
        TEMPORARY = "temporary", "Temporary"
        AGENCY = "agency", "Agency"
        CONTRACTOR = "contractor", "Contractor"
        VOLUNTEER = "volunteer", "Volunteer"

    class TrainingRoute(models.TextChoices):
        NONE = "", "Not in training"
        TRAINEE = "trainee", "Trainee teacher"
        ASSESSMENT_ONLY = "assessment_only", "Assessment-only route"

    user = models.ForeignKey("trusts.User", on_delete=models.PROTECT, related_name="staff_posts")
    school = models.ForeignKey(
        School,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="staff",
        help_text="Leave empty for the central team.",
    )
    job_title = models.CharField(max_length=200)
    staff_group = models.CharField(max_length=20, choices=Group.choices)
    employee_number = models.CharField(max_length=40, blank=True)
    # Post facts the policies branch on.
    on_upper_pay_range = models.BooleanField("on the upper pay range (UPS/UPR)", default=False)
    holds_tlr = models.BooleanField("holds a TLR", default=False)
    holds_leadership_post = models.BooleanField("holds a leadership post", default=False)
    support_grade = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(20)],
        help_text="Support staff grade, where the trust uses graded posts.",
    )
    has_qts = models.BooleanField("holds QTS", default=False)
    contract_type = models.CharField(max_length=20, choices=Contract.choices, default=Contract.PERMANENT)
    starts_on = models.DateField("start date")
    ends_on = models.DateField("end date", null=True, blank=True)
    fte = models.DecimalField(
        "FTE",
        max_digits=4,
        decimal_places=3,
        default=1,
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(Decimal("1"))],
    )
    ect_induction_year = models.PositiveSmallIntegerField(
        "ECT induction year", null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(2)]
    )
    training_route = models.CharField(max_length=20, choices=TrainingRoute.choices, default="", blank=True)
    probation_ends_on = models.DateField("probation end date", null=True, blank=True)
    line_manager = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="direct_reports"
    )

    class Meta:
        ordering = ["user__last_name", "user__first_name"]
        verbose_name = "staff member"
        constraints = [
            models.UniqueConstraint(fields=["trust", "user"], name="staff_one_post_per_user_per_trust"),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="staff_ends_after_start",
            ),
        ]
        indexes = [
            models.Index(fields=["trust", "school", "staff_group"]),
            models.Index(fields=["trust", "line_manager"]),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return str(self.user)

    @property
    def workplace(self) -> str:
        return self.school.name if self.school_id else self.trust.central_team_name

    def is_current(self, on=None) -> bool:
        on = on or timezone.localdate()
        return self.starts_on <= on and (self.ends_on is None or self.ends_on >= on)

    def clean(self) -> None:
        super().clean()
        errors = {}
        if self.ends_on and self.starts_on and self.ends_on < self.starts_on:
            errors["ends_on"] = "The end date must be on or after the start date."
        if self.line_manager_id and self.line_manager_id == self.pk:
            errors["line_manager"] = "Someone cannot be their own line manager."
        if self.staff_group in (self.Group.CENTRAL, self.Group.EXECUTIVE) and self.school_id:
            errors["school"] = "Central and executive staff belong to the central team: leave the school empty."
        if self.staff_group in (self.Group.TEACHER, self.Group.SUPPORT, self.Group.LEADERSHIP) and not self.school_id:
            errors["school"] = "Choose the school this person works in."
        if self.ect_induction_year and self.staff_group != self.Group.TEACHER:
            errors["ect_induction_year"] = "Only teachers serve ECT induction."
        if errors:
            raise ValidationError(errors)


class Participant(TenantModel):
    """Someone who takes part without being staff: trustees, chairs of governors, advisers."""

    class Kind(models.TextChoices):
        TRUSTEE = "trustee", "Trustee"
        CHAIR_OF_GOVERNORS = "chair_of_governors", "Chair of governors"
        EXTERNAL_ADVISER = "external_adviser", "External adviser"
        SCHOOL_IMPROVEMENT_PARTNER = "sip", "School improvement partner"

    user = models.ForeignKey("trusts.User", on_delete=models.PROTECT, related_name="participations")
    kind = models.CharField(max_length=30, choices=Kind.choices)
    school = models.ForeignKey(
        School,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="participants",
        help_text="For a chair of governors, the school they govern.",
    )
    organisation = models.CharField(max_length=200, blank=True)
    starts_on = models.DateField(default=timezone.localdate)
    ends_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["kind", "user__last_name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="participant_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_kind_display()})"

    def clean(self) -> None:
        super().clean()
        if self.kind == self.Kind.CHAIR_OF_GOVERNORS and not self.school_id:
            raise ValidationError({"school": "Choose the school this chair of governors serves."})


class RoleAssignment(TenantModel):
    """A dated role in a trust. History is kept: a role ends, it is not deleted."""

    class Role(models.TextChoices):
        PRINCIPAL = "principal", "Principal"
        HR_ADMIN = "hr_admin", "HR admin"
        CEO = "ceo", "Chief executive"
        DEPUTY_CEO = "deputy_ceo", "Deputy chief executive"
        COO = "coo", "Chief operating officer"
        CHIEF_LEARNING_OFFICER = "clo", "Chief learning officer"
        DIRECTOR_SCHOOL_IMPROVEMENT = "dsi", "Director of School Improvement"
        EXECUTIVE_HEAD = "executive_head", "Executive headteacher"
        CPL_LEADER = "cpl_leader", "CPL leader"
        TRUSTEE = "trustee", "Trustee"

    SCHOOL_ROLES = {Role.PRINCIPAL, Role.EXECUTIVE_HEAD}
    EXECUTIVE_ROLES = {
        Role.CEO,
        Role.DEPUTY_CEO,
        Role.COO,
        Role.CHIEF_LEARNING_OFFICER,
        Role.DIRECTOR_SCHOOL_IMPROVEMENT,
    }
    LEADER_ROLES = SCHOOL_ROLES | EXECUTIVE_ROLES | {Role.HR_ADMIN}

    user = models.ForeignKey("trusts.User", on_delete=models.PROTECT, related_name="role_assignments")
    role = models.CharField(max_length=30, choices=Role.choices)
    school = models.ForeignKey(School, on_delete=models.PROTECT, null=True, blank=True, related_name="roles")
    starts_on = models.DateField(default=timezone.localdate)
    ends_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["role", "starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="role_ends_after_start",
            ),
        ]
        indexes = [models.Index(fields=["trust", "user", "role"])]

    def __str__(self) -> str:
        where = f", {self.school}" if self.school_id else ""
        return f"{self.get_role_display()}{where}"

    def is_current(self, on=None) -> bool:
        on = on or timezone.localdate()
        return self.starts_on <= on and (self.ends_on is None or self.ends_on >= on)

    def clean(self) -> None:
        super().clean()
        if self.role in self.SCHOOL_ROLES and not self.school_id:
            raise ValidationError(
                {"school": f"A {self.get_role_display().lower()} is the role of one school: choose it."}
            )
        if self.role not in self.SCHOOL_ROLES and self.school_id:
            raise ValidationError(
                {"school": f"{self.get_role_display()} is a trust-wide role: leave the school empty."}
            )
        if self.ends_on and self.starts_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": "The end date must be on or after the start date."})


class AuditEvent(TenantModel):
    """Append-only: services write here; nobody edits. On PostgreSQL the database refuses changes."""

    trust = models.ForeignKey("trusts.Trust", on_delete=models.PROTECT, related_name="+")
    # No database constraint: an audit row must outlive the account it names.
    actor = models.ForeignKey(
        "trusts.User", on_delete=models.DO_NOTHING, db_constraint=False, null=True, blank=True, related_name="+"
    )
    actor_label = models.CharField(max_length=255, blank=True)
    action = models.CharField(max_length=100)
    target_type = models.CharField(max_length=100, blank=True)
    target_id = models.CharField(max_length=64, blank=True)
    target_label = models.CharField(max_length=255, blank=True)
    at = models.DateTimeField(default=timezone.now)
    ip = models.GenericIPAddressField(null=True, blank=True)
    request_id = models.CharField(max_length=64, blank=True)
    details = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["trust", "-at"]),
            models.Index(fields=["trust", "target_type", "target_id"]),
        ]

    def __str__(self) -> str:
        return f"{self.at:%d/%m/%Y %H:%M} {self.actor_label} {self.action} {self.target_label}"
