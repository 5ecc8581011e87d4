import math

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import models
from django.db.models import Count, IntegerField, OuterRef, Prefetch, Subquery
from django.db.models.functions import Coalesce
from django.template.defaultfilters import floatformat
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import Tag, TaggedItemBase
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.images import get_image_model
from wagtail.models import Page
from wagtail.search import index
from wagtail.search.utils import parse_query_string

from learning.languages import InterfaceLanguageURLMixin

from .blocks import INLINE_FEATURES, LessonStreamBlock

CARD_IMAGE_SPEC = "fill-640x360"


class CourseIndexPage(InterfaceLanguageURLMixin, Page):
    """The catalogue: every live course below it, filterable by topic and searchable."""

    intro = RichTextField(_("introduction"), blank=True, features=INLINE_FEATURES)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["courses.CoursePage", "courses.InfoPage"]
    max_count = 1
    courses_per_page = 36

    class Meta:
        verbose_name = _("course catalogue")

    def courses(self):
        """Live courses with what a course card shows, in a fixed number of queries."""
        step_count = (
            Page.objects.live()
            .filter(path__startswith=OuterRef("path"), depth=OuterRef("depth") + 1)
            .order_by()
            .values("depth")
            .annotate(n=Count("pk"))
            .values("n")
        )
        return (
            CoursePage.objects.child_of(self)
            .live()
            .public()
            .select_related("image")
            .prefetch_related(
                "tags",
                Prefetch(
                    "image",
                    queryset=get_image_model().objects.prefetch_renditions(
                        CARD_IMAGE_SPEC
                    ),
                ),
            )
            .annotate(
                step_count=Coalesce(
                    Subquery(step_count, output_field=IntegerField()), 0
                )
            )
            .order_by("path")
        )

    def topics(self):
        """Topics used by at least one live course of this catalogue."""
        return (
            Tag.objects.filter(
                courses_coursepagetag_items__content_object__in=CoursePage.objects.child_of(
                    self
                ).live()
            )
            .distinct()
            .order_by("name")
        )

    def filtered_courses(self, topic=None, query=None):
        courses = self.courses()
        if topic:
            courses = courses.filter(tags__slug=topic)
        if query:
            # Search ranks by relevance; the card annotations come from `courses`.
            # Wagtail parses what a visitor typed ("quoted phrases", plain words),
            # so no stray quote reaches the database's full-text syntax.
            _, terms = parse_query_string(query)
            matching_ids = [
                page.pk
                for page in CoursePage.objects.live().child_of(self).search(terms)
            ]
            order = {pk: position for position, pk in enumerate(matching_ids)}
            return sorted(
                courses.filter(pk__in=matching_ids), key=lambda c: order[c.pk]
            )
        return courses

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        topic = request.GET.get("topic", "").strip()
        query = request.GET.get("q", "").strip()[:200]
        paginator = Paginator(
            self.filtered_courses(topic=topic, query=query), self.courses_per_page
        )
        try:
            page = paginator.page(request.GET.get("page", 1))
        except PageNotAnInteger:
            page = paginator.page(1)
        except EmptyPage:
            page = paginator.page(paginator.num_pages)
        topics = list(self.topics())
        context.update(
            courses=page,
            topics=topics,
            active_topic=next((t for t in topics if t.slug == topic), None),
            query=query,
        )
        return context


class CoursePageTag(TaggedItemBase):
    content_object = ParentalKey(
        "courses.CoursePage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class CoursePage(InterfaceLanguageURLMixin, Page):
    summary = models.TextField(
        _("summary"),
        max_length=300,
        help_text=_("One or two sentences shown on the course card."),
    )
    intro = RichTextField(_("introduction"), blank=True, features=INLINE_FEATURES)
    learning_outcomes = StreamField(
        [("outcome", blocks.CharBlock(label=_("Outcome"), max_length=250))],
        verbose_name=_("learning outcomes"),
        blank=True,
        help_text=_("What a learner can do after the course, one per line."),
    )
    audience = models.TextField(_("audience"), blank=True)
    estimated_hours = models.DecimalField(
        _("estimated hours"), max_digits=4, decimal_places=1, default=1
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    tags = ClusterTaggableManager(
        verbose_name=_("topics"), through=CoursePageTag, blank=True
    )
    steps_in_order = models.BooleanField(
        _("steps must be taken in order"),
        default=False,
        help_text=_("Later steps stay locked until the earlier ones are complete."),
    )
    open_access = models.BooleanField(
        _("open to every signed-in user"),
        default=False,
        help_text=_(
            "Anyone signed in may read the modules without enrolling. Otherwise "
            "only the overview is open until the learner enrols."
        ),
    )
    certificate_validity_months = models.PositiveSmallIntegerField(
        _("certificates valid for (months)"),
        null=True,
        blank=True,
        help_text=_(
            "Leave empty for certificates that do not expire. Learners re-certify "
            "by taking the course again."
        ),
    )
    modules_complete_at_end = models.BooleanField(
        _("modules complete when read to the end"),
        default=False,
        help_text=_(
            "A module counts as done once the learner reaches its end, without "
            "pressing “Mark as done”."
        ),
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("intro"),
        FieldPanel("image"),
        MultiFieldPanel(
            [
                FieldPanel("learning_outcomes"),
                FieldPanel("audience"),
                FieldPanel("estimated_hours"),
                FieldPanel("tags"),
            ],
            heading=_("About the course"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("steps_in_order"),
                FieldPanel("open_access"),
                FieldPanel("modules_complete_at_end"),
                FieldPanel("certificate_validity_months"),
            ],
            heading=_("How learners take the course"),
        ),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("intro"),
        index.SearchField("audience"),
        index.RelatedFields("tags", [index.SearchField("name")]),
    ]
    parent_page_types = ["courses.CourseIndexPage"]
    # Steps (modules here, quizzes in assessments) name CoursePage as their parent.

    class Meta:
        verbose_name = _("course")

    @property
    def duration_label(self):
        hours = self.estimated_hours
        return ngettext("%(hours)s hour", "%(hours)s hours", math.ceil(hours)) % {
            "hours": floatformat(hours, "-1")
        }

    def steps(self):
        """The course's live steps in their authored order, as specific pages."""
        return self.get_children().live().specific().order_by("path")

    @cached_property
    def step_list(self):
        """`steps()` as a list, from the cache (see outlines.py) for a saved page."""
        from .outlines import cached_steps

        if self.pk is None:  # a preview of a course not saved yet
            return list(self.steps())
        return cached_steps(self)

    def route(self, request, path_components):
        """A live step is found in the cached outline, without the two queries of
        Wagtail's routing (the child by slug, then its specific page). Anything
        else goes the usual way, where a step that is not live is a 404."""
        if len(path_components) == 1 and self.pk is not None:
            step = next(
                (s for s in self.step_list if s.slug == path_components[0]), None
            )
            if step is not None:
                step._cached_parent_obj = self  # what get_parent() returns
                return step.route(request, [])
        return super().route(request, path_components)

    @property
    def total_minutes(self):
        return sum(getattr(step, "estimated_minutes", 0) for step in self.step_list)


class CourseStep(InterfaceLanguageURLMixin, Page):
    """What every step of a course shares: its place among the course's steps."""

    optional = models.BooleanField(
        _("optional"),
        default=False,
        help_text=_("Optional steps do not count towards completing the course."),
    )

    settings_panels = Page.settings_panels + [FieldPanel("optional")]

    class Meta:
        abstract = True

    @property
    def kind_label(self):
        """What the outline calls this step ("Module", "Quiz")."""
        return self._meta.verbose_name.capitalize()

    @property
    def course(self):
        """The step's course page: at hand when the step was routed through it,
        else one query (`get_parent().specific` would make two)."""
        parent = getattr(self, "_cached_parent_obj", None)  # what get_parent() keeps
        if not isinstance(parent, CoursePage):
            parent = CoursePage.objects.get(path=self.path[: -self.steplen])
            self._cached_parent_obj = parent
        return parent

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        course = self.course
        steps = course.step_list
        position = next((i for i, step in enumerate(steps) if step.pk == self.pk), None)
        context.update(
            course=course,
            steps=steps,
            position=position,
            previous_step=steps[position - 1] if position else None,
            next_step=(
                steps[position + 1]
                if position is not None and position + 1 < len(steps)
                else None
            ),
        )
        return context


class ModulePage(CourseStep):
    summary = models.TextField(
        _("summary"),
        max_length=250,
        blank=True,
        help_text=_("One sentence shown in the course outline."),
    )
    estimated_minutes = models.PositiveSmallIntegerField(
        _("estimated time (minutes)"), default=20
    )
    body = StreamField(LessonStreamBlock(), verbose_name=_("lesson"))

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("estimated_minutes"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
    ]
    parent_page_types = ["courses.CoursePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("module")


class InfoPage(InterfaceLanguageURLMixin, Page):
    """A plain page of the site (about the Staff College, privacy notice, help):
    a title and rich text, nothing about the learner."""

    body = RichTextField(_("body"))

    content_panels = Page.content_panels + [FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("body")]
    parent_page_types = ["courses.CourseIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("information page")
