"""Schools and staff in the API: the same selectors and services as the pages."""

from __future__ import annotations

import django_filters
from django.core.exceptions import PermissionDenied
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.response import Response

from . import selectors, services
from .models import ClosureDay, Notification, Policy, School, StaffMember, Term
from .serializers import (
    ClosureDaySerializer,
    NotificationSerializer,
    PolicyReviseSerializer,
    PolicySerializer,
    SchoolSerializer,
    StaffMemberSerializer,
    TermSerializer,
)


class SchoolViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = SchoolSerializer
    queryset = School.objects_unscoped.none()  # for the schema only; requests use get_queryset

    def get_queryset(self):
        return selectors.schools_visible_to(membership=self.request.membership)


class StaffFilter(django_filters.FilterSet):
    # Declared, not generated from Meta.fields: generation queries the scoped manager at import.
    q = django_filters.CharFilter(method="search", label="Name, email or job title")
    school = django_filters.ModelChoiceFilter(queryset=lambda request: School.objects.all())
    staff_group = django_filters.ChoiceFilter(choices=StaffMember.Group.choices)
    contract_type = django_filters.ChoiceFilter(choices=StaffMember.Contract.choices)

    class Meta:
        model = StaffMember
        fields: list[str] = []

    def search(self, queryset, name, value):
        from django.db.models import Q

        return queryset.filter(
            Q(user__first_name__icontains=value)
            | Q(user__last_name__icontains=value)
            | Q(user__email__icontains=value)
            | Q(job_title__icontains=value)
        )


class StaffMemberViewSet(mixins.CreateModelMixin, mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Everyone sees whom they may (themselves, their reports, their school); HR adds and edits."""

    serializer_class = StaffMemberSerializer
    filterset_class = StaffFilter
    queryset = StaffMember.objects_unscoped.none()  # for the schema only; requests use get_queryset

    def get_queryset(self):
        return selectors.staff_visible_to(membership=self.request.membership)

    def _require_hr(self) -> None:
        if not self.request.user.has_perm("trusts.manage_people"):
            raise PermissionDenied

    def create(self, request, *args, **kwargs):
        self._require_hr()
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        user = data.pop("user")
        staff = services.staff_member_create(trust=request.trust, by=request.user, **user, **data)
        return Response(self.get_serializer(staff).data, status=status.HTTP_201_CREATED)

    def update(self, request, *args, **kwargs):
        staff = self.get_object()  # another trust's record is a 404 before any permission answer
        self._require_hr()
        serializer = self.get_serializer(staff, data=request.data, partial=kwargs.get("partial", False))
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        names = data.pop("user", {})
        staff = services.staff_member_update(staff=staff, by=request.user, **data)
        if names.get("first_name") or names.get("last_name"):
            services.user_rename(
                user=staff.user,
                first_name=names.get("first_name", staff.user.first_name),
                last_name=names.get("last_name", staff.user.last_name),
            )
        return Response(self.get_serializer(staff).data)


class PolicyViewSet(viewsets.ReadOnlyModelViewSet):
    """The trust's policy versions; `current` is the one in force; HR revises it."""

    serializer_class = PolicySerializer
    queryset = Policy.objects_unscoped.none()  # for the schema only

    def get_queryset(self):
        return Policy.objects.select_related("trust")

    @action(detail=False)
    def current(self, request):
        policy = selectors.policy_current(trust=request.trust)
        if policy is None:
            raise NotFound("No policy has been set yet.")
        return Response(self.get_serializer(policy).data)

    @extend_schema(request=PolicyReviseSerializer, responses=PolicySerializer)
    @action(detail=False, methods=["post"])
    def revise(self, request):
        if not request.user.has_perm("trusts.manage_people"):
            raise PermissionDenied
        payload = PolicyReviseSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        policy = services.policy_revise(trust=request.trust, by=request.user, **payload.validated_data)
        return Response(self.get_serializer(policy).data, status=status.HTTP_201_CREATED)


class NotificationViewSet(viewsets.ReadOnlyModelViewSet):
    """Your notification centre; `read_all` marks everything read."""

    serializer_class = NotificationSerializer
    queryset = Notification.objects_unscoped.none()

    def get_queryset(self):
        return Notification.objects.filter(user=self.request.user)

    @extend_schema(request=None, responses={200: None})
    @action(detail=False, methods=["post"])
    def read_all(self, request):
        return Response({"marked_read": services.notifications_read(user=request.user)})


class _CalendarWrites:
    """Everyone in the trust reads calendars; HR writes any, a principal their own school's."""

    def _check_may_edit(self, school) -> None:
        m = self.request.membership
        if not (m.is_hr or (school is not None and school.pk in m.led_school_ids)):
            raise PermissionDenied


class TermViewSet(_CalendarWrites, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """School terms and half terms (CAL-1). POST saves a term (one per school, year and name)."""

    serializer_class = TermSerializer
    queryset = Term.objects_unscoped.none()
    filterset_fields: list[str] = []

    def get_queryset(self):
        return Term.objects.select_related("school").order_by("academic_year", "starts_on")

    def create(self, request, *args, **kwargs):
        from .calendar_services import term_save

        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        self._check_may_edit(data.get("school"))
        term = term_save(trust=request.trust, by=request.user, school=data.pop("school", None), **data)
        return Response(self.get_serializer(term).data, status=status.HTTP_201_CREATED)


class ClosureDayViewSet(
    _CalendarWrites, mixins.CreateModelMixin, mixins.DestroyModelMixin, viewsets.ReadOnlyModelViewSet
):
    """INSET and closure days (CAL-1)."""

    serializer_class = ClosureDaySerializer
    queryset = ClosureDay.objects_unscoped.none()

    def get_queryset(self):
        return ClosureDay.objects.select_related("school")

    def create(self, request, *args, **kwargs):
        from .calendar_services import closure_add

        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        self._check_may_edit(data.get("school"))
        day = closure_add(
            trust=request.trust,
            school=data.get("school"),
            on=data["date"],
            kind=data["kind"],
            reason=data.get("reason", ""),
            by=request.user,
        )
        return Response(self.get_serializer(day).data, status=status.HTTP_201_CREATED)

    def destroy(self, request, *args, **kwargs):
        from .calendar_services import closure_remove

        day = self.get_object()
        self._check_may_edit(day.school)
        closure_remove(day=day, by=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)
