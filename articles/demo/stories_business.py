"""Story bank for the Business desk. Every company, start-up and executive here is invented."""

from .content import Desk, Topic

ANALYST = "{analyst}"

BUSINESS = Desk(
    section="business",
    weight=9,
    tags=("Business",),
    speakers=(ANALYST, ANALYST, "the company's chief executive", "a spokesperson for the company"),
    subheads=("Inside the numbers", "What investors think", "The bigger picture"),
    closers=(
        "The company is due to publish its next results in three months.",
        "The company will present its full-year plans to investors next month.",
        "Analysts said the results would be tested by the next two quarters.",
    ),
    slots={
        "company": (
            "Demirtepe Steel",
            "Tethys Shipping",
            "Altınkum Solar",
            "Kestrel Logistics",
            "Pergamon Software",
            "Lykia Foods",
            "Halcyon Textiles",
            "Karaburun Cement",
            "Meander Motors",
            "Ilgaz Dairy",
            "Yelken Glassworks",
            "Sardes Pharmaceuticals",
        ),
        "startup": (
            "Rota Mobility",
            "Defter AI",
            "Tezgah Labs",
            "Lokma Delivery",
            "Pusula Health",
            "Kiler Grocery",
        ),
        "funding": (
            "4 million",
            "7.5 million",
            "12 million",
            "18 million",
            "25 million",
            "40 million",
        ),
        "analyst": (
            "Melike Sarı, an equity analyst at Halcyon Capital",
            "James Okafor, who follows Turkish companies for Northgate Analytics",
            "Tuna Bozkurt, a fund manager in İstanbul",
        ),
    },
    topics=(
        Topic(
            tags=("Company results",),
            scenes=("chart", "factory"),
            headlines=(
                "{company} reports {pct}% rise in quarterly profit",
                "{company} profit beats forecasts on strong exports",
            ),
            standfirsts=(
                "Higher sales abroad offset rising wage and energy costs at home, the company says.",
            ),
            paragraphs=(
                "{company} reported a {pct}% rise in net profit for the third quarter on {weekday}, helped by higher sales abroad.",
                "Revenue grew faster than costs for the first time in two years, although wages and energy bills continued to climb.",
                "The company said export orders were strong for the coming months and that it would raise its investment budget.",
                "Analysts had expected a smaller increase, and several raised their forecasts after the results.",
            ),
            quotes=(
                (
                    "Our teams found new customers in markets we had never sold to before",
                    "the company's chief executive",
                ),
                (
                    "The quality of these earnings is good: they come from sales, not one-off gains",
                    ANALYST,
                ),
            ),
            captions=("A chart of quarterly results. {company} reported higher profit.",),
        ),
        Topic(
            tags=("Company results", "Energy"),
            scenes=("chart", "factory"),
            headlines=(
                "{company} profit falls {pct}% as energy costs bite",
                "{company} warns of tougher year after profit drop",
            ),
            standfirsts=(
                "The company blames energy bills and weaker demand in Europe, and says it will cut costs.",
            ),
            paragraphs=(
                "{company} said on {weekday} that its quarterly profit had fallen {pct}%, blaming higher energy costs and weaker demand in Europe.",
                "The company said it would delay some investments and review its spending, but had no plans to cut jobs.",
                "Its shares fell in early trading before recovering some of the losses.",
                "Several companies in the sector have reported similar pressures this season.",
            ),
            quotes=(
                (
                    "This is a difficult year, and we are planning for it honestly",
                    "the company's chief executive",
                ),
                ("The question is whether this is a bad quarter or the start of a trend", ANALYST),
            ),
            captions=("A factory. {company} says energy costs weighed on its profit.",),
        ),
        Topic(
            tags=("Investment", "Manufacturing"),
            scenes=("factory", "port"),
            headlines=(
                "{company} to build {lira} lira plant in {city}",
                "{company} plans new factory in {city} with {big} jobs",
            ),
            standfirsts=(
                "Production is due to start within two years; the municipality has offered land and faster permits.",
            ),
            paragraphs=(
                "{company} will invest {lira} lira in a new plant in {city}, creating about {big} jobs, the company said on {weekday}.",
                "Construction is due to start next year, with production beginning within two years if permits are granted on time.",
                "The company said it chose {city} for its transport links, its industrial zone and the local supply of skilled workers.",
                "The investment qualifies for tax incentives under the government's regional support programme.",
            ),
            quotes=(
                (
                    "This is the largest investment in our history, and a vote of confidence in {city}",
                    "the company's chief executive",
                ),
                (
                    "Every job in a plant like this supports several more among suppliers",
                    "the head of the {city} chamber of industry",
                ),
            ),
            captions=("An industrial zone. {company} plans a new plant in {city}.",),
        ),
        Topic(
            tags=("Start-ups", "Technology"),
            scenes=("circuit", "abstract"),
            headlines=(
                "{startup} raises {funding} dollars to expand abroad",
                "İstanbul start-up {startup} closes {funding}-dollar funding round",
            ),
            standfirsts=(
                "The company plans to hire engineers and open offices in two more countries.",
            ),
            paragraphs=(
                "{startup}, an İstanbul start-up founded {n} years ago, said on {weekday} it had raised {funding} dollars from investors to expand abroad.",
                "The company plans to double its staff of engineers and open offices in two more countries within a year.",
                "Investment in Turkish start-ups slowed last year but has picked up again, according to figures from an industry association.",
                "Its founders met while studying at {university} and started the company in a shared office in Kadıköy.",
            ),
            quotes=(
                (
                    "We built this for Türkiye first, which made it strong enough for anywhere",
                    "the company's co-founder",
                ),
                ("Investors are back, but they are asking harder questions about profits", ANALYST),
            ),
            captions=(
                "A circuit board. {startup} plans to hire more engineers with its new funding.",
            ),
        ),
        Topic(
            tags=("Stock market",),
            scenes=("chart", "skyline"),
            headlines=(
                "{company} plans stock market listing in İstanbul",
                "{company} shares jump {pct}% on first day of trading",
            ),
            standfirsts=(
                "The offering is one of the largest this year and was heavily oversubscribed, bankers say.",
            ),
            paragraphs=(
                "{company} plans to sell about a fifth of its shares on the İstanbul stock exchange, the company said on {weekday}.",
                "Bankers said demand from domestic and foreign investors was strong and the offering was several times oversubscribed.",
                "The family that founded the company will keep a majority stake.",
                "The money raised will be used to reduce debt and to fund new production lines.",
            ),
            quotes=(
                (
                    "Going public is about the next fifty years, not the next fifty days",
                    "the company's chairman",
                ),
                ("Strong listings encourage other family firms to follow", ANALYST),
            ),
            captions=("The city skyline. {company} is preparing for its stock market debut.",),
        ),
        Topic(
            tags=("Shipping", "Trade"),
            scenes=("port",),
            headlines=(
                "Container traffic at {coast} port up {pct}%",
                "{coast} port expands to handle bigger ships",
            ),
            standfirsts=(
                "The operator says new cranes and a deeper berth will let it handle the largest container ships.",
            ),
            paragraphs=(
                "Container traffic at the port of {coast} rose {pct}% last quarter compared with a year earlier, the operator said on {weekday}.",
                "The port is adding new cranes and deepening one of its berths so that the largest container ships can call.",
                "Shipping lines have increased calls at Turkish ports as companies move some production closer to European customers.",
                "Road and rail links to the port are also being improved, with a new freight line due to open next year.",
            ),
            quotes=(
                (
                    "Ships are getting bigger every year, and ports that do not grow with them are left behind",
                    "the port's general manager",
                ),
                ("Nearshoring is real, and Turkish ports are benefiting", ANALYST),
            ),
            captions=("Containers stacked at the port of {coast}.",),
        ),
    ),
)
