"""The two walls between trusts.

Wall 1 is django-scopes: every tenant model's manager refuses to query outside a trust scope.
Wall 2 is PostgreSQL row-level security: inside a scope the transaction runs as the app role
with ``app.trust_id`` set, and the policies on every tenant table show only that trust's rows.

``trust_scope`` enters both at once, in its own transaction, and restores what was there
before on exit, so nested scopes and scopes inside a test's transaction behave.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from django.conf import settings
from django.db import connection, models, transaction
from django.db.utils import DatabaseError
from django_scopes import ScopedManager, scope, scopes_disabled

__all__ = ["ScopedManager", "TenantModel", "platform_scope", "scopes_disabled", "trust_scope", "user_lookup"]


def _postgres() -> bool:
    return connection.vendor == "postgresql"


def _set_db_context(**values: str | int | None) -> dict[str, str]:
    """Set transaction-local settings (``app.*``) and the app role; return what was there."""
    if not _postgres():
        return {}
    names = list(values)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT current_user, session_user" + "".join(", current_setting(%s, true)" for _ in names),
            [f"app.{n}" for n in names],
        )
        row = cursor.fetchone()
        previous = {n: (row[2 + i] or "") for i, n in enumerate(names)}
        previous["_role"] = "" if row[0] == row[1] else row[0]
        _apply(cursor, {n: "" if v is None else str(v) for n, v in values.items()}, settings.DB_APP_ROLE)
    return previous


def _apply(cursor, values: dict[str, str], role: str) -> None:
    params = []
    for name, value in values.items():
        params += [f"app.{name}", value]
    role_sql = f'SET LOCAL ROLE "{role}"' if role else "RESET ROLE"
    cursor.execute("SELECT " + ", ".join(["set_config(%s, %s, true)"] * len(values)) + "; " + role_sql, params)


def _restore_db_context(previous: dict[str, str]) -> None:
    if not previous or not _postgres():
        return
    role = previous.pop("_role")
    try:
        with connection.cursor() as cursor:
            _apply(cursor, previous, role)
    except DatabaseError:
        # The transaction is already broken and will be rolled back, which undoes the settings.
        pass


@contextlib.contextmanager
def trust_scope(trust, *, user_id: int | None = None) -> Iterator[None]:
    """Work inside one trust: scoped managers filter by it and RLS shows only its rows."""
    trust_id = getattr(trust, "pk", trust)
    with transaction.atomic():
        previous = _set_db_context(trust_id=trust_id, user_id=user_id, platform="off")
        try:
            with scope(trust=trust_id):
                yield
        finally:
            _restore_db_context(previous)


@contextlib.contextmanager
def user_lookup(user_id: int) -> Iterator[None]:
    """Before a trust is chosen: see only the rows that name this user (their memberships)."""
    with transaction.atomic():
        previous = _set_db_context(trust_id=None, user_id=user_id, platform="off")
        try:
            with scopes_disabled():
                yield
        finally:
            _restore_db_context(previous)


@contextlib.contextmanager
def platform_scope() -> Iterator[None]:
    """Platform superusers in admin: every trust, stated explicitly to the database."""
    with transaction.atomic():
        previous = _set_db_context(trust_id=None, user_id=None, platform="on")
        try:
            with scopes_disabled():
                yield
        finally:
            _restore_db_context(previous)


class TenantModel(models.Model):
    """A row owned by one trust. Subclasses get the scoped manager and cross-trust checks."""

    trust = models.ForeignKey("trusts.Trust", on_delete=models.CASCADE, related_name="+")

    objects = ScopedManager(trust="trust")
    objects_unscoped = models.Manager()

    class Meta:
        abstract = True
        base_manager_name = "objects_unscoped"

    def clean(self) -> None:
        super().clean()
        self.refuse_cross_trust_references()

    def clean_fields(self, exclude=None) -> None:
        """A reference the trust cannot see (RLS hides it) reads as what it is, not as a bad id."""
        from django.core.exceptions import ValidationError

        try:
            super().clean_fields(exclude=exclude)
        except ValidationError as error:
            for name, errors in error.error_dict.items():
                field = self._meta.get_field(name)
                if field.is_relation and issubclass(field.related_model, TenantModel):
                    error.error_dict[name] = [
                        ValidationError(
                            f"That {field.related_model._meta.verbose_name} is not one of this trust's.",
                            code="other_trust",
                        )
                        if e.code == "invalid"
                        else e
                        for e in errors
                    ]
            raise

    def refuse_cross_trust_references(self) -> None:
        """Foreign-key descriptors are not scoped, so a reference to another trust is refused here."""
        from django.core.exceptions import ValidationError

        errors = {}
        for field in self._meta.concrete_fields:
            if not field.is_relation or field.name == "trust":
                continue
            related_model = field.related_model
            if not (isinstance(related_model, type) and issubclass(related_model, TenantModel)):
                continue
            related_id = getattr(self, field.attname)
            if related_id is None or self.trust_id is None:
                continue
            owner = related_model.objects_unscoped.filter(pk=related_id).values_list("trust_id", flat=True).first()
            if owner is not None and owner != self.trust_id:
                errors[field.name] = f"That {related_model._meta.verbose_name} is not one of this trust's."
        if errors:
            raise ValidationError(errors)


def tenant_models() -> list[type[models.Model]]:
    from django.apps import apps

    return [m for m in apps.get_models() if issubclass(m, TenantModel)]


@contextlib.contextmanager
def no_trust_scope() -> Iterator[None]:
    """Signed out, or signed in without a trust: the app role with no trust sees no tenant rows."""
    with transaction.atomic():
        previous = _set_db_context(trust_id=None, user_id=None, platform="off")
        try:
            yield
        finally:
            _restore_db_context(previous)
