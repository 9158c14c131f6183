"""Django admin for trust HR admins: only their trust's rows. Platform superusers see all."""

from __future__ import annotations

from functools import update_wrapper

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from import_export.admin import ImportExportMixin

from . import services
from .forms import ParticipantAdminForm, RoleAssignmentAdminForm, StaffMemberAdminForm
from .models import AuditEvent, ClosureDay, Participant, Policy, RoleAssignment, School, StaffMember, Term, Trust, User
from .resources import ClosureDayResource, StaffResource, TermResource


class TrustAdminSite(admin.AdminSite):
    site_header = "Appraisal administration"
    site_title = "Appraisal admin"
    index_title = "Your trust"

    def has_permission(self, request: HttpRequest) -> bool:
        if not request.user.is_active:
            return False
        if request.user.is_superuser:
            return True
        membership = getattr(request, "membership", None)
        return bool(membership and membership.is_hr)

    def admin_view(self, view, cacheable=False):
        """Signed-in people without admin rights get a 404: the admin does not exist for them."""
        inner = super().admin_view(view, cacheable)

        def wrapper(request, *args, **kwargs):
            if request.user.is_authenticated and not self.has_permission(request):
                raise Http404
            return inner(request, *args, **kwargs)

        return update_wrapper(wrapper, inner)

    def each_context(self, request: HttpRequest) -> dict:
        context = super().each_context(request)
        trust = getattr(request, "trust", None)
        if trust is not None and not request.user.is_superuser:
            context["site_header"] = f"{trust.name}: administration"
        return context


admin_site = TrustAdminSite(name="admin")


def _is_hr(request: HttpRequest) -> bool:
    membership = getattr(request, "membership", None)
    return bool(membership and membership.is_hr)


class NotFoundForOthersMixin:
    """Another trust's object is a 404 in admin too, never a redirect or a 403 that confirms it."""

    def _get_obj_does_not_exist_redirect(self, request, opts, object_id):
        raise Http404

    def _require_object(self, request, object_id):
        if self.get_object(request, unquote(object_id)) is None:
            raise Http404

    def change_view(self, request, object_id, form_url="", extra_context=None):
        self._require_object(request, object_id)
        return super().change_view(request, object_id, form_url, extra_context)

    def delete_view(self, request, object_id, extra_context=None):
        self._require_object(request, object_id)
        return super().delete_view(request, object_id, extra_context)

    def history_view(self, request, object_id, extra_context=None):
        self._require_object(request, object_id)
        return super().history_view(request, object_id, extra_context)


class TenantAdmin(NotFoundForOthersMixin, admin.ModelAdmin):
    """HR admins of a trust see and change only its rows; the trust is set, never chosen."""

    def has_module_permission(self, request):
        return request.user.is_superuser or _is_hr(request)

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser or _is_hr(request)

    has_add_permission = has_view_permission
    has_change_permission = has_view_permission

    def has_delete_permission(self, request, obj=None):
        return False  # records end; they are not deleted (history and retention)

    def save_model(self, request, obj, form, change):
        services.record_save(obj=obj, by=request.user, changed=form.changed_data if change else None)

    def get_exclude(self, request, obj=None):
        excluded = list(super().get_exclude(request, obj) or [])
        if not request.user.is_superuser:
            excluded.append("trust")
        return excluded

    def get_list_filter(self, request):
        filters = list(super().get_list_filter(request))
        return (["trust", *filters]) if request.user.is_superuser else filters

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        trust = getattr(request, "trust", None)
        if trust is not None and not request.user.is_superuser:
            # ModelForm validation calls model.clean(), which needs the trust to check references.
            form.base_fields.pop("trust", None)
            original_init = form.__init__

            def __init__(self, *args, **kw):
                original_init(self, *args, **kw)
                self.instance.trust = trust

            form.__init__ = __init__
        return form


@admin.register(School, site=admin_site)
class SchoolAdmin(TenantAdmin):
    list_display = ["name", "phase", "urn"]
    search_fields = ["name", "urn"]

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
        else:
            created = services.school_create(
                trust=obj.trust, name=obj.name, phase=obj.phase, urn=obj.urn, by=request.user
            )
            obj.pk = created.pk


class TrustImportMixin(ImportExportMixin):
    """CSV import and export into the HR admin's own trust."""

    def get_import_resource_kwargs(self, request, **kwargs):
        return {
            **super().get_import_resource_kwargs(request, **kwargs),
            "trust": getattr(request, "trust", None),
            "actor": request.user,
        }

    def get_export_resource_kwargs(self, request, **kwargs):
        return {**super().get_export_resource_kwargs(request, **kwargs), "trust": getattr(request, "trust", None)}


@admin.register(StaffMember, site=admin_site)
class StaffMemberAdmin(TrustImportMixin, TenantAdmin):
    resource_classes = [StaffResource]
    list_display = [
        "full_name",
        "email",
        "job_title",
        "staff_group",
        "workplace",
        "contract_type",
        "starts_on",
        "ends_on",
    ]
    list_filter = ["staff_group", "contract_type", "school", "on_upper_pay_range", "has_qts"]
    search_fields = ["user__first_name", "user__last_name", "user__email", "job_title"]
    list_select_related = ["user", "school", "trust"]
    autocomplete_fields = ["line_manager"]
    form = StaffMemberAdminForm
    exclude = ["user"]  # named by email in the form; the account is made for a new person

    @admin.display(description="email", ordering="user__email")
    def email(self, obj: StaffMember) -> str:
        return obj.user.email

    def save_model(self, request, obj, form, change):
        fields = {name: form.cleaned_data[name] for name in services.STAFF_FIELDS if name in form.cleaned_data}
        names = {"first_name": form.cleaned_data["first_name"], "last_name": form.cleaned_data["last_name"]}
        if change:
            services.staff_member_update(staff=obj, by=request.user, **fields)
            services.user_rename(user=obj.user, **names)
        else:
            created = services.staff_member_create(
                trust=obj.trust, email=form.cleaned_data["email"], by=request.user, **names, **fields
            )
            obj.pk, obj.user = created.pk, created.user


@admin.register(Participant, site=admin_site)
class ParticipantAdmin(TenantAdmin):
    form = ParticipantAdminForm
    list_display = ["user", "kind", "school", "organisation", "starts_on", "ends_on"]
    list_filter = ["kind"]
    search_fields = ["user__email", "user__last_name", "organisation"]
    list_select_related = ["user", "school"]

    def save_model(self, request, obj, form, change):
        if change:
            return super().save_model(request, obj, form, change)
        data = form.cleaned_data
        created = services.participant_create(
            trust=obj.trust,
            email=data["email"],
            first_name=data.get("first_name", ""),
            last_name=data.get("last_name", ""),
            kind=obj.kind,
            school=obj.school,
            organisation=obj.organisation,
            starts_on=obj.starts_on,
            ends_on=obj.ends_on,
            by=request.user,
        )
        obj.pk, obj.user = created.pk, created.user


@admin.register(RoleAssignment, site=admin_site)
class RoleAssignmentAdmin(TenantAdmin):
    form = RoleAssignmentAdminForm
    list_display = ["user", "role", "school", "starts_on", "ends_on"]
    list_filter = ["role", "school"]
    search_fields = ["user__email", "user__last_name"]
    list_select_related = ["user", "school"]

    def save_model(self, request, obj, form, change):
        if change:
            return super().save_model(request, obj, form, change)
        created = services.role_assign(
            trust=obj.trust,
            user=obj.user,
            role=obj.role,
            school=obj.school,
            starts_on=obj.starts_on,
            ends_on=obj.ends_on,
            by=request.user,
        )
        obj.pk = created.pk


@admin.register(AuditEvent, site=admin_site)
class AuditEventAdmin(TenantAdmin):
    list_display = ["at", "actor_label", "action", "target_type", "target_label", "ip", "request_id"]
    list_filter = ["action", "target_type"]
    search_fields = ["actor_label", "target_label", "action", "request_id"]
    date_hierarchy = "at"

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Trust, site=admin_site)
class TrustAdmin(NotFoundForOthersMixin, admin.ModelAdmin):
    list_display = ["name", "slug", "process_name", "reviewer_term"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        if request.user.is_superuser:
            return qs
        trust = getattr(request, "trust", None)
        return qs.filter(pk=trust.pk if trust else None)

    def has_module_permission(self, request):
        return request.user.is_superuser or _is_hr(request)

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser or (_is_hr(request) and (obj is None or obj == request.trust))

    has_change_permission = has_view_permission

    def has_add_permission(self, request):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return False

    def get_readonly_fields(self, request, obj=None):
        return [] if request.user.is_superuser else ["slug"]

    def save_model(self, request, obj, form, change):
        if change:
            services.record_save(obj=obj, by=request.user, changed=form.changed_data)
        else:
            words = {k: v for k, v in form.cleaned_data.items() if k not in ("name", "slug")}
            created = services.trust_create(name=obj.name, slug=obj.slug, by=request.user, **words)
            obj.pk = created.pk


@admin.register(User, site=admin_site)
class UserAdmin(NotFoundForOthersMixin, BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "first_name", "last_name", "is_active", "is_superuser"]
    search_fields = ["email", "first_name", "last_name"]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        ("Personal details", {"fields": ("first_name", "last_name")}),
        ("Platform", {"fields": ("is_active", "is_staff", "is_superuser")}),
        ("Dates", {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),)

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        return qs if request.user.is_superuser else qs.none()

    def user_change_password(self, request, id, form_url=""):
        self._require_object(request, id)
        return super().user_change_password(request, id, form_url)

    def has_module_permission(self, request):
        return request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser

    has_change_permission = has_add_permission = has_delete_permission = has_view_permission


@admin.register(Policy, site=admin_site)
class PolicyAdmin(TenantAdmin):
    """Versions are read-only; "Revise the policy" saves a new version (a cycle keeps its own)."""

    list_display = ["version", "note", "created_at", "created_by", "preset"]
    readonly_fields = ["version", "preset", "note", "created_at", "created_by", "plain_words"]
    fields = readonly_fields
    change_list_template = "admin/trusts/policy/change_list.html"

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description="In plain words")
    def plain_words(self, obj: Policy) -> str:
        from django.utils.html import format_html_join

        from .policy.words import plain_words
        from .selectors import policy_terms

        sections = plain_words(obj.rules, terms=policy_terms(trust=obj.trust))
        return format_html_join("", "<p><strong>{}</strong>: {}</p>", ((s.title, " ".join(s.lines)) for s in sections))

    def get_urls(self):
        from django.urls import path

        return [
            path("revise/", self.admin_site.admin_view(self.revise_view), name="trusts_policy_revise"),
            *super().get_urls(),
        ]

    def revise_view(self, request):
        from django.shortcuts import redirect
        from django.template.response import TemplateResponse

        from .policy.forms import PolicyForm, PresetForm
        from .policy.schema import PolicySettings
        from .selectors import policy_current

        trust = getattr(request, "trust", None)
        if trust is None or not _is_hr(request):
            raise Http404
        current = policy_current(trust=trust)
        settings = current.rules if current else PolicySettings()
        form = PolicyForm(current=settings)
        preset_form = PresetForm()
        if request.method == "POST" and "preset" in request.POST:
            preset_form = PresetForm(request.POST)
            if preset_form.is_valid():
                services.policy_adopt_preset(trust=trust, preset=preset_form.cleaned_data["preset"], by=request.user)
                messages.success(request, "The preset is now the trust's policy, as a new version.")
                return redirect("admin:trusts_policy_changelist")
        elif request.method == "POST":
            form = PolicyForm(request.POST, current=settings)
            if form.is_valid():
                data = form.settings_json()
                if form.is_valid():
                    try:
                        policy = services.policy_revise(
                            trust=trust, settings=data, note=form.cleaned_data["note"], by=request.user
                        )
                    except ValidationError as error:
                        for name, problems in services.validation_messages(error).items():
                            form.add_error(name if name in form.fields else None, problems)
                    else:
                        messages.success(request, f"Saved as policy version {policy.version}.")
                        return redirect("admin:trusts_policy_changelist")
        context = {
            **self.admin_site.each_context(request),
            "title": "Revise the policy",
            "form": form,
            "preset_form": preset_form,
            "current": current,
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/trusts/policy/revise.html", context)


@admin.register(Term, site=admin_site)
class TermAdmin(TrustImportMixin, TenantAdmin):
    """Terms and half terms per school (CAL-1); CSV columns: school_urn (empty for the trust's own),
    academic_year, name, starts_on, ends_on, half_term_starts_on, half_term_ends_on (dd/mm/yyyy)."""

    resource_classes = [TermResource]
    list_display = ["__str__", "school", "starts_on", "half_term_starts_on", "half_term_ends_on", "ends_on"]
    list_filter = ["academic_year", "school", "name"]
    list_select_related = ["school"]


@admin.register(ClosureDay, site=admin_site)
class ClosureDayAdmin(TrustImportMixin, TenantAdmin):
    """INSET and closure days; CSV columns: school_urn, date (dd/mm/yyyy), kind (inset, closure), reason."""

    resource_classes = [ClosureDayResource]
    list_display = ["date", "kind", "school", "reason"]
    list_filter = ["kind", "school"]
    list_select_related = ["school"]
