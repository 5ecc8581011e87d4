"""Quizzes in several languages: attempts count by the quiz's translation key (one
set of attempts whichever language the learner reads), and the question bank is
translatable (wagtail-localize)."""

import uuid

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models
from wagtail.models import BootstrapTranslatableModel


def key_attempts(apps, schema_editor):
    Attempt = apps.get_model("assessments", "Attempt")
    QuizPage = apps.get_model("assessments", "QuizPage")
    for pk, key in QuizPage.objects.values_list("pk", "translation_key"):
        Attempt.objects.filter(quiz_id=pk).update(quiz_key=key)


class Migration(migrations.Migration):
    dependencies = [
        ("assessments", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="attempt", name="assessments_attempt_number"),
        migrations.RemoveConstraint(model_name="attempt", name="assessments_one_open_attempt"),
        migrations.AddField(
            model_name="attempt", name="quiz_key", field=models.UUIDField(null=True)
        ),
        migrations.RunPython(key_attempts, migrations.RunPython.noop),
        # The question bank, its choices and quizzes' question lists: Wagtail's
        # recipe for making existing rows translatable.
        migrations.AddField(
            model_name="question",
            name="translation_key",
            field=models.UUIDField(null=True, editable=False),
        ),
        migrations.AddField(
            model_name="question",
            name="locale",
            field=models.ForeignKey(
                null=True,
                editable=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="wagtailcore.locale",
                verbose_name="locale",
            ),
        ),
        migrations.AddField(
            model_name="choice",
            name="translation_key",
            field=models.UUIDField(null=True, editable=False),
        ),
        migrations.AddField(
            model_name="choice",
            name="locale",
            field=models.ForeignKey(
                null=True,
                editable=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="wagtailcore.locale",
                verbose_name="locale",
            ),
        ),
        migrations.AddField(
            model_name="quizquestion",
            name="translation_key",
            field=models.UUIDField(null=True, editable=False),
        ),
        migrations.AddField(
            model_name="quizquestion",
            name="locale",
            field=models.ForeignKey(
                null=True,
                editable=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="wagtailcore.locale",
                verbose_name="locale",
            ),
        ),
        BootstrapTranslatableModel("assessments.Question"),
        BootstrapTranslatableModel("assessments.Choice"),
        BootstrapTranslatableModel("assessments.QuizQuestion"),
    ]
