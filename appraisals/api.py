"""Cycles, appraisals and deadlines in the API: the same services and selectors as the pages."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from drf_spectacular.utils import extend_schema
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.response import Response

from trusts.models import StaffMember, User

from . import reviewers, selectors, services
from .models import Appraisal, Cycle, Deadline, ReviewerCover, ReviewerObjection
from .serializers import (
    AppraisalSerializer,
    CoverSerializer,
    CycleOpenSerializer,
    CycleSerializer,
    DeadlineSerializer,
    ObjectionDecideSerializer,
    ObjectionRaiseSerializer,
    ObjectionSerializer,
    PanelSerializer,
    ReviewerChangeSerializer,
)


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

    def _managed(self, pk):
        managed = selectors.managed_appraisals(membership=self.request.membership)
        appraisal = managed.filter(pk=pk).select_related("cycle__policy").first() if managed is not None else None
        if appraisal is None:
            raise NotFound
        return appraisal

    @extend_schema(request=ReviewerChangeSerializer, responses=AppraisalSerializer)
    @action(detail=True, methods=["post"])
    def reviewer(self, request, pk=None):
        """Principals (their school), the CEO/COO (central team) and HR set a reviewer."""
        appraisal = self._managed(pk)
        payload = ReviewerChangeSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        person = StaffMember.objects.filter(pk=payload.validated_data["reviewer"]).first()
        if person is None:
            raise ValidationError({"reviewer": "No such member of staff in this trust."})
        reviewers.reviewer_assign(appraisal=appraisal, reviewer=person, by=request.user)
        return Response(self.get_serializer(appraisal).data)

    @extend_schema(request=ObjectionRaiseSerializer, responses=ObjectionSerializer)
    @action(detail=True, methods=["post"])
    def objection(self, request, pk=None):
        """The reviewee asks in writing for a different reviewer (CL-R4, WH-R2)."""
        appraisal = self.get_object()
        payload = ObjectionRaiseSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        me = request.membership.staff
        if me is None or appraisal.staff_id != me.pk:
            raise PermissionDenied
        objection = reviewers.objection_raise(appraisal=appraisal, reason=payload.validated_data["reason"], by=me)
        return Response(ObjectionSerializer(objection).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=PanelSerializer, responses={200: None})
    @action(detail=True, methods=["put"])
    def panel(self, request, pk=None):
        """HR and executives set the panel for a chief executive or a head (NET-R1, CL-R1, WH-R3)."""
        appraisal = self.get_object()  # another trust's appraisal is a 404 before any permission answer
        if not (request.membership.is_hr or request.membership.is_executive):
            raise PermissionDenied
        payload = PanelSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        members = []
        for i, member in enumerate(payload.validated_data["members"]):
            user = User.objects.filter(email__iexact=member["email"]).first()
            if user is None:
                raise ValidationError({"members": {i: {"email": "Nobody has an account with this email."}}})
            members.append((user, member["capacity"]))
        reviewers.panel_set(appraisal=appraisal, members=members, by=request.user)
        return Response({"members": [{"email": u.email, "capacity": c} for u, c in members]})


class ObjectionViewSet(viewsets.ReadOnlyModelViewSet):
    """Requests for a different reviewer, for those who decide them."""

    serializer_class = ObjectionSerializer
    queryset = ReviewerObjection.objects_unscoped.none()

    def get_queryset(self):
        managed = selectors.managed_appraisals(membership=self.request.membership)
        if managed is None:
            return ReviewerObjection.objects.none()
        return ReviewerObjection.objects.filter(appraisal__in=managed)

    @extend_schema(request=ObjectionDecideSerializer, responses=ObjectionSerializer)
    @action(detail=True, methods=["post"])
    def decide(self, request, pk=None):
        objection = self.get_object()
        payload = ObjectionDecideSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        new = StaffMember.objects.filter(pk=data.get("new_reviewer") or 0).first()
        if request.membership.staff is None:
            raise PermissionDenied
        objection = reviewers.objection_decide(
            objection=objection,
            upheld=data["upheld"],
            reasons=data["reasons"],
            new_reviewer=new,
            by=request.membership.staff,
        )
        return Response(self.get_serializer(objection).data)


class CoverViewSet(viewsets.ModelViewSet):
    """Absence cover (CL-R5): list and arrange; it hands back by itself when it ends."""

    serializer_class = CoverSerializer
    queryset = ReviewerCover.objects_unscoped.none()
    http_method_names = ["get", "post", "head", "options"]

    def get_queryset(self):
        if not self.request.membership.manages_reviewers:
            return ReviewerCover.objects.none()
        return ReviewerCover.objects.select_related("absent", "delegate")

    def create(self, request, *args, **kwargs):
        if not request.membership.manages_reviewers:
            raise PermissionDenied
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        cover = reviewers.cover_set(by=request.user, **serializer.validated_data)
        return Response(self.get_serializer(cover).data, status=status.HTTP_201_CREATED)


class DeadlineViewSet(viewsets.ReadOnlyModelViewSet):
    """Your dates: those you must act on, and those others must meet for you."""

    serializer_class = DeadlineSerializer
    queryset = Deadline.objects_unscoped.none()

    def get_queryset(self):
        staff = self.request.membership.staff
        if staff is None:
            return Deadline.objects.none()
        return Deadline.objects.filter(pk__in=[d.pk for d in selectors.my_timeline(staff=staff)])
