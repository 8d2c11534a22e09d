"""Story bank for the Science & Technology desk. Institutes, companies and researchers are invented."""

from .content import Desk, Topic

RESEARCHER = "{researcher}"

SCIENCE = Desk(
    section="science-technology",
    weight=8,
    tags=("Science",),
    speakers=(RESEARCHER, RESEARCHER, "{outside_expert}", "a spokesperson for {university}"),
    subheads=("How it works", "What other scientists say", "Next steps"),
    closers=(
        "The findings were published in a peer-reviewed journal this week.",
        "The team plans to share its data with other researchers later this year.",
        "The project is funded by a national research grant and runs for another three years.",
    ),
    slots={
        "researcher": (
            "Dr Selin Aydın, who led the study at {university}",
            "Professor Kaan Özgür of {university}",
            "Dr Nilüfer Baran, a member of the research team",
        ),
        "outside_expert": (
            "Dr Marta Novak, a researcher who was not involved in the work",
            "Professor Hakan Tunç, an independent expert in the field",
        ),
        "crop": ("wheat", "hazelnut", "tomato", "olive", "cotton", "apricot"),
        "age": ("4,000", "6,500", "7,500", "9,000", "11,000"),
    },
    topics=(
        Topic(
            tags=("Artificial intelligence", "Agriculture"),
            scenes=("circuit", "molecules"),
            headlines=(
                "Researchers build AI tool to spot {crop} disease from phone photos",
                "{crop} farmers test app that diagnoses plant disease in seconds",
            ),
            standfirsts=(
                "The tool was trained on thousands of photographs taken by farmers and agricultural engineers.",
            ),
            paragraphs=(
                "Researchers at {university} have built a tool that uses artificial intelligence to recognise diseases in {crop} plants from photographs taken with an ordinary phone.",
                "The system was trained on about {thousand} images collected by farmers and agricultural engineers over three growing seasons.",
                "In field trials, it identified the most common diseases correctly in nine cases out of ten, the team said.",
                "The app works without an internet connection, which the researchers said was essential in remote fields.",
            ),
            quotes=(
                (
                    "A farmer who knows what is wrong a week earlier can save most of the harvest",
                    RESEARCHER,
                ),
                (
                    "Tools like this are only as good as the photos they learn from, and this team collected them carefully",
                    "{outside_expert}",
                ),
            ),
            captions=(
                "A circuit board. Researchers trained the tool on thousands of photographs of {crop} plants.",
            ),
        ),
        Topic(
            tags=("Space", "Satellites"),
            scenes=("globe", "circuit"),
            headlines=(
                "University-built satellite sends its first images from orbit",
                "Small satellite from {university} reaches orbit",
                "Student satellite from {university} begins mapping {region}",
            ),
            standfirsts=(
                "The shoebox-sized satellite will photograph farmland and coastlines for the next two years.",
            ),
            paragraphs=(
                "A small satellite built by students and engineers at {university} has sent its first images back to Earth, days after it was launched.",
                "The satellite, about the size of a shoebox, will photograph farmland, forests and coastlines to help track drought and erosion.",
                "More than {n} students worked on the project over four years, building much of the hardware in the university's own workshop.",
                "Its images will be made freely available to researchers and local authorities.",
            ),
            quotes=(
                (
                    "When the first picture came through, the whole room went silent, then everyone cheered",
                    RESEARCHER,
                ),
                (
                    "Small satellites have made space research possible for universities, not just agencies",
                    "{outside_expert}",
                ),
            ),
            captions=(
                "A globe crossed by orbits. The satellite will photograph farmland and coastlines.",
            ),
        ),
        Topic(
            tags=("Archaeology", "History"),
            scenes=("drought", "sea"),
            headlines=(
                "Archaeologists find {age}-year-old settlement near {city}",
                "Dig near {city} uncovers {age}-year-old village",
            ),
            standfirsts=(
                "Houses, hearths and tools suggest the site was lived in for centuries, the excavation team says.",
            ),
            paragraphs=(
                "Archaeologists have uncovered the remains of a settlement about {age} years old near {city}, the excavation team said on {weekday}.",
                "The team found the foundations of houses, hearths, grinding stones and tools made of obsidian, a volcanic glass traded over long distances.",
                "The site was found during work on a new road, which has been rerouted to protect it.",
                "Finds from the dig will go on display at the city museum next year.",
            ),
            quotes=(
                (
                    "Every season this site surprises us. It is older and larger than we thought",
                    "the head of the excavation team",
                ),
                (
                    "Sites like this change the map of where and how early farming spread",
                    "{outside_expert}",
                ),
            ),
            captions=(
                "Dry earth near {city}, where archaeologists are excavating the settlement.",
            ),
        ),
        Topic(
            tags=("Internet", "Rural life"),
            scenes=("circuit", "sea"),
            headlines=(
                "Fibre broadband to reach {big} villages in {region}",
                "Fast internet comes to {big} mountain villages in {region}",
            ),
            standfirsts=(
                "The project should let farmers, pupils and small businesses work online without travelling to town.",
            ),
            paragraphs=(
                "Fibre broadband will reach {big} villages in {region} by the end of next year under a government programme announced on {weekday}.",
                "Many of the villages currently rely on slow mobile connections that drop out in bad weather.",
                "Officials said the cables would be laid alongside new water pipes and road repairs to save money.",
                "Teachers said the change would help pupils who had struggled to follow online lessons.",
            ),
            quotes=(
                (
                    "Young people leave villages for many reasons. A bad internet connection should not be one of them",
                    "a spokesperson for the transport and infrastructure ministry",
                ),
                (
                    "I sell my cheese online now, but I have to drive to town to upload the photos",
                    "Fadime Yurt, who runs a small dairy",
                ),
            ),
            captions=("A circuit board. Fibre broadband will reach villages in {region}.",),
            speakers=("a spokesperson for the transport and infrastructure ministry",),
        ),
        Topic(
            tags=("Batteries", "Electric vehicles"),
            scenes=("factory", "molecules"),
            headlines=(
                "Battery plant in {city} starts production",
                "Researchers in {city} test cheaper battery made with sodium",
            ),
            standfirsts=(
                "The cells will go into electric buses and home energy storage, the developers say.",
            ),
            paragraphs=(
                "A battery plant in {city} began production on {weekday}, making cells for electric buses and for storing solar power at home.",
                "Engineers at {university} helped develop a cell that uses sodium instead of some of the lithium, which they say is cheaper and easier to source.",
                "The plant expects to reach full capacity within {n} months and to employ several hundred people.",
                "Demand for batteries is rising quickly as carmakers and power companies invest in electric vehicles and storage.",
            ),
            quotes=(
                (
                    "Sodium is everywhere. If it can do part of lithium's job, that changes the economics",
                    RESEARCHER,
                ),
                (
                    "The technology is promising, but it still has to prove itself over thousands of charging cycles",
                    "{outside_expert}",
                ),
            ),
            captions=("A molecular model. The new cells use sodium in place of some lithium.",),
        ),
    ),
)
