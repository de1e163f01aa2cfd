"""The case study body as simple HTML (the import and export format) and back.

Each top-level element becomes one StreamField block (docs/import-format.md): running text,
`figure.pull-quote`, `dl.key-figures`, `ol.steps`, `section.lessons` and `figure.image`. Plain
text without tags becomes paragraphs.
"""

from bs4 import BeautifulSoup, NavigableString, Tag
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import mark_safe
from wagtail.admin.rich_text.converters.editor_html import EditorHTMLConverter

from ..blocks import RICH_TEXT_FEATURES, plain_text_body


class BodyError(ValueError):
    pass


def _rich_text(html):
    return EditorHTMLConverter(features=RICH_TEXT_FEATURES).to_database_format(html).strip()


def _text(tag, name):
    found = tag.find(name)
    return found.get_text(" ", strip=True) if found else ""


def _pull_quote(tag):
    quote = tag.find("blockquote") if tag.name == "figure" else tag
    return {"quote": quote.get_text(" ", strip=True), "role": _text(tag, "figcaption")}


def _key_figures(tag):
    values = [dt.get_text(" ", strip=True) for dt in tag.find_all("dt")]
    labels = [dd.get_text(" ", strip=True) for dd in tag.find_all("dd")]
    if len(values) != len(labels):
        raise BodyError("key figures need one <dd> label for each <dt> value")
    return [{"value": value, "label": label} for value, label in zip(values, labels, strict=True)]


def _steps(tag):
    steps = []
    for item in tag.find_all("li", recursive=False):
        title = item.find("strong")
        title_text = title.get_text(" ", strip=True) if title else ""
        if title:
            title.extract()
        steps.append({"title": title_text, "description": item.get_text(" ", strip=True)})
    return steps


def _image(tag, image_exists):
    img = tag.find("img")
    image_id = img.get("data-image-id", "") if img else ""
    if not image_id.isdigit() or not image_exists(int(image_id)):
        raise BodyError(f"image {image_id or '(none)'} does not exist in the image library")
    return {"image": int(image_id), "caption": _text(tag, "figcaption")}


def _block_for(tag, image_exists):
    classes = tag.get("class") or []
    if (tag.name == "figure" and "pull-quote" in classes) or tag.name == "blockquote":
        return "pull_quote", _pull_quote(tag)
    if tag.name == "figure" and "image" in classes:
        return "image", _image(tag, image_exists)
    if tag.name == "dl" and "key-figures" in classes:
        return "key_figures", _key_figures(tag)
    if tag.name == "ol" and "steps" in classes:
        return "steps", _steps(tag)
    if tag.name == "section" and "lessons" in classes:
        return "lessons", _rich_text(tag.decode_contents())
    return None


def html_to_stream(html, image_exists=lambda image_id: False):
    """StreamField data (a list of {"type", "value"}) from simple HTML or plain text."""
    html = (html or "").strip()
    if not html:
        return []
    soup = BeautifulSoup(html, "html.parser")
    if not soup.find():
        return plain_text_body(html)
    blocks, running_text = [], []

    def flush_text():
        text = _rich_text("".join(running_text))
        if text:
            blocks.append({"type": "text", "value": text})
        running_text.clear()

    for node in soup.children:
        if isinstance(node, Tag) and (block := _block_for(node, image_exists)):
            flush_text()
            blocks.append({"type": block[0], "value": block[1]})
        elif isinstance(node, NavigableString) and not isinstance(node, Tag):
            if node.strip():
                running_text.append(f"<p>{escape(node.strip())}</p>")
        else:
            running_text.append(str(node))
    flush_text()
    return blocks


def stream_to_html(stream):
    """The simple HTML that html_to_stream reads back to the same blocks."""
    return "".join(_block_html(block.block_type, block.value) for block in stream)


def _block_html(block_type, value):
    if block_type == "text":
        return value.source
    if block_type == "lessons":
        # Stored rich text has been through Wagtail's whitelist already.
        return format_html('<section class="lessons">{}</section>', mark_safe(value.source))  # noqa: S308
    if block_type == "pull_quote":
        return format_html(
            '<figure class="pull-quote"><blockquote>{}</blockquote><figcaption>{}</figcaption>'
            "</figure>",
            value["quote"],
            value["role"],
        )
    if block_type == "key_figures":
        items = format_html_join(
            "", "<dt>{}</dt><dd>{}</dd>", ((f["value"], f["label"]) for f in value)
        )
        return format_html('<dl class="key-figures">{}</dl>', items)
    if block_type == "steps":
        items = format_html_join(
            "", "<li><strong>{}</strong> {}</li>", ((s["title"], s["description"]) for s in value)
        )
        return format_html('<ol class="steps">{}</ol>', items)
    if block_type == "image":
        return format_html(
            '<figure class="image"><img data-image-id="{}" alt=""><figcaption>{}</figcaption>'
            "</figure>",
            value["image"].pk,
            value["caption"],
        )
    raise ValueError(f"no HTML form for block type {block_type}")
