"""Every ⚙ setting of POLICY-RULES.md, typed. Stored as JSON on an immutable Policy version."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from datetime import date

from django.core.exceptions import ValidationError

STAFF_GROUPS = ("teacher", "support", "leadership", "central", "executive")
CONTRACTS = ("permanent", "fixed_term", "temporary", "agency", "contractor", "volunteer")


def month_day(text: str) -> tuple[int, int]:
    """'10-31' -> (10, 31), refusing dates that no year has."""
    try:
        month, day = (int(part) for part in text.split("-"))
        date(2024, month, day)  # a leap year accepts 29 February
    except (ValueError, AttributeError):
        raise ValueError(f'"{text}" is not a day of the year written as MM-DD (e.g. 10-31 for 31 October).')
    return month, day


@dataclass
class CycleRule:
    """When the year runs and what falls due, for one staff group (optionally some schools only)."""

    applies_to: str  # a staff group, or "heads" (principals / heads of school)
    starts: str  # MM-DD; the cycle ends the day before the same date a year later
    report_due: str  # MM-DD after the cycle ends (NET-RP2, CL-RP1)
    pay_decision_due: str | None = None  # MM-DD after the cycle ends (CL-C1)
    final_review_due: str | None = None  # MM-DD after the cycle ends (CL-C1 "mid-October")
    pay_backdated_to: str | None = None  # CL-C2: decisions after the start are backdated to this day
    school_urns: list[str] = field(default_factory=list)  # NET-C2: only these schools


def cycle_span(rule: CycleRule, *, starting_year: int) -> tuple[date, date]:
    """The cycle that starts in ``starting_year``: from its start to the day before a year on."""
    from datetime import timedelta

    month, day = month_day(rule.starts)
    start = date(starting_year, month, day)
    return start, date(starting_year + 1, month, day) - timedelta(days=1)


def due_date(rule_day: str, *, cycle_start: date) -> date:
    """The first ``rule_day`` from the cycle's last month on: 31 October after a September
    cycle, 15 September at the close of an October one, 31 March at the end of an April one."""
    month, day = month_day(rule_day)
    anchor_month = (cycle_start.month + 10) % 12 + 1  # eleven months after the start
    anchor_year = cycle_start.year + (1 if cycle_start.month + 11 > 12 else 0)
    anchor = date(anchor_year, anchor_month, 1)
    candidate = date(anchor.year, month, day)
    return candidate if candidate >= anchor else date(anchor.year + 1, month, day)


@dataclass
class RequiredCategory:
    """NET-O5: an objective category some posts must include."""

    category: str
    applies_to: str  # "everyone", "ups_tlr_central_leaders", "leadership_post"


@dataclass
class PolicySettings:
    # --- Scope and eligibility (NET-S1, NET-S2, CL-S1, CL-S2, WH-S1, WH-S2) -----------------
    excluded_contracts: list[str] = field(default_factory=lambda: ["agency", "contractor", "volunteer"])
    exclude_contracts_under_one_term: bool = False
    exclude_ect_induction: bool = True
    exclude_trainees: bool = False
    exclude_assessment_only: bool = False
    exclude_support_in_probation: bool = False
    excluded_get_light_track: bool = False
    short_contract_months: int = 12  # a fixed-term contract shorter than this follows its own span

    # --- Cycles (NET-C1, NET-C2, CL-C1, CL-C2, WH-C1) --------------------------------------
    cycles: list[CycleRule] = field(default_factory=list)

    # --- Reviewers (NET-R1, NET-R2, CL-R1, CL-R2, WH-R3) -----------------------------------
    ceo_reviewed_by: str = "trustee_panel"  # trustee_panel | sip
    ceo_panel_trustees: int = 3
    ceo_panel_trustees_with_adviser: int = 2
    heads_reviewed_by: str = "dsi"  # dsi | panel | sip
    heads_panel_members: list[str] = field(default_factory=list)  # trustee, chair_of_governors, ceo, clo
    reviewers_of_teachers_need_qts: bool = False
    observers_need_qts: bool = False

    # --- Objectives (NET-O4, NET-O5, CL-O2, WH-O1, WH-O2) -----------------------------------
    objectives_proposed_by: str = "joint"  # joint (reviewer determines if no agreement) | appraisee
    objectives_max: int | None = None
    objectives_limit: str = "warn"  # warn | block
    required_categories: list[RequiredCategory] = field(default_factory=list)
    trust_objective_for: list[str] = field(default_factory=list)  # staff groups given the CEO's objective
    no_pupil_data_objectives_for_teachers: bool = False
    wider_impact_objective: bool = False
    wider_impact_support_grade_from: int = 6

    # --- Self-reflection and check-ins (WH-SR1, WH-SR2, WH-CI1, WH-TL1) --------------------
    self_reflection_due: str | None = None  # MM-DD in the cycle's first term
    new_starter_reflection_working_weeks: int | None = None
    new_starter_first_checkin_weeks: int | None = None
    checkins_min_per_year: int = 0
    checkin_terms: list[str] = field(default_factory=list)  # autumn, spring, summer
    spring_checkin_by_february_half_term: bool = False

    # --- Observation and feedback (NET-OB1, NET-OB3) ---------------------------------------
    observation_kinds: list[str] = field(default_factory=lambda: ["formal observation", "drop-in"])
    feedback_within_days: int | None = None  # None: "as soon as practicable" (CL-OB1)
    feedback_day_unit: str = "working"  # working | calendar

    # --- Support plans (NET-SP1, CL-SP2, WH-SP1) -------------------------------------------
    support_plan_min_weeks: int = 0
    support_plan_max_weeks: int = 6
    support_plan_week_unit: str = "calendar"  # calendar | working
    support_plan_extensions: int = 0
    support_plan_extension_max_weeks: int = 0
    formal_plan_withholds_increment: bool = False
    informal_plan_may_withhold_increment: bool = False

    # --- Pay, UPR, appeals (WH-P1, WH-UPR1, NET-AP1) ----------------------------------------
    pay_link: str = "pay_decision_only"  # performance_pay | pay_decision_only | none
    upr_business_case_by_october_half_term: bool = False
    appeal_stages: list[str] = field(default_factory=lambda: ["Meeting with the reviewer"])

    # --- Chasing: reminders before a date, escalation after it -----------------------------
    objectives_due: str | None = None  # MM-DD in the cycle's first term; None: as soon as practicable
    reminder_days_before: list[int] = field(default_factory=lambda: [7, 1])
    escalate_after_working_days: int = 2  # then the principal (or chief executive) is told

    # --- Records (REC-1) -------------------------------------------------------------------
    retention_years: int = 6

    # ---------------------------------------------------------------------------------------
    def to_json(self) -> dict:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict) -> PolicySettings:
        known = {f.name for f in fields(cls)}
        values = {k: v for k, v in data.items() if k in known}
        values["cycles"] = [CycleRule(**c) for c in values.get("cycles", [])]
        values["required_categories"] = [RequiredCategory(**c) for c in values.get("required_categories", [])]
        return cls(**values)

    def cycle_rule_for(self, *, staff_group: str, is_head: bool = False, school_urn: str | None = None) -> CycleRule:
        """The most specific rule: heads before their group, a school's own rule before the trust's."""
        wanted = (["heads"] if is_head else []) + [staff_group]
        for applies_to in wanted:
            for rule in self.cycles:
                if rule.applies_to == applies_to and school_urn and school_urn in rule.school_urns:
                    return rule
            for rule in self.cycles:
                if rule.applies_to == applies_to and not rule.school_urns:
                    return rule
        raise LookupError(f"The policy sets no cycle for {staff_group}.")

    def validate(self) -> None:
        """Explain every impossible setting at once, keyed by the setting's name."""
        from .validation import errors_in

        errors = errors_in(self)
        if errors:
            raise ValidationError(errors)
