"""Story bank for the Culture & Arts desk. Every artist, festival, gallery and book here is invented."""

from .content import Desk, Topic

CRITIC = "{critic}"

CULTURE = Desk(
    section="culture-arts",
    weight=7,
    tags=("Culture",),
    speakers=(CRITIC, "{artist}", "the festival director"),
    subheads=("On stage", "Behind the scenes", "What to see"),
    closers=(
        "Tickets go on sale at the box office and online next week.",
        "The exhibition is open every day except Monday; entry is free for students.",
        "The programme will tour {n} cities before the end of the season.",
    ),
    slots={
        "critic": (
            "Leyla Ertem, a theatre critic",
            "Okan Sezer, who writes about film",
            "Defne Kalkan, a curator and art historian",
        ),
        "artist": (
            "the painter Zerrin Akay",
            "the composer Tolga Yalın",
            "the director Aslı Demirkan",
            "the novelist Murat Ilgaz",
        ),
        "festival": (
            "the Bosphorus Film Days",
            "the Aegean Jazz Week",
            "the Anatolian Folk Music Festival",
            "the Harbour Theatre Festival",
        ),
        "venue": (
            "the Galata Arts Hall",
            "the Old Tobacco Warehouse gallery",
            "the Kordon Stage",
            "the City Opera House",
        ),
        "book": (
            "The Salt Road",
            "A House in Kuzguncuk",
            "Winter Ferries",
            "The Last Caravanserai",
        ),
        "film": ("Lodos", "The Ninth Village", "Sparrows of Konak", "Quiet Harbour"),
    },
    topics=(
        Topic(
            tags=("Film", "Festivals"),
            scenes=("stage",),
            headlines=(
                "{festival} opens with debut feature '{film}'",
                "'{film}' wins top prize at {festival}",
                "First-time director's '{film}' is the talk of {festival}",
            ),
            standfirsts=(
                "The programme includes more than {n}0 films from home and abroad, with screenings in {city} and online.",
            ),
            paragraphs=(
                "{festival} opened in {city} on {weekday} with '{film}', the first feature by a director who made short films for a decade.",
                "The film follows three generations of one family through a single winter, and was shot almost entirely on location.",
                "Organisers said ticket sales were up on last year, with many screenings sold out within hours.",
                "A selection of the festival's films will be shown free of charge in village squares across {region} later this month.",
            ),
            quotes=(
                (
                    "I wanted to film the light of the place I grew up in, before it changes for good",
                    "{artist}",
                ),
                (
                    "It is a patient, generous film, and the audience stayed for every minute of the credits",
                    CRITIC,
                ),
            ),
            captions=("A stage under the lights. '{film}' opened {festival}.",),
        ),
        Topic(
            tags=("Art", "Exhibitions"),
            scenes=("stage", "abstract"),
            headlines=(
                "{venue} opens retrospective of {artist}",
                "Forty years of work by {artist} go on show at {venue}",
            ),
            standfirsts=(
                "More than {big} works, many never shown in public, fill three floors of the gallery.",
            ),
            paragraphs=(
                "{venue} in {city} has opened a retrospective of {artist}, bringing together more than {big} works from four decades.",
                "Many of the pieces come from private collections and have never been shown in public before.",
                "The exhibition follows the artist's move from large abstract canvases to small, quiet studies of everyday objects.",
                "Curators said they expected the show to draw visitors from across the country before it closes in the spring.",
            ),
            quotes=(
                (
                    "Seeing it all together, I understand for the first time what I was looking for",
                    "{artist}",
                ),
                (
                    "This is the exhibition of the year, and a lesson in how to hang a retrospective",
                    CRITIC,
                ),
            ),
            captions=("An abstract composition. The retrospective fills three floors of {venue}.",),
        ),
        Topic(
            tags=("Books", "Literature"),
            scenes=("abstract",),
            headlines=(
                "'{book}' wins national novel prize",
                "Debut novel '{book}' becomes a surprise bestseller",
                "'{book}' to be translated into {n} languages",
            ),
            standfirsts=(
                "The novel, set in {city} over one summer, has sold out its first three print runs.",
            ),
            paragraphs=(
                "'{book}', a novel by {artist}, has won this year's national novel prize, the jury announced on {weekday}.",
                "The book follows a ferry captain and his daughter over one summer in {city}, and has sold out its first three print runs.",
                "Foreign rights have been sold to publishers in {country} and elsewhere, and a film adaptation is in discussion.",
                "The prize comes with a grant and a residency abroad for the writer's next project.",
            ),
            quotes=(
                (
                    "I wrote it at my kitchen table at night, never thinking anyone would read it",
                    "{artist}",
                ),
                ("It is a book about a city that manages to be about everyone's city", CRITIC),
            ),
            captions=("An abstract composition. '{book}' has sold out three print runs.",),
        ),
        Topic(
            tags=("Music", "Concerts"),
            scenes=("stage",),
            headlines=(
                "{festival} announces line-up with {n} orchestras",
                "Open-air concert draws thousands to {city} seafront",
            ),
            standfirsts=(
                "Concerts will be held in historic venues and open-air stages, with free tickets for students.",
            ),
            paragraphs=(
                "{festival} will bring {n} orchestras and dozens of soloists to {city} this season, organisers said on {weekday}.",
                "Concerts will be held in historic buildings, courtyards and on an open-air stage by the water.",
                "For the first time, a share of every performance's tickets will be given free to students and young musicians.",
                "The programme closes with a new work by {artist}, commissioned for the festival.",
            ),
            quotes=(
                (
                    "Music belongs in the squares as much as in the concert hall",
                    "the festival director",
                ),
                ("The line-up is adventurous without forgetting the audience", CRITIC),
            ),
            captions=("A stage lit for a concert. {festival} announced its line-up.",),
        ),
        Topic(
            tags=("Heritage", "Museums"),
            scenes=("skyline", "sea"),
            headlines=(
                "Restored caravanserai in {city} reopens as a museum",
                "{city}'s old customs house to become a cultural centre",
            ),
            standfirsts=(
                "The building, closed for {n} years, will house a library, workshops and exhibition halls.",
            ),
            paragraphs=(
                "A historic building in {city} that had been closed for {n} years reopened on {weekday} as a museum and cultural centre.",
                "Restorers spent three years repairing the stone walls and the wooden roof, using traditional methods and local materials.",
                "The centre will hold a library, craft workshops and exhibition halls, and will be free to enter on weekdays.",
                "Officials hope the project will bring visitors to an old quarter that many shops had left.",
            ),
            quotes=(
                (
                    "We did not want a museum behind glass; we wanted a building the neighbours use every day",
                    "the head of the restoration team",
                ),
                (
                    "This is how heritage should be treated: carefully, and with the city in mind",
                    CRITIC,
                ),
            ),
            captions=("The skyline of {city}, where the historic building has reopened.",),
        ),
    ),
)
