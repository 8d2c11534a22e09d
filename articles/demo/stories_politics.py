"""Story bank for the Politics desk. Parties and politicians are never named; all quotes are invented."""

from .content import Desk, Topic

GOVERNMENT = "a deputy chair of the governing party's parliamentary group"
OPPOSITION = "an opposition lawmaker from {city}"

POLITICS = Desk(
    section="politics",
    weight=11,
    tags=("Politics", "Türkiye"),
    speakers=(GOVERNMENT, OPPOSITION, "{analyst}", "{analyst}"),
    subheads=("The opposition's case", "What changes for voters", "Next steps"),
    closers=(
        "Party officials said a final text would be shared with other groups before the vote.",
        "Analysts expect the issue to feature prominently in the coming campaign.",
        "Parliament is due to return to the matter after the weekend.",
    ),
    slots={
        "policy": (
            "consumer credit",
            "rental contracts",
            "pension top-ups",
            "data protection",
            "municipal budgets",
            "water rights",
            "cycling lanes",
            "public procurement",
            "animal welfare",
            "short-term rentals",
            "school transport",
            "food labelling",
        ),
        "deal": (
            "visa-free travel",
            "student exchanges",
            "grain shipments",
            "energy transit",
            "customs cooperation",
            "direct flights",
        ),
        "analyst": (
            "Ece Korkmaz, a political scientist at the Anatolian Policy Forum",
            "Harun Çelebi, a pollster with Pusula Research",
            "Defne Uysal, a former parliamentary adviser",
        ),
    },
    topics=(
        Topic(
            tags=("Parliament", "Legislation"),
            scenes=("parliament",),
            headlines=(
                "Parliament passes bill on {policy} after {n}-hour debate",
                "Lawmakers approve new rules on {policy}",
                "New law on {policy} clears parliament",
            ),
            standfirsts=(
                "Supporters say the changes are overdue; critics say the bill was rushed through committee.",
                "The measure was one of the governing party's promises at the last election.",
            ),
            paragraphs=(
                "Parliament approved the bill on {policy} late on {weekday} after a debate that ran into the night, with opposition parties voting against.",
                "The law replaces rules that have been in place for more than two decades, and most of its provisions take effect at the start of next year.",
                "Opposition lawmakers said the bill had been rushed through committee without enough time to hear from experts and the groups it affects.",
                "Ministry officials said the changes followed consultation with trade bodies, consumer groups and local authorities.",
                "The governing party holds a majority with its ally, which allows it to pass most legislation without opposition support.",
            ),
            quotes=(
                ("This law puts citizens first and ends years of uncertainty", GOVERNMENT),
                (
                    "A law that affects millions of people deserves more than a late-night debate",
                    OPPOSITION,
                ),
                (
                    "We listened to every side before we wrote a single article of this bill",
                    GOVERNMENT,
                ),
            ),
            captions=(
                "The parliament building in Ankara, where lawmakers debated the bill on {policy}.",
            ),
            lists=(
                (
                    "The main provisions of the new law are:",
                    (
                        "a cap on annual increases, linked to inflation",
                        "a complaints office with the power to fine",
                        "a review of the rules after three years",
                        "special terms for pensioners and students",
                    ),
                ),
            ),
            closers=(
                "The bill now goes to the president's office, which has fifteen days to sign it into law or return it to parliament.",
            ),
        ),
        Topic(
            tags=("Parliament", "Opposition"),
            scenes=("parliament",),
            headlines=(
                "Committee delays vote on {policy} reform amid opposition objections",
                "Vote on {policy} bill postponed after committee row",
            ),
            standfirsts=(
                "The committee will meet again next week; the opposition wants experts heard first.",
            ),
            paragraphs=(
                "A parliamentary committee postponed its vote on the {policy} bill on {weekday} after opposition members objected to changes made to the text overnight.",
                "The opposition said the amendments, submitted hours before the session, had not been shared with all members in time.",
                "Committee officials said the vote would be held next week, once members had time to study the new wording.",
                "Trade bodies affected by the bill have asked to address the committee before it votes.",
            ),
            quotes=(
                ("We cannot vote on a text we received at midnight", OPPOSITION),
                ("A week's delay is a small price for a better law", GOVERNMENT),
                "Committee fights like this usually end in a compromise on the details",
            ),
            captions=(
                "The parliament building in Ankara, where a committee postponed its vote on {policy}.",
            ),
        ),
        Topic(
            tags=("Local government",),
            scenes=("parliament", "skyline"),
            headlines=(
                "{city} council approves {lira} lira budget for next year",
                "{city} budget puts transport first in {lira} lira plan",
            ),
            standfirsts=(
                "The budget puts transport and housing first; opposition councillors say the figures do not add up.",
            ),
            paragraphs=(
                "The council in {city} approved a budget of {lira} lira for next year on {weekday}, after a session that lasted more than six hours.",
                "About a third of the spending will go to public transport, with much of the rest set aside for housing, parks and water pipes.",
                "Opposition councillors said the municipality was relying on optimistic forecasts for property tax income.",
                "The city's debt has risen sharply over the past five years, mainly because of loans taken out in foreign currency.",
            ),
            quotes=(
                (
                    "Every lira in this budget has a purpose, and residents will be able to see where it goes",
                    "the mayor of {city}",
                ),
                (
                    "The numbers in this budget are built on hope rather than evidence",
                    "an opposition councillor in {city}",
                ),
                "Local budgets are where national promises meet real bills",
            ),
            captions=("{city}, whose council approved next year's budget this week.",),
        ),
        Topic(
            tags=("Local government", "Public finances"),
            scenes=("skyline", "chart"),
            headlines=(
                "Mayor of {city} unveils plan to cut municipal debt by {pct}%",
                "{city} to sell idle buildings to cut debt by {pct}%",
            ),
            standfirsts=(
                "The mayor says the plan will restore the city's finances within three years.",
            ),
            paragraphs=(
                "The mayor of {city} set out a plan on {weekday} to reduce the municipality's debt by {pct}% within three years, mainly by selling unused buildings and land.",
                "The city owes {lira} lira, much of it in foreign currency, according to its latest annual report.",
                "Opposition councillors said selling public land was a one-off fix and asked for an independent audit of the city's finances.",
                "Ratings agencies have warned that several large municipalities face rising interest bills.",
            ),
            quotes=(
                (
                    "We are paying for old decisions. This plan stops the bleeding",
                    "the mayor of {city}",
                ),
                ("You can only sell the family silver once", "an opposition councillor in {city}"),
            ),
            captions=("{city}, where the mayor has set out a plan to cut the city's debt.",),
        ),
        Topic(
            tags=("Opposition", "Elections"),
            scenes=("parliament",),
            headlines=(
                "Opposition party sets out {n}-point plan on {policy}",
                "Opposition unveils alternative plan on {policy}",
            ),
            standfirsts=(
                "The party says its plan would save households money; the government calls it unaffordable.",
            ),
            paragraphs=(
                "The main opposition party set out its own plan on {policy} at a press conference in Ankara on {weekday}, and said it would submit it to parliament as a formal motion.",
                "The party said the plan was fully costed and would be paid for by closing tax exemptions.",
                "Government officials dismissed the proposals as unaffordable and said similar measures were already under way.",
                "Party officials said they would take the proposals on a tour of {n} provinces over the coming weeks.",
            ),
            quotes=(
                (
                    "Our plan is costed line by line, and we invite the government to check it",
                    OPPOSITION,
                ),
                ("Promises are easy when you do not have to pay for them", GOVERNMENT),
                "Voters will judge parties by what they offer on prices and wages, not by slogans",
            ),
            captions=(
                "Party flags outside a government building. The opposition's plan will go to parliament as a motion.",
            ),
        ),
        Topic(
            tags=("Elections", "Opinion polls"),
            scenes=("chart", "parliament"),
            headlines=(
                "Poll puts governing alliance {n} points ahead as campaign season nears",
                "Poll: {pct}% of voters still undecided as campaign season nears",
            ),
            standfirsts=(
                "The survey of {thousand} voters suggests a tight race in several large cities.",
            ),
            paragraphs=(
                "A survey of {thousand} voters carried out for Pusula Research found that the cost of living was the top concern in every region, ahead of jobs and housing.",
                "Analysts said the numbers should be treated with caution because a large share of voters remained undecided.",
                "Support for smaller parties has grown since the last election, the survey found, particularly among voters under 30.",
                "The poll was carried out by telephone and face to face in {n} provinces, and has a margin of error of about two points.",
            ),
            quotes=(
                "The mood in the big cities is volatile, and no party can take them for granted",
                "Undecided voters are the story of this poll",
            ),
            captions=(
                "A chart of voting intentions. The survey suggests a tight race in several large cities.",
            ),
        ),
        Topic(
            tags=("Diplomacy", "Trade"),
            scenes=("globe", "parliament"),
            headlines=(
                "Foreign minister to visit {country} for talks on trade and energy",
                "Ankara and {country} agree to expand {deal}",
            ),
            standfirsts=(
                "Officials on both sides say the talks could double trade within five years.",
            ),
            paragraphs=(
                "The foreign minister will travel to {country} next week for talks on trade, energy and {deal}, the ministry said on {weekday}.",
                "Trade between the two countries was worth about {lira} dollars last year, and both sides have said they want to increase it.",
                "Diplomats said an agreement on {deal} was close, with only technical details left to settle.",
                "The visit will be the first at this level in {n} years.",
            ),
            quotes=(
                (
                    "We share a long history and a great deal of potential",
                    "a spokesperson for the foreign ministry",
                ),
                "Both capitals want a deal they can present as a success at home",
            ),
            captions=(
                "A globe marked with flight paths. The foreign minister's visit will focus on trade and energy.",
            ),
        ),
    ),
)
