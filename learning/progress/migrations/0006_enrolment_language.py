from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def language_of_the_page_enrolled_from(apps, schema_editor):
    """Enrolments from before languages were recorded: the language of the course
    page they were made from, the best guess there is until the learner reads on."""
    Enrolment = apps.get_model("progress", "Enrolment")
    Page = apps.get_model("wagtailcore", "Page")
    language = Page.objects.filter(pk=OuterRef("course_id")).values(
        "locale__language_code"
    )[:1]
    Enrolment.objects.filter(course__isnull=False).update(language=Subquery(language))


class Migration(migrations.Migration):
    dependencies = [
        ("progress", "0005_enrolled_at_index"),
        ("wagtailcore", "0094_alter_page_locale"),
    ]

    operations = [
        migrations.AddField(
            model_name="enrolment",
            name="language",
            field=models.CharField(blank=True, max_length=10, verbose_name="language"),
        ),
        migrations.RunPython(
            language_of_the_page_enrolled_from, migrations.RunPython.noop
        ),
    ]
