from django.urls import path

from . import reviewer_views, views

urlpatterns = [
    path("cycles/", views.cycle_list, name="cycle_list"),
    path("cycles/<int:pk>/", views.cycle_detail, name="cycle_detail"),
    path("cycles/<int:pk>/close/", views.cycle_close, name="cycle_close"),
    path("my-year/", views.my_year, name="my_year"),
    path("my-year/<int:pk>/objection/", reviewer_views.objection_raise, name="objection_raise"),
    path("reviewers/", reviewer_views.reviewer_grid, name="reviewer_grid"),
    path("reviewers/objections/", reviewer_views.objection_queue, name="objection_queue"),
    path("reviewers/cover/", reviewer_views.cover_list, name="cover_list"),
    path("reviewers/panel/<int:pk>/", reviewer_views.panel_edit, name="panel_edit"),
]
