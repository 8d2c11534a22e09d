"""Story bank for the Economy desk. The figures are invented; so is everyone quoted."""

from .content import Desk, Topic

ECONOMIST = "{economist}"
BANK = "the central bank's governor"

ECONOMY = Desk(
    section="economy",
    weight=11,
    tags=("Economy", "Türkiye"),
    speakers=(
        ECONOMIST,
        ECONOMIST,
        "a senior finance ministry official",
        "a spokesperson for the trade ministry",
    ),
    subheads=("What it means for households", "Markets react", "The numbers"),
    closers=(
        "The next figures are due in four weeks.",
        "Economists will be watching next month's data for signs of a lasting trend.",
        "The finance ministry said the figures were in line with its medium-term programme.",
    ),
    slots={
        "rate": ("32.5", "35", "37.5", "40", "42.5", "45"),
        "bps": ("150", "200", "250", "300"),
        "inflation": ("29.4", "31.8", "33.2", "35.9", "38.1", "41.6"),
        "jobless": ("7.9", "8.4", "8.8", "9.2", "9.6"),
        "wage_pct": ("25", "30", "35", "40"),
        "economist": (
            "Deniz Yalçın, chief economist at Halcyon Capital",
            "Barış Erdem, an economist at the Marmara Centre for Economic Research",
            "Sophie Laurent, who covers Türkiye for the research firm Northgate Analytics",
            "Ömer Sezer, a former central bank economist",
        ),
    },
    topics=(
        Topic(
            tags=("Central bank", "Interest rates"),
            scenes=("chart",),
            headlines=(
                "Central bank holds policy rate at {rate}%",
                "Central bank keeps rate at {rate}% and signals patience",
            ),
            standfirsts=(
                "The monetary policy committee says it will keep policy tight until inflation is firmly on a downward path.",
            ),
            paragraphs=(
                "The central bank left its main policy rate unchanged at {rate}% on {weekday}, saying it would keep policy tight until inflation was firmly on a downward path.",
                "The decision was expected by most economists surveyed before the meeting.",
                "In its statement, the monetary policy committee said food and rent prices were still rising quickly, although goods inflation had slowed.",
                "The lira was little changed after the announcement, and yields on government bonds edged lower.",
            ),
            quotes=(
                (
                    "The bank is telling us it is in no hurry. That is the right message for now",
                    ECONOMIST,
                ),
                "Holding steady buys time to see whether the slowdown in prices is real",
            ),
            captions=(
                "A chart of interest rates. The central bank kept its policy rate at {rate}%.",
            ),
        ),
        Topic(
            tags=("Central bank", "Interest rates"),
            scenes=("chart",),
            headlines=(
                "Central bank cuts policy rate by {bps} basis points to {rate}%",
                "Rate cut to {rate}% as central bank sees inflation easing",
            ),
            standfirsts=(
                "The cut was larger than many economists expected; the bank said future steps would depend on the data.",
            ),
            paragraphs=(
                "The central bank cut its main policy rate by {bps} basis points to {rate}% on {weekday}, citing a steady slowdown in inflation over recent months.",
                "Most economists had expected a smaller move, and the lira weakened slightly after the announcement.",
                "The bank said future decisions would depend on the data and that it would not hesitate to tighten again if prices picked up.",
                "Lower rates should ease borrowing costs for companies and households, although banks are usually slow to pass cuts on.",
            ),
            quotes=(
                (
                    "This was a bolder step than the market expected, which tells you the bank is more confident",
                    ECONOMIST,
                ),
                (
                    "Businesses have been waiting for this. Credit has been very expensive",
                    "the head of a small manufacturers' association",
                ),
            ),
            captions=("A chart of the policy rate, which the central bank cut to {rate}%.",),
        ),
        Topic(
            tags=("Inflation", "Cost of living"),
            scenes=("chart",),
            headlines=(
                "Annual inflation eases to {inflation}%, statistics office says",
                "Inflation slows to {inflation}% but food prices keep climbing",
            ),
            standfirsts=(
                "Rent and food remain the biggest pressures on household budgets, the figures show.",
            ),
            paragraphs=(
                "Annual consumer price inflation slowed to {inflation}% last month, the statistics office said on {weekday}, continuing a gradual decline.",
                "Food prices rose faster than the overall index, and rents in large cities climbed by more than twice the headline rate.",
                "The price of clothing and household goods rose more slowly, helped by a steadier lira.",
                "Many households say official figures understate the rise in their own costs, a gap economists attribute partly to rent and food.",
            ),
            quotes=(
                (
                    "The direction is right, but the level is still far too high for families",
                    ECONOMIST,
                ),
                (
                    "My rent went up again this year. The numbers on television do not feel like my life",
                    "Aylin Toprak, a nurse in İstanbul",
                ),
            ),
            captions=("A chart of consumer prices. Annual inflation slowed to {inflation}%.",),
            lists=(
                (
                    "The main changes in the index were:",
                    (
                        "food and drink prices rose faster than the average",
                        "rents in the three largest cities climbed again",
                        "clothing prices fell for the season",
                        "energy bills were broadly unchanged",
                    ),
                ),
            ),
        ),
        Topic(
            tags=("Exports", "Trade"),
            scenes=("port", "chart"),
            headlines=(
                "Exports rise {pct}% as car and textile shipments grow",
                "Exports to {country} hit a record, trade ministry says",
            ),
            standfirsts=(
                "Car parts, machinery and clothing led the rise; exporters say a strong lira would hurt.",
            ),
            paragraphs=(
                "Exports rose {pct}% last month compared with a year earlier, led by cars and car parts, machinery and clothing, the trade ministry said on {weekday}.",
                "Shipments to {country} reached a record, helped by new contracts for construction materials and food.",
                "Imports grew more slowly, narrowing the trade deficit, although energy imports remain a heavy burden.",
                "Exporters' groups said demand in Europe, the largest market, was holding up better than they had feared.",
            ),
            quotes=(
                (
                    "Our order books are full until the summer, but costs in lira keep rising",
                    "the chair of an exporters' association",
                ),
                ("Exporters are doing well where they sell quality rather than price", ECONOMIST),
            ),
            captions=("Containers waiting at a port. Exports rose {pct}% last month.",),
        ),
        Topic(
            tags=("Jobs", "Unemployment"),
            scenes=("chart", "factory"),
            headlines=(
                "Unemployment falls to {jobless}% as services hire",
                "Jobless rate steady at {jobless}%, but youth unemployment stays high",
            ),
            standfirsts=(
                "Services and construction added the most jobs; one in five young people is still out of work.",
            ),
            paragraphs=(
                "The unemployment rate was {jobless}% last quarter, the statistics office said on {weekday}, with services and construction adding the most jobs.",
                "Unemployment among people aged 15 to 24 remains far higher, at roughly one in five.",
                "A broader measure that includes people who have given up looking for work and those who want more hours is more than twice the headline figure.",
                "Employers in manufacturing said they struggled to find skilled workers even as they cut shifts elsewhere.",
            ),
            quotes=(
                (
                    "The headline number hides how many people are working fewer hours than they want",
                    ECONOMIST,
                ),
                (
                    "We have jobs for welders and electricians that nobody applies for",
                    "the owner of a metalworking firm in Bursa",
                ),
            ),
            captions=("A factory floor. The unemployment rate was {jobless}% last quarter.",),
        ),
        Topic(
            tags=("Wages", "Cost of living"),
            scenes=("chart", "factory"),
            headlines=(
                "Minimum wage talks open with unions seeking {wage_pct}% rise",
                "Unions and employers far apart as minimum wage talks begin",
            ),
            standfirsts=(
                "The commission must agree by the end of the year; employers warn of job losses.",
            ),
            paragraphs=(
                "Talks on next year's minimum wage began in Ankara on {weekday}, with unions asking for an increase of about {wage_pct}% and employers offering much less.",
                "The commission brings together representatives of workers, employers and the government, and usually reaches a decision in December.",
                "Millions of workers earn the minimum wage or close to it, and the increase also affects pensions and benefits linked to it.",
                "Employers' groups warned that a large rise would push small firms to cut jobs or move workers into the informal economy.",
            ),
            quotes=(
                (
                    "The minimum wage has become the average wage. It has to keep up with rent and food",
                    "a union negotiator",
                ),
                (
                    "Small businesses cannot pay what large companies pay",
                    "a spokesperson for the employers' confederation",
                ),
            ),
            captions=("Workers at a factory. Minimum wage talks for next year began this week.",),
        ),
    ),
)
