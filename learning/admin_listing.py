"""Admin listings of learner records export nothing by default, and refuse a
filter value they cannot take.

Wagtail's index views answer `?export=csv` / `?export=xlsx` even when they list no
column to export: a file of blank lines, one per row of the whole table (148,000
rows took 36 s), outside the audit log. Learner data leaves the admin through the
completion report's exports, which are scoped, streamed and audited.
"""

from wagtail.admin.views.generic import IndexView
from wagtail.snippets.views.snippets import IndexView as SnippetIndexView

from learning.fields import IdFilterSet


class ListedExportsOnlyMixin:
    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        if not self.list_export:
            self.is_export = False


class RefuseInvalidFiltersMixin:
    """A filter given a value it cannot take (an id that is no id, a date that is no
    date) answers 400, the listing shown with the filter's error, rather than the
    whole unfiltered list as if all were well."""

    def render_to_response(self, context, **response_kwargs):
        filters = self.filters
        if filters is not None and filters.is_bound and not filters.is_valid():
            response_kwargs["status"] = 400
        return super().render_to_response(context, **response_kwargs)


class ValidatedIndexView(RefuseInvalidFiltersMixin, IndexView):
    """The index view of our model viewsets: filters validated (a viewset's
    `list_filter` on a related model takes ids only)."""

    base_filterset_class = IdFilterSet


class ValidatedSnippetIndexView(RefuseInvalidFiltersMixin, SnippetIndexView):
    base_filterset_class = IdFilterSet


class ListedExportsOnlyIndexView(ListedExportsOnlyMixin, ValidatedIndexView):
    pass
