from django.urls import path

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("trusts/choose/", views.trust_choose, name="trust_choose"),
    path("schools/", views.school_list, name="school_list"),
    path("schools/<int:pk>/", views.school_detail, name="school_detail"),
    path("staff/", views.staff_list, name="staff_list"),
    path("staff/<int:pk>/", views.staff_detail, name="staff_detail"),
    path("policy/", views.policy_detail, name="policy_detail"),
    path("notifications/", views.notifications, name="notifications"),
    path("calendar/<int:year>/", views.calendar_edit, name="trust_calendar"),
    path("schools/<int:pk>/calendar/<int:year>/", views.calendar_edit, name="school_calendar"),
    path("settings/api-token/", views.api_token, name="api_token"),
]
