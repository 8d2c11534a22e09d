"""Story bank for the Türkiye desk, and the breaking story. All events, people and quotes are invented."""

from .content import Desk, Topic

RESIDENT = "{resident}"
OFFICIAL = "a spokesperson for the municipality"

TURKIYE = Desk(
    section="turkiye",
    weight=15,
    tags=("Türkiye",),
    speakers=(
        "the governor of {city}",
        "a spokesperson for the municipality",
        "a senior official at the provincial directorate",
    ),
    subheads=("What residents say", "Costs and funding", "What happens next"),
    closers=(
        "Officials in {city} said further announcements were expected after a council meeting next month.",
        "Residents can follow updates through the governor's office and the municipality's call centre.",
        "The governor's office said it would give an update at its weekly briefing.",
    ),
    slots={
        "resident": (
            "Hatice Koç, who runs a bakery in the city centre",
            "Emre Baysal, a taxi driver",
            "Gülsüm Ateş, a retired teacher",
            "Nihan Eren, a university student",
            "Kemal Aydoğan, a shop owner",
        ),
        "fisher": (
            "Bülent Uçar, who has fished these waters for thirty years",
            "Sevim Kara, a boat owner",
            "İsmail Oral, head of the local fishing cooperative",
        ),
        "magnitude": ("5.9", "6.1", "6.2", "6.4"),
        "engineer": (
            "Ozan Yurt, a structural engineer at a local university",
            "Melis Türkmen, who heads the city's disaster planning unit",
        ),
        "hotelier": (
            "Levent Akın, who runs a family hotel in the town",
            "Sibel Özer, chair of the local hoteliers' association",
        ),
        "union": (
            "a spokesperson for the teachers' union",
            "the head of the teachers' union branch",
        ),
    },
    topics=(
        Topic(
            tags=("Transport", "Infrastructure"),
            scenes=("skyline",),
            headlines=(
                "{city} opens {n}-kilometre metro extension after years of delays",
                "New metro line in {city} carries its first passengers",
                "{city} metro extension opens with {n} new stations",
            ),
            standfirsts=(
                "The municipality says the line will take thousands of cars off the road each day; commuters say they will believe it when they see it.",
                "The first trains ran on {weekday} morning, several years after work began and well over the original budget.",
            ),
            paragraphs=(
                "The first trains on the new metro line in {city} ran on {weekday} morning, several years after construction began and after repeated delays blamed on funding and difficult ground.",
                "The project has cost {lira} lira so far, most of it from the municipal budget, officials said.",
                "Trains will run every four minutes at peak times, and the line connects with {n} bus routes at its two busiest stations.",
                "Engineers said the hardest section ran beneath the old town, where archaeologists were called in twice after workers found remains of earlier buildings.",
                "Opposition councillors questioned the final cost and asked for the contracts to be published in full, a request the municipality said it would consider.",
            ),
            quotes=(
                "For years people have spent an hour in traffic to travel a few kilometres. This changes that",
                (
                    "I will believe it when I can get to work without changing buses three times",
                    RESIDENT,
                ),
                ("Every new line brings more people to the shops along the route", RESIDENT),
            ),
            captions=(
                "{city} at dusk. The municipality says the new line will take thousands of cars off the road.",
                "Commuters in {city} have waited years for faster journeys across the city.",
            ),
        ),
        Topic(
            tags=("Transport", "Cost of living"),
            scenes=("skyline", "sea"),
            headlines=(
                "Bus and tram fares in {city} to rise {pct}% from next month",
                "{city} raises public transport fares by {pct}%",
                "Commuters in {city} face {pct}% fare rise",
            ),
            standfirsts=(
                "The transport board blames fuel and wage costs; passenger groups say the increase will hit students and pensioners hardest.",
                "Monthly passes for students and pensioners will rise by less, the municipality says.",
            ),
            paragraphs=(
                "Public transport fares in {city} will rise by {pct}% from the first of next month, the municipal transport board decided on {weekday}.",
                "The board said fuel, spare parts and wages had all become more expensive, and that fares had not kept pace for more than a year.",
                "Discounted passes for students, teachers and people over 65 will rise by about half as much, officials said.",
                "Passenger groups said the increase would push more people back into cars and called for a larger subsidy from the city budget.",
            ),
            quotes=(
                (
                    "Nobody likes raising fares, but the alternative is fewer buses and longer waits",
                    OFFICIAL,
                ),
                (
                    "I take two buses each way. Every increase comes straight out of the food budget",
                    RESIDENT,
                ),
                "We have kept the student and pensioner passes as low as we can",
            ),
            captions=("Buses and trams in {city} will cost {pct}% more from next month.",),
        ),
        Topic(
            tags=("Earthquakes", "Housing"),
            scenes=("skyline",),
            headlines=(
                "{city} to inspect {thousand} older buildings for earthquake safety",
                "Engineers to check {thousand} buildings in {city} for earthquake risk",
            ),
            standfirsts=(
                "Engineers will start with buildings put up before modern building codes, the provincial disaster office says.",
                "Owners of buildings found to be at risk will be offered cheap loans to strengthen or rebuild them.",
            ),
            paragraphs=(
                "Engineers will inspect {thousand} buildings in {city} over the coming year to check whether they could withstand a major earthquake, the provincial disaster office said on {weekday}.",
                "Inspections will begin in {n} districts where most homes were built before the current building code took effect.",
                "Owners of buildings found to be at risk will be offered low-interest loans to strengthen them or rebuild, with the state covering part of the cost.",
                "Teams will take core samples from concrete columns and check the steel inside, a process that takes about a day for each building.",
                "The results will go into a public database so that tenants and buyers can check a building before they sign a contract.",
            ),
            quotes=(
                "We cannot predict when the next earthquake will come, but we can decide how ready we are for it",
                (
                    "My family has lived in this building for thirty years. We want to know it is safe",
                    RESIDENT,
                ),
                (
                    "People are worried, and they are right to be. The worst thing we could do is nothing",
                    "{engineer}",
                ),
            ),
            captions=(
                "Apartment blocks in {city}, where engineers will begin inspecting older buildings this month.",
                "Much of {city}'s housing was built before the current building code took effect.",
            ),
            lists=(
                (
                    "The provincial disaster office listed the next steps:",
                    (
                        "inspections begin in the oldest districts first",
                        "a telephone line opens for residents with questions",
                        "progress reports go to the city council every month",
                        "owners whose buildings fail can apply for low-interest loans",
                    ),
                ),
            ),
        ),
        Topic(
            tags=("Earthquakes", "Emergency services"),
            scenes=("skyline",),
            headlines=(
                "Earthquake drill in {city} tests emergency services and {big} volunteers",
                "{city} stages its largest earthquake drill yet",
            ),
            standfirsts=(
                "Sirens sounded across the city at ten in the morning as schools, hospitals and offices practised their evacuation plans.",
            ),
            paragraphs=(
                "Sirens sounded across {city} at ten on {weekday} morning as schools, hospitals and offices practised what to do in a major earthquake.",
                "Search and rescue teams worked through a mock collapsed building while {big} volunteers set up tents, kitchens and a field hospital in a city park.",
                "Officials said the drill showed that mobile networks became overloaded within minutes, and that the city needed more radios for its emergency teams.",
                "Schools in the province now hold evacuation practice twice a term, and every neighbourhood has a designated gathering point marked with green signs.",
            ),
            quotes=(
                "The point of a drill is to find what goes wrong while it does not matter",
                ("We learned more today than in a month of meetings", "{engineer}"),
                (
                    "My children knew exactly where to go. That gives me some peace of mind",
                    RESIDENT,
                ),
            ),
            captions=(
                "{city}, where schools, hospitals and offices took part in an earthquake drill.",
            ),
        ),
        Topic(
            tags=("Tourism",),
            scenes=("sea",),
            headlines=(
                "Foreign arrivals in {coast} up {pct}% as the season starts early",
                "{coast} hotels report record bookings from {country}",
                "Visitors from {country} lead {pct}% rise in {coast} tourism",
            ),
            standfirsts=(
                "Tourism officials credit new flight routes; hoteliers warn that rising costs are eating into their margins.",
                "The figures from the provincial tourism directorate point to another strong year on the coast.",
            ),
            paragraphs=(
                "Foreign visitor numbers in {coast} rose {pct}% last month compared with a year earlier, with visitors from {country} the largest group, figures from the provincial tourism directorate showed.",
                "Hotel owners said bookings for the coming months were strong, but that higher wages, energy bills and food prices had squeezed their profits.",
                "New direct flights from several European cities have made the coast easier to reach, and the airport has extended its opening hours to cope.",
                "Local guides said visitors were staying longer and travelling further inland, to villages and archaeological sites that used to see few tourists.",
                "Tourism employs about one in five working people in the province, according to the chamber of commerce.",
            ),
            quotes=(
                (
                    "We are full until the end of the season, which we have not said for a long time",
                    "{hotelier}",
                ),
                (
                    "The visitors are coming, but every month our costs go up faster than our prices",
                    "{hotelier}",
                ),
                "People want more than a beach now. They want the food, the villages, the history",
            ),
            captions=(
                "The coast near {coast}, where hotels report strong bookings for the coming months.",
                "Visitors from {country} are the largest group arriving in {coast} this year, officials say.",
            ),
        ),
        Topic(
            tags=("Education",),
            scenes=("skyline", "abstract"),
            headlines=(
                "{big} new classrooms to open in {region} before the next school term",
                "Double shifts to end in {n} more districts of {region}",
            ),
            standfirsts=(
                "The education ministry says the programme will ease crowded classrooms; teachers' unions say more staff are needed too.",
            ),
            paragraphs=(
                "The education ministry will open {big} new classrooms in {region} before the next school term, allowing schools in {n} districts to end double shifts, under which pupils attend either in the morning or the afternoon.",
                "Class sizes in some districts reach more than 40 pupils, well above the national average, according to ministry figures.",
                "Teachers' unions welcomed the investment but said the region was short of hundreds of teachers, especially in mathematics and science.",
                "The classrooms will be funded from the central budget for three years, after which provinces will be expected to share the cost.",
            ),
            quotes=(
                "Children cannot learn properly in a class of forty-five",
                ("Buildings are important, but a school is its teachers", "{union}"),
                ("This is the first year my daughter will have a full school day", RESIDENT),
            ),
            captions=(
                "A school district in {region}, where new classrooms are due to end double shifts.",
            ),
            speakers=(
                "a spokesperson for the education ministry",
                "the head of the regional education directorate",
            ),
            closers=(
                "The ministry said it would publish a list of the schools affected before the end of the month.",
            ),
        ),
        Topic(
            tags=("Weather", "Floods"),
            scenes=("sea", "skyline"),
            headlines=(
                "Heavy rain floods streets in {city}; schools closed for the day",
                "Flash floods in {city} close roads and schools",
            ),
            standfirsts=(
                "The disaster agency says teams are on standby; forecasters expect the rain to ease by the weekend.",
            ),
            paragraphs=(
                "Heavy rain flooded streets and underpasses in {city} on {weekday}, and the governor's office closed schools for the day.",
                "Emergency teams pumped water from basements through the night, and several main roads were closed for hours.",
                "No deaths were reported, but {n} people were treated in hospital for minor injuries, the provincial health directorate said.",
                "Forecasters said more rain was likely for at least two days and asked residents to avoid unnecessary travel.",
            ),
            quotes=(
                ("The water came up to the second step of the shop in twenty minutes", RESIDENT),
                "Our teams are working around the clock and we have asked people to stay at home if they can",
                "We see weather like this more often than we used to",
            ),
            captions=(
                "Storm clouds over {city}. Forecasters expect the unsettled weather to continue.",
            ),
        ),
        Topic(
            tags=("Weather", "Fishing"),
            scenes=("sea",),
            headlines=(
                "Storm damages fishing boats along the coast near {coast}",
                "Gale keeps fishing boats in port along the coast near {coast}",
            ),
            standfirsts=("Fishermen say the lost days come at the worst time of the season.",),
            paragraphs=(
                "Strong winds and high seas kept fishing boats in harbour along the coast near {coast} on {weekday}, and several small boats were damaged at their moorings.",
                "The coastguard said it had rescued the crew of one boat that lost power near the shore; all {n} people on board were unhurt.",
                "Fishermen said the season had already been poor, and that each lost day cost them fuel, wages and catch.",
                "The meteorological service expects the wind to drop by the end of the week.",
            ),
            quotes=(
                (
                    "We have had more storm days this season than in the last three together",
                    "{fisher}",
                ),
                ("A boat that stays in port still has to be paid for", "{fisher}"),
                "We ask everyone to respect the warnings. No catch is worth a life",
            ),
            captions=(
                "The coast near {coast}, where fishing boats stayed in harbour during the storm.",
            ),
            closers=(
                "The coastguard asked boat owners to check their moorings before the next storm.",
            ),
        ),
    ),
)

# The one breaking story: written minutes after the event, with little known yet; its live
# coverage (live/demo.py) follows the hours since.
BREAKING = Topic(
    tags=("Earthquakes", "Breaking news"),
    scenes=("skyline",),
    headlines=(
        "Magnitude {magnitude} earthquake strikes {city}; rescue teams search collapsed buildings",
    ),
    standfirsts=(
        "The tremor was felt in neighbouring provinces. Several older buildings collapsed and field teams are searching them; this story is being updated.",
    ),
    paragraphs=(
        "An earthquake of magnitude {magnitude} struck {city} shortly before the hour, the disaster agency said, sending residents out into the streets.",
        "The agency said the tremor was centred about {n} kilometres from the city centre at a depth of roughly seven kilometres.",
        "There were no immediate reports of deaths, but several older buildings collapsed in the old quarter and teams were inspecting schools as a precaution.",
        "Residents were advised to stay away from damaged buildings and to follow official channels rather than messages shared on social media.",
        "Several aftershocks were recorded in the first minutes, the largest of magnitude 4.6.",
    ),
    quotes=(
        (
            "Our teams are in the field and searching every damaged building. We will reach everyone",
            "the governor of {city}",
        ),
        ("The whole building shook for about ten seconds. Everyone ran outside", RESIDENT),
        (
            "Please do not go back into buildings that show cracks until engineers have checked them",
            "{engineer}",
        ),
    ),
    captions=("{city}, where a magnitude {magnitude} earthquake was felt across the province.",),
    closers=(
        "This is a developing story and will be updated as more information becomes available.",
    ),
)
