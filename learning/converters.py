"""Path converters shared by the site's URLs."""

from django.urls.converters import IntConverter


class IdConverter(IntConverter):
    """A database id: at most 18 digits, so it always fits a 64-bit integer. A
    longer number names nothing of ours, and comparing it with a page's id would
    make SQLite raise (a 500); here it simply matches no URL, a 404."""

    regex = "[0-9]{1,18}"
