import zoneinfo

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

TIME_ZONE_CHOICES = [(tz, tz) for tz in sorted(zoneinfo.available_timezones())]


class OrganisationQuerySet(models.QuerySet):
    def with_descendants(self):
        """These organisations and every organisation below them, at any depth."""
        ids = set(self.values_list("pk", flat=True))
        frontier = ids
        while frontier:
            frontier = set(
                Organisation.objects.filter(parent__in=frontier)
                .exclude(pk__in=ids)
                .values_list("pk", flat=True)
            )
            ids |= frontier
        return Organisation.objects.filter(pk__in=ids)

    def managed_by(self, user):
        """The organisations whose people the user may enrol and report on: all of
        them for a superuser; for a focal point, theirs and those below them."""
        if user.is_superuser:
            return self.all()
        return self.filter(focal_points=user).with_descendants()


class Organisation(models.Model):
    """A UN system entity; `parent` gives the hierarchy (UNCDF sits under UNDP)."""

    acronym = models.CharField(_("acronym"), max_length=30, unique=True)
    name = models.CharField(_("name"), max_length=200)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        ordering = ["acronym"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self):
        return f"{self.acronym} – {self.name}"


class EmailUserManager(UserManager):
    """Users log in with their email address; there is no username."""

    use_in_migrations = True

    def _create_user_object(self, username, email, password, **extra_fields):
        email = self.normalize_email(email or username).lower()
        user = self.model(email=email, **extra_fields)
        user.set_password(password)
        return user

    def create_user(self, email=None, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        user = self._create_user_object(None, email, password, **extra_fields)
        user.save(using=self._db)
        return user

    def create_superuser(self, email=None, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra_fields)

    def get_by_natural_key(self, username):
        return self.get(email__iexact=username)

    def pending_verification(self):
        """People who signed up and have not confirmed their address yet: inactive,
        never verified, never invited, never logged in (an account an administrator
        deactivated has logged in or was invited, and stays off)."""
        return self.filter(
            is_active=False,
            email_verified_at__isnull=True,
            invited_at__isnull=True,
            last_login__isnull=True,
        )


class User(AbstractUser):
    username = None
    email = models.EmailField(_("email address"), unique=True)
    full_name = models.CharField(
        _("full name"),
        max_length=150,
        blank=True,
        help_text=_("As it will be printed on certificates."),
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="members",
    )
    preferred_language = models.CharField(
        _("preferred language"),
        max_length=10,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
    )
    time_zone = models.CharField(
        _("time zone"), max_length=64, choices=TIME_ZONE_CHOICES, default="UTC"
    )
    email_verified_at = models.DateTimeField(
        _("email verified at"), null=True, blank=True
    )
    email_reminders = models.BooleanField(
        _("email reminders"),
        default=True,
        help_text=_("Reminders about due dates and expiring certificates."),
    )
    invited_at = models.DateTimeField(_("invited at"), null=True, blank=True)
    name_confirmed_at = models.DateTimeField(
        _("name confirmed at"),
        null=True,
        blank=True,
        help_text=_("When the learner confirmed the name printed on certificates."),
    )
    erased_at = models.DateTimeField(
        _("personal data erased at"),
        null=True,
        blank=True,
        help_text=_("The account was anonymised; it cannot log in again."),
    )
    focal_organisations = models.ManyToManyField(
        Organisation,
        verbose_name=_("focal point for"),
        blank=True,
        related_name="focal_points",
        help_text=_(
            "The organisations (with their sub-organisations) whose people this "
            "user enrols and reports on."
        ),
    )

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["first_name", "last_name"]

    objects = EmailUserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.UniqueConstraint(
                Lower("email"), name="accounts_user_email_ci_unique"
            )
        ]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self):
        return self.full_name or self.get_full_name() or self.email

    def save(self, *args, **kwargs):
        self.email = self.email.lower()
        if not self.full_name:
            self.full_name = self.get_full_name()
        super().save(*args, **kwargs)
