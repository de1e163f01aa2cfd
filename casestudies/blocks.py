import re

from django.utils.html import escape
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


PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


def plain_text_body(text):
    """A body (StreamField data) from plain text: one text block whose paragraphs are parted by
    blank lines, a single line break kept as one. Everything is escaped: typed HTML stays text."""
    paragraphs = (part.strip() for part in PARAGRAPH_BREAK.split(text.replace("\r\n", "\n")))
    html = "".join(
        "<p>" + "<br/>".join(escape(line) for line in part.splitlines()) + "</p>"
        for part in paragraphs
        if part
    )
    return [{"type": "text", "value": html}] if html else []
