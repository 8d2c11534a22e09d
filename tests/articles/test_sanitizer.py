"""The body allowlist against hostile and messy HTML: what must be gone, and what editors keep.

Every case goes through articles.text.sanitize_article_html, the admin's body field and
Article.save, and the stored body is checked: a case lists the fragments that must be gone and
those that must stay. On top of that every result is parsed again and may only hold allowed tags,
allowed attributes and URLs with an allowed scheme (or relative ones).
"""

from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.contrib.auth.models import Group, User
from django.urls import reverse

from articles.admin import ArticleAdminForm
from articles.models import Article
from articles.text import (
    ALLOWED_ATTRIBUTES,
    ALLOWED_TAGS,
    ALLOWED_URL_SCHEMES,
    sanitize_article_html,
)
from tests.factories import ArticleFactory, SectionFactory

# (id, hostile html, fragments that must be gone, fragments that must stay)
HOSTILE = [
    # Scripts, however they are spelt.
    ("script", "<p>Hi</p><script>alert(1)</script>", ["<script", "alert"], ["<p>Hi</p>"]),
    ("script-uppercase", "<SCRIPT SRC=//evil.example/x.js></SCRIPT>ok", ["script", "evil"], ["ok"]),
    (
        "script-split-by-inner-script",
        "<scr<script>ipt>alert(1)</scr</script>ipt>",
        ["<script", "<scr"],
        [],
    ),
    ("script-in-paragraph", "<p>a<script>steal()</script>b</p>", ["steal"], ["<p>ab</p>"]),
    # Event handlers on many tags.
    ("img-onerror", "<img src=x onerror=alert(1)>", ["onerror", "alert"], ["<img"]),
    ("p-onclick", '<p onclick="steal()">Text</p>', ["onclick", "steal"], ["<p>Text</p>"]),
    (
        "a-onmouseover",
        '<a href="https://example.org/" onmouseover="steal()">link</a>',
        ["onmouseover", "steal"],
        ['href="https://example.org/"', ">link</a>"],
    ),
    ("body-onload", "<body onload=alert(1)><p>x</p></body>", ["onload", "<body"], ["<p>x</p>"]),
    (
        "div-onfocus",
        "<div tabindex=1 onfocus=alert(1) autofocus>d</div>",
        ["onfocus", "<div"],
        ["d"],
    ),
    (
        "details-ontoggle",
        "<details open ontoggle=alert(1)>s</details>",
        ["ontoggle", "details"],
        ["s"],
    ),
    (
        "h2-heading-handlers",
        "<h2 onpointerenter=alert(1) ONCLICK=alert(2)>Title</h2>",
        ["alert", "onpointerenter", "onclick"],
        ["<h2>Title</h2>"],
    ),
    (
        "img-src-runs-alt",
        "<img src=x:alert(alt) onerror=eval(src) alt=0>",
        ["eval", "alert", "src="],
        ['alt="0"'],
    ),
    # URLs that run code, also disguised.
    ("javascript-url", '<a href="javascript:alert(1)">x</a>', ["javascript", "href"], [">x</a>"]),
    ("javascript-mixed-case", '<a href="JaVaScRiPt:alert(1)">x</a>', ["alert", "href"], [">x</a>"]),
    (
        "javascript-leading-space",
        '<a href="  \x01javascript:alert(1)">x</a>',
        ["alert", "href"],
        [">x</a>"],
    ),
    ("javascript-tab", '<a href="jav\tascript:alert(1)">x</a>', ["alert", "href"], [">x</a>"]),
    ("javascript-newline", '<a href="java\nscript:alert(1)">x</a>', ["alert", "href"], [">x</a>"]),
    (
        "javascript-entity-tab",
        '<a href="jav&#x09;ascript:alert(1)">x</a>',
        ["alert", "href"],
        [">x</a>"],
    ),
    (
        "javascript-decimal-entities",
        '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">x</a>',
        ["alert", "href", "&#"],
        [">x</a>"],
    ),
    (
        "javascript-entity-colon",
        '<a href="javascript&colon;alert(1)">x</a>',
        ["alert", "href"],
        [">x</a>"],
    ),
    ("vbscript-url", '<a href="vbscript:msgbox(1)">x</a>', ["vbscript", "href"], [">x</a>"]),
    (
        "data-url-link",
        '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
        ["data:", "base64", "href"],
        [">x</a>"],
    ),
    (
        "data-url-image",
        '<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+" alt="pic">',
        ["data:", "src="],
        ['alt="pic"'],
    ),
    ("javascript-img-src", '<img src="javascript:alert(1)" alt="a">', ["javascript"], ['alt="a"']),
    (
        "blockquote-cite-js",
        '<blockquote cite="javascript:alert(1)">q</blockquote>',
        ["cite", "alert"],
        ["<blockquote>q</blockquote>"],
    ),
    ("q-cite-js", '<q cite="javascript:alert(1)">q</q>', ["cite", "alert"], ["<q>q</q>"]),
    (
        "title-lang",
        '<p title="t" lang="tr" dir="rtl" data-x="1">x</p>',
        ["title", "dir", "data-"],
        ['<p lang="tr">x</p>'],
    ),
    # Styles: inline and in sheets.
    (
        "style-attribute",
        '<p style="position:fixed;top:0;background:url(javascript:alert(1))">Dressed</p>',
        ["style", "fixed", "javascript"],
        ["<p>Dressed</p>"],
    ),
    (
        "style-element",
        "<style>body{display:none}</style><p>Shown</p>",
        ["<style", "display"],
        ["<p>Shown</p>"],
    ),
    (
        "style-expression",
        "<p STYLE=\"width: expression(alert('x'))\">IE</p>",
        ["expression", "style"],
        ["<p>IE</p>"],
    ),
    (
        "link-stylesheet",
        '<link rel="stylesheet" href="https://evil.example/s.css">',
        ["link", "evil"],
        [],
    ),
    # Embedded documents, plugins and forms.
    (
        "iframe",
        '<iframe src="https://evil.example/" srcdoc="<script>alert(1)</script>">fallback</iframe>',
        ["iframe", "evil", "alert", "fallback"],
        [],
    ),
    (
        "object-embed",
        '<object data="x.swf"><param name=a value=b>obj</object><embed src="x.swf">',
        ["object", "embed", "swf", "param"],
        [],
    ),
    (
        "form-input",
        '<form action="https://evil.example/"><input name=pw type=password onfocus=alert(1)>'
        "<button formaction=javascript:alert(1)>Go</button></form>",
        ["form", "input", "button", "evil", "alert"],
        [],
    ),
    ("svg-onload", "<svg onload=alert(1)><circle r=5 /></svg>After", ["svg", "alert"], ["After"]),
    (
        "svg-use-xlink",
        '<svg><a xlink:href="javascript:alert(1)"><text>clic</text></a></svg>',
        ["svg", "javascript", "clic"],
        [],
    ),
    (
        "math-href",
        '<math><maction actiontype="statusline" xlink:href="javascript:alert(1)">m</maction></math>',
        ["math", "javascript"],
        [],
    ),
    # Document-level tags that redirect or rebase the page.
    (
        "meta-refresh",
        '<meta http-equiv="refresh" content="0;url=https://evil.example/">After',
        ["meta", "refresh", "evil"],
        ["After"],
    ),
    (
        "base-href",
        '<base href="https://evil.example/"><a href="/x">x</a>',
        ["<base", "evil"],
        ['href="/x"'],
    ),
    # Markup hidden in comments and raw-text elements.
    ("comment", "<!--<img src=x onerror=alert(1)>-->ok", ["<!--", "onerror", "<img"], ["ok"]),
    (
        "conditional-comment",
        "<!--[if IE]><script>alert(1)</script><![endif]-->ok",
        ["<!--", "script", "endif"],
        ["ok"],
    ),
    ("cdata", "<![CDATA[<img src=x onerror=alert(1)>]]>ok", ["onerror", "<img"], ["ok"]),
    (
        "noscript-title-breakout",
        '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
        ["onerror", "alert", "noscript"],
        [],
    ),
    (
        "textarea-raw-text",
        "<textarea><img src=x onerror=1></textarea>ok",
        ["onerror", "<img"],
        ["ok"],
    ),
    ("xmp-raw-text", "<xmp><img src=x onerror=1></xmp>ok", ["onerror", "img"], ["ok"]),
    ("template", "<template><img src=x onerror=1></template>ok", ["onerror", "img"], ["ok"]),
    ("title", "<title>Fake title</title>ok", ["title", "Fake"], ["ok"]),
    # Mutation XSS: markup that changes meaning when the browser parses it a second time.
    (
        "mxss-svg-style",
        "<svg><style><img src=x onerror=alert(1)></style></svg>",
        ["onerror", "alert", "style"],
        [],
    ),
    (
        "mxss-math-mglyph",
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
        ["onerror", "alert", "style", "mglyph"],
        [],
    ),
    (
        "mxss-form-math",
        "<form><math><mtext></form><form><mglyph><style></math><img src onerror=alert(1)>",
        ["onerror", "alert", "form"],
        [],
    ),
    (
        "mxss-attribute-breakout",
        '<p title="</p><img src=x onerror=alert(1)>">t</p>',
        ["<img"],
        ["<p>t</p>"],
    ),
    (
        "mxss-backtick",
        "<img src=`x` onerror=alert(1) alt=``onerror=alert(2)`>",
        [" onerror="],
        [],
    ),
    # Nested and unclosed tags are closed, not swallowed.
    (
        "unclosed",
        "<p>unclosed <strong>bold <em>both",
        [],
        ["<p>unclosed <strong>bold <em>both</em></strong></p>"],
    ),
    (
        "misnested",
        "<p><strong><em>x</strong></em> y</p>",
        [],
        ["<strong><em>x</em></strong>", " y</p>"],
    ),
    ("stray-closing-tags", "</div></p>text</a></script>", ["</div>", "script"], ["text"]),
    # Links open no opener, whatever the editor asks.
    (
        "target-blank-opener",
        '<a href="https://example.org/" target="_blank" rel="opener">x</a>',
        ["target", 'opener"'],
        ['<a href="https://example.org/" rel="noopener noreferrer">x</a>'],
    ),
    ("class-and-id", '<p class="btn" id="login-form">x</p>', ["class", "id="], ["<p>x</p>"]),
]

# What the prose editor produces for a well-made story: all of it must come through as it is.
EDITOR_HTML = [
    ("headings", "<h2>Two</h2><h3>Three</h3><h4>Four</h4>"),
    (
        "paragraph-emphasis",
        "<p>Plain <strong>strong</strong> <em>em</em> <s>gone</s> H<sub>2</sub>O</p>",
    ),
    ("blockquote", "<blockquote><p>We will rebuild.</p><cite>The mayor</cite></blockquote>"),
    ("lists", "<ul><li><p>one</p></li></ul><ol><li><p>first</p></li><li><p>second</p></li></ol>"),
    (
        "figure",
        '<figure><img src="/media/pictures/ferry.jpg" alt="A ferry at dawn" width="800" height="450">'
        "<figcaption>The 7.10 ferry leaves Kadıköy.</figcaption></figure>",
    ),
    ("mailto", '<p><a href="mailto:desk@example.org" rel="noopener noreferrer">Write</a></p>'),
    (
        "table",
        "<table><tbody><tr><th>Party</th><th>Seats</th></tr>"
        "<tr><td>A</td><td>120</td></tr></tbody></table>",
    ),
    ("turkish-arabic-emoji", "<p>İşçiler sabah 6'da toplandı. مرحبا بالعالم 🚢</p><hr>"),
]

# A Microsoft Word paste in the shape of Word for Windows clipboard HTML, trimmed to one of each habit:
# the mso style sheet and XML in conditional comments, MsoNormal classes, <o:p>, spans with inline
# styles, a list faked with "supportLists" markers, a link and a bold heading.
WORD_PASTE = """<html xmlns:v="urn:schemas-microsoft-com:vml"
xmlns:o="urn:schemas-microsoft-com:office:office"
xmlns:w="urn:schemas-microsoft-com:office:word"
xmlns="http://www.w3.org/TR/REC-html40">
<head>
<meta http-equiv=Content-Type content="text/html; charset=utf-8">
<meta name=ProgId content=Word.Document>
<meta name=Generator content="Microsoft Word 15">
<link rel=File-List href="file:///C:/Users/ayse/AppData/Local/Temp/msohtmlclip1/01/clip_filelist.xml">
<!--[if gte mso 9]><xml>
 <o:OfficeDocumentSettings><o:AllowPNG/></o:OfficeDocumentSettings>
</xml><![endif]--><!--[if gte mso 9]><xml>
 <w:WordDocument><w:View>Normal</w:View><w:Zoom>0</w:Zoom>
  <w:TrackMoves/><w:TrackFormatting/><w:PunctuationKerning/>
  <w:ValidateAgainstSchemas/><w:SaveIfXMLInvalid>false</w:SaveIfXMLInvalid>
 </w:WordDocument>
</xml><![endif]-->
<style>
<!--
 /* Style Definitions */
 p.MsoNormal, li.MsoNormal, div.MsoNormal
	{mso-style-unhide:no;mso-style-qformat:yes;margin:0cm;font-size:12.0pt;
	font-family:"Calibri",sans-serif;mso-fareast-language:EN-US;}
@page WordSection1 {size:595.3pt 841.9pt;margin:72.0pt 72.0pt 72.0pt 72.0pt;}
div.WordSection1 {page:WordSection1;}
-->
</style>
</head>
<body lang=EN-GB style='tab-interval:36.0pt;word-wrap:break-word'>
<!--StartFragment-->
<p class=MsoNormal><b><span style='font-size:14.0pt;mso-bidi-font-size:12.0pt;
font-family:"Georgia",serif'>Ferry strike ends after talks<o:p></o:p></span></b></p>
<p class=MsoNormal style='text-align:justify'><span style='font-family:"Georgia",serif;
mso-ansi-language:EN-GB'>Crews on the Bosphorus returned to work on Tuesday after the union
and the city <span class=SpellE>agreed</span> a new rota.<span style='mso-spacerun:yes'>&nbsp;
</span>Services run normally from <i>Wednesday</i>.<o:p></o:p></span></p>
<p class=MsoListParagraphCxSpFirst style='text-indent:-18.0pt;mso-list:l0 level1 lfo1'><![if !supportLists]><span
style='font-family:Symbol;mso-fareast-font-family:Symbol'><span style='mso-list:Ignore'>·<span
style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp; </span></span></span><![endif]><span
style='font-family:"Georgia",serif'>Evening crossings resume<o:p></o:p></span></p>
<p class=MsoNormal><span style='font-family:"Georgia",serif'>Read the
<a href="https://example.org/agreement.pdf"><span style='color:#0563C1'>full agreement</span></a>.<o:p></o:p></span></p>
<!--EndFragment-->
</body>
</html>"""


def assert_only_allowed_markup(html):
    """Parse the output again and accept only allowlisted tags, attributes and URL schemes."""

    class Checker(HTMLParser):
        def handle_starttag(self, tag, attrs):
            assert tag in ALLOWED_TAGS, f"<{tag}> got through: {html!r}"
            allowed = ALLOWED_ATTRIBUTES.get(tag, set()) | ALLOWED_ATTRIBUTES["*"]
            if tag == "a":
                allowed |= {"rel"}
            for name, value in attrs:
                assert name in allowed, f"{name}= on <{tag}> got through: {html!r}"
                if name in {"href", "src", "cite"}:
                    scheme = urlsplit(value.strip()).scheme.lower()
                    assert scheme in ALLOWED_URL_SCHEMES | {""}, f"{value!r} got through"

        def handle_comment(self, data):
            pytest.fail(f"a comment got through: {html!r}")

        def handle_decl(self, decl):
            pytest.fail(f"a declaration got through: {html!r}")

    Checker().feed(html)


def admin_form_body(body):
    """What the admin's body field (the prose editor field with our sanitizer) makes of a POST."""
    return ArticleAdminForm.base_fields["body"].clean(body)


@pytest.mark.parametrize(
    ("html", "gone", "kept"), [case[1:] for case in HOSTILE], ids=[case[0] for case in HOSTILE]
)
def test_hostile_html_loses_what_can_run_and_keeps_the_words(html, gone, kept):
    cleaned = sanitize_article_html(html)

    for fragment in gone:
        assert fragment.lower() not in cleaned.lower(), cleaned
    for fragment in kept:
        assert fragment in cleaned, cleaned
    assert_only_allowed_markup(cleaned)
    # Cleaning is stable: what is stored means the same when a browser parses it again.
    assert sanitize_article_html(cleaned) == cleaned
    assert admin_form_body(html) == cleaned


def test_the_corpus_is_big_enough_to_mean_something():
    assert len(HOSTILE) >= 30
    assert len({case[0] for case in HOSTILE}) == len(HOSTILE)


@pytest.mark.parametrize("html", [html for _, html in EDITOR_HTML], ids=[i for i, _ in EDITOR_HTML])
def test_what_the_editor_produces_survives_unchanged(html):
    assert sanitize_article_html(html) == html
    assert admin_form_body(html) == html


def test_links_get_rel_noopener_and_keep_their_address():
    cleaned = sanitize_article_html('<p><a href="https://example.org/a?b=1&amp;c=2">x</a></p>')

    assert cleaned == (
        '<p><a href="https://example.org/a?b=1&amp;c=2" rel="noopener noreferrer">x</a></p>'
    )


def test_a_word_paste_comes_out_clean_and_readable():
    cleaned = sanitize_article_html(WORD_PASTE)

    for fragment in [
        "mso",
        "Mso",
        "<o:p",
        "o:p",
        "style",
        "class",
        "<span",
        "xml",
        "WordDocument",
        "supportLists",
        "<!--",
        "Calibri",
        "file:",
        "<meta",
        "<link",
        "Normal",
    ]:
        assert fragment not in cleaned, fragment
    assert_only_allowed_markup(cleaned)
    assert "<p><b>Ferry strike ends after talks</b></p>" in cleaned
    assert "the city agreed a new rota." in " ".join(cleaned.split())
    assert "from <i>Wednesday</i>." in cleaned
    assert "Evening crossings resume</p>" in cleaned
    assert (
        '<a href="https://example.org/agreement.pdf" rel="noopener noreferrer">full agreement</a>'
        in cleaned
    )
    assert cleaned.count("<p>") == 4


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("html", "gone", "kept"), [case[1:] for case in HOSTILE], ids=[case[0] for case in HOSTILE]
)
def test_the_stored_body_is_the_cleaned_one(html, gone, kept):
    article = ArticleFactory(body=f"<p>Lead.</p>{html}")
    article.refresh_from_db()

    assert article.body == sanitize_article_html(f"<p>Lead.</p>{html}")
    for fragment in gone:
        assert fragment.lower() not in article.body.lower()
    for fragment in kept:
        assert fragment in article.body


@pytest.mark.django_db
def test_an_editor_pasting_word_and_hostile_html_in_the_admin_stores_only_clean_html(client):
    editor = User.objects.create_user("paster", "p@example.com", "pw", is_staff=True)
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    hostile = "".join(html for _, html, _, _ in HOSTILE)
    section = SectionFactory()

    response = client.post(
        reverse("admin:articles_article_add"),
        {
            "headline": "Ferry strike ends after talks",
            "standfirst": "Crews returned to work.",
            "body": WORD_PASTE + hostile,
            "section": section.pk,
            "tags": "Transport",
            "status": "draft",
            "published_at_0": "2026-03-02",
            "published_at_1": "10:00:00",
            "gallery_items-TOTAL_FORMS": "0",
            "gallery_items-INITIAL_FORMS": "0",
            "embeds-TOTAL_FORMS": "0",
            "embeds-INITIAL_FORMS": "0",
            "corrections-TOTAL_FORMS": "0",
            "corrections-INITIAL_FORMS": "0",
        },
    )

    assert response.status_code == 302, response.context["adminform"].form.errors
    body = Article.objects.get().body
    assert body == sanitize_article_html(WORD_PASTE + hostile)
    assert_only_allowed_markup(body)
    for needle in ["javascript", "onerror", "<script", "style", "mso", "evil.example"]:
        assert needle not in body.lower(), needle
    assert "Ferry strike ends after talks" in body
