"""Settings that cannot work together, explained in words an HR admin understands."""

from __future__ import annotations

from .schema import CONTRACTS, STAFF_GROUPS, PolicySettings, month_day

PAY_LINKS = ("performance_pay", "pay_decision_only", "none")


def errors_in(s: PolicySettings) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}

    def add(name: str, message: str) -> None:
        errors.setdefault(name, []).append(message)

    for contract in s.excluded_contracts:
        if contract not in CONTRACTS:
            add("excluded_contracts", f'"{contract}" is not a contract type ({", ".join(CONTRACTS)}).')
    if not 1 <= s.short_contract_months <= 24:
        add("short_contract_months", "A short contract is between 1 and 24 months.")

    covered = set()
    for i, rule in enumerate(s.cycles, start=1):
        if rule.applies_to not in (*STAFF_GROUPS, "heads"):
            add("cycles", f'Cycle {i}: "{rule.applies_to}" is not a staff group or "heads".')
        for name in ("starts", "report_due", "pay_decision_due", "final_review_due", "pay_backdated_to"):
            value = getattr(rule, name)
            if value is None:
                continue
            try:
                month_day(value)
            except ValueError as error:
                add("cycles", f"Cycle {i}, {name.replace('_', ' ')}: {error}")
        if s.pay_link == "none" and rule.pay_decision_due:
            add("cycles", f"Cycle {i}: there is no pay decision to be due when pay is not linked to appraisal.")
        if not rule.school_urns:
            covered.add(rule.applies_to)
    missing = [g for g in STAFF_GROUPS if g not in covered]
    if missing:
        add("cycles", f"Every staff group needs a cycle; none is set for: {', '.join(missing)}.")

    if s.ceo_panel_trustees_with_adviser > s.ceo_panel_trustees:
        add("ceo_panel_trustees_with_adviser", "With an adviser the panel may be smaller, not larger.")
    if s.ceo_reviewed_by == "trustee_panel" and s.ceo_panel_trustees < 1:
        add("ceo_panel_trustees", "A panel of trustees needs at least one trustee.")
    if s.heads_reviewed_by == "panel" and not s.heads_panel_members:
        add("heads_panel_members", "Say who sits on the heads' panel.")

    if s.objectives_max is not None and not 1 <= s.objectives_max <= 10:
        add("objectives_max", "Between 1 and 10 objectives, or no limit.")
    if s.objectives_limit not in ("warn", "block"):
        add("objectives_limit", "The limit either warns or blocks.")
    if s.objectives_limit == "block" and s.objectives_max is None:
        add("objectives_limit", "A limit can only block when there is a maximum number of objectives.")
    for group in s.trust_objective_for:
        if group not in STAFF_GROUPS:
            add("trust_objective_for", f'"{group}" is not a staff group.')

    if s.self_reflection_due:
        try:
            month_day(s.self_reflection_due)
        except ValueError as error:
            add("self_reflection_due", str(error))
    if s.objectives_due:
        try:
            month_day(s.objectives_due)
        except ValueError as error:
            add("objectives_due", str(error))
    if any(not 0 <= d <= 60 for d in s.reminder_days_before):
        add("reminder_days_before", "Reminders go between 0 and 60 days before a date.")
    if not 0 <= s.escalate_after_working_days <= 30:
        add("escalate_after_working_days", "Escalate between 0 and 30 working days after a date is missed.")
    if s.checkins_min_per_year < len(s.checkin_terms):
        add("checkins_min_per_year", "The minimum cannot be fewer than the terms that each need a check-in.")
    if s.spring_checkin_by_february_half_term and "spring" not in s.checkin_terms:
        add("spring_checkin_by_february_half_term", "A spring check-in deadline needs a spring check-in.")

    if s.feedback_within_days is not None and not 1 <= s.feedback_within_days <= 30:
        add(
            "feedback_within_days",
            "Feedback is due within 1 to 30 days, or leave it empty for 'as soon as practicable'.",
        )
    if s.feedback_day_unit not in ("working", "calendar"):
        add("feedback_day_unit", "Days are working days or calendar days.")

    if s.support_plan_min_weeks > s.support_plan_max_weeks:
        add("support_plan_min_weeks", "The shortest support plan cannot be longer than the longest.")
    if not 1 <= s.support_plan_max_weeks <= 26:
        add("support_plan_max_weeks", "A support plan lasts between 1 and 26 weeks.")
    if s.support_plan_extensions and s.support_plan_extension_max_weeks < 1:
        add("support_plan_extension_max_weeks", "An allowed extension needs a length.")
    half = s.support_plan_max_weeks // 2
    if s.support_plan_extension_max_weeks > half:
        add(
            "support_plan_extension_max_weeks",
            f"The extension cannot exceed {half} weeks when the monitoring period is at most "
            f"{s.support_plan_max_weeks}: an extension is at most half the longest period.",
        )
    if s.informal_plan_may_withhold_increment and not s.formal_plan_withholds_increment:
        add(
            "informal_plan_may_withhold_increment", "If an informal plan may withhold the increment, a formal one must."
        )

    if s.pay_link not in PAY_LINKS:
        add("pay_link", f"Pay link is one of: {', '.join(PAY_LINKS)}.")
    if not s.appeal_stages:
        add("appeal_stages", "There must be at least one stage of appeal.")
    if not 1 <= s.retention_years <= 25:
        add("retention_years", "Records are kept for between 1 and 25 years.")
    return errors
