from asgiref.sync import sync_to_async
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import PermissionDenied

from . import throttle

LOGIN = "login"


class ThrottledModelBackend(ModelBackend):
    """Django's backend, with failed logins counted per account and address. Once an
    account has used up its attempts from an address, logins from there are refused
    without the password being checked until the cool-off ends; from any other
    address the account works as usual. It guards every login form (the site's and
    Wagtail's admin)."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None:
            username = kwargs.get(get_user_model().USERNAME_FIELD)
        if request is None or not username:
            return super().authenticate(request, username, password, **kwargs)
        if throttle.used_up(request, LOGIN, username):
            raise PermissionDenied  # authenticate() stops here: no backend runs
        user = super().authenticate(request, username, password, **kwargs)
        if user is None:
            throttle.count(request, LOGIN, username)
        else:
            throttle.forget(request, LOGIN, username)
        return user

    async def aauthenticate(self, request, username=None, password=None, **kwargs):
        return await sync_to_async(self.authenticate)(
            request, username, password, **kwargs
        )
