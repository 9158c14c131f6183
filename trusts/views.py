"""Organisation pages: home, trust chooser, schools and staff. Thin: parse, call, render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods

from . import selectors, services
from .forms import StaffFilterForm
from .models import StaffMember


def healthz(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"status": "ok"})


@login_required
def home(request: HttpRequest) -> HttpResponse:
    membership = request.membership
    if membership is None:
        return render(request, "trusts/no_trust.html")
    context = {"counts": None, "schools": None}
    if membership.sees_whole_trust:
        context["counts"] = selectors.staff_counts_by_group()
        context["schools"] = selectors.schools_visible_to(membership=membership)
    elif membership.led_school_ids:
        context["schools"] = selectors.schools_visible_to(membership=membership)
    if membership.led_school_ids:
        from .calendar import SchoolCalendar, academic_year_of

        year = academic_year_of(timezone.localdate())
        context["calendar_year"] = year
        context["calendars_missing"] = [
            s
            for s in selectors.schools_visible_to(membership=membership).filter(pk__in=membership.led_school_ids)
            if SchoolCalendar.for_school(s).uses_default(year)
        ]
    if membership.staff:
        context["reports"] = selectors.current(membership.staff.direct_reports.select_related("user", "school"))
    from .home import panels_for

    context["panels"] = panels_for(request)
    return render(request, "trusts/home.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def trust_choose(request: HttpRequest) -> HttpResponse:
    next_url = request.POST.get("next") or request.GET.get("next") or "/"
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = "/"
    if request.method == "POST":
        try:
            services.trust_choose(request=request, trust_id=int(request.POST.get("trust", 0)))
        except (ValueError, PermissionDenied):
            return render(
                request, "trusts/choose.html", {"next": next_url, "error": "Choose one of your trusts."}, status=400
            )
        return redirect(next_url)
    return render(request, "trusts/choose.html", {"next": next_url})


def _membership_or_404(request: HttpRequest):
    if request.membership is None:
        raise Http404
    return request.membership


@login_required
def school_list(request: HttpRequest) -> HttpResponse:
    membership = _membership_or_404(request)
    schools = selectors.schools_visible_to(membership=membership)
    return render(request, "trusts/school_list.html", {"schools": schools})


@login_required
def school_detail(request: HttpRequest, pk: int) -> HttpResponse:
    membership = _membership_or_404(request)
    school = selectors.schools_visible_to(membership=membership).filter(pk=pk).first()
    if school is None or not request.user.has_perm("trusts.view_school", school):
        raise Http404
    staff = selectors.current(selectors.staff_visible_to(membership=membership).filter(school=school))
    counts = selectors.staff_counts_by_group(school=school)
    principals = selectors.current(school.roles.filter(role="principal").select_related("user"))
    from .calendar import SchoolCalendar, academic_year_of

    this_year = academic_year_of(timezone.localdate())
    return render(
        request,
        "trusts/school_detail.html",
        {
            "school": school,
            "staff": staff,
            "counts": counts,
            "principals": principals,
            "this_year": this_year,
            "calendar_defaulted": SchoolCalendar.for_school(school).uses_default(this_year),
        },
    )


@login_required
def staff_list(request: HttpRequest) -> HttpResponse:
    membership = _membership_or_404(request)
    form = StaffFilterForm(request.GET or None, membership=membership)
    staff = selectors.staff_visible_to(membership=membership)
    if form.is_valid():
        staff = form.filter(staff)
    page = Paginator(staff, 50).get_page(request.GET.get("page"))
    template = "trusts/_staff_rows.html" if request.htmx else "trusts/staff_list.html"
    return render(request, template, {"form": form, "page": page})


@login_required
def staff_detail(request: HttpRequest, pk: int) -> HttpResponse:
    membership = _membership_or_404(request)
    staff = selectors.staff_visible_to(membership=membership).filter(pk=pk).first()
    if staff is None or not request.user.has_perm("trusts.view_staffmember", staff):
        raise Http404
    reports = selectors.current(StaffMember.objects.filter(line_manager=staff).select_related("user"))
    return render(request, "trusts/staff_detail.html", {"staff": staff, "reports": reports})


@login_required
@require_http_methods(["GET", "POST"])
def api_token(request: HttpRequest) -> HttpResponse:
    """Self-service API access: issue (shown once) or revoke your token."""
    from rest_framework.authtoken.models import Token

    membership = _membership_or_404(request)
    new_key = None
    if request.method == "POST":
        if request.POST.get("action") == "revoke":
            services.api_token_revoke(user=request.user, trust=membership.trust)
            messages.success(request, "Your API token has been revoked.")
            return redirect("api_token")
        new_key = services.api_token_issue(user=request.user, trust=membership.trust)
    token = Token.objects.filter(user=request.user).first()
    return render(request, "trusts/api_token.html", {"token": token, "new_key": new_key})


@login_required
def policy_detail(request: HttpRequest) -> HttpResponse:
    """The trust's policy in plain words, for every member of the trust."""
    from .policy.words import plain_words

    membership = _membership_or_404(request)
    policy = selectors.policy_current(trust=membership.trust)
    sections = plain_words(policy.rules, terms=selectors.policy_terms(trust=membership.trust)) if policy else []
    return render(request, "trusts/policy.html", {"policy": policy, "sections": sections})


def _school_for_calendar(request: HttpRequest, pk: int | None):
    """HR edits any school's calendar and the trust's own; a principal edits their school's."""
    membership = _membership_or_404(request)
    if pk is None:
        if not membership.is_hr:
            raise Http404
        return None
    school = selectors.schools_visible_to(membership=membership).filter(pk=pk).first()
    if school is None or not (membership.is_hr or school.pk in membership.led_school_ids):
        raise Http404
    return school


def _form_errors(form, error) -> None:
    for field_name, problems in services.validation_messages(error).items():
        form.add_error(field_name if field_name in form.fields else None, problems)


def _save_terms(request: HttpRequest, school, year: int, term_forms) -> bool:
    """All three terms or none: each term's problem is shown in its own fieldset."""
    from django.core.exceptions import ValidationError
    from django.db import transaction

    from . import calendar_services

    saved = True
    with transaction.atomic():
        for form in term_forms:
            try:
                with transaction.atomic():
                    calendar_services.term_save(
                        trust=request.trust,
                        school=school,
                        academic_year=year,
                        name=form.name,
                        by=request.user,
                        **form.cleaned_data,
                    )
            except ValidationError as error:
                _form_errors(form, error)
                saved = False
        if not saved:
            transaction.set_rollback(True)
    return saved


@login_required
@require_http_methods(["GET", "POST"])
def calendar_edit(request: HttpRequest, year: int, pk: int | None = None) -> HttpResponse:
    from django.core.exceptions import ValidationError

    from . import calendar_services
    from .calendar import SchoolCalendar
    from .calendar_forms import ClosureForm, TermForm
    from .models import ClosureDay

    school = _school_for_calendar(request, pk)
    if not 2000 <= year <= 2100:
        raise Http404
    calendar = SchoolCalendar.for_school(school, trust_id=request.trust.pk)
    current = {t.name: t for t in calendar.terms(year)}
    defaulted = calendar.uses_default(year)
    data = request.POST if request.method == "POST" and "save_terms" in request.POST else None
    term_forms = [
        TermForm(data, name=name, initial={k: getattr(current[name], k) for k in TermForm.base_fields})
        for name in ("autumn", "spring", "summer")
    ]
    closure_form = ClosureForm(request.POST if request.method == "POST" and "add_closure" in request.POST else None)
    if request.method == "POST":
        try:
            valid_terms = "save_terms" in request.POST and all(f.is_valid() for f in term_forms)
            if valid_terms and _save_terms(request, school, year, term_forms):
                messages.success(request, "The terms are saved.")
                return redirect(request.path)
            if "add_closure" in request.POST and closure_form.is_valid():
                data = closure_form.cleaned_data
                calendar_services.closure_add(
                    trust=request.trust,
                    school=school,
                    on=data["date"],
                    kind=data["kind"],
                    reason=data["reason"],
                    by=request.user,
                )
                messages.success(request, f"{data['date']:%d/%m/%Y} is recorded as a closure day.")
                return redirect(request.path)
            if "remove_closure" in request.POST:
                day = ClosureDay.objects.filter(school=school, pk=request.POST.get("remove_closure")).first()
                if day is None:
                    raise Http404
                calendar_services.closure_remove(day=day, by=request.user)
                return redirect(request.path)
        except ValidationError as error:
            _form_errors(closure_form, error)
    closures = ClosureDay.objects.filter(
        school=school, date__gte=current["autumn"].starts_on, date__lte=current["summer"].ends_on
    )
    return render(
        request,
        "trusts/calendar.html",
        {
            "school": school,
            "year": year,
            "term_forms": term_forms,
            "closure_form": closure_form,
            "closures": closures,
            "defaulted": defaulted,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def notifications(request: HttpRequest) -> HttpResponse:
    from .models import Notification, NotificationPreference

    membership = _membership_or_404(request)
    if request.method == "POST":
        if request.POST.get("action") == "read_all":
            services.notifications_read(user=request.user)
        elif request.POST.get("mode") in NotificationPreference.Mode.values:
            services.notification_mode_set(trust=membership.trust, user=request.user, mode=request.POST["mode"])
            messages.success(request, "Your email choice is saved.")
        return redirect("notifications")
    notes = list(Notification.objects.filter(user=request.user)[:100])
    mode = NotificationPreference.objects.filter(user=request.user).values_list("mode", flat=True).first()
    return render(
        request,
        "trusts/notifications.html",
        {
            "notes": notes,
            "modes": NotificationPreference.Mode.choices,
            "mode": mode or NotificationPreference.Mode.IMMEDIATE,
        },
    )
