from django.urls import path

from . import views

app_name = "certificates"

urlpatterns = [
    path("confirm-name/", views.confirm_name, name="confirm_name"),
]
