"""Story bank for the World desk. Countries are real, the events and everyone quoted are invented."""

from .content import Desk, Topic

DIPLOMAT = "a senior diplomat who asked not to be named because the talks are private"

WORLD = Desk(
    section="world",
    weight=13,
    tags=("World",),
    speakers=(
        "a spokesperson for the foreign ministry in Ankara",
        "a United Nations official in the region",
        "{observer}",
        "{observer}",
    ),
    subheads=("The view from Ankara", "What comes next", "Background"),
    closers=(
        "The foreign ministry in Ankara said it was following events closely.",
        "Turkish citizens in the area were advised to contact the nearest consulate.",
        "Further talks are expected in the coming weeks.",
    ),
    slots={
        "worldcity": (
            "Brussels",
            "Vienna",
            "Nairobi",
            "Tokyo",
            "Baku",
            "Cairo",
            "Lisbon",
            "Warsaw",
            "Jakarta",
            "Ottawa",
        ),
        "observer": (
            "Clara Weissmann, a senior fellow at the Danube Institute for Foreign Affairs",
            "Farid Haddad, who teaches international relations at Meander University",
            "Anna Kowalczyk, a regional analyst at the Baltic-Black Sea Forum",
        ),
    },
    topics=(
        Topic(
            tags=("Elections",),
            scenes=("globe", "parliament"),
            headlines=(
                "{country} votes in closely fought general election",
                "Polls open in {country} as cost of living dominates campaign",
                "{country} heads for coalition talks after inconclusive vote",
            ),
            standfirsts=(
                "Surveys suggest no party will win a majority, leaving weeks of coalition talks ahead.",
            ),
            paragraphs=(
                "Voters in {country} went to the polls on {weekday} in an election dominated by prices, housing and migration, with surveys suggesting no party would win a majority.",
                "Turnout by early afternoon was slightly higher than at the last election, the electoral commission said.",
                "Several parties have ruled out governing together, which analysts said could make coalition talks long and difficult.",
                "About {thousand} Turkish citizens living in {country} are registered to vote there, according to the Turkish embassy.",
                "Trade between Türkiye and {country} has grown steadily, and Ankara will be watching for any change in policy on visas and trade.",
            ),
            quotes=(
                "Whoever forms the next government will inherit a tired electorate and a tight budget",
                "The campaign was about the price of bread and rent, not about grand ideas",
            ),
            captions=("A globe marking {country}, where voters went to the polls this week.",),
            speakers=("{observer}",),
        ),
        Topic(
            tags=("Floods", "Humanitarian aid"),
            scenes=("sea", "globe"),
            headlines=(
                "Floods in {country} force {thousand} people from their homes",
                "Aid convoys reach flood-hit towns in {country}",
                "Türkiye sends relief flights to flood-hit {country}",
            ),
            standfirsts=(
                "Rescue teams are still searching cut-off villages; aid agencies warn of shortages of clean water.",
            ),
            paragraphs=(
                "Floods in {country} have forced about {thousand} people from their homes after days of heavy rain, officials there said on {weekday}.",
                "Rescue teams used boats to reach villages cut off by the water, and schools and sports halls were turned into shelters.",
                "Türkiye's disaster agency said {n} cargo planes carrying tents, blankets and water purification kits had left for the region.",
                "Aid agencies warned that the risk of disease would rise unless clean water reached the worst-hit areas quickly.",
            ),
            quotes=(
                (
                    "We are sending what was asked for, and we are ready to send more",
                    "a spokesperson for Türkiye's disaster agency",
                ),
                (
                    "The first days are about rescue. The weeks after are about water, food and shelter",
                    "a United Nations official in the region",
                ),
                (
                    "Some villages can only be reached by boat or helicopter",
                    "a relief worker in {country}",
                ),
            ),
            captions=("Flooded lowlands in {country}, where thousands have left their homes.",),
        ),
        Topic(
            tags=("Diplomacy", "Energy"),
            scenes=("globe", "parliament"),
            headlines=(
                "Regional leaders meet in {worldcity} to discuss energy and migration",
                "Summit in {worldcity} ends with pledge to link power grids",
            ),
            standfirsts=(
                "Türkiye's delegation pressed for new gas and electricity links; the final statement was short on detail.",
            ),
            paragraphs=(
                "Leaders and ministers from {n} countries met in {worldcity} on {weekday} for talks dominated by energy prices, migration and trade routes.",
                "The final statement pledged closer links between national power grids and a joint fund for cross-border projects, but set no figures.",
                "Türkiye's delegation, led by the foreign minister, argued that the country's pipelines and ports made it a natural hub for the region's energy.",
                "Diplomats said the talks on migration had been the most difficult, with several countries unwilling to take on new commitments.",
            ),
            quotes=(
                (
                    "There was more agreement on the problems than on who should pay for the solutions",
                    DIPLOMAT,
                ),
                (
                    "Summits like this rarely change things overnight, but they set the agenda for the next year",
                    "{observer}",
                ),
                (
                    "Türkiye sits where the pipelines, the power lines and the shipping lanes meet",
                    "a spokesperson for the foreign ministry in Ankara",
                ),
            ),
            captions=(
                "A globe crossed by routes. Leaders met in {worldcity} to discuss energy links.",
            ),
        ),
        Topic(
            tags=("Earthquakes", "Humanitarian aid"),
            scenes=("globe", "skyline"),
            headlines=(
                "Turkish search and rescue team flies to quake-hit {country}",
                "Turkish rescuers return from {country} after {n} days",
            ),
            standfirsts=(
                "The team of volunteers and disaster agency staff took search dogs, listening devices and a field kitchen.",
            ),
            paragraphs=(
                "A Turkish search and rescue team of about {big} people flew to {country} on {weekday}, hours after a strong earthquake struck the country's north.",
                "The team includes disaster agency staff, volunteers from Turkish rescue groups, search dogs and equipment to listen for survivors under rubble.",
                "Many of the volunteers gained their experience in earthquakes in Türkiye, and several have worked abroad before.",
                "The authorities in {country} said they had accepted help from {n} countries.",
            ),
            quotes=(
                (
                    "We know what the first seventy-two hours mean. Every minute counts",
                    "the team's coordinator",
                ),
                (
                    "Our hearts are with the people of {country}",
                    "a spokesperson for the foreign ministry in Ankara",
                ),
            ),
            captions=(
                "A city skyline. Turkish rescuers are working in {country} after the earthquake.",
            ),
        ),
        Topic(
            tags=("Strikes", "Transport"),
            scenes=("skyline", "globe"),
            headlines=(
                "Rail workers in {country} walk out over pay",
                "Strikes halt trains and flights across {country}",
            ),
            standfirsts=(
                "Unions say wages have fallen behind prices; the government says their demands are unaffordable.",
            ),
            paragraphs=(
                "Train and airport workers in {country} began a {n}-day strike on {weekday}, cancelling most rail services and hundreds of flights.",
                "Unions say wages have fallen well behind prices over the past two years and are demanding a rise of about a tenth.",
                "The government has offered less than half that and says a larger increase would fuel inflation.",
                "Turkish travellers were advised to check with their airline before setting off; several flights from İstanbul were cancelled.",
            ),
            quotes=(
                (
                    "Nobody wants to strike. But our members cannot pay their rent",
                    "a union leader in {country}",
                ),
                "Strikes on this scale are a sign of how far living costs have outpaced wages across Europe",
            ),
            captions=("Rail and air travel in {country} have been disrupted by the strike.",),
        ),
        Topic(
            tags=("Shipping", "Rescue at sea"),
            scenes=("sea",),
            headlines=(
                "Cargo ship crew of {n} rescued off the coast of {country}",
                "Turkish-flagged freighter towed to port after engine fire near {country}",
            ),
            standfirsts=(
                "All crew members are safe, the maritime authorities say; the cause of the fire is being investigated.",
            ),
            paragraphs=(
                "All {n} crew members of a cargo ship were rescued off the coast of {country} on {weekday} after a fire broke out in the engine room, the maritime authorities said.",
                "The ship, carrying steel and building materials, was towed to the nearest port, where investigators will examine the damage.",
                "Several crew members are Turkish citizens, and the consulate said it was in contact with their families.",
                "Maritime officials said the weather had helped the rescue, with calm seas and good visibility.",
            ),
            quotes=(
                (
                    "The crew did everything right. They fought the fire and called for help early",
                    "a coastguard officer in {country}",
                ),
                (
                    "Everyone is safe, and that is what matters tonight",
                    "a spokesperson for the shipowner",
                ),
            ),
            captions=("Open sea off {country}, where the crew was rescued.",),
        ),
    ),
)
