"""Cycles (HR), my year at a glance (everyone), notifications. Thin: parse, call, render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from trusts.services import validation_messages

from . import selectors, services
from .forms import CycleOpenForm
from .models import Appraisal, Cycle


def _membership(request: HttpRequest):
    if request.membership is None:
        raise Http404
    return request.membership


def _hr(request: HttpRequest):
    membership = _membership(request)
    if not request.user.has_perm("appraisals.manage_cycles"):
        raise Http404
    return membership


@login_required
@require_http_methods(["GET", "POST"])
def cycle_list(request: HttpRequest) -> HttpResponse:
    _hr(request)
    form = CycleOpenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            cycle = services.cycle_open(trust=request.trust, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            for name, problems in validation_messages(error).items():
                form.add_error(name if name in form.fields else None, problems)
        else:
            if cycle.status == Cycle.Status.OPENING:
                from .tasks import cycle_populate_task

                transaction.on_commit(lambda: cycle_populate_task.delay(trust_id=request.trust.pk, cycle_id=cycle.pk))
                messages.success(request, f"Opening the {cycle} cycle: appraisals are being created.")
            else:
                messages.info(request, f"The {cycle} cycle is already open.")
            return redirect("cycle_detail", pk=cycle.pk)
    return render(request, "appraisals/cycle_list.html", {"cycles": selectors.cycles_with_counts(), "form": form})


@login_required
def cycle_detail(request: HttpRequest, pk: int) -> HttpResponse:
    _hr(request)
    cycle = selectors.cycles_with_counts().filter(pk=pk).first()
    if cycle is None:
        raise Http404
    done, total = selectors.cycle_progress(cycle)
    context = {
        "cycle": cycle,
        "done": done,
        "total": total,
        "percent": 100 if not total else round(100 * done / total),
        "by_state": selectors.appraisals_by_state(cycle),
        "exclusions": cycle.exclusions.select_related("staff__user", "staff__school", "staff__trust"),
        "states": Appraisal.State.choices,
    }
    template = "appraisals/_cycle_progress.html" if request.htmx else "appraisals/cycle_detail.html"
    return render(request, template, context)


@login_required
@require_POST
def cycle_close(request: HttpRequest, pk: int) -> HttpResponse:
    _hr(request)
    cycle = Cycle.objects.filter(pk=pk).first()
    if cycle is None:
        raise Http404
    services.cycle_close(cycle=cycle, by=request.user)
    messages.success(request, f"The {cycle} cycle is closed and its records are locked.")
    return redirect("cycle_detail", pk=cycle.pk)


@login_required
def my_year(request: HttpRequest) -> HttpResponse:
    """Whose appraisal, which cycle, and every date that matters, in one place."""
    membership = _membership(request)
    appraisals = selectors.appraisals_for_staff(staff=membership.staff) if membership.staff else []
    timeline = selectors.my_timeline(staff=membership.staff) if membership.staff else []
    return render(request, "appraisals/my_year.html", {"appraisals": appraisals, "timeline": timeline})


def home_panel(request: HttpRequest) -> dict | None:
    """On everyone's home page: their current appraisal and the next dates that are theirs."""
    membership = request.membership
    if membership is None or membership.staff is None:
        return None
    return {
        "template": "appraisals/_home_panel.html",
        "appraisal": selectors.current_appraisal(staff=membership.staff),
        "next_dates": selectors.next_dates(staff=membership.staff, limit=3),
    }
