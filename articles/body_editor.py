"""The rich-text editor of the newsroom: what story bodies (and anything written like one, such
as a live update) offer a journalist, and the field that cleans what arrives."""

from django_prose_editor.fields import ProseEditorFormField

from .text import sanitize_article_html

# What the body editor offers a journalist. The server cleans whatever arrives with its own
# allowlist (articles.text), so a tampered request cannot store more than this.
BODY_EDITOR_EXTENSIONS = {
    "Bold": True,
    "Italic": True,
    "Strike": True,
    "Subscript": True,
    "Superscript": True,
    "Heading": {"levels": [2, 3, 4]},
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "HorizontalRule": True,
    "HardBreak": True,
    "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto"]},
    "Figure": True,
    "Caption": True,
    "Image": True,
    "Table": True,
    "TableRow": True,
    "TableHeader": True,
    "TableCell": True,
    "History": True,
}


def body_editor_field(**kwargs) -> ProseEditorFormField:
    """A form field with the story editor's toolbar, cleaned with the stories' allowlist."""
    return ProseEditorFormField(
        config={"extensions": BODY_EDITOR_EXTENSIONS}, sanitize=sanitize_article_html, **kwargs
    )
