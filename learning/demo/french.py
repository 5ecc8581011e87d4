"""The demo in French, the way an author would do it in the admin.

The French locale is synchronised from English (wagtail-localize): every English
page has a French counterpart, an alias showing the English page under /fr/ until
it is translated. The catalogue, the about page and the flagship course with its
quizzes and question bank entries are then translated through wagtail-localize,
from `locale/fr/demo.po`: the demo's English strings and their French, keyed by
the English text. `manage.py demo_strings` adds new English strings to it.
"""

from pathlib import Path

import polib
from wagtail.models import Locale, Page
from wagtail_localize.models import LocaleSynchronization
from wagtail_localize.operations import TranslationCreator
from wagtail_localize.synctree import synchronize_tree

DEMO_PO = Path(__file__).parent / "locale" / "fr" / "demo.po"
FLAGSHIP = "ict-strategy-for-senior-managers"


def french_locale():
    """The French locale, synchronised from the default one."""
    default = Locale.get_default()
    french, _ = Locale.objects.get_or_create(language_code="fr")
    LocaleSynchronization.objects.get_or_create(
        locale=french, defaults={"sync_from": default}
    )
    return french


def translate_demo(catalogue, owner):
    """Translates what is not translated yet; seeding again changes nothing."""
    french = french_locale()
    creator = TranslationCreator(owner, [french])
    for page in translatable_demo_pages(catalogue):
        if not page.has_translation(french) or page.get_translation(french).alias_of_id:
            creator.create_translations(page.specific)
    strings = demo_strings()
    for translations in creator.mappings.values():
        for translation in translations:
            fill_translation(translation, lambda text: strings.get(text, ""), owner)
            # Published here rather than when the transaction commits (as
            # wagtail-localize would), so that the seed is complete when it returns.
            # (Snippets have no drafts: they are saved as they are.)
            is_page = issubclass(
                translation.source.specific_content_type.model_class(), Page
            )
            translation.save_target(user=owner, publish=not is_page)
            if is_page:
                translation.get_target_instance().get_latest_revision().publish(
                    user=owner
                )
    # Everything not translated (the other courses) is shown in English under /fr/.
    synchronize_tree(Locale.get_default(), french)


def fill_translation(translation, words, user=None):
    """Give each string of a wagtail-localize translation the text `words` has for
    it (an empty text leaves the string untranslated)."""
    po = translation.export_po()
    for entry in po:
        entry.msgstr = words(entry.msgid)
    translation.import_po(po, user=user)


def translatable_demo_pages(catalogue):
    from courses.models import CoursePage

    course = CoursePage.objects.child_of(catalogue).get(slug=FLAGSHIP)
    others = catalogue.get_children().not_type(CoursePage)
    return [catalogue, *others, course, *course.get_children()]


def demo_strings():
    """{English text: French text} of the demo's translated strings."""
    if not DEMO_PO.exists():
        return {}
    return {
        entry.msgid: entry.msgstr for entry in polib.pofile(DEMO_PO) if entry.msgstr
    }
