from django.urls import path

from . import views

urlpatterns = [
    path("cycles/", views.cycle_list, name="cycle_list"),
    path("cycles/<int:pk>/", views.cycle_detail, name="cycle_detail"),
    path("cycles/<int:pk>/close/", views.cycle_close, name="cycle_close"),
    path("my-year/", views.my_year, name="my_year"),
]
