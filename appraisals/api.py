"""Cycles, appraisals and deadlines in the API: the same services and selectors as the pages."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from drf_spectacular.utils import extend_schema
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from . import selectors, services
from .models import Appraisal, Cycle, Deadline
from .serializers import AppraisalSerializer, CycleOpenSerializer, CycleSerializer, DeadlineSerializer


class CycleViewSet(viewsets.ReadOnlyModelViewSet):
    """HR's cycles: open one (appraisals are created in the background), follow progress, close."""

    serializer_class = CycleSerializer
    queryset = Cycle.objects_unscoped.none()  # for the schema only

    def get_queryset(self):
        if not self.request.user.has_perm("appraisals.manage_cycles"):
            return Cycle.objects.none()
        return Cycle.objects.select_related("policy")

    @extend_schema(request=CycleOpenSerializer, responses=CycleSerializer)
    def create(self, request):
        if not request.user.has_perm("appraisals.manage_cycles"):
            raise PermissionDenied
        payload = CycleOpenSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        cycle = services.cycle_open(trust=request.trust, by=request.user, **payload.validated_data)
        if cycle.status == Cycle.Status.OPENING:
            from .tasks import cycle_populate_task

            transaction.on_commit(lambda: cycle_populate_task.delay(trust_id=request.trust.pk, cycle_id=cycle.pk))
        return Response(self.get_serializer(cycle).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses=CycleSerializer)
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        cycle = services.cycle_close(cycle=self.get_object(), by=request.user)
        return Response(self.get_serializer(cycle).data)


class AppraisalViewSet(viewsets.ReadOnlyModelViewSet):
    """Appraisals you may see: your own, those you review, your school's (principals), all (HR)."""

    serializer_class = AppraisalSerializer
    queryset = Appraisal.objects_unscoped.none()
    filterset_fields: list[str] = []

    def get_queryset(self):
        m = self.request.membership
        qs = Appraisal.objects.select_related("cycle", "staff__user", "reviewer__user")
        if m.sees_whole_trust:
            return qs
        cond = Q(school_id__in=m.led_school_ids)
        if m.staff:
            cond |= Q(staff=m.staff) | Q(reviewer=m.staff)
        return qs.filter(cond)


class DeadlineViewSet(viewsets.ReadOnlyModelViewSet):
    """Your dates: those you must act on, and those others must meet for you."""

    serializer_class = DeadlineSerializer
    queryset = Deadline.objects_unscoped.none()

    def get_queryset(self):
        staff = self.request.membership.staff
        if staff is None:
            return Deadline.objects.none()
        return Deadline.objects.filter(pk__in=[d.pk for d in selectors.my_timeline(staff=staff)])
