"""Wall 2: PostgreSQL row-level security binds the app role even when application code forgets."""

from contextlib import contextmanager

import pytest
from django.conf import settings
from django.db import DatabaseError, connection, transaction

from trusts import rls
from trusts.tenancy import tenant_models

from ..factories import AuditEventFactory, SchoolFactory, StaffMemberFactory, TrustFactory

pytestmark = pytest.mark.django_db


@contextmanager
def app_role(trust_id=None):
    """Raw SQL exactly as the app runs it, undone afterwards."""
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(f'SET LOCAL ROLE "{settings.DB_APP_ROLE}"')
            if trust_id is not None:
                cursor.execute("SELECT set_config('app.trust_id', %s, true)", [str(trust_id)])
            yield cursor
        transaction.set_rollback(True)


def test_app_role_is_neither_superuser_nor_bypassrls():
    with connection.cursor() as cursor:
        cursor.execute("SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = %s", [settings.DB_APP_ROLE])
        assert cursor.fetchone() == (False, False)


def test_every_table_with_a_trust_column_has_forced_rls_and_a_policy():
    with connection.cursor() as cursor:
        tables = rls.tenant_tables(cursor)
        cursor.execute(
            """
            SELECT c.relname, c.relrowsecurity, c.relforcerowsecurity,
                   EXISTS (SELECT 1 FROM pg_policies p WHERE p.tablename = c.relname AND p.policyname = 'trust_isolation')
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = current_schema() AND c.relname = ANY(%s)
            """,
            [tables],
        )
        rows = {name: (enabled, forced, policy) for name, enabled, forced, policy in cursor.fetchall()}
    missing = sorted(name for name in tables if rows.get(name) != (True, True, True))
    assert tables, "no tenant tables found"
    assert missing == [], f"tenant tables without forced row-level security: {missing}"
    # Every tenant model's table is among them (the catalogue and the code agree).
    assert {m._meta.db_table for m in tenant_models()} <= set(tables)


def test_without_the_setting_the_app_role_sees_no_rows():
    StaffMemberFactory()
    with app_role() as cursor:
        cursor.execute("SELECT count(*) FROM trusts_staffmember")
        assert cursor.fetchone()[0] == 0
        cursor.execute("SELECT count(*) FROM trusts_school")
        assert cursor.fetchone()[0] == 0


def test_with_trust_a_setting_none_of_trust_b_rows_are_visible():
    a, b = TrustFactory(), TrustFactory()
    SchoolFactory.create_batch(2, trust=a)
    SchoolFactory.create_batch(3, trust=b)
    with app_role(a.pk) as cursor:
        cursor.execute("SELECT DISTINCT trust_id FROM trusts_school")
        assert [r[0] for r in cursor.fetchall()] == [a.pk]
        cursor.execute("SELECT count(*) FROM trusts_school WHERE trust_id = %s", [b.pk])
        assert cursor.fetchone()[0] == 0


def test_inserting_a_trust_b_row_under_trust_a_setting_fails():
    a, b = TrustFactory(), TrustFactory()
    with pytest.raises(DatabaseError, match="row-level security"), app_role(a.pk) as cursor:
        cursor.execute(
            "INSERT INTO trusts_school (trust_id, name, phase, urn) VALUES (%s, 'Intruder', 'primary', '999999')",
            [b.pk],
        )


def test_updating_trust_b_rows_under_trust_a_changes_nothing():
    a, b = TrustFactory(), TrustFactory()
    school = SchoolFactory(trust=b, name="Untouched")
    with app_role(a.pk) as cursor:
        cursor.execute("UPDATE trusts_school SET name = 'Changed' WHERE id = %s", [school.pk])
        assert cursor.rowcount == 0
    school.refresh_from_db()
    assert school.name == "Untouched"


def test_audit_events_cannot_be_changed_or_deleted_by_the_app_role():
    event = AuditEventFactory()
    with pytest.raises(DatabaseError, match="permission denied"), app_role(event.trust_id) as cursor:
        cursor.execute("UPDATE trusts_auditevent SET action = 'edited' WHERE id = %s", [event.pk])
    with pytest.raises(DatabaseError, match="permission denied"), app_role(event.trust_id) as cursor:
        cursor.execute("DELETE FROM trusts_auditevent WHERE id = %s", [event.pk])


def test_audit_events_cannot_be_changed_even_by_the_owner():
    event = AuditEventFactory()
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE trusts_auditevent SET action = 'edited' WHERE id = %s", [event.pk])
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM trusts_auditevent WHERE id = %s", [event.pk])
    event.refresh_from_db()
    assert event.action == "test.event"
