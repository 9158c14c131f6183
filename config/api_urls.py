"""/api/v1/: every app's endpoints on one router (config may import every app)."""

from rest_framework.routers import DefaultRouter

from appraisals import api as appraisals_api
from trusts import api as trusts_api

router = DefaultRouter()
router.register("schools", trusts_api.SchoolViewSet, basename="school")
router.register("staff", trusts_api.StaffMemberViewSet, basename="staff")
router.register("policy", trusts_api.PolicyViewSet, basename="policy")
router.register("notifications", trusts_api.NotificationViewSet, basename="notification")
router.register("terms", trusts_api.TermViewSet, basename="term")
router.register("closures", trusts_api.ClosureDayViewSet, basename="closure")
router.register("cycles", appraisals_api.CycleViewSet, basename="cycle")
router.register("appraisals", appraisals_api.AppraisalViewSet, basename="appraisal")
router.register("deadlines", appraisals_api.DeadlineViewSet, basename="deadline")
router.register("objections", appraisals_api.ObjectionViewSet, basename="objection")
router.register("covers", appraisals_api.CoverViewSet, basename="cover")

urlpatterns = router.urls
