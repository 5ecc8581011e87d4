from django.urls import path

from . import public_views

app_name = "reports"

urlpatterns = [
    path("unsubscribe/<str:token>/", public_views.unsubscribe, name="unsubscribe"),
]
