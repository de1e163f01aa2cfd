from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock

RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link"]


class PullQuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock()
    role = blocks.CharBlock(
        required=False,
        help_text=_(
            "Attribute the quote to a role, never a name: for example 'welding apprentice'."
        ),
    )

    class Meta:
        icon = "openquote"
        template = "casestudies/blocks/pull_quote.html"


class KeyFigureBlock(blocks.StructBlock):
    value = blocks.CharBlock(max_length=20)
    label = blocks.CharBlock(max_length=120)


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock()
    caption = blocks.CharBlock(required=False, max_length=250)

    class Meta:
        icon = "image"
        template = "casestudies/blocks/image.html"


class StepBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=200)
    description = blocks.TextBlock(required=False)


class CaseStudyBodyBlock(blocks.StreamBlock):
    text = blocks.RichTextBlock(features=RICH_TEXT_FEATURES)
    pull_quote = PullQuoteBlock()
    key_figures = blocks.ListBlock(
        KeyFigureBlock(), icon="table", template="casestudies/blocks/key_figures.html"
    )
    image = ImageBlock()
    lessons = blocks.RichTextBlock(
        features=RICH_TEXT_FEATURES,
        icon="help",
        label=_("Lessons learned / what we would do differently"),
        template="casestudies/blocks/lessons.html",
    )
    steps = blocks.ListBlock(StepBlock(), icon="list-ol", template="casestudies/blocks/steps.html")
