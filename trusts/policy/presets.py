"""Presets that reproduce each seed policy, and the DfE's 2024 model appraisal policy.

Each value cites the rule it comes from (POLICY-RULES.md). Where a seed is silent, the
preset says so and takes the DfE model's value.
"""

from __future__ import annotations

from .schema import CycleRule, PolicySettings, RequiredCategory

NOT_EMPLOYEES = ["agency", "contractor", "volunteer"]  # nobody the trust employs appraises these


def _all_groups(**rule) -> list[CycleRule]:
    return [CycleRule(applies_to=g, **rule) for g in ("teacher", "support", "leadership", "central", "executive")]


def dfe_2024() -> PolicySettings:
    """DfE model appraisal policy (2024): no performance pay, but the pay decision is recorded."""
    return PolicySettings(
        excluded_contracts=NOT_EMPLOYEES,
        exclude_ect_induction=True,
        cycles=[
            CycleRule("heads", starts="09-01", report_due="12-31", pay_decision_due="12-31"),
            *_all_groups(starts="09-01", report_due="10-31", pay_decision_due="10-31"),
        ],
        objectives_proposed_by="joint",
        feedback_within_days=None,
        pay_link="pay_decision_only",
        appeal_stages=["Representations to the headteacher"],
        retention_years=6,
    )


def net() -> PolicySettings:
    """Nene Education Trust, Professional Learning Policy (2022)."""
    return PolicySettings(
        # NET-S1: permanent and temporary employees; not ECF years 1-2, support probation, trainees.
        excluded_contracts=NOT_EMPLOYEES,
        exclude_ect_induction=True,
        exclude_trainees=True,
        exclude_support_in_probation=True,
        short_contract_months=12,  # NET-S2
        # NET-C1 1 September - 31 August; NET-RP2 reports and pay recommendations by 31 October.
        # NET-C2 (support staff on a 1 April - 31 March cycle in larger schools) is a per-school rule.
        cycles=_all_groups(starts="09-01", report_due="10-31", pay_decision_due="10-31"),
        ceo_reviewed_by="trustee_panel",  # NET-R1
        ceo_panel_trustees=3,
        ceo_panel_trustees_with_adviser=2,
        heads_reviewed_by="dsi",  # NET-R2
        observers_need_qts=True,  # NET-OB2
        objectives_proposed_by="joint",  # NET-O1
        no_pupil_data_objectives_for_teachers=True,  # NET-O4
        required_categories=[  # NET-O5
            RequiredCategory("Improving self", "everyone"),
            RequiredCategory("Improving others", "ups_tlr_central_leaders"),
            RequiredCategory("Improving the organisation", "leadership_post"),
        ],
        observation_kinds=["formal observation", "drop-in", "learning walk", "work scrutiny"],  # NET-OB1
        feedback_within_days=5,  # NET-OB3
        feedback_day_unit="working",
        support_plan_max_weeks=6,  # NET-SP1
        support_plan_week_unit="calendar",
        pay_link="performance_pay",
        appeal_stages=[  # NET-AP1
            "Meeting with the reviewer",
            "Hearing by the reviewer's line manager",
            "Appeals Committee of the Trustees",
        ],
        retention_years=6,
    )


def cl() -> PolicySettings:
    """Connected Learning, Performance Management Policy (2019)."""
    return PolicySettings(
        excluded_contracts=NOT_EMPLOYEES,
        exclude_contracts_under_one_term=True,  # CL-S1
        exclude_ect_induction=True,  # CL-S1
        cycles=[
            # CL-C1 / CL-RP1: heads' reports and pay decisions by 31 December.
            CycleRule("heads", starts="09-01", report_due="12-31", pay_decision_due="12-31", final_review_due="10-15"),
            # CL-C1: teachers 1 September - 31 August; final reviews mid-October; pay by 31 October.
            *[
                CycleRule(g, starts="09-01", report_due="10-31", pay_decision_due="10-31", final_review_due="10-15")
                for g in ("teacher", "leadership", "central", "executive")
            ],
            # CL-C2: support staff 1 April - 31 March; later pay decisions backdated to 31 March.
            # CL 6.3 gives one report deadline, 31 October, for every reviewee.
            CycleRule("support", starts="04-01", report_due="10-31", pay_backdated_to="03-31"),
        ],
        ceo_reviewed_by="trustee_panel",  # CL-R1
        ceo_panel_trustees=2,
        ceo_panel_trustees_with_adviser=2,
        heads_reviewed_by="panel",  # CL-R1
        heads_panel_members=["trustee", "chair_of_governors", "ceo", "clo"],
        reviewers_of_teachers_need_qts=True,  # CL-R2
        objectives_proposed_by="joint",  # CL-O1
        trust_objective_for=["teacher"],  # CL-O2
        feedback_within_days=None,  # CL-OB1: as soon as practicable
        support_plan_min_weeks=4,  # CL-SP2
        support_plan_max_weeks=8,
        support_plan_week_unit="working",
        support_plan_extensions=1,
        support_plan_extension_max_weeks=4,
        pay_link="performance_pay",
        appeal_stages=["Written comments on the report to the Executive Headteacher / Head of School"],
        retention_years=6,  # CL 6.5
    )


def wh() -> PolicySettings:
    """Washwood Heath MAT, Professional Growth Policy (2020)."""
    return PolicySettings(
        excluded_contracts=NOT_EMPLOYEES,  # WH-S1 names agency workers
        exclude_contracts_under_one_term=True,
        exclude_ect_induction=True,
        exclude_assessment_only=True,
        excluded_get_light_track=True,  # WH-S2
        # WH-C1 1 October - 30 September; WH-TL1 close-down and recommendations by mid-September.
        cycles=_all_groups(starts="10-01", report_due="09-15"),
        ceo_reviewed_by="sip",  # WH-R3
        heads_reviewed_by="sip",
        objectives_proposed_by="appraisee",  # WH-O1, WH-O5
        objectives_max=3,  # WH-O2: no more than 3 recommended
        objectives_limit="warn",
        wider_impact_objective=True,
        wider_impact_support_grade_from=6,
        self_reflection_due="10-15",  # WH-SR1: mid-October
        objectives_due="10-31",  # WH 5.1: expectations set in a meeting in October
        new_starter_reflection_working_weeks=2,  # WH-SR2
        new_starter_first_checkin_weeks=4,
        checkins_min_per_year=3,  # WH-CI1
        checkin_terms=["autumn", "spring", "summer"],
        spring_checkin_by_february_half_term=True,
        feedback_within_days=None,  # WH 7.3: as soon as possible
        formal_plan_withholds_increment=True,  # WH-SP1
        informal_plan_may_withhold_increment=True,
        pay_link="none",  # WH-P1
        upr_business_case_by_october_half_term=True,  # WH-UPR1
        appeal_stages=["Written request to the nominated officer"],
        retention_years=6,  # WH 11.2
    )


def ar() -> PolicySettings:
    """Archway Learning Trust: its CPL policy defers appraisal to its own appraisal policy,
    which is not among the seeds, so the appraisal settings are the DfE 2024 model's."""
    return dfe_2024()


PRESETS = {
    "net": ("Nene Education Trust — Professional Learning Policy (2022)", net),
    "cl": ("Connected Learning — Performance Management Policy (2019)", cl),
    "wh": ("Washwood Heath MAT — Professional Growth Policy (2020)", wh),
    "ar": ("Archway Learning Trust — appraisal as the DfE 2024 model, with its CPL policy", ar),
    "dfe_2024": ("DfE model appraisal policy (2024)", dfe_2024),
}


def preset(key: str) -> PolicySettings:
    return PRESETS[key][1]()
