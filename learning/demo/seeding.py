"""Demo content: organisations, users, the ICT strategy courses and their assets.

Every function only creates what is missing, so seeding twice changes nothing.
"""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.db import transaction
from taggit.models import Tag
from wagtail.documents import get_document_model
from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.models import Embed
from wagtail.images import get_image_model

from assessments.models import Choice, Question, QuizDraw, QuizPage, QuizQuestion
from courses.authoring import AUTHORS, EDITORS, ensure_authoring_setup
from courses.blocks import VideoBlock
from courses.models import CoursePage, InfoPage, ModulePage
from learning.accounts.models import Organisation
from learning.accounts.roles import appoint_focal_point
from learning.accounts.services import import_organisations
from learning.certificates.rendering import set_up_templates

from .content import CHECKLIST_TEXT, COURSES
from .french import translate_demo
from .quiz_content import BANK, QUIZZES

ASSETS = Path(__file__).parent / "assets"
DEMO_PASSWORD = "demo-pass-2026"
DEMO_USERS = [
    # email, first name, last name, organisation, group, superuser
    ("learner@example.org", "Amina", "Diallo", "UNDP", None, False),
    ("author@example.org", "Paul", "Martin", "UNSSC", AUTHORS, False),
    ("editor@example.org", "Sofia", "Rossi", "UNSSC", EDITORS, False),
    ("admin@example.org", "Kenji", "Tanaka", "UNSSC", None, True),
    ("focal@example.org", "Grace", "Mensah", "UNDP", None, False),
]
IMAGES = {
    "strategy-map": "From mandate to ICT capabilities",
    "shared-services": "One platform, many organizations",
    "change-curve": "How people move through change",
}
CHECKLIST_TITLE = "ICT strategy checklist"
COURSE_IMAGES = {
    "ict-strategy-for-senior-managers": "strategy-map",
    "information-sharing-across-the-un-system": "shared-services",
}


@transaction.atomic
def seed_demo():
    import_organisations()
    catalogue = ensure_authoring_setup()
    set_up_templates()
    users = seed_users()
    images = {key: seed_image(key, title) for key, title in IMAGES.items()}
    checklist = seed_checklist()
    for question in BANK:
        seed_question(question)
    for course in COURSES:
        seed_course(catalogue, course, images, checklist, owner=users["admin"])
    seed_about_page(catalogue)
    translate_demo(catalogue, owner=users["admin"])
    return users


def seed_about_page(catalogue):
    if InfoPage.objects.child_of(catalogue).filter(slug="about").exists():
        return
    page = InfoPage(
        title="About these courses",
        slug="about",
        body=(
            "<p>The UN System Staff College offers these short courses to senior "
            "managers across the United Nations system, so that decisions on "
            "information and communication technology are taken with a shared "
            "understanding of strategy, standards and cooperation.</p>"
        ),
    )
    catalogue.add_child(instance=page)
    page.save_revision().publish()


def seed_users():
    User = get_user_model()
    organisations = {org.acronym: org for org in Organisation.objects.all()}
    users = {}
    for email, first, last, acronym, group, superuser in DEMO_USERS:
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(
                email=email,
                password=DEMO_PASSWORD,
                first_name=first,
                last_name=last,
                organisation=organisations[acronym],
                is_staff=superuser,
                is_superuser=superuser,
            )
            if group:
                user.groups.add(Group.objects.get(name=group))
        users[email.split("@")[0]] = user
    appoint_focal_point(users["focal"], [organisations["UNDP"]])
    return users


def seed_image(key, title):
    Image = get_image_model()
    image = Image.objects.filter(title=title).first()
    if image is None:
        with open(ASSETS / f"{key}.png", "rb") as f:
            image = Image.objects.create(
                title=title, file=ImageFile(f, name=f"{key}.png")
            )
    return image


def seed_checklist():
    Document = get_document_model()
    document = Document.objects.filter(title=CHECKLIST_TITLE).first()
    if document is None:
        document = Document.objects.create(
            title=CHECKLIST_TITLE,
            file=ContentFile(
                CHECKLIST_TEXT.encode("utf-8"), name="ict-strategy-checklist.txt"
            ),
        )
    return document


def seed_video_embed(url, title):
    """Store the embed so that rendering never asks the network for it."""
    max_width = VideoBlock.base_blocks["video"].meta.max_width
    Embed.objects.get_or_create(
        hash=get_embed_hash(url, max_width),
        defaults={
            "url": url,
            "max_width": max_width,
            "type": "video",
            "title": title,
            "provider_name": "UN System Staff College",
            "html": (
                '<div class="video-poster"><p class="video-poster__title">'
                f"{title}</p><p>Recorded talk: the transcript below has its full "
                "text.</p></div>"
            ),
        },
    )


def raw_block(block_type, value, images, checklist):
    if block_type == "image":
        value = {**value, "image": images[value["image"]].pk}
    elif block_type == "document":
        value = {**value, "document": checklist.pk}
    elif block_type == "video":
        seed_video_embed(value["url"], value["title"])
        value = {
            "video": value["url"],
            "title": value["title"],
            "transcript": value["transcript"],
        }
    return {"type": block_type, "value": value}


def seed_course(catalogue, data, images, checklist, owner):
    course = CoursePage.objects.child_of(catalogue).filter(slug=data["slug"]).first()
    if course is None:
        course = CoursePage(
            title=data["title"],
            slug=data["slug"],
            summary=data["summary"],
            intro=data["intro"],
            learning_outcomes=[
                {"type": "outcome", "value": outcome}
                for outcome in data["learning_outcomes"]
            ],
            audience=data["audience"],
            estimated_hours=data["estimated_hours"],
            steps_in_order=data["steps_in_order"],
            image=images[COURSE_IMAGES[data["slug"]]],
            owner=owner,
        )
        course.tags.add(*data["topics"])
        catalogue.add_child(instance=course)
        course.save_revision(user=owner).publish()
    for module in data["modules"]:
        if ModulePage.objects.child_of(course).filter(slug=module["slug"]).exists():
            continue
        page = ModulePage(
            title=module["title"],
            slug=module["slug"],
            summary=module["summary"],
            estimated_minutes=module["estimated_minutes"],
            body=[
                raw_block(block_type, value, images, checklist)
                for block_type, value in module["body"]
            ],
            owner=owner,
        )
        course.add_child(instance=page)
        page.save_revision(user=owner).publish()
        if module["slug"] in QUIZZES:
            seed_quiz(course, module["slug"], QUIZZES[module["slug"]], owner)
    return course


def seed_question(data):
    question = Question.objects.filter(title=data["title"]).first()
    if question:
        return question
    kind = data["type"]
    question = Question(
        title=data["title"],
        question_type=kind,
        prompt=data["prompt"],
        points=data.get("points", 1),
        general_feedback=data.get("general_feedback", ""),
        partial_credit=data.get("partial_credit", False),
        true_false_answer=data["answer"] if kind == "true_false" else None,
        numeric_answer=data["answer"] if kind == "numeric" else None,
        numeric_tolerance=data.get("tolerance", "0"),
        tolerance_is_percent=data.get("tolerance_is_percent", False),
        accepted_answers="\n".join(data.get("accepted_answers", [])),
        ignore_accents=data.get("ignore_accents", False),
    )
    question.choices = [
        Choice(text=text, is_correct=correct, feedback=feedback)
        for text, correct, feedback in data.get("choices", [])
    ]
    question.tags.add(*data.get("topics", []))
    question.save()
    return question


def seed_quiz(course, module_slug, data, owner):
    """The module's quiz, placed right after it in the course."""
    slug = f"{module_slug}-quiz"
    if QuizPage.objects.child_of(course).filter(slug=slug).exists():
        return
    quiz = QuizPage(
        title=data["title"],
        slug=slug,
        intro=data["intro"],
        estimated_minutes=max(5, 2 * len(data["questions"])),
        pass_mark=data["pass_mark"],
        attempts_allowed=data["attempts_allowed"],
        time_limit_minutes=data["time_limit_minutes"],
        review_policy=data["review_policy"],
        shuffle_questions=data["shuffle_questions"],
        shuffle_choices=data["shuffle_choices"],
        owner=owner,
    )
    quiz.quiz_questions = [
        QuizQuestion(question=seed_question(question)) for question in data["questions"]
    ]
    quiz.draws = [
        QuizDraw(tag=Tag.objects.get(name__iexact=topic), count=count)
        for topic, count in data.get("draws", [])
    ]
    course.add_child(instance=quiz)
    quiz.save_revision(user=owner).publish()
