import pytest
from rest_framework.test import APIClient

from appraisals import services
from appraisals.models import Appraisal, ReviewerObjection
from trusts.tenancy import trust_scope

from ..factories import StaffMemberFactory

pytestmark = pytest.mark.django_db


def api(user):
    client = APIClient()
    client.force_login(user)
    return client


@pytest.fixture
def appraisal(world_a):
    with trust_scope(world_a.trust):
        services.cycle_populate(
            cycle=services.cycle_open(trust=world_a.trust, staff_group="teacher", starting_year=2025)
        )
    return Appraisal.objects_unscoped.get(staff=world_a.teacher)


def test_principal_sets_a_reviewer_through_the_api(world_a, appraisal):
    deputy = StaffMemberFactory(trust=world_a.trust, school=world_a.school)
    response = api(world_a.principal.user).post(f"/api/v1/appraisals/{appraisal.pk}/reviewer/", {"reviewer": deputy.pk})
    assert response.status_code == 200 and response.json()["reviewer"] == deputy.pk
    bad = api(world_a.principal.user).post(
        f"/api/v1/appraisals/{appraisal.pk}/reviewer/", {"reviewer": world_a.teacher.pk}
    )
    assert bad.status_code == 400 and "reviewer" in bad.json()
    assert (
        api(world_a.teacher.user)
        .post(f"/api/v1/appraisals/{appraisal.pk}/reviewer/", {"reviewer": deputy.pk})
        .status_code
        == 404
    )


def test_objection_round_trip_through_the_api(world_a, appraisal):
    assert (
        api(world_a.teacher.user).post(f"/api/v1/appraisals/{appraisal.pk}/objection/", {"reason": ""}).status_code
        == 400
    )
    raised = api(world_a.teacher.user).post(f"/api/v1/appraisals/{appraisal.pk}/objection/", {"reason": "Conflict"})
    assert raised.status_code == 201
    objection_id = raised.json()["id"]
    listed = api(world_a.principal.user).get("/api/v1/objections/").json()["results"]
    assert [o["id"] for o in listed] == [objection_id]
    no_reasons = api(world_a.principal.user).post(
        f"/api/v1/objections/{objection_id}/decide/", {"upheld": False, "reasons": ""}
    )
    assert no_reasons.status_code == 400
    decided = api(world_a.principal.user).post(
        f"/api/v1/objections/{objection_id}/decide/", {"upheld": False, "reasons": "No conflict."}
    )
    assert decided.json()["status"] == "refused"
    assert ReviewerObjection.objects_unscoped.get().decision_reasons == "No conflict."


def test_cover_and_panel_through_the_api(world_a, appraisal):
    deputy = StaffMemberFactory(trust=world_a.trust, school=world_a.school)
    made = api(world_a.principal.user).post(
        "/api/v1/covers/",
        {"absent": world_a.principal.pk, "delegate": deputy.pk, "starts_on": "2025-11-01", "ends_on": "2025-11-10"},
    )
    assert made.status_code == 201
    bad = api(world_a.hr.user).put(
        f"/api/v1/appraisals/{appraisal.pk}/panel/",
        {"members": [{"email": world_a.trustee.email, "capacity": "trustee"}]},
        format="json",
    )
    assert bad.status_code == 400 and "members" in bad.json()
