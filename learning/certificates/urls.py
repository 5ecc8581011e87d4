from django.urls import path

from . import views

app_name = "certificates"

urlpatterns = [
    path("confirm-name/", views.confirm_name, name="confirm_name"),
    path("transcript/", views.transcript, name="transcript"),
    path("verify/", views.verify_lookup, name="verify_lookup"),
    path("verify/<str:code>/", views.verify, name="verify"),
    path("<str:code>/download/", views.download, name="download"),
]
