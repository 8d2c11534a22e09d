"""Story bank for the Environment desk. All measurements, groups and people are invented."""

from .content import Desk, Topic

SCIENTIST = "{scientist}"
CAMPAIGNER = "{campaigner}"

ENVIRONMENT = Desk(
    section="environment",
    weight=7,
    tags=("Environment",),
    speakers=(
        SCIENTIST,
        CAMPAIGNER,
        "a spokesperson for the environment ministry",
        "the governor of {city}",
    ),
    subheads=("Why it matters", "A changing climate", "What can be done"),
    closers=(
        "The environment ministry said it would publish its own assessment later this year.",
        "Campaigners said they would keep monitoring the site.",
        "Scientists say the coming decade will decide how well the region adapts.",
    ),
    slots={
        "level": ("18", "22", "27", "31", "36", "41"),
        "scientist": (
            "Dr Pelin Kuzey, a climate scientist at {university}",
            "Professor Ahmet Yalın, a hydrologist at {university}",
            "Dr Irmak Sezgin, a marine biologist",
        ),
        "campaigner": (
            "Gizem Acar of the Clean Aegean Network",
            "Rıza Koyuncu of the Anatolian Rivers Alliance",
            "Mine Tuncer, a volunteer with a local nature group",
        ),
    },
    topics=(
        Topic(
            tags=("Drought", "Water"),
            scenes=("drought",),
            headlines=(
                "Reservoirs serving {city} fall to {level}% of capacity",
                "{city} asks residents to save water as reservoirs run low",
            ),
            standfirsts=(
                "Officials have not ruled out night-time water cuts if the autumn rains are weak.",
            ),
            paragraphs=(
                "Reservoirs supplying {city} have fallen to {level}% of capacity, the water utility said on {weekday}, the lowest level for this time of year in over a decade.",
                "Officials asked residents to take shorter showers, fix leaking taps and avoid washing cars and balconies with hoses.",
                "The utility said it had not ruled out night-time water cuts if the autumn and winter rains were weaker than normal.",
                "About a third of the city's treated water is lost through leaking pipes before it reaches homes, according to a recent audit.",
            ),
            quotes=(
                ("We are using water as if it will always be there. It will not", SCIENTIST),
                ("Fixing the pipes would save more water than any campaign", CAMPAIGNER),
                (
                    "Every household can help by changing small habits",
                    "a spokesperson for the water utility",
                ),
            ),
            captions=(
                "Cracked earth at a reservoir that supplies {city}, now at {level}% of capacity.",
            ),
        ),
        Topic(
            tags=("Wildfires", "Forests"),
            scenes=("forest", "drought"),
            headlines=(
                "Wildfire near {coast} brought under control after {n} hours",
                "Firefighters battle forest blaze near {coast}",
            ),
            standfirsts=(
                "Planes and helicopters joined hundreds of firefighters; several villages were evacuated as a precaution.",
            ),
            paragraphs=(
                "A forest fire near {coast} was brought under control after {n} hours, the forestry directorate said on {weekday}.",
                "Firefighting planes and helicopters joined hundreds of firefighters and volunteers on the ground, and several villages were evacuated as a precaution.",
                "There were no reports of injuries, but officials said a large area of pine forest had been damaged.",
                "The cause of the fire is being investigated. Officials reminded visitors that lighting fires in forests is banned during the summer.",
            ),
            quotes=(
                (
                    "The wind changed direction twice, which made this fire very hard to fight",
                    "a spokesperson for the forestry directorate",
                ),
                (
                    "Burned forest can recover, but only if it is protected from building afterwards",
                    CAMPAIGNER,
                ),
            ),
            captions=(
                "Pine forest near {coast}, where firefighters brought the blaze under control.",
            ),
        ),
        Topic(
            tags=("Renewable energy", "Wind power"),
            scenes=("forest",),
            headlines=(
                "New wind farm near {city} to power {thousand} homes",
                "{n} turbines go up on ridge above {city}",
            ),
            standfirsts=(
                "The developer says the farm will be running by next summer; some villagers worry about noise and roads.",
            ),
            paragraphs=(
                "A wind farm with {n} turbines is being built on a ridge near {city} and will produce enough electricity for about {thousand} homes, the developer said on {weekday}.",
                "Wind and solar power now provide a growing share of the country's electricity, although gas and coal still dominate.",
                "Some villagers have raised concerns about noise and about new roads cut through the forest to reach the site.",
                "The developer said it had changed the layout of the turbines after consulting residents and bird experts.",
            ),
            quotes=(
                (
                    "Every turbine here means less gas we have to import",
                    "the developer's project manager",
                ),
                (
                    "We are not against wind power. We want to be asked before the bulldozers arrive",
                    "a villager who lives below the ridge",
                ),
            ),
            captions=("Wind turbines on a ridge above {city}.",),
        ),
        Topic(
            tags=("Wildlife", "Sea turtles"),
            scenes=("sea",),
            headlines=(
                "Record {big} sea turtle nests counted on beaches near {coast}",
                "Volunteers guard sea turtle nests on beaches near {coast}",
            ),
            standfirsts=(
                "Volunteers mark and protect the nests; hotels are asked to dim beach lights at night.",
            ),
            paragraphs=(
                "Volunteers counted {big} sea turtle nests on beaches near {coast} this season, the most since records began, the local nature group said.",
                "Loggerhead and green turtles come ashore at night to lay their eggs in the sand, and the hatchlings head for the sea about two months later.",
                "Volunteers mark each nest with a cage to protect it from people and animals, and hotels are asked to dim lights near the beach.",
                "Scientists said the rise was encouraging but warned that warmer sand produces more female hatchlings, which could upset the balance of the population.",
            ),
            quotes=(
                (
                    "Every morning we walk the beach at dawn to look for new tracks",
                    "Mine Tuncer, a volunteer with a local nature group",
                ),
                (
                    "Good news, but the heat is changing these beaches in ways we are only beginning to understand",
                    "Dr Irmak Sezgin, a marine biologist",
                ),
            ),
            captions=(
                "The coast near {coast}, where volunteers counted a record number of turtle nests.",
            ),
        ),
        Topic(
            tags=("Air pollution",),
            scenes=("factory", "skyline"),
            headlines=(
                "Air pollution in {city} above safe levels on {n} days this month",
                "{city} plans low-emission zone to clean up its air",
            ),
            standfirsts=(
                "Doctors say the dirty air is worst on cold, still days, when coal heating and traffic combine.",
            ),
            paragraphs=(
                "Air pollution in {city} exceeded safe levels on {n} days this month, according to readings from the environment ministry's monitoring stations.",
                "Doctors said the pollution was worst on cold, still days, when smoke from coal heating and exhaust from traffic are trapped over the city.",
                "The municipality is considering a low-emission zone in the centre and is offering grants to replace old coal stoves.",
                "Industry groups said factories had already cut emissions and that heating and traffic were the main sources.",
            ),
            quotes=(
                (
                    "On the worst days, children with asthma fill our emergency room",
                    "a paediatrician in {city}",
                ),
                ("Clean air is possible. Other cities have done it in a decade", SCIENTIST),
            ),
            captions=(
                "Chimneys over {city}, where air pollution exceeded safe levels on {n} days this month.",
            ),
        ),
        Topic(
            tags=("Recycling", "Plastic"),
            scenes=("abstract", "sea"),
            headlines=(
                "{city} to launch deposit scheme for plastic bottles",
                "{city} bans single-use plastic in municipal buildings",
            ),
            standfirsts=(
                "The municipality says the scheme will cut litter on streets and beaches; shops say they need time to prepare.",
            ),
            paragraphs=(
                "Shoppers in {city} will be able to return plastic bottles and cans for a small refund under a scheme announced by the municipality on {weekday}.",
                "Machines that take the bottles will be installed in supermarkets, metro stations and parks over the coming months.",
                "Single-use plastic cups, plates and cutlery will also be banned in municipal buildings from next year.",
                "Campaigners welcomed the plan, saying plastic was the most common litter on the country's beaches.",
            ),
            quotes=(
                (
                    "Most of what we find on the beach is bottles and caps. A deposit changes that",
                    CAMPAIGNER,
                ),
                (
                    "Shops support the idea, but we need time and clear rules",
                    "a spokesperson for the city's retailers' association",
                ),
            ),
            captions=(
                "An abstract illustration. {city} is launching a deposit scheme for bottles and cans.",
            ),
        ),
    ),
)
