"""Every write to the organisation: one function per action, in a transaction, audited."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from . import audit, signals
from .middleware import SESSION_KEY
from .models import Participant, Policy, RoleAssignment, School, StaffMember, Trust, User
from .tenancy import trust_scope

STAFF_FIELDS = (
    "school",
    "job_title",
    "staff_group",
    "employee_number",
    "on_upper_pay_range",
    "holds_tlr",
    "holds_leadership_post",
    "support_grade",
    "has_qts",
    "contract_type",
    "starts_on",
    "ends_on",
    "fte",
    "ect_induction_year",
    "training_route",
    "probation_ends_on",
    "line_manager",
)


def user_for_email(*, email: str, first_name: str = "", last_name: str = "") -> User:
    """The account for an email, created without a password when new (the person is invited)."""
    email = email.strip().lower()
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        user = User(email=email, first_name=first_name.strip(), last_name=last_name.strip())
        user.set_unusable_password()
        user.full_clean()
        user.save()
    return user


def user_rename(*, user: User, first_name: str, last_name: str) -> User:
    user.first_name, user.last_name = first_name.strip(), last_name.strip()
    user.full_clean()
    user.save(update_fields=["first_name", "last_name"])
    return user


@transaction.atomic
def trust_create(*, name: str, slug: str, preset: str = "dfe_2024", by: User | None = None, **words) -> Trust:
    """A new trust starts from a preset policy, which HR then edits in admin."""
    trust = Trust(name=name, slug=slug, **words)
    trust.full_clean()
    trust.save()
    audit.record(actor=by, action="trust.create", target=trust, trust=trust)
    with trust_scope(trust):
        policy_adopt_preset(trust=trust, preset=preset, by=by)
    return trust


@transaction.atomic
def policy_adopt_preset(*, trust: Trust, preset: str, by: User | None = None) -> Policy:
    from .policy.presets import PRESETS
    from .policy.presets import preset as preset_settings

    if preset not in PRESETS:
        raise ValidationError({"preset": f"Choose one of the presets: {', '.join(PRESETS)}."})
    return _policy_save(
        trust=trust,
        settings=preset_settings(preset),
        preset=preset,
        note=f"Adopted the preset: {PRESETS[preset][0]}",
        by=by,
    )


@transaction.atomic
def policy_revise(*, trust: Trust, settings: dict, note: str, by: User | None = None) -> Policy:
    """HR changes the policy: a new version; cycles already open keep theirs."""
    from .policy.schema import PolicySettings

    try:
        parsed = PolicySettings.from_json(settings)
    except (TypeError, ValueError) as error:
        raise ValidationError({"settings": f"The settings could not be read: {error}"})
    current = Policy.objects.filter(trust=trust).order_by("-version").first()
    return _policy_save(trust=trust, settings=parsed, preset=current.preset if current else "", note=note, by=by)


def _policy_save(*, trust: Trust, settings, preset: str, note: str, by: User | None) -> Policy:
    settings.validate()
    last = Policy.objects.filter(trust=trust).order_by("-version").values_list("version", flat=True).first() or 0
    policy = Policy(
        trust=trust,
        version=last + 1,
        preset=preset,
        settings=settings.to_json(),
        note=note,
        created_by=by if getattr(by, "is_authenticated", False) else None,
    )
    policy.full_clean()
    policy.save()
    audit.record(actor=by, action="policy.version", target=policy, details={"version": policy.version, "note": note})
    return policy


@transaction.atomic
def school_create(*, trust: Trust, name: str, phase: str, urn: str, by: User | None = None) -> School:
    school = School(trust=trust, name=name, phase=phase, urn=urn)
    school.full_clean()
    school.save()
    audit.record(actor=by, action="school.create", target=school)
    return school


@transaction.atomic
def staff_member_create(
    *, trust: Trust, email: str, first_name: str, last_name: str, by: User | None = None, **post
) -> StaffMember:
    """HR adds a member of staff; their account is created unusable until they are invited."""
    unknown = set(post) - set(STAFF_FIELDS)
    if unknown:
        raise TypeError(f"Unknown staff fields: {', '.join(sorted(unknown))}")
    user = user_for_email(email=email, first_name=first_name, last_name=last_name)
    staff = StaffMember(trust=trust, user=user, **post)
    staff.full_clean()
    staff.save()
    audit.record(actor=by, action="staff.create", target=staff)
    signals.staff_joined.send(sender=StaffMember, staff=staff, by=by)
    return staff


@transaction.atomic
def staff_member_update(*, staff: StaffMember, by: User | None = None, **changes) -> StaffMember:
    unknown = set(changes) - set(STAFF_FIELDS)
    if unknown:
        raise TypeError(f"Unknown staff fields: {', '.join(sorted(unknown))}")
    before = {name: str(getattr(staff, name)) for name in changes}
    post_before = {"staff_group": staff.staff_group, "school_id": staff.school_id, "ends_on": staff.ends_on}
    for name, value in changes.items():
        setattr(staff, name, value)
    staff.full_clean()
    staff.save()
    after = {name: str(getattr(staff, name)) for name in changes}
    changed = {k: [before[k], after[k]] for k in changes if before[k] != after[k]}
    audit.record(actor=by, action="staff.update", target=staff, details={"changed": changed})
    if (staff.staff_group, staff.school_id) != (post_before["staff_group"], post_before["school_id"]):
        signals.staff_post_changed.send(sender=StaffMember, staff=staff, before=post_before, by=by)
    if staff.ends_on and staff.ends_on != post_before["ends_on"]:
        signals.staff_leaving.send(sender=StaffMember, staff=staff, on=staff.ends_on, by=by)
    return staff


@transaction.atomic
def staff_member_leave(*, staff: StaffMember, on: date, by: User | None = None) -> StaffMember:
    """Someone leaves: their post ends; their record stays for the retention period."""
    return staff_member_update(staff=staff, ends_on=on, by=by)


@transaction.atomic
def role_assign(
    *,
    trust: Trust,
    user: User,
    role: str,
    school: School | None = None,
    starts_on: date | None = None,
    ends_on: date | None = None,
    by: User | None = None,
) -> RoleAssignment:
    assignment = RoleAssignment(
        trust=trust,
        user=user,
        role=role,
        school=school,
        starts_on=starts_on or timezone.localdate(),
        ends_on=ends_on,
    )
    assignment.full_clean()
    assignment.save()
    audit.record(actor=by, action="role.assign", target=assignment, details={"user": user.email})
    return assignment


@transaction.atomic
def role_end(*, assignment: RoleAssignment, on: date | None = None, by: User | None = None) -> RoleAssignment:
    """Roles end rather than vanish, so the history of who held them is kept."""
    assignment.ends_on = on or timezone.localdate()
    assignment.full_clean()
    assignment.save()
    audit.record(actor=by, action="role.end", target=assignment)
    return assignment


@transaction.atomic
def participant_create(
    *,
    trust: Trust,
    email: str,
    first_name: str,
    last_name: str,
    kind: str,
    school: School | None = None,
    organisation: str = "",
    starts_on: date | None = None,
    ends_on: date | None = None,
    by: User | None = None,
) -> Participant:
    """A trustee, chair of governors or adviser takes part; their account is made if new."""
    user = user_for_email(email=email, first_name=first_name, last_name=last_name)
    participant = Participant(
        trust=trust,
        user=user,
        kind=kind,
        school=school,
        organisation=organisation,
        starts_on=starts_on or timezone.localdate(),
        ends_on=ends_on,
    )
    participant.full_clean()
    participant.save()
    audit.record(actor=by, action="participant.create", target=participant)
    return participant


@transaction.atomic
def record_save(*, obj, by: User | None, changed: list[str] | None) -> None:
    """An HR admin's edit of a simple record in admin: validated, saved and audited."""
    obj.full_clean()
    obj.save()
    action = f"{obj._meta.model_name}.{'update' if changed is not None else 'create'}"
    audit.record(actor=by, action=action, target=obj, details={"changed": changed or []})


@transaction.atomic
def api_token_issue(*, user: User, trust: Trust) -> str:
    """A person's API token, replacing any earlier one; the key is shown once."""
    from rest_framework.authtoken.models import Token

    Token.objects.filter(user=user).delete()
    token = Token.objects.create(user=user)
    audit.record(actor=user, action="api_token.issue", target=user, trust=trust)
    return token.key


@transaction.atomic
def api_token_revoke(*, user: User, trust: Trust) -> None:
    from rest_framework.authtoken.models import Token

    if Token.objects.filter(user=user).delete()[0]:
        audit.record(actor=user, action="api_token.revoke", target=user, trust=trust)


def notifications_read(*, user: User) -> int:
    from .models import Notification

    return Notification.objects.filter(user=user, read_at=None).update(read_at=timezone.now())


@transaction.atomic
def notification_mode_set(*, trust: Trust, user: User, mode: str) -> None:
    from .models import NotificationPreference

    NotificationPreference.objects.update_or_create(trust=trust, user=user, defaults={"mode": mode})


def trust_choose(*, request: HttpRequest, trust_id: int) -> Trust:
    """A person in several trusts chooses which one they are working in; the session keeps it."""
    trust = next((t for t in request.available_trusts if t.pk == trust_id), None)
    if trust is None:
        raise PermissionDenied
    request.session[SESSION_KEY] = trust.pk
    return trust


def validation_messages(error: ValidationError) -> dict[str, list[str]]:
    return error.message_dict if hasattr(error, "error_dict") else {"__all__": error.messages}
