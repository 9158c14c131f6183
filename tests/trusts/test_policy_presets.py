"""Each seed preset reproduces its policy: one test per ⚙ rule, named by its ID."""

from datetime import date

import pytest

from trusts.policy.presets import PRESETS, preset
from trusts.policy.schema import cycle_span, due_date

NET, CL, WH, AR, DFE = (preset(k) for k in ("net", "cl", "wh", "ar", "dfe_2024"))


def span(settings, group, year, **kw):
    return cycle_span(settings.cycle_rule_for(staff_group=group, **kw), starting_year=year)


def due(settings, group, year, field="report_due", **kw):
    rule = settings.cycle_rule_for(staff_group=group, **kw)
    start, _ = cycle_span(rule, starting_year=year)
    return due_date(getattr(rule, field), cycle_start=start)


@pytest.mark.parametrize("key", list(PRESETS))
def test_every_preset_is_a_valid_policy(key):
    preset(key).validate()


# --- Scope ------------------------------------------------------------------------------------
def test_net_s1_excludes_agency_contractors_volunteers_ect_probation_and_trainees():
    assert set(NET.excluded_contracts) == {"agency", "contractor", "volunteer"}
    assert NET.exclude_ect_induction and NET.exclude_support_in_probation and NET.exclude_trainees
    assert not NET.exclude_contracts_under_one_term


def test_net_s2_fixed_term_under_a_year_follows_the_contract():
    assert NET.short_contract_months == 12


def test_cl_s1_excludes_contracts_under_one_term_and_induction():
    assert CL.exclude_contracts_under_one_term and CL.exclude_ect_induction
    assert not CL.exclude_trainees and not CL.exclude_support_in_probation


def test_wh_s1_excludes_agency_short_contracts_ect_and_assessment_only():
    assert "agency" in WH.excluded_contracts
    assert WH.exclude_contracts_under_one_term and WH.exclude_ect_induction and WH.exclude_assessment_only


def test_wh_s2_excluded_colleagues_keep_a_light_track():
    assert WH.excluded_get_light_track and not NET.excluded_get_light_track


# --- Cycles -----------------------------------------------------------------------------------
@pytest.mark.parametrize("group", ["teacher", "support", "leadership", "central", "executive"])
def test_net_c1_period_is_1_september_to_31_august(group):
    assert span(NET, group, 2025) == (date(2025, 9, 1), date(2026, 8, 31))


def test_net_c2_a_school_can_run_support_staff_to_31_march():
    from dataclasses import replace

    from trusts.policy.schema import CycleRule

    larger = replace(
        NET,
        cycles=[
            *NET.cycles,
            CycleRule("support", starts="04-01", report_due="03-31", pay_decision_due="03-31", school_urns=["141002"]),
        ],
    )
    larger.validate()
    assert span(larger, "support", 2025, school_urn="141002") == (date(2025, 4, 1), date(2026, 3, 31))
    assert due(larger, "support", 2025, school_urn="141002") == date(2026, 3, 31)
    assert span(larger, "support", 2025, school_urn="141001") == (date(2025, 9, 1), date(2026, 8, 31))


def test_cl_c1_teachers_september_to_august_final_review_mid_october_pay_by_31_october():
    assert span(CL, "teacher", 2025) == (date(2025, 9, 1), date(2026, 8, 31))
    assert due(CL, "teacher", 2025, "final_review_due") == date(2026, 10, 15)
    assert due(CL, "teacher", 2025, "pay_decision_due") == date(2026, 10, 31)
    assert due(CL, "teacher", 2025, "pay_decision_due", is_head=True) == date(2026, 12, 31)


def test_cl_c2_support_staff_1_april_to_31_march_backdated_to_31_march():
    assert span(CL, "support", 2025) == (date(2025, 4, 1), date(2026, 3, 31))
    assert CL.cycle_rule_for(staff_group="support").pay_backdated_to == "03-31"


def test_wh_c1_period_is_1_october_to_30_september():
    assert span(WH, "teacher", 2025) == (date(2025, 10, 1), date(2026, 9, 30))
    assert span(WH, "support", 2025) == (date(2025, 10, 1), date(2026, 9, 30))


def test_wh_tl1_close_down_by_mid_september_and_spring_check_in_by_february_half_term():
    assert due(WH, "teacher", 2025) == date(2026, 9, 15)
    assert WH.spring_checkin_by_february_half_term and WH.checkin_terms == ["autumn", "spring", "summer"]


# --- Reports and pay --------------------------------------------------------------------------
def test_net_rp2_reports_by_31_october():
    assert due(NET, "teacher", 2025) == date(2026, 10, 31)
    assert due(NET, "support", 2025) == date(2026, 10, 31)


def test_cl_rp1_reports_by_31_october_and_heads_by_31_december():
    assert due(CL, "teacher", 2025) == date(2026, 10, 31)
    assert due(CL, "leadership", 2025, is_head=True) == date(2026, 12, 31)


def test_wh_p1_no_pay_link_and_no_pay_deadline():
    assert WH.pay_link == "none"
    assert all(rule.pay_decision_due is None for rule in WH.cycles)


def test_dfe_2024_records_a_pay_decision_without_performance_pay():
    assert DFE.pay_link == "pay_decision_only"
    assert due(DFE, "teacher", 2025, "pay_decision_due") == date(2026, 10, 31)
    assert due(DFE, "leadership", 2025, "pay_decision_due", is_head=True) == date(2026, 12, 31)


def test_wh_upr1_business_case_by_october_half_term():
    assert WH.upr_business_case_by_october_half_term and not NET.upr_business_case_by_october_half_term


def test_net_ap1_three_stages_of_appeal():
    assert NET.appeal_stages == [
        "Meeting with the reviewer",
        "Hearing by the reviewer's line manager",
        "Appeals Committee of the Trustees",
    ]


# --- Reviewers --------------------------------------------------------------------------------
def test_net_r1_ceo_panel_of_three_trustees_or_two_with_an_adviser():
    assert (NET.ceo_reviewed_by, NET.ceo_panel_trustees, NET.ceo_panel_trustees_with_adviser) == ("trustee_panel", 3, 2)


def test_net_r2_principals_reviewed_by_the_director_of_school_improvement():
    assert NET.heads_reviewed_by == "dsi"


def test_cl_r1_heads_panel_of_trustees_chairs_of_governors_and_ceo_or_clo():
    assert CL.heads_reviewed_by == "panel"
    assert set(CL.heads_panel_members) == {"trustee", "chair_of_governors", "ceo", "clo"}


def test_cl_r2_reviewers_of_teachers_hold_qts():
    assert CL.reviewers_of_teachers_need_qts and not WH.reviewers_of_teachers_need_qts


def test_wh_r3_ceo_and_heads_reviewed_by_an_external_sip():
    assert WH.ceo_reviewed_by == "sip" and WH.heads_reviewed_by == "sip"


# --- Objectives -------------------------------------------------------------------------------
def test_net_o4_no_pupil_data_objectives_for_teachers():
    assert NET.no_pupil_data_objectives_for_teachers and not CL.no_pupil_data_objectives_for_teachers


def test_net_o5_required_categories_by_post():
    assert [(c.category, c.applies_to) for c in NET.required_categories] == [
        ("Improving self", "everyone"),
        ("Improving others", "ups_tlr_central_leaders"),
        ("Improving the organisation", "leadership_post"),
    ]


def test_cl_o2_every_teacher_has_the_trust_objective():
    assert CL.trust_objective_for == ["teacher"] and NET.trust_objective_for == []


def test_wh_o2_three_recommended_and_wider_impact_from_upr_and_grade_6():
    assert (WH.objectives_max, WH.objectives_limit) == (3, "warn")
    assert WH.wider_impact_objective and WH.wider_impact_support_grade_from == 6


def test_wh_o1_appraisee_proposes_and_net_o1_reviewer_determines():
    assert WH.objectives_proposed_by == "appraisee" and NET.objectives_proposed_by == "joint"


# --- Self-reflection, check-ins, observation --------------------------------------------------
def test_wh_sr1_self_reflection_by_mid_october():
    assert WH.self_reflection_due == "10-15"


def test_wh_sr2_new_starters_reflect_in_two_working_weeks_and_check_in_by_week_four():
    assert (WH.new_starter_reflection_working_weeks, WH.new_starter_first_checkin_weeks) == (2, 4)


def test_wh_ci1_at_least_three_check_ins_a_year():
    assert WH.checkins_min_per_year == 3


def test_net_ob1_observation_kinds():
    assert NET.observation_kinds == ["formal observation", "drop-in", "learning walk", "work scrutiny"]


def test_net_ob2_observers_hold_qts():
    assert NET.observers_need_qts


def test_net_ob3_feedback_within_five_days():
    assert (NET.feedback_within_days, NET.feedback_day_unit) == (5, "working")
    assert CL.feedback_within_days is None  # CL-OB1: as soon as practicable


# --- Support plans ----------------------------------------------------------------------------
def test_net_sp1_support_and_challenge_at_most_six_weeks():
    assert (NET.support_plan_max_weeks, NET.support_plan_week_unit, NET.support_plan_extensions) == (6, "calendar", 0)


def test_cl_sp2_four_to_eight_working_weeks_with_one_extension_of_four():
    assert (CL.support_plan_min_weeks, CL.support_plan_max_weeks, CL.support_plan_week_unit) == (4, 8, "working")
    assert (CL.support_plan_extensions, CL.support_plan_extension_max_weeks) == (1, 4)


def test_wh_sp1_formal_plan_denies_the_increment_informal_may():
    assert WH.formal_plan_withholds_increment and WH.informal_plan_may_withhold_increment


def test_rec_1_records_kept_six_years_in_every_preset():
    assert {preset(k).retention_years for k in PRESETS} == {6}


def test_ar_preset_takes_the_dfe_model_for_appraisal():
    assert AR == DFE
