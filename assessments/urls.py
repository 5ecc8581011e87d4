from django.urls import path

from . import views

app_name = "assessments"

urlpatterns = [
    path("quizzes/<int:quiz_id>/start/", views.start, name="start"),
    path("attempts/<int:pk>/", views.attempt_page, name="attempt"),
    path("attempts/<int:pk>/save/", views.save, name="save"),
    path("attempts/<int:pk>/submit/", views.submit, name="submit"),
]
