"""The second half of 0002: the new columns become required once filled (a separate
migration, so PostgreSQL alters no table with pending updates)."""

import uuid

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("assessments", "0002_languages")]

    operations = [
        migrations.AlterField(
            model_name="attempt", name="quiz_key", field=models.UUIDField()
        ),
        migrations.AlterModelOptions(
            name="attempt", options={"ordering": ["quiz_key", "learner", "number"]}
        ),
        migrations.AddConstraint(
            model_name="attempt",
            constraint=models.UniqueConstraint(
                fields=("learner", "quiz_key", "number"),
                name="assessments_attempt_number",
            ),
        ),
        migrations.AddConstraint(
            model_name="attempt",
            constraint=models.UniqueConstraint(
                condition=models.Q(("status", "open")),
                fields=("learner", "quiz_key"),
                name="assessments_one_open_attempt",
            ),
        ),
        migrations.AlterField(
            model_name="question",
            name="translation_key",
            field=models.UUIDField(default=uuid.uuid4, editable=False),
        ),
        migrations.AlterField(
            model_name="question",
            name="locale",
            field=models.ForeignKey(
                editable=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="wagtailcore.locale",
                verbose_name="locale",
            ),
        ),
        migrations.AlterUniqueTogether(
            name="question", unique_together={("translation_key", "locale")}
        ),
        migrations.AlterField(
            model_name="choice",
            name="translation_key",
            field=models.UUIDField(default=uuid.uuid4, editable=False),
        ),
        migrations.AlterField(
            model_name="choice",
            name="locale",
            field=models.ForeignKey(
                editable=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="wagtailcore.locale",
                verbose_name="locale",
            ),
        ),
        migrations.AlterUniqueTogether(
            name="choice", unique_together={("translation_key", "locale")}
        ),
        migrations.AlterField(
            model_name="quizquestion",
            name="translation_key",
            field=models.UUIDField(default=uuid.uuid4, editable=False),
        ),
        migrations.AlterField(
            model_name="quizquestion",
            name="locale",
            field=models.ForeignKey(
                editable=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="wagtailcore.locale",
                verbose_name="locale",
            ),
        ),
        migrations.AlterUniqueTogether(
            name="quizquestion", unique_together={("translation_key", "locale")}
        ),
    ]
