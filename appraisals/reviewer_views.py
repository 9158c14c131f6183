"""Reviewer pages: the assignment grid, objections, absence cover and panels. Thin: parse, call, render."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from trusts.models import StaffMember, User
from trusts.selectors import current
from trusts.services import validation_messages

from . import reviewers, selectors
from .models import Appraisal, PanelMember, ReviewerCover, ReviewerObjection

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _appraisals(request: HttpRequest):
    appraisals = selectors.managed_appraisals(membership=request.membership)
    if appraisals is None:
        raise Http404
    return appraisals


def _candidates(request: HttpRequest):
    qs = current(StaffMember.objects.select_related("user", "school"))
    m = request.membership
    if m.is_hr:
        return qs
    return qs.filter(Q(school_id__in=m.led_school_ids) | Q(school__isnull=True))


@login_required
@require_http_methods(["GET", "POST"])
def reviewer_grid(request: HttpRequest) -> HttpResponse:
    appraisals = _appraisals(request).select_related("staff__user", "staff__school", "reviewer__user", "cycle")
    school = request.GET.get("school")
    if school and school.isdigit():
        appraisals = appraisals.filter(school_id=int(school))
    errors: dict[int, list[str]] = {}
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "line_managers":
            count = reviewers.reviewers_from_line_managers(appraisals=appraisals, by=request.user)
            word = request.trust.reviewer_term
            messages.success(request, f"{count} {word}{'s' if count != 1 else ''} set from line managers.")
            return redirect(request.get_full_path())
        if action == "notify":
            count = reviewers.reviewers_notify(appraisals=appraisals, by=request.user)
            messages.success(
                request,
                f"{count} colleague{'s' if count != 1 else ''} told who their {request.trust.reviewer_term} is.",
            )
            return redirect(request.get_full_path())
        appraisal = appraisals.filter(pk=request.POST.get("appraisal") or 0).first()
        reviewer = _candidates(request).filter(pk=request.POST.get("reviewer") or 0).first()
        if appraisal is None:
            raise Http404
        if reviewer is None:
            errors[appraisal.pk] = [f"Choose a {request.trust.reviewer_term} from the list."]
        else:
            try:
                reviewers.reviewer_assign(appraisal=appraisal, reviewer=reviewer, by=request.user)
            except ValidationError as error:
                errors[appraisal.pk] = [m for ms in validation_messages(error).values() for m in ms]
            else:
                messages.success(request, f"{reviewer} now reviews {appraisal.staff}.")
                return redirect(request.get_full_path())
    rows = [(a, errors.get(a.pk, [])) for a in appraisals.order_by("school__name", "staff__user__last_name")]
    return render(
        request,
        "appraisals/reviewers.html",
        {
            "rows": rows,
            "candidates": list(_candidates(request)),
            "has_errors": bool(errors),
            "pending": ReviewerObjection.objects.filter(
                status=ReviewerObjection.Status.PENDING, appraisal__in=_appraisals(request)
            ).count(),
        },
        status=400 if errors else 200,
    )


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[("refuse", "Refuse, and explain why"), ("uphold", "Appoint someone else")],
        widget=forms.RadioSelect,
    )
    new_reviewer = forms.ModelChoiceField(queryset=StaffMember.objects_unscoped.none(), required=False)
    decision_reasons = forms.CharField(
        label="Your reasons, in writing",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Give your reasons in writing; the colleague receives them."},
    )


@login_required
@require_http_methods(["GET", "POST"])
def objection_queue(request: HttpRequest) -> HttpResponse:
    pending = ReviewerObjection.objects.filter(appraisal__in=_appraisals(request)).select_related(
        "appraisal__staff__user", "appraisal__reviewer__user", "decided_by__user"
    )
    forms_by_id = {}
    for objection in pending.filter(status=ReviewerObjection.Status.PENDING):
        data = request.POST if request.method == "POST" and request.POST.get("objection") == str(objection.pk) else None
        form = DecisionForm(data, prefix=f"o{objection.pk}")
        form.fields["new_reviewer"].queryset = _candidates(request).exclude(pk=objection.appraisal.staff_id)
        forms_by_id[objection.pk] = form
        if data is not None and form.is_valid():
            me = request.membership.staff
            if me is None:
                raise Http404
            try:
                reviewers.objection_decide(
                    objection=objection,
                    upheld=form.cleaned_data["decision"] == "uphold",
                    reasons=form.cleaned_data["decision_reasons"],
                    new_reviewer=form.cleaned_data["new_reviewer"],
                    by=me,
                )
            except ValidationError as error:
                for name, problems in validation_messages(error).items():
                    form.add_error(name if name in form.fields else None, problems)
            else:
                messages.success(request, f"Your decision has been sent to {objection.appraisal.staff}.")
                return redirect("objection_queue")
    return render(request, "appraisals/objections.html", {"objections": pending, "forms": forms_by_id})


@login_required
@require_POST
def objection_raise(request: HttpRequest, pk: int) -> HttpResponse:
    me = request.membership.staff if request.membership else None
    appraisal = Appraisal.objects.filter(pk=pk, staff=me).first() if me else None
    if appraisal is None:
        raise Http404
    try:
        reviewers.objection_raise(appraisal=appraisal, reason=request.POST.get("reason", ""), by=me)
    except ValidationError as error:
        messages.error(request, " ".join(m for ms in validation_messages(error).values() for m in ms))
    else:
        messages.success(request, "Your request has been sent. You will be told the decision and the reasons.")
    return redirect("my_year")


class CoverForm(forms.Form):
    absent = forms.ModelChoiceField(label="Absent", queryset=StaffMember.objects_unscoped.none())
    delegate = forms.ModelChoiceField(label="Covered by", queryset=StaffMember.objects_unscoped.none())
    starts_on = forms.DateField(label="From", widget=DATE)
    ends_on = forms.DateField(label="Until", widget=DATE)
    reason = forms.CharField(max_length=200, required=False)


@login_required
@require_http_methods(["GET", "POST"])
def cover_list(request: HttpRequest) -> HttpResponse:
    _appraisals(request)
    form = CoverForm(request.POST or None)
    form.fields["absent"].queryset = form.fields["delegate"].queryset = _candidates(request)
    if request.method == "POST" and form.is_valid():
        try:
            reviewers.cover_set(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            for name, problems in validation_messages(error).items():
                form.add_error(name if name in form.fields else None, problems)
        else:
            messages.success(request, "The cover is set; it hands back automatically when it ends.")
            return redirect("cover_list")
    covers = ReviewerCover.objects.filter(absent__in=_candidates(request)).select_related(
        "absent__user", "delegate__user"
    )
    return render(request, "appraisals/cover.html", {"form": form, "covers": covers})


class PanelForm(forms.Form):
    def __init__(self, *args, rows: int = 4, initial_members=(), **kwargs):
        super().__init__(*args, **kwargs)
        initial_members = list(initial_members)
        for i in range(rows):
            member = initial_members[i] if i < len(initial_members) else None
            self.fields[f"email_{i}"] = forms.EmailField(
                label=f"Member {i + 1}: email", required=False, initial=member.user.email if member else ""
            )
            self.fields[f"capacity_{i}"] = forms.ChoiceField(
                label=f"Member {i + 1}: sits as",
                required=False,
                choices=[("", "—"), *PanelMember.Capacity.choices],
                initial=member.capacity if member else "",
            )

    def members(self) -> list[tuple[User, str]]:
        out = []
        for i in range(len(self.fields) // 2):
            email, capacity = self.cleaned_data.get(f"email_{i}"), self.cleaned_data.get(f"capacity_{i}")
            if not email:
                continue
            user = User.objects.filter(email__iexact=email).first()
            if user is None:
                self.add_error(f"email_{i}", "Nobody has an account with this email.")
            elif not capacity:
                self.add_error(f"capacity_{i}", "Say in what capacity they sit.")
            else:
                out.append((user, capacity))
        return out


@login_required
@require_http_methods(["GET", "POST"])
def panel_edit(request: HttpRequest, pk: int) -> HttpResponse:
    m = request.membership
    if m is None or not (m.is_hr or m.is_executive):
        raise Http404
    appraisal = Appraisal.objects.filter(pk=pk).select_related("staff__user", "cycle__policy").first()
    if appraisal is None:
        raise Http404
    current_members = list(appraisal.panel.select_related("user"))
    form = PanelForm(request.POST or None, initial_members=current_members)
    if request.method == "POST" and form.is_valid():
        members = form.members()
        if form.is_valid():
            try:
                reviewers.panel_set(appraisal=appraisal, members=members, by=request.user)
            except ValidationError as error:
                for problems in validation_messages(error).values():
                    form.add_error(None, problems)
            else:
                messages.success(request, f"The panel for {appraisal.staff} is saved.")
                return redirect("panel_edit", pk=appraisal.pk)
    return render(
        request,
        "appraisals/panel.html",
        {
            "appraisal": appraisal,
            "form": form,
            "members": current_members,
            "kind": reviewers.panel_rules_for(appraisal),
        },
    )
