"""Who and what the demo newsroom is made of: sections, agencies, bylines and shared word lists.

Everything here is invented for this project. The agencies, companies, institutes and people do not
exist; officials appear by title only, so no real person is ever quoted saying invented words.
"""

from dataclasses import dataclass, field

SECTIONS = [
    # name, slug, order, description
    (
        "Türkiye",
        "turkiye",
        10,
        "News from across Türkiye's 81 provinces, from Ankara's ministries to town halls on the coast.",
    ),
    (
        "World",
        "world",
        20,
        "Diplomacy, conflict and daily life beyond our borders, reported for readers in Türkiye.",
    ),
    (
        "Politics",
        "politics",
        30,
        "Parliament, parties and the decisions made in Ankara, and what they mean for voters.",
    ),
    (
        "Economy",
        "economy",
        40,
        "Inflation, interest rates, jobs and trade: the numbers behind household budgets.",
    ),
    (
        "Business",
        "business",
        50,
        "Companies, markets and the people who run them, from family firms to listed groups.",
    ),
    (
        "Science & Technology",
        "science-technology",
        60,
        "Research, start-ups and the technology changing how we live and work.",
    ),
    (
        "Health",
        "health",
        70,
        "Hospitals, medicine and public health, with the evidence behind the headlines.",
    ),
    (
        "Environment",
        "environment",
        80,
        "Climate, water, wildlife and energy, from the Aegean coast to the eastern highlands.",
    ),
    ("Sport", "sport", 90, "Football, basketball, athletics and more, at home and abroad."),
    (
        "Culture & Arts",
        "culture-arts",
        100,
        "Film, music, books, exhibitions and the stage, reviewed and previewed.",
    ),
]

SOURCES = [
    # short name, full name, slug, website (all invented, on reserved example domains)
    (
        "BNA",
        "Bosphorus News Agency",
        "bosphorus-news-agency",
        "https://bosphorus-news.example.com/",
    ),
    ("LW", "Ledger Wire", "ledger-wire", "https://wire.ledger.example.org/"),
    ("CPS", "Capital Press Service", "capital-press-service", "https://capitalpress.example.net/"),
    (
        "MPA",
        "Meridian Press Agency",
        "meridian-press-agency",
        "https://meridian-press.example.org/",
    ),
    ("EAW", "Euro-Asian Wire", "euro-asian-wire", "https://euroasianwire.example.com/"),
]
# Agencies lean towards the desks they cover best; any agency may file for any section.
SOURCE_WEIGHTS = {
    "turkiye": {"BNA": 5, "CPS": 2, "LW": 2},
    "world": {"EAW": 4, "MPA": 4, "LW": 2},
    "politics": {"CPS": 5, "BNA": 3},
    "economy": {"LW": 4, "CPS": 2, "MPA": 1},
    "business": {"LW": 4, "BNA": 2},
    "science-technology": {"MPA": 3, "LW": 2, "EAW": 1},
    "health": {"BNA": 3, "MPA": 2},
    "environment": {"EAW": 3, "BNA": 2},
    "sport": {"BNA": 4, "EAW": 2},
    "culture-arts": {"MPA": 3, "BNA": 2},
}

AUTHORS = [
    # name, slug, role, sections covered, biography
    (
        "Elif Şahin",
        "elif-sahin",
        "Economy correspondent",
        ("economy", "business"),
        "Elif covers the central bank, inflation and public finances from Ankara.",
    ),
    (
        "Murat Kaplan",
        "murat-kaplan",
        "Ankara bureau chief",
        ("politics", "turkiye"),
        "Murat has reported on parliament and the ministries for fifteen years.",
    ),
    (
        "Zeynep Arslan",
        "zeynep-arslan",
        "Health reporter",
        ("health", "science-technology"),
        "Zeynep writes about hospitals, medicine and public health.",
    ),
    (
        "Can Özdemir",
        "can-ozdemir",
        "Sports editor",
        ("sport",),
        "Can edits the sports pages and follows football from the terraces up.",
    ),
    (
        "Deniz Aksoy",
        "deniz-aksoy",
        "Culture editor",
        ("culture-arts",),
        "Deniz reviews film and theatre and edits the weekend culture pages.",
    ),
    (
        "Hannah Whitfield",
        "hannah-whitfield",
        "Diplomatic correspondent",
        ("world", "politics"),
        "Hannah reports on foreign policy, summits and the region's conflicts.",
    ),
    (
        "Tomás Ribeiro",
        "tomas-ribeiro",
        "Business reporter",
        ("business", "economy"),
        "Tomás covers companies, start-ups and the stock market.",
    ),
    (
        "Ayşe Güler",
        "ayse-guler",
        "Environment correspondent",
        ("environment", "science-technology"),
        "Ayşe reports on climate, water and energy from İzmir.",
    ),
    (
        "Kerem Yıldırım",
        "kerem-yildirim",
        "İstanbul reporter",
        ("turkiye", "culture-arts"),
        "Kerem covers the city: its transport, housing and neighbourhoods.",
    ),
    (
        "Priya Natarajan",
        "priya-natarajan",
        "Technology correspondent",
        ("science-technology", "business"),
        "Priya writes about software, space and the people building them.",
    ),
    (
        "Selim Karabulut",
        "selim-karabulut",
        "Data editor",
        ("economy", "turkiye", "health"),
        "Selim turns official statistics into charts readers can trust.",
    ),
    (
        "Laura Brandt",
        "laura-brandt",
        "Europe correspondent",
        ("world",),
        "Laura reports from Brussels and Berlin on Europe's ties with Türkiye.",
    ),
    (
        "Oğuz Tekin",
        "oguz-tekin",
        "Southeast correspondent",
        ("turkiye", "environment"),
        "Oğuz reports from Diyarbakır on the southeast's towns and farms.",
    ),
]

SITE_DESK_CREDIT = "Illustration: {site} graphics desk"

# Slot values shared by every desk. A slot named here may appear in any template as {name}.
COMMON_SLOTS = {
    "city": (
        "İstanbul",
        "Ankara",
        "İzmir",
        "Bursa",
        "Antalya",
        "Adana",
        "Konya",
        "Gaziantep",
        "Diyarbakır",
        "Trabzon",
        "Eskişehir",
        "Çanakkale",
        "Samsun",
        "Kayseri",
        "Mersin",
        "Van",
        "Erzurum",
        "Edirne",
        "Muğla",
        "Hatay",
        "Şanlıurfa",
    ),
    "coast": ("İzmir", "Antalya", "Mersin", "Samsun", "Trabzon", "Çanakkale", "Muğla", "İstanbul"),
    "region": (
        "the Black Sea coast",
        "eastern Anatolia",
        "the Aegean",
        "the Marmara region",
        "central Anatolia",
        "the southeast",
        "the Mediterranean coast",
        "Thrace",
    ),
    "country": (
        "Germany",
        "Greece",
        "Azerbaijan",
        "Japan",
        "Brazil",
        "Egypt",
        "Kenya",
        "Indonesia",
        "Canada",
        "Poland",
        "Georgia",
        "Bulgaria",
        "Kazakhstan",
        "Spain",
        "Italy",
        "South Korea",
    ),
    "university": (
        "the Anatolia Institute of Technology",
        "Meander University",
        "the Pontus Institute for Advanced Study",
    ),
    "n": tuple(range(3, 19)),
    "big": tuple(range(120, 990, 35)),
    "pct": ("1.8", "2.4", "3.1", "3.6", "4.2", "5.5", "6.7", "7.9", "8.3", "9.4", "11.2", "12.6"),
    "thousand": ("4,000", "6,500", "12,000", "18,000", "25,000", "40,000", "75,000"),
    "lira": (
        "450 million",
        "1.2 billion",
        "2.8 billion",
        "640 million",
        "3.5 billion",
        "780 million",
    ),
}
# Slot values that are also tags: a story set in İzmir is tagged "İzmir".
TAGGED_SLOTS = ("city", "coast", "country", "team")


@dataclass(frozen=True)
class Topic:
    """One kind of story a desk writes; every template may use the desk's and the common slots.

    The first paragraph is always the story's opening one. A quote is either plain text, said by
    one of the topic's speakers (the desk's when the topic names none), or a pair (text, speaker)
    when only that speaker could say it. Closers and speakers given here replace the desk's;
    subheads are added to the desk's.
    """

    tags: tuple
    scenes: tuple
    headlines: tuple
    standfirsts: tuple
    paragraphs: tuple
    quotes: tuple
    captions: tuple
    subheads: tuple = ()
    closers: tuple = ()
    speakers: tuple = ()
    lists: tuple = ()  # (introductory sentence, items): one may follow the story's paragraphs


@dataclass(frozen=True)
class Desk:
    """A section's story bank: its topics, who it quotes, and the furniture of its articles."""

    section: str
    weight: int
    tags: tuple
    speakers: tuple
    subheads: tuple
    closers: tuple
    topics: tuple
    slots: dict = field(default_factory=dict)
