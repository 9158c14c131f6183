import pytest
from rest_framework.test import APIClient

from appraisals import services
from appraisals.models import Cycle
from trusts.models import Notification
from trusts.tenancy import trust_scope

pytestmark = pytest.mark.django_db


def api(user) -> APIClient:
    client = APIClient()
    client.force_login(user)
    return client


def populated(world):
    with trust_scope(world.trust):
        return services.cycle_populate(
            cycle=services.cycle_open(trust=world.trust, staff_group="teacher", starting_year=2025)
        )


def test_hr_opens_a_cycle_through_the_api(world_a, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        response = api(world_a.hr.user).post(
            "/api/v1/cycles/", {"staff_group": "teacher", "starting_year": 2025}, format="json"
        )
    assert response.status_code == 201 and response.json()["status"] == "opening"
    assert response.json()["starts_on"] == "2025-10-01" and len(callbacks) == 1


def test_bad_cycle_payload_is_a_400_with_field_errors(world_a):
    response = api(world_a.hr.user).post(
        "/api/v1/cycles/", {"staff_group": "wizard", "starting_year": 1}, format="json"
    )
    assert response.status_code == 400 and set(response.json()) == {"staff_group", "starting_year"}
    assert not Cycle.objects_unscoped.exists()


def test_only_hr_opens_cycles(world_a):
    response = api(world_a.teacher.user).post(
        "/api/v1/cycles/", {"staff_group": "teacher", "starting_year": 2025}, format="json"
    )
    assert response.status_code == 403


def test_appraisals_are_visible_to_the_appraisee_reviewer_and_hr_only(world_a):
    populated(world_a)
    ids = lambda user: [a["staff"] for a in api(user).get("/api/v1/appraisals/").json()["results"]]  # noqa: E731
    assert ids(world_a.teacher.user) == [world_a.teacher.pk]
    assert ids(world_a.principal.user) == [world_a.teacher.pk]  # reviewer and principal
    assert ids(world_a.support.user) == []
    assert ids(world_a.hr.user) == [world_a.teacher.pk]


def test_my_deadlines_and_notifications(world_a):
    populated(world_a)
    kinds = {d["kind"] for d in api(world_a.teacher.user).get("/api/v1/deadlines/").json()["results"]}
    assert {"self_reflection", "check_in", "report"} <= kinds
    Notification.objects_unscoped.create(trust=world_a.trust, user=world_a.teacher.user, title="Hello")
    client = api(world_a.teacher.user)
    assert [n["title"] for n in client.get("/api/v1/notifications/").json()["results"]] == ["Hello"]
    assert client.post("/api/v1/notifications/read_all/").json() == {"marked_read": 1}


def test_hr_closes_a_cycle_through_the_api(world_a):
    cycle = populated(world_a)
    response = api(world_a.hr.user).post(f"/api/v1/cycles/{cycle.pk}/close/")
    assert response.status_code == 200 and response.json()["status"] == "closed"
