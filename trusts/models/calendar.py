"""School calendars (CAL-1): terms with their half terms, and closure and INSET days."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from ..tenancy import TenantModel


class Term(TenantModel):
    """One term of one school's academic year; a row without a school is the trust's default."""

    class Name(models.TextChoices):
        AUTUMN = "autumn", "Autumn"
        SPRING = "spring", "Spring"
        SUMMER = "summer", "Summer"

    school = models.ForeignKey(
        "trusts.School",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="terms",
        help_text="Leave empty for the trust's own calendar (central team, and schools without their own).",
    )
    academic_year = models.PositiveSmallIntegerField(help_text="The year the academic year starts: 2026 for 2026/27.")
    name = models.CharField(max_length=10, choices=Name.choices)
    starts_on = models.DateField()
    ends_on = models.DateField()
    half_term_starts_on = models.DateField()
    half_term_ends_on = models.DateField()

    class Meta:
        ordering = ["academic_year", "starts_on"]
        constraints = [
            models.UniqueConstraint(fields=["trust", "school", "academic_year", "name"], name="term_once_a_year"),
            models.CheckConstraint(condition=Q(ends_on__gt=models.F("starts_on")), name="term_ends_after_start"),
        ]
        indexes = [models.Index(fields=["trust", "school", "academic_year"])]

    def __str__(self) -> str:
        return f"{self.get_name_display()} term {self.academic_year}/{(self.academic_year + 1) % 100:02d}"

    def clean(self) -> None:
        super().clean()
        if not (self.starts_on and self.ends_on and self.half_term_starts_on and self.half_term_ends_on):
            return
        errors = {}
        if self.ends_on <= self.starts_on:
            errors["ends_on"] = "A term ends after it starts."
        if not (self.starts_on < self.half_term_starts_on <= self.half_term_ends_on < self.ends_on):
            errors["half_term_starts_on"] = "The half term falls inside the term, after it starts and before it ends."
        overlapping = (
            Term.objects_unscoped.filter(trust_id=self.trust_id, school_id=self.school_id)
            .exclude(pk=self.pk)
            .filter(starts_on__lte=self.ends_on, ends_on__gte=self.starts_on)
            .first()
        )
        if overlapping:
            clash = f"{overlapping.starts_on:%d/%m/%Y}–{overlapping.ends_on:%d/%m/%Y}"
            errors["starts_on"] = f"These dates overlap the {overlapping} ({clash})."
        if errors:
            raise ValidationError(errors)


class ClosureDay(TenantModel):
    """A day a school is closed to pupils: INSET, or an unplanned closure. Not a working day."""

    class Kind(models.TextChoices):
        INSET = "inset", "INSET day"
        CLOSURE = "closure", "Closure"

    school = models.ForeignKey(
        "trusts.School", on_delete=models.CASCADE, null=True, blank=True, related_name="closure_days"
    )
    date = models.DateField()
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.INSET)
    reason = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["date"]
        constraints = [models.UniqueConstraint(fields=["trust", "school", "date"], name="closure_once_a_day")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.date:%d/%m/%Y}"
