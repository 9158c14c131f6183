import pytest

from appraisals import services
from appraisals.models import Cycle
from trusts.models import Notification
from trusts.tenancy import trust_scope

pytestmark = pytest.mark.django_db


def test_hr_opens_a_cycle_from_the_page(world_a, signed_in, django_capture_on_commit_callbacks):
    client = signed_in(world_a.hr.user)
    with django_capture_on_commit_callbacks() as callbacks:
        response = client.post("/cycles/", {"staff_group": "teacher", "starting_year": "2025"})
    cycle = Cycle.objects_unscoped.get(trust=world_a.trust)
    assert response.status_code == 302 and response["Location"] == f"/cycles/{cycle.pk}/"
    assert len(callbacks) == 1  # the background job is queued after commit
    assert "Creating appraisals" in client.get(f"/cycles/{cycle.pk}/").content.decode()
    with trust_scope(world_a.trust):
        services.cycle_populate(cycle=cycle)
    body = client.get(f"/cycles/{cycle.pk}/").content.decode()
    assert "100% — 1 of 1 people" in body  # the world has one teacher
    assert "hx-trigger" not in body  # polling stops once open


def test_bad_input_when_opening_a_cycle_is_explained(world_a, signed_in):
    body = (
        signed_in(world_a.hr.user).post("/cycles/", {"staff_group": "wizards", "starting_year": "19"}).content.decode()
    )
    assert "Select a valid choice" in body and "greater than or equal to 2000" in body
    assert not Cycle.objects_unscoped.exists()


def test_only_hr_reaches_cycles(world_a, signed_in):
    assert signed_in(world_a.principal.user).get("/cycles/").status_code == 404
    assert signed_in(world_a.teacher.user).get("/cycles/").status_code == 404


def test_a_teacher_sees_their_year_at_a_glance(world_a, signed_in):
    with trust_scope(world_a.trust):
        services.cycle_populate(
            cycle=services.cycle_open(trust=world_a.trust, staff_group="teacher", starting_year=2025)
        )
    client = signed_in(world_a.teacher.user)
    body = client.get("/my-year/").content.decode()
    assert "1 October 2025 to 30 September 2026" in body  # WH preset in the test world
    assert f"Your appraiser</dt><dd>{world_a.principal}" in body
    assert "Self-reflection for" in body and "Wed 15 October 2025" in body
    home = client.get("/").content.decode()
    assert "Next for you:" in home and "Self-reflection" in home


def test_the_notification_centre_lists_and_marks_read(world_a, signed_in):
    Notification.objects_unscoped.create(trust=world_a.trust, user=world_a.teacher.user, title="Coming up: a date")
    client = signed_in(world_a.teacher.user)
    body = client.get("/").content.decode()
    assert 'Notifications <span class="tag">1' in body
    assert "Coming up: a date" in client.get("/notifications/").content.decode()
    client.post("/notifications/", {"action": "read_all"})
    assert Notification.objects_unscoped.get().read_at is not None
    client.post("/notifications/", {"action": "mode", "mode": "digest"})
    from trusts.models import NotificationPreference

    assert NotificationPreference.objects_unscoped.get(user=world_a.teacher.user).mode == "digest"


def test_hr_closes_a_cycle_and_it_locks(world_a, signed_in):
    with trust_scope(world_a.trust):
        cycle = services.cycle_populate(
            cycle=services.cycle_open(trust=world_a.trust, staff_group="teacher", starting_year=2025)
        )
    signed_in(world_a.hr.user).post(f"/cycles/{cycle.pk}/close/")
    cycle.refresh_from_db()
    assert cycle.status == "closed"
