from django.urls import path

from . import views

app_name = "progress"

urlpatterns = [
    path("my-learning/", views.dashboard, name="dashboard"),
    path("courses/<id:course_id>/enrol/", views.enrol_in_course, name="enrol"),
    path(
        "courses/<id:course_id>/withdraw/",
        views.withdraw_from_course,
        name="withdraw",
    ),
    path(
        "courses/<id:course_id>/recertify/",
        views.recertify,
        name="recertify",
    ),
    path("modules/<id:page_id>/done/", views.mark_module_done, name="mark_done"),
]
