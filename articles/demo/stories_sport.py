"""Story bank for the Sport desk. Every club, player and coach here is invented."""

from .content import Desk, Topic

COACH = "the {team} head coach"

SPORT = Desk(
    section="sport",
    weight=11,
    tags=("Sport",),
    speakers=(COACH, "the {team} captain", "{pundit}"),
    subheads=("Turning point", "What they said", "Next up"),
    closers=(
        "{team} play their next match at home on Sunday.",
        "The league resumes after the international break.",
        "Both teams are back in action next weekend.",
    ),
    slots={
        "team": (
            "Bosphorus FC",
            "Anatolia City",
            "Marmara Rovers",
            "Ege Athletic",
            "Poyraz SK",
            "Lodos FK",
            "Toros United",
            "Kızılırmak SK",
            "Kapadokya Spor",
            "Pontus Athletic",
        ),
        "score": ("2-1", "3-1", "1-0", "3-2", "2-0", "4-2"),
        "draw": ("1-1", "2-2", "0-0", "3-3"),
        "bteam": (
            "Bosphorus Basket",
            "Ankara Arrows",
            "İzmir Waves",
            "Konya Titans",
            "Eskişehir Comets",
        ),
        "bscore": ("88-81", "92-90", "77-70", "101-95", "84-79"),
        "vteam": ("Marmara Volley", "Galata Spikers", "Ankara Blocks", "Bursa Setters"),
        "fee": ("2 million", "3.5 million", "6 million", "8.5 million"),
        "pundit": (
            "Tarık Uslu, a former national team defender",
            "Ceren Başaran, a football analyst",
            "Nuri Akdoğan, who coached in the top flight for a decade",
        ),
    },
    topics=(
        Topic(
            tags=("Football", "Super League"),
            scenes=("pitch",),
            headlines=(
                "{team} beat {team2} {score} to go top of the table",
                "{team} come from behind to beat {team2} {score}",
                "Late goal gives {team} {score} win over {team2}",
            ),
            standfirsts=("A second-half goal settled a tense match in front of a full stadium.",),
            paragraphs=(
                "{team} beat {team2} {score} on {weekday} night, settling a tense match with a goal in the second half in front of a full stadium.",
                "{team2} had the better of the first half and hit the post twice before the break.",
                "The home side changed shape after the interval, bringing on a second striker, and the pressure finally told.",
                "The win lifts {team} to the top of the table, one point ahead of their nearest rivals with {n} games left.",
            ),
            quotes=(
                (
                    "We were not good enough in the first half, and I told the players so. The reaction was fantastic",
                    COACH,
                ),
                (
                    "We deserved at least a point. Football is cruel sometimes",
                    "the {team2} head coach",
                ),
                ("That substitution changed the game. It was a brave call", "{pundit}"),
            ),
            captions=("A football pitch. {team} beat {team2} {score}.",),
        ),
        Topic(
            tags=("Football", "Super League"),
            scenes=("pitch",),
            headlines=(
                "{team} and {team2} share the points in {draw} draw",
                "{team} held to {draw} draw by {team2}",
            ),
            standfirsts=("Neither side could find a winner in a match of few chances.",),
            paragraphs=(
                "{team} and {team2} drew {draw} on {weekday}, leaving both sides frustrated after a match of few clear chances.",
                "The visitors defended deep and looked dangerous on the counter-attack.",
                "A goal for {team} late in the second half was ruled out for offside after a video review.",
                "The result leaves {team} {n} points off the top of the table.",
            ),
            quotes=(
                ("A draw is fair. Neither team did enough to win", COACH),
                ("We came for a point and we leave with a point", "the {team2} head coach"),
            ),
            captions=("A football pitch. {team} and {team2} drew {draw}.",),
        ),
        Topic(
            tags=("Football", "Coaches"),
            scenes=("pitch",),
            headlines=(
                "{team} part ways with head coach after {n} games without a win",
                "{team} appoint former midfielder as head coach",
            ),
            standfirsts=(
                "The club says it needed a new direction; the assistant coach will take charge for the next match.",
            ),
            paragraphs=(
                "{team} announced on {weekday} that they had parted ways with their head coach after {n} league games without a win.",
                "The club's board said it needed a new direction and thanked the coach for his work, which included a cup run last season.",
                "A former midfielder who captained the club will take charge, with the assistant coach in the dugout for the next match.",
                "{team} are in the bottom half of the table, and fans had protested outside the stadium after the last home defeat.",
            ),
            quotes=(
                ("This was a difficult decision, but results had to change", "the {team} chairman"),
                ("Changing the coach is the easy part. Changing the squad is harder", "{pundit}"),
            ),
            captions=("A football pitch. {team} have changed their head coach.",),
        ),
        Topic(
            tags=("Football", "Transfers"),
            scenes=("pitch",),
            headlines=(
                "{team} sign {country} international for {fee} euros",
                "{team} complete {fee}-euro move for {country} winger",
            ),
            standfirsts=(
                "The player has signed a three-year contract and could make his debut this weekend.",
            ),
            paragraphs=(
                "{team} have signed a winger from {country} for a fee of {fee} euros, the club said on {weekday}.",
                "The 24-year-old has signed a three-year contract and could make his debut at the weekend.",
                "He scored {n} goals for his previous club last season and has played for his country's national team.",
                "The club has been looking for width in attack since an injury to its first-choice winger.",
            ),
            quotes=(
                (
                    "He is quick, he is brave and he wants the ball. We have followed him for a year",
                    COACH,
                ),
                (
                    "It is a big fee for this league, so the pressure will be on him from day one",
                    "{pundit}",
                ),
            ),
            captions=("A football pitch. {team} have signed a winger from {country}.",),
        ),
        Topic(
            tags=("Basketball",),
            scenes=("track", "abstract"),
            headlines=(
                "{bteam} edge {bteam2} {bscore} in basketball thriller",
                "{bteam} beat {bteam2} {bscore} to reach the cup semi-finals",
            ),
            standfirsts=(
                "A late three-pointer decided a game that was level going into the final minute.",
            ),
            paragraphs=(
                "{bteam} beat {bteam2} {bscore} on {weekday} in a game that was level going into the final minute.",
                "A three-pointer with eleven seconds left put the home side ahead, and the visitors missed two shots to tie.",
                "The teams traded the lead {n} times, and both scored more than half of their points from beyond the arc.",
                "The arena was sold out, and the game was shown live on national television.",
            ),
            quotes=(
                (
                    "I have been coaching for twenty years and I have seen few games like that",
                    "the {bteam} coach",
                ),
                ("We had our chances. We will see them again", "the {bteam2} coach"),
            ),
            captions=("An illustration of a sports arena. {bteam} beat {bteam2} {bscore}.",),
            speakers=("the {bteam} coach", "the {bteam2} coach"),
            closers=("The teams meet again in the league next month.",),
        ),
        Topic(
            tags=("Volleyball", "Women's sport"),
            scenes=("abstract", "track"),
            headlines=(
                "{vteam} reach the final of the European volleyball cup",
                "{vteam} sweep past {country} champions in Europe",
            ),
            standfirsts=(
                "The women's team won in straight sets and will play for the trophy next weekend.",
            ),
            paragraphs=(
                "{vteam} beat the {country} champions in straight sets on {weekday} to reach the final of the European cup.",
                "The team's blockers dominated at the net, and the visitors never led in any of the three sets.",
                "Women's volleyball has become one of the most watched sports in the country, and tickets for the final sold out within hours.",
                "The final will be played at a neutral venue next weekend.",
            ),
            quotes=(
                (
                    "This group has worked for this for three years. They deserve the final",
                    "the {vteam} coach",
                ),
                ("Turkish volleyball is the model for the rest of Europe right now", "{pundit}"),
            ),
            captions=("An abstract illustration. {vteam} are through to the European final.",),
            speakers=("the {vteam} coach", "{pundit}"),
            closers=("The final is next weekend and will be shown live.",),
        ),
        Topic(
            tags=("Athletics", "Running"),
            scenes=("track",),
            headlines=(
                "{thousand} runners take part in {city} marathon",
                "Young sprinter breaks national record at meeting in {city}",
            ),
            standfirsts=(
                "Organisers say it was the biggest field yet; the course record fell in the men's race.",
            ),
            paragraphs=(
                "About {thousand} runners took part in races in {city} on {weekday}, the organisers said, the biggest field in the event's history.",
                "A 21-year-old sprinter broke the national record in the 200 metres in the afternoon meeting, to the delight of the home crowd.",
                "Roads in the city centre were closed for most of the morning, and volunteers handed out water at {n} stations along the course.",
                "Money raised by charity runners will go to schools and sports clubs in the province.",
            ),
            quotes=(
                (
                    "I did not look at the clock until I crossed the line. Then I could not believe it",
                    "the record-breaking sprinter",
                ),
                (
                    "Every year more people run, and more of them are women and children",
                    "the race director",
                ),
            ),
            captions=(
                "An athletics track. Thousands of runners took part in the races in {city}.",
            ),
            speakers=("the race director", "the record-breaking sprinter"),
            closers=("Registration for next year's race opens in the spring.",),
        ),
    ),
)
