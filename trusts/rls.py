"""Wall 2: row-level security on every table that has a ``trust_id`` column.

Installed after every ``migrate`` (post_migrate), from the database's own catalogue rather
than a hand-kept list, so a new tenant table cannot be created without its policy. The test
``tests/trusts/test_rls.py`` lists the tables the same way and fails if one lacks it.
"""

from django.conf import settings
from django.db import connections

# Rows are visible when they belong to the trust of the transaction, or - for platform
# superusers in admin only - when the transaction says so explicitly. No setting, no rows.
TRUST_PREDICATE = (
    "trust_id = NULLIF(current_setting('app.trust_id', true), '')::bigint"
    " OR current_setting('app.platform', true) = 'on'"
)
# Before a trust is chosen, a signed-in person may read the rows that name them, so the
# product can tell which trusts they belong to.
OWN_ROWS_PREDICATE = "user_id = NULLIF(current_setting('app.user_id', true), '')::bigint"

APPEND_ONLY_TABLES = ("trusts_auditevent",)


def tenant_tables(cursor) -> list[str]:
    cursor.execute(
        """
        SELECT c.table_name FROM information_schema.columns c
        JOIN information_schema.tables t USING (table_schema, table_name)
        WHERE c.table_schema = current_schema() AND c.column_name = 'trust_id'
          AND t.table_type = 'BASE TABLE'
        ORDER BY c.table_name
        """
    )
    return [r[0] for r in cursor.fetchall()]


def has_column(cursor, table: str, column: str) -> bool:
    cursor.execute(
        "SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema()"
        " AND table_name = %s AND column_name = %s",
        [table, column],
    )
    return cursor.fetchone() is not None


def install(using: str = "default") -> list[str]:
    connection = connections[using]
    if connection.vendor != "postgresql":
        return []
    role = settings.DB_APP_ROLE
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [role])
        if cursor.fetchone() is None:
            cursor.execute(f'CREATE ROLE "{role}" NOLOGIN NOSUPERUSER NOBYPASSRLS')
        cursor.execute("SELECT current_user")
        login_role = cursor.fetchone()[0]
        if login_role != role:
            # The login role may switch to the app role inside a trust's transaction.
            cursor.execute(f'GRANT "{role}" TO "{login_role}"')
        cursor.execute(f'GRANT USAGE ON SCHEMA public TO "{role}"')
        cursor.execute(f'GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO "{role}"')
        cursor.execute(f'GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO "{role}"')
        tables = tenant_tables(cursor)
        for table in tables:
            cursor.execute(f'ALTER TABLE "{table}" ENABLE ROW LEVEL SECURITY')
            cursor.execute(f'ALTER TABLE "{table}" FORCE ROW LEVEL SECURITY')
            cursor.execute(f'DROP POLICY IF EXISTS trust_isolation ON "{table}"')
            cursor.execute(
                f'CREATE POLICY trust_isolation ON "{table}" USING ({TRUST_PREDICATE}) WITH CHECK ({TRUST_PREDICATE})'
            )
            cursor.execute(f'DROP POLICY IF EXISTS own_rows ON "{table}"')
            if has_column(cursor, table, "user_id"):
                cursor.execute(f'CREATE POLICY own_rows ON "{table}" FOR SELECT USING ({OWN_ROWS_PREDICATE})')
        for table in APPEND_ONLY_TABLES:
            _make_append_only(cursor, table, role)
    return tables


def _make_append_only(cursor, table: str, role: str) -> None:
    """The audit trail: the app role may only read and add; a trigger refuses every role."""
    cursor.execute(f'REVOKE UPDATE, DELETE, TRUNCATE ON "{table}" FROM "{role}"')
    cursor.execute(
        """
        CREATE OR REPLACE FUNCTION refuse_audit_change() RETURNS trigger AS $$
        BEGIN
            RAISE EXCEPTION 'audit events are append-only: % refused', TG_OP;
        END;
        $$ LANGUAGE plpgsql
        """
    )
    cursor.execute(f'DROP TRIGGER IF EXISTS append_only ON "{table}"')
    cursor.execute(
        f'CREATE TRIGGER append_only BEFORE UPDATE OR DELETE ON "{table}"'
        " FOR EACH ROW EXECUTE FUNCTION refuse_audit_change()"
    )
