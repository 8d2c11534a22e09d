"""The demo's live coverage of the earthquake, as a national daily's live desk would post it.

Each update is posted ``minute`` minutes after the earthquake (live/demo.py spreads them to end
near the time the demo is loaded). ``{city}``, ``{magnitude}`` and ``{quake_time}`` are the
breaking story's. Death tolls rise through the day; one update gave a wrong figure and was
corrected (``correction``: the body it was changed to).
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class DemoEntry:
    minute: int
    author: str  # an author's slug (articles/demo/content.py)
    title: str
    body: str
    key_event: bool = False
    pinned: bool = False
    picture: tuple = ()  # (scene, caption)
    embed_url: str = ""
    correction: str = ""


CORRECTED_AFTER_MINUTES = 19

ENTRIES = (
    DemoEntry(
        8,
        "kerem-yildirim",
        "Strong earthquake strikes {city}",
        "<p>An earthquake of magnitude {magnitude} struck {city} at {quake_time} local time, the disaster agency said. The shaking lasted about 20 seconds and was felt in neighbouring provinces.</p><p>Residents ran into the streets; many are still outside.</p>",
        key_event=True,
    ),
    DemoEntry(
        12,
        "selim-karabulut",
        "Shallow quake, seven kilometres deep",
        "<p>The agency put the epicentre about 12 kilometres north-east of the city centre, at a depth of seven kilometres. Shallow earthquakes are felt more strongly at the surface.</p>",
    ),
    DemoEntry(
        16,
        "selim-karabulut",
        "Aftershock of magnitude 4.6",
        "<p>A magnitude 4.6 aftershock shook {city} eight minutes after the main tremor, sending people who had gone back indoors out again.</p>",
    ),
    DemoEntry(
        21,
        "kerem-yildirim",
        "Residents gather in parks and school yards",
        "<p>Thousands of people are waiting in parks, school yards and mosque courtyards. Neighbours are sharing blankets and tea; the municipality has sent buses where people can sit in the warm.</p>",
        picture=("skyline", "Residents of {city} gathered in open spaces after the earthquake."),
    ),
    DemoEntry(
        26,
        "murat-kaplan",
        "Buildings collapsed in the old quarter",
        "<p>The governor's office said at least four buildings collapsed in the old quarter and several more were badly damaged. Search and rescue teams and the fire brigade are at the scene.</p>",
        key_event=True,
    ),
    DemoEntry(
        31,
        "murat-kaplan",
        "Governor: stay out of damaged buildings",
        "<blockquote><p>“Please do not go back into any building with cracks until engineers have checked it. Our teams are in the field.”</p></blockquote><p>— the governor of {city}, speaking to reporters outside the provincial crisis centre.</p>",
    ),
    DemoEntry(
        35,
        "zeynep-arslan",
        "Hospitals receiving injured",
        "<p>The city's two state hospitals said they had begun receiving injured people, most with cuts and broken bones from falling debris. One hospital moved patients into its garden as a precaution.</p>",
    ),
    DemoEntry(
        40,
        "oguz-tekin",
        "Rescue teams sent from six provinces",
        "<p>The disaster agency said search and rescue teams from six neighbouring provinces were on their way to {city}, with sniffer dogs and heavy lifting equipment.</p>",
        embed_url="https://bsky.app/profile/did:plc:disasteragencyexamplezz2/post/3kvq2hlzm7a4x",
    ),
    DemoEntry(
        46,
        "zeynep-arslan",
        "First confirmed death",
        "<p>The health ministry confirmed the first death: a 67-year-old man pulled from a collapsed building in the old quarter. Thirty-eight people are being treated in hospital, it said.</p>",
        key_event=True,
    ),
    DemoEntry(
        52,
        "kerem-yildirim",
        "Airport closed for runway checks",
        "<p>{city}'s airport has suspended all flights while engineers inspect the runway and the terminal. Incoming flights are being diverted to neighbouring airports; passengers should check with their airline before travelling.</p>",
        key_event=True,
    ),
    DemoEntry(
        58,
        "murat-kaplan",
        "Trains halted through the province",
        "<p>The state railway halted trains on lines through the province until engineers have checked bridges and tunnels. Services from Ankara stop at the previous station, where buses take passengers on.</p>",
    ),
    DemoEntry(
        64,
        "oguz-tekin",
        "Rescuers dig by hand in the old quarter",
        "<p>At the largest of the collapsed buildings, a five-storey block of flats, rescuers are removing rubble by hand and calling for silence every few minutes to listen for voices.</p>",
        picture=(
            "skyline",
            "Search and rescue teams at a collapsed building in {city}'s old quarter.",
        ),
    ),
    DemoEntry(
        70,
        "zeynep-arslan",
        "Death toll rises to three",
        "<p>Three people have died and 41 are injured, six of them seriously, the health ministry said.</p>",
        key_event=True,
    ),
    DemoEntry(
        76,
        "murat-kaplan",
        "Schools closed tomorrow",
        "<p>Schools in {city} will stay closed tomorrow while engineers inspect their buildings, the governor's office said. Universities have cancelled classes for the rest of the week.</p>",
    ),
    DemoEntry(
        83,
        "oguz-tekin",
        "“We heard voices under the rubble”",
        "<p>A volunteer rescuer told our reporter that his team had heard two people calling from beneath the collapsed block.</p><blockquote><p>“We have to go slowly: one wrong move and the rest of the floor comes down.”</p></blockquote>",
    ),
    DemoEntry(
        90,
        "zeynep-arslan",
        "Appeal for blood donors",
        "<p>The Red Crescent asked people with blood group 0 negative or A negative to give blood at its centres in {city}, which will stay open until midnight. Donors should bring identification and have eaten beforehand.</p>",
        picture=(
            "heartbeat",
            "The Red Crescent's appeal for blood donors after the earthquake in {city}.",
        ),
    ),
    DemoEntry(
        96,
        "kerem-yildirim",
        "Video: the moment the earthquake struck",
        "<p>Security camera footage released by the municipality shows shelves falling in a grocery shop as the tremor hit. No one in the shop was hurt.</p>",
        embed_url="https://www.youtube.com/watch?v=Qk7vEq3RbXw",
    ),
    DemoEntry(
        103,
        "selim-karabulut",
        "Strongest aftershock yet: magnitude 5.1",
        "<p>An aftershock of magnitude 5.1, the strongest so far, shook the city. Rescue work at the collapsed buildings was paused for a few minutes while teams checked that the rubble was stable.</p>",
    ),
    DemoEntry(
        110,
        "zeynep-arslan",
        "Death toll rises to seven",
        "<p>Seven people have died and 96 have been injured, the health minister said. Eleven of the injured are in intensive care.</p>",
        key_event=True,
    ),
    DemoEntry(
        117,
        "oguz-tekin",
        "Tents going up in three parks",
        "<p>The disaster agency is setting up 2,000 tents in three parks and a stadium car park for families who cannot go home, with field kitchens run by the Red Crescent.</p>",
    ),
    DemoEntry(
        124,
        "oguz-tekin",
        "Girl rescued alive after two hours",
        "<p>Rescuers pulled a nine-year-old girl alive from the collapsed block of flats, to applause from the crowd. She was taken to hospital conscious and talking, a paramedic said.</p>",
        key_event=True,
        picture=(
            "skyline",
            "Rescuers at the block of flats where a girl was found alive in {city}.",
        ),
    ),
    DemoEntry(
        131,
        "murat-kaplan",
        "President speaks to governor",
        "<p>The president spoke to the governor of {city} by phone and told ministries to send whatever the province needs, his office said.</p>",
    ),
    DemoEntry(
        138,
        "murat-kaplan",
        "Interior minister on his way",
        "<p>The interior minister has left Ankara for {city} and will chair a meeting of the crisis centre on arrival, the ministry said.</p>",
    ),
    DemoEntry(
        146,
        "selim-karabulut",
        "Death toll rises to 14",
        "<p>The death toll has risen to 14, according to figures from the health ministry. 158 people are being treated in hospital.</p>",
        key_event=True,
        correction="<p>The death toll has risen to 12, according to figures from the health ministry. 158 people are being treated in hospital.</p><p><em>Correction: an earlier version of this update gave the death toll as 14. Two people were counted twice by different hospitals; the ministry's figure is 12.</em></p>",
    ),
    DemoEntry(
        153,
        "kerem-yildirim",
        "Engineers begin damage survey",
        "<p>Teams of engineers from the environment and urbanisation ministry have begun checking buildings street by street, marking each as safe, to be repaired or to be demolished.</p>",
    ),
    DemoEntry(
        160,
        "kerem-yildirim",
        "How to report a missing relative",
        "<p>The disaster agency has opened a helpline and a page on the e-government portal where families can report relatives they cannot reach. Operators ask callers to keep calls short so the lines stay free.</p>",
    ),
    DemoEntry(
        167,
        "oguz-tekin",
        "Aid arrives from neighbouring provinces",
        "<p>Lorries carrying water, food, heaters and blankets have arrived from neighbouring provinces. The municipality asks people not to bring donations to the collapse sites but to its depot at the fairground.</p>",
        picture=("port", "Aid supplies for {city} being unloaded at the municipality's depot."),
    ),
    DemoEntry(
        175,
        "hannah-whitfield",
        "Offers of help from abroad",
        "<p>The foreign ministry said several countries had offered search and rescue teams. Ankara thanked them and said the teams already in {city} were enough for now.</p>",
        key_event=True,
    ),
    DemoEntry(
        183,
        "kerem-yildirim",
        "Mobile networks under strain",
        "<p>Mobile operators asked people in the province to send messages rather than call, and said calls and data would be free for their subscribers there for three days.</p>",
    ),
    DemoEntry(
        191,
        "zeynep-arslan",
        "Queues to give blood",
        "<p>Hundreds of people queued at Red Crescent centres after the appeal. The Red Crescent said it had enough blood for now and asked others to come in the coming days.</p>",
        picture=("heartbeat", "Donors queued at a Red Crescent centre in {city}."),
    ),
    DemoEntry(
        199,
        "kerem-yildirim",
        "Airport reopens",
        "<p>Flights to and from {city} have resumed after engineers found no damage to the runway. The airport expects delays for the rest of the day.</p>",
        key_event=True,
    ),
    DemoEntry(
        207,
        "murat-kaplan",
        "Trains running again on the main line",
        "<p>The state railway said trains were running again on the main line after bridge checks, at reduced speed. Regional lines stay closed.</p>",
    ),
    DemoEntry(
        215,
        "selim-karabulut",
        "More than 140 aftershocks",
        "<p>The disaster agency has recorded 146 aftershocks so far, nine of them above magnitude 4.</p><blockquote><p>“Aftershocks of this size are expected for days. People should stay out of damaged buildings.”</p></blockquote><p>— a seismologist at the national observatory.</p>",
    ),
    DemoEntry(
        223,
        "oguz-tekin",
        "Sports halls and dormitories open",
        "<p>Sports halls, student dormitories and undamaged schools have opened for people who cannot go home. The governor's office said 9,000 people had registered for a place.</p>",
    ),
    DemoEntry(
        231,
        "oguz-tekin",
        "Search ends at two buildings",
        "<p>The search has ended at two of the four collapsed buildings after everyone reported missing there was accounted for. Work continues at the block of flats and at a three-storey shop building.</p>",
    ),
    DemoEntry(
        239,
        "murat-kaplan",
        "Interior minister: 13 dead, 204 injured",
        "<p>At a news conference in {city}, the interior minister said 13 people had died and 204 had been injured. Thirty-one buildings are too badly damaged to be used and will be demolished.</p>",
        key_event=True,
    ),
    DemoEntry(
        246,
        "selim-karabulut",
        "What we know so far",
        "<ul><li>A magnitude {magnitude} earthquake struck {city} at {quake_time} local time, seven kilometres deep.</li><li>13 people have died and 204 have been injured, the interior minister says.</li><li>Four buildings collapsed; rescuers are still searching two of them.</li><li>The airport has reopened; trains run on the main line at reduced speed.</li><li>Schools are closed tomorrow. Tents, sports halls and dormitories are open for those who cannot go home.</li><li>The Red Crescent has enough blood for now and asks donors to come in the coming days.</li></ul>",
        pinned=True,
    ),
    DemoEntry(
        252,
        "zeynep-arslan",
        "Most injured expected to go home",
        "<p>Most of the injured have minor wounds and are expected to go home within a day, the health ministry said. Twenty remain in intensive care.</p>",
    ),
    DemoEntry(
        258,
        "oguz-tekin",
        "Floodlights at the collapse sites",
        "<p>Floodlights and generators have been set up at the two buildings where the search goes on. Rescuers are working in shifts.</p>",
    ),
    DemoEntry(
        265,
        "selim-karabulut",
        "Summary",
        "<p>If you are just joining us: a magnitude {magnitude} earthquake struck {city} at {quake_time}, killing 13 people and injuring 204. Rescuers are still searching two collapsed buildings. The airport has reopened and trains are running on the main line. We will keep this page updated.</p>",
        key_event=True,
    ),
)
