from django.urls import path

from . import views

app_name = "assessments"

urlpatterns = [
    path("quizzes/<id:quiz_id>/start/", views.start, name="start"),
    path("attempts/<id:pk>/", views.attempt_page, name="attempt"),
    path("attempts/<id:pk>/save/", views.save, name="save"),
    path("attempts/<id:pk>/submit/", views.submit, name="submit"),
]
