import pytest

from appraisals import services
from appraisals.models import Appraisal, ReviewerCover, ReviewerObjection
from trusts.tenancy import trust_scope

from ..factories import StaffMemberFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def cycle(world_a):
    with trust_scope(world_a.trust):
        return services.cycle_populate(
            cycle=services.cycle_open(trust=world_a.trust, staff_group="teacher", starting_year=2025)
        )


def test_principal_reassigns_a_reviewer_in_the_grid(world_a, cycle, signed_in):
    deputy = StaffMemberFactory(trust=world_a.trust, school=world_a.school, job_title="Deputy")
    client = signed_in(world_a.principal.user)
    page = client.get("/reviewers/").content.decode()
    assert str(world_a.teacher) in page
    appraisal = Appraisal.objects_unscoped.get(staff=world_a.teacher)
    assert client.post("/reviewers/", {"appraisal": appraisal.pk, "reviewer": deputy.pk}).status_code == 302
    appraisal.refresh_from_db()
    assert appraisal.reviewer == deputy


def test_nobody_can_review_themselves_the_message_is_by_the_row(world_a, cycle, signed_in):
    appraisal = Appraisal.objects_unscoped.get(staff=world_a.teacher)
    response = signed_in(world_a.principal.user).post(
        "/reviewers/", {"appraisal": appraisal.pk, "reviewer": world_a.teacher.pk}
    )
    assert response.status_code == 400 and "their own appraiser" in response.content.decode()


def test_teachers_cannot_reach_the_grid(world_a, cycle, signed_in):
    assert signed_in(world_a.teacher.user).get("/reviewers/").status_code == 404


def test_a_teacher_asks_for_a_different_appraiser_and_the_principal_refuses_in_writing(world_a, cycle, signed_in):
    appraisal = Appraisal.objects_unscoped.get(staff=world_a.teacher)
    teacher = signed_in(world_a.teacher.user)
    assert "Ask for a different appraiser" in teacher.get("/my-year/").content.decode()
    teacher.post(f"/my-year/{appraisal.pk}/objection/", {"reason": "We have a conflict of interest."})
    objection = ReviewerObjection.objects_unscoped.get()
    principal = signed_in(world_a.principal.user)
    assert "We have a conflict of interest." in principal.get("/reviewers/objections/").content.decode()
    missing = principal.post(
        "/reviewers/objections/", {"objection": objection.pk, f"o{objection.pk}-decision": "refuse"}
    )
    assert "Give your reasons in writing" in missing.content.decode()
    principal.post(
        "/reviewers/objections/",
        {
            "objection": objection.pk,
            f"o{objection.pk}-decision": "refuse",
            f"o{objection.pk}-decision_reasons": "No conflict: different departments.",
        },
    )
    objection.refresh_from_db()
    assert objection.status == "refused" and objection.decision_reasons == "No conflict: different departments."


def test_principal_arranges_cover(world_a, cycle, signed_in):
    deputy = StaffMemberFactory(trust=world_a.trust, school=world_a.school)
    client = signed_in(world_a.principal.user)
    bad = client.post(
        "/reviewers/cover/",
        {"absent": world_a.principal.pk, "delegate": deputy.pk, "starts_on": "2025-11-10", "ends_on": "2025-11-01"},
    )
    assert "The cover ends on or after the day it starts" in bad.content.decode()
    client.post(
        "/reviewers/cover/",
        {"absent": world_a.principal.pk, "delegate": deputy.pk, "starts_on": "2025-11-01", "ends_on": "2025-11-10"},
    )
    assert ReviewerCover.objects_unscoped.get().delegate == deputy


def test_panel_page_refuses_a_panel_against_the_policy(world_a, signed_in):
    with trust_scope(world_a.trust):
        cycle = services.cycle_populate(
            cycle=services.cycle_open(trust=world_a.trust, staff_group="leadership", starting_year=2025)
        )
    appraisal = Appraisal.objects_unscoped.get(cycle=cycle, staff=world_a.principal)
    body = (
        signed_in(world_a.hr.user)
        .post(f"/reviewers/panel/{appraisal.pk}/", {"email_0": world_a.trustee.email, "capacity_0": "trustee"})
        .content.decode()
    )
    assert "external school improvement partner" in body  # WH-R3 in the test world
