"""Celery tasks run inside their trust's scope, on a real worker and a real Redis broker."""

import pytest
from django_scopes import ScopeError

from trusts.models import School
from trusts.tasks import TrustTask, count_current_staff

from ..factories import StaffMemberFactory, TrustFactory


@pytest.fixture
def worker():
    """The project's own Celery app on the Redis broker, with a worker thread."""
    from celery.contrib.testing.worker import start_worker

    from config import celery_app

    assert celery_app.conf.broker_url.startswith("redis://")
    with start_worker(celery_app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
        yield


@pytest.mark.django_db(transaction=True)
def test_a_trust_task_counts_only_its_trusts_staff_on_a_real_worker(worker):
    a, b = TrustFactory(), TrustFactory()
    StaffMemberFactory.create_batch(3, trust=a)
    StaffMemberFactory.create_batch(2, trust=b)
    assert count_current_staff.apply_async(kwargs={"trust_id": a.pk}).get(timeout=20) == 3
    assert count_current_staff.apply_async(kwargs={"trust_id": b.pk}).get(timeout=20) == 2


def test_a_trust_task_without_a_trust_refuses_to_run():
    with pytest.raises(ValueError, match="trust_id"):
        count_current_staff.apply(kwargs={}).get()


def test_the_task_base_class_is_what_tenant_tasks_use():
    assert isinstance(count_current_staff, TrustTask)
    with pytest.raises(ScopeError):
        list(School.objects.all())  # outside a task, no scope
