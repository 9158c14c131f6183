from rest_framework.routers import DefaultRouter

from . import api

router = DefaultRouter()
router.register("schools", api.SchoolViewSet, basename="school")
router.register("staff", api.StaffMemberViewSet, basename="staff")
router.register("policy", api.PolicyViewSet, basename="policy")

urlpatterns = router.urls
