"""StreamField blocks for lesson content. Each block renders its own template."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

INLINE_FEATURES = ["bold", "italic", "link", "ol", "ul"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Heading"), max_length=120)
    level = blocks.ChoiceBlock(
        choices=[("h2", _("Section (H2)")), ("h3", _("Subsection (H3)"))],
        default="h2",
        label=_("Level"),
    )

    class Meta:
        icon = "title"
        template = "blocks/heading_block.html"
        label = _("Heading")
        preview_value = {"text": "Why ICT is a management issue", "level": "h2"}


class ParagraphBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        super().__init__(features=INLINE_FEATURES, **kwargs)

    class Meta:
        icon = "pilcrow"
        template = "blocks/paragraph_block.html"
        label = _("Text")
        preview_value = (
            "<p>Information and communication technologies are no longer a "
            "back-office concern: they shape how an organization delivers its "
            "mandate.</p>"
        )


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Alternative text"),
        max_length=250,
        help_text=_(
            "Describe what the image shows for people who cannot see it. Required."
        ),
    )
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=250)

    class Meta:
        icon = "image"
        template = "blocks/image_block.html"
        label = _("Image")
        preview_value = {
            "alt_text": "A diagram linking organizational goals to ICT capabilities",
            "caption": "From goals to capabilities",
        }


class VideoBlock(blocks.StructBlock):
    video = EmbedBlock(label=_("Video URL"), max_width=960)
    title = blocks.CharBlock(label=_("Title"), max_length=200)
    transcript = blocks.RichTextBlock(
        label=_("Transcript"),
        features=INLINE_FEATURES,
        help_text=_(
            "A full transcript or description, for people who cannot watch or "
            "hear the video (WCAG 1.2)."
        ),
    )

    class Meta:
        icon = "media"
        template = "blocks/video_block.html"
        label = _("Video")
        preview_value = {
            "title": "Introducing the course",
            "transcript": "<p>Welcome to this course on ICT strategy.</p>",
        }


class CalloutBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        choices=[
            ("takeaway", _("Key takeaway")),
            ("info", _("Information")),
            ("warning", _("Warning")),
        ],
        default="takeaway",
        label=_("Kind"),
    )
    title = blocks.CharBlock(label=_("Title"), max_length=120)
    body = blocks.RichTextBlock(label=_("Text"), features=INLINE_FEATURES)

    class Meta:
        icon = "tip"
        template = "blocks/callout_block.html"
        label = _("Key takeaway / callout")
        preview_value = {
            "kind": "takeaway",
            "title": "Key takeaway",
            "body": "<p>Treat ICT investment as a strategic decision.</p>",
        }


class CaseStudyBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=150)
    organization = blocks.CharBlock(
        label=_("Setting"),
        required=False,
        max_length=150,
        help_text=_("Where it happened, e.g. 'A field-based humanitarian agency'."),
    )
    body = blocks.RichTextBlock(label=_("Case"), features=INLINE_FEATURES)
    lesson = blocks.TextBlock(label=_("Lesson"), required=False)

    class Meta:
        icon = "doc-full"
        template = "blocks/case_study_block.html"
        label = _("Case study")
        preview_value = {
            "title": "Consolidating data centres",
            "organization": "A headquarters-based agency",
            "body": "<p>Three data centres were merged into one shared service.</p>",
            "lesson": "Shared services need shared governance.",
        }


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("Quote"))
    attribution = blocks.CharBlock(label=_("Attribution"), required=False)

    class Meta:
        icon = "openquote"
        template = "blocks/quote_block.html"
        label = _("Quote")
        preview_value = {
            "quote": "Technology is a means to the mandate, never an end in itself.",
            "attribution": "A chief information officer",
        }


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(
        label=_("Link text"),
        required=False,
        help_text=_("Defaults to the document's title."),
    )
    description = blocks.TextBlock(label=_("Description"), required=False)

    class Meta:
        icon = "doc-full-inverse"
        template = "blocks/document_block.html"
        label = _("Downloadable document")
        preview_value = {
            "title": "ICT strategy checklist",
            "description": "A one-page self-assessment for your management team.",
        }


class ReflectionBlock(blocks.StructBlock):
    question = blocks.TextBlock(label=_("Question"))
    guidance = blocks.TextBlock(label=_("Guidance"), required=False)

    class Meta:
        icon = "help"
        template = "blocks/reflection_block.html"
        label = _("Reflection question")
        preview_value = {
            "question": "Which decisions in your organization depend on ICT?",
            "guidance": "List three and note who takes them today.",
        }


class LessonStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    image = ImageBlock()
    video = VideoBlock()
    callout = CalloutBlock()
    case_study = CaseStudyBlock()
    quote = QuoteBlock()
    document = DocumentBlock()
    reflection = ReflectionBlock()
