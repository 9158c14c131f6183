"""The policy in plain words, in the trust's own vocabulary, for every member of the trust."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .schema import PolicySettings, month_day

GROUP_WORDS = {
    "teacher": "teachers",
    "support": "support staff",
    "leadership": "school leaders",
    "central": "central team staff",
    "executive": "executives",
    "heads": "headteachers and heads of school",
}
CONTRACT_WORDS = {
    "agency": "agency workers",
    "contractor": "contractors",
    "volunteer": "volunteers",
    "fixed_term": "fixed-term staff",
    "temporary": "temporary staff",
    "permanent": "permanent staff",
}


@dataclass
class Section:
    title: str
    lines: list[str]


def day_words(text: str) -> str:
    month, day = month_day(text)
    return date(2024, month, day).strftime("%-d %B")


def _list(items: list[str]) -> str:
    items = list(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def plain_words(s: PolicySettings, *, terms: dict[str, str]) -> list[Section]:
    process, reviewer, objectives = terms["process"], terms["reviewer"], terms["objectives"]
    sections: list[Section] = []

    who = []
    if s.excluded_contracts:
        who.append(f"{_list([CONTRACT_WORDS.get(c, c) for c in s.excluded_contracts]).capitalize()} are not included.")
    exclusions = [
        (s.exclude_contracts_under_one_term, "staff on contracts of less than one term"),
        (s.exclude_ect_induction, "early career teachers during induction"),
        (s.exclude_trainees, "trainee teachers"),
        (s.exclude_assessment_only, "teachers on the assessment-only route"),
        (s.exclude_support_in_probation, "support staff in their probation period"),
    ]
    excluded = [text for on, text in exclusions if on]
    if excluded:
        who.append(f"{process} does not apply to {_list(excluded)}.")
    if s.excluded_get_light_track:
        who.append(f"Colleagues outside {process} still have regular check-ins and feedback with their {reviewer}.")
    who.append(
        f"A fixed-term contract of less than {s.short_contract_months} months has a review period that follows the contract."
    )
    sections.append(Section("Who it applies to", who))

    year = []
    for rule in s.cycles:
        group = GROUP_WORDS.get(rule.applies_to, rule.applies_to)
        where = (
            f" at {len(rule.school_urns)} named school{'s' if len(rule.school_urns) != 1 else ''}"
            if rule.school_urns
            else ""
        )
        end_month, end_day = month_day(rule.starts)
        end = (date(2025, end_month, end_day) - date.resolution).strftime("%-d %B")
        line = f"For {group}{where} the year runs from {day_words(rule.starts)} to {end}; reports are due by {day_words(rule.report_due)}"
        if rule.final_review_due:
            line += f", after final reviews by {day_words(rule.final_review_due)}"
        if rule.pay_decision_due:
            line += f", and pay decisions by {day_words(rule.pay_decision_due)}"
        line += "."
        if rule.pay_backdated_to:
            line += f" Pay decisions made later are backdated to {day_words(rule.pay_backdated_to)}."
        year.append(line)
    sections.append(Section("Your year", year))

    reviewers = []
    if s.ceo_reviewed_by == "trustee_panel":
        reviewers.append(
            f"The chief executive is reviewed by a panel of {s.ceo_panel_trustees} trustees"
            + (
                f", or at least {s.ceo_panel_trustees_with_adviser} with an external adviser."
                if s.ceo_panel_trustees_with_adviser != s.ceo_panel_trustees
                else "."
            )
        )
    else:
        reviewers.append("The chief executive is reviewed by an external school improvement partner.")
    heads = {
        "dsi": "the Director of School Improvement, optionally with an external adviser",
        "panel": f"a panel of {_list(s.heads_panel_members).replace('_', ' ')}" if s.heads_panel_members else "a panel",
        "sip": "an external school improvement partner",
    }[s.heads_reviewed_by]
    reviewers.append(f"Headteachers are reviewed by {heads}.")
    if s.reviewers_of_teachers_need_qts:
        reviewers.append(f"A {reviewer} of a teacher must hold QTS and have current teaching experience.")
    if s.observers_need_qts:
        reviewers.append("Classroom observers are trained and hold QTS.")
    sections.append(Section(f"Your {reviewer}", reviewers))

    obj = []
    if s.objectives_proposed_by == "appraisee":
        obj.append(f"You propose your {objectives}; your {reviewer} agrees them, and you submit them once agreed.")
    else:
        obj.append(f"You and your {reviewer} seek to agree your {objectives}; if you cannot, your {reviewer} decides.")
    if s.objectives_max:
        obj.append(
            f"No more than {s.objectives_max} {objectives}"
            + (" are allowed." if s.objectives_limit == "block" else " are recommended.")
        )
    for category in s.required_categories:
        whom = {
            "everyone": "Everyone has",
            "ups_tlr_central_leaders": "UPS and TLR holders and central team leaders also have",
            "leadership_post": "Leadership post holders also have",
        }[category.applies_to]
        obj.append(f"{whom} an objective for “{category.category}”.")
    if s.trust_objective_for:
        obj.append(
            f"Every {_list([GROUP_WORDS[g].rstrip('s') for g in s.trust_objective_for])}'s {objectives} include the trust objective set by the chief executive."
        )
    if s.no_pupil_data_objectives_for_teachers:
        obj.append(f"Teachers' {objectives} are never targets for pupil data.")
    if s.wider_impact_objective:
        obj.append(
            f"Teachers on the upper pay range and support staff at grade {s.wider_impact_support_grade_from} or above set one with impact across the academy or trust."
        )
    sections.append(Section(f"Your {objectives}", obj))

    during = []
    if s.self_reflection_due:
        during.append(f"Complete your self-reflection by {day_words(s.self_reflection_due)}.")
    if s.new_starter_reflection_working_weeks:
        during.append(
            f"New starters reflect within {s.new_starter_reflection_working_weeks} working weeks and hold their first check-in by week {s.new_starter_first_checkin_weeks}."
        )
    if s.checkins_min_per_year:
        terms_text = f" ({_list(s.checkin_terms)})" if s.checkin_terms else ""
        during.append(
            f"At least {s.checkins_min_per_year} check-ins a year{terms_text}"
            + (", the spring one by the February half term." if s.spring_checkin_by_february_half_term else ".")
        )
    if s.feedback_within_days:
        during.append(
            f"Feedback within {s.feedback_within_days} {s.feedback_day_unit} days of an observation or of other evidence coming to light."
        )
    else:
        during.append("Feedback as soon as practicable after an observation or other evidence.")
    during.append(f"Kinds of observation: {_list(s.observation_kinds)}.")
    if s.objectives_due:
        during.append(f"Agree your {objectives} by {day_words(s.objectives_due)}.")
    if s.reminder_days_before:
        days = _list([str(d) for d in sorted(s.reminder_days_before, reverse=True)])
        during.append(
            f"You are reminded {days} days before each date; {s.escalate_after_working_days} working days after a missed date, your principal is told."
        )
    sections.append(Section("During the year", during))

    support = []
    unit = "working weeks" if s.support_plan_week_unit == "working" else "weeks"
    length = (
        f"between {s.support_plan_min_weeks} and {s.support_plan_max_weeks} {unit}"
        if s.support_plan_min_weeks
        else f"at most {s.support_plan_max_weeks} {unit}"
    )
    support.append(f"A {terms['support_plan']} lasts {length}.")
    if s.support_plan_extensions:
        support.append(
            f"It may be extended {'once' if s.support_plan_extensions == 1 else f'{s.support_plan_extensions} times'}, by at most {s.support_plan_extension_max_weeks} weeks."
        )
    if s.formal_plan_withholds_increment:
        support.append(
            "A formal improvement plan withholds the annual increment"
            + ("; an informal one may." if s.informal_plan_may_withhold_increment else ".")
        )
    sections.append(Section("If concerns arise", support))

    pay = {
        "performance_pay": f"{process} informs pay progression: your report carries a pay recommendation.",
        "pay_decision_only": "Your report records the pay decision; pay is not tied to objectives.",
        "none": f"Pay is not linked to {process}: increments are automatic unless an improvement plan says otherwise.",
    }[s.pay_link]
    money = [pay]
    if s.upr_business_case_by_october_half_term:
        money.append("Teachers applying for the upper pay range submit a business case by the October half term.")
    money.append("Appeals: " + " → ".join(s.appeal_stages) + ".")
    sections.append(Section("Pay and appeals", money))

    sections.append(
        Section("Your records", [f"Records are kept securely for {s.retention_years} years, then destroyed."])
    )
    return sections
