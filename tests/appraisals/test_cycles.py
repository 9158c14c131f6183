"""Opening a cycle: who is in, on which track and span, and why others are not."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from appraisals import services
from appraisals.models import Appraisal, Cycle, Exclusion
from trusts.models import StaffMember
from trusts.tenancy import trust_scope

from ..factories import PolicyFactory, SchoolFactory, StaffMemberFactory, TrustFactory

pytestmark = pytest.mark.django_db
C = StaffMember.Contract


def trust_with(preset_key):
    trust = TrustFactory()
    PolicyFactory(trust=trust, preset_key=preset_key)
    return trust, SchoolFactory(trust=trust)


def open_cycle(trust, group="teacher", year=2025):
    with trust_scope(trust):
        cycle = services.cycle_open(trust=trust, staff_group=group, starting_year=year)
        return services.cycle_populate(cycle=cycle)


def placed(cycle, staff):
    appraisal = Appraisal.objects_unscoped.filter(cycle=cycle, staff=staff).first()
    exclusion = Exclusion.objects_unscoped.filter(cycle=cycle, staff=staff).first()
    return appraisal, exclusion


def test_net_s1_excludes_agency_ect_trainees_and_support_in_probation():
    trust, school = trust_with("net")
    agency = StaffMemberFactory(trust=trust, school=school, contract_type=C.AGENCY)
    ect = StaffMemberFactory(trust=trust, school=school, ect_induction_year=2)
    trainee = StaffMemberFactory(trust=trust, school=school, training_route="trainee")
    teacher = StaffMemberFactory(trust=trust, school=school, contract_type=C.TEMPORARY)
    cycle = open_cycle(trust)
    assert placed(cycle, agency)[1].reason == "Agency contract: outside the policy"
    assert placed(cycle, ect)[1].reason == "Early career teacher in induction (year 2)"
    assert placed(cycle, trainee)[1].reason == "Trainee teacher"
    assert placed(cycle, teacher)[0].track == "full"
    support = StaffMemberFactory(
        trust=trust, school=school, staff_group="support", probation_ends_on=date(2025, 12, 31), has_qts=False
    )
    support_cycle = open_cycle(trust, "support")
    assert placed(support_cycle, support)[1].reason == "In probation until 31/12/2025"


def test_net_s2_a_fixed_term_contract_under_a_year_follows_the_contract():
    trust, school = trust_with("net")
    cover = StaffMemberFactory(
        trust=trust, school=school, contract_type=C.FIXED_TERM, starts_on=date(2025, 11, 3), ends_on=date(2026, 4, 30)
    )
    appraisal, _ = placed(open_cycle(trust), cover)
    assert (appraisal.starts_on, appraisal.ends_on) == (date(2025, 11, 3), date(2026, 4, 30))


def test_cl_s1_excludes_contracts_under_one_term_and_induction():
    trust, school = trust_with("cl")
    short = StaffMemberFactory(
        trust=trust, school=school, contract_type=C.FIXED_TERM, starts_on=date(2025, 9, 1), ends_on=date(2025, 10, 10)
    )
    longer = StaffMemberFactory(
        trust=trust, school=school, contract_type=C.FIXED_TERM, starts_on=date(2025, 9, 1), ends_on=date(2026, 3, 31)
    )
    nqt = StaffMemberFactory(trust=trust, school=school, ect_induction_year=1)
    cycle = open_cycle(trust)
    assert placed(cycle, short)[1].reason == "Contract shorter than one term"
    assert placed(cycle, nqt)[1] is not None
    assert placed(cycle, longer)[0].ends_on == date(2026, 3, 31)  # CL-S2: adjusted to the contract


def test_cl_s2_a_mid_year_starter_has_a_span_from_their_start():
    trust, school = trust_with("cl")
    starter = StaffMemberFactory(trust=trust, school=school, starts_on=date(2026, 1, 5))
    appraisal, _ = placed(open_cycle(trust), starter)
    assert (appraisal.starts_on, appraisal.ends_on) == (date(2026, 1, 5), date(2026, 8, 31))


def test_cl_c2_support_staff_cycle_runs_april_to_march_with_its_own_report_date():
    trust, school = trust_with("cl")
    ta = StaffMemberFactory(trust=trust, school=school, staff_group="support", has_qts=False)
    cycle = open_cycle(trust, "support", 2025)
    appraisal, _ = placed(cycle, ta)
    assert (cycle.starts_on, cycle.ends_on) == (date(2025, 4, 1), date(2026, 3, 31))
    assert appraisal.report_due_on == date(2026, 10, 31)


def test_cl_rp1_a_heads_report_and_pay_decision_are_due_31_december():
    from ..factories import RoleAssignmentFactory

    trust, school = trust_with("cl")
    head = StaffMemberFactory(trust=trust, school=school, staff_group="leadership", holds_leadership_post=True)
    RoleAssignmentFactory(trust=trust, user=head.user, role="principal", school=school)
    deputy = StaffMemberFactory(trust=trust, school=school, staff_group="leadership", holds_leadership_post=True)
    cycle = open_cycle(trust, "leadership")
    assert placed(cycle, head)[0].report_due_on == date(2026, 12, 31)
    assert placed(cycle, head)[0].pay_decision_due_on == date(2026, 12, 31)
    assert placed(cycle, deputy)[0].report_due_on == date(2026, 10, 31)


def test_wh_s1_and_wh_s2_excluded_colleagues_get_the_light_track():
    trust, school = trust_with("wh")
    agency = StaffMemberFactory(trust=trust, school=school, contract_type=C.AGENCY)
    assessment_only = StaffMemberFactory(trust=trust, school=school, training_route="assessment_only")
    cycle = open_cycle(trust)
    for person in (agency, assessment_only):
        appraisal, exclusion = placed(cycle, person)
        assert exclusion is None and appraisal.track == "light" and appraisal.track_reason
    assert (cycle.starts_on, cycle.ends_on) == (date(2025, 10, 1), date(2026, 9, 30))  # WH-C1


def test_opening_twice_creates_nothing_twice():
    trust, school = trust_with("net")
    StaffMemberFactory.create_batch(5, trust=trust, school=school)
    StaffMemberFactory(trust=trust, school=school, contract_type=C.AGENCY)
    cycle = open_cycle(trust)
    again = open_cycle(trust)
    assert again.pk == cycle.pk
    with trust_scope(trust):
        services.cycle_populate(cycle=cycle)
    assert Appraisal.objects_unscoped.filter(cycle=cycle).count() == 5
    assert Exclusion.objects_unscoped.filter(cycle=cycle).count() == 1
    assert cycle.status == Cycle.Status.OPEN and cycle.progress_percent == 100


def test_a_cycle_keeps_the_policy_version_it_opened_under():
    trust, school = trust_with("net")
    cycle = open_cycle(trust)
    opened_under = cycle.policy.version
    with trust_scope(trust):
        from trusts import services as trust_services

        newer = trust_services.policy_revise(
            trust=trust, settings=cycle.policy.settings | {"retention_years": 7}, note="x"
        )
    cycle.refresh_from_db()
    assert newer.version == opened_under + 1
    assert cycle.policy.version == opened_under and cycle.policy.rules.retention_years == 6


def test_states_change_only_along_allowed_moves():
    trust, school = trust_with("net")
    person = StaffMemberFactory(trust=trust, school=school)
    appraisal, _ = placed(open_cycle(trust), person)
    with trust_scope(trust):
        with pytest.raises(ValidationError, match="cannot go from “Planning” to “Report issued”"):
            services.appraisal_transition(appraisal=appraisal, to="report_issued")
        for state in ("objectives_agreed", "in_review", "report_drafted", "report_issued"):
            appraisal = services.appraisal_transition(appraisal=appraisal, to=state)
    assert appraisal.state == "report_issued"


def test_closing_a_cycle_locks_everything_under_it():
    trust, school = trust_with("net")
    person, other = StaffMemberFactory.create_batch(2, trust=trust, school=school)
    cycle = open_cycle(trust)
    issued, _ = placed(cycle, person)
    with trust_scope(trust):
        for state in ("objectives_agreed", "in_review", "report_drafted", "report_issued"):
            issued = services.appraisal_transition(appraisal=issued, to=state)
        services.cycle_close(cycle=cycle)
        with pytest.raises(ValidationError, match="is closed: its records are locked"):
            services.appraisal_transition(appraisal=placed(cycle, other)[0], to="objectives_agreed")
    issued.refresh_from_db()
    assert issued.state == "closed"


def test_a_mid_year_starter_joins_the_open_cycle_and_a_leaver_is_withdrawn():
    trust, school = trust_with("wh")
    cycle = open_cycle(trust, year=2025)
    with trust_scope(trust):
        joiner = StaffMemberFactory(trust=trust, school=school, starts_on=date(2026, 1, 5))
        appraisal = services.appraisal_join(staff=joiner)
        assert appraisal.cycle == cycle and appraisal.starts_on == date(2026, 1, 5)
        assert services.appraisal_join(staff=joiner) is None  # once
        assert services.appraisals_withdraw_for_leaver(staff=joiner) == 1
    appraisal.refresh_from_db()
    assert appraisal.state == "withdrawn"


def test_a_cycle_needs_a_policy_and_a_real_staff_group():
    trust = TrustFactory()
    with trust_scope(trust):
        with pytest.raises(ValidationError, match="Set the trust's policy"):
            services.cycle_open(trust=trust, staff_group="teacher", starting_year=2025)
        PolicyFactory(trust=trust)
        with pytest.raises(ValidationError, match="Choose a staff group"):
            services.cycle_open(trust=trust, staff_group="wizards", starting_year=2025)
