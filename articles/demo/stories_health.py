"""Story bank for the Health desk. Hospitals, doctors, patients and studies are invented."""

from .content import Desk, Topic

DOCTOR = "{doctor}"
DIRECTORATE = "a spokesperson for the provincial health directorate"

HEALTH = Desk(
    section="health",
    weight=8,
    tags=("Health",),
    speakers=(DOCTOR, DOCTOR, DIRECTORATE, "a spokesperson for the health ministry"),
    subheads=("What patients should know", "What doctors advise", "The numbers"),
    closers=(
        "Patients with questions can call the ministry's health line or ask their family doctor.",
        "The health ministry said it would publish updated guidance next month.",
        "Doctors advise anyone with symptoms that last more than a few days to see their family doctor.",
    ),
    slots={
        "doctor": (
            "Dr Aslı Demirci, an infectious disease specialist in {city}",
            "Dr Volkan Eren, head of a family health centre",
            "Professor Leyla Arıkan, a public health researcher at {university}",
            "Dr Murat Sönmez, an emergency physician",
        ),
        "medicine": (
            "children's fever syrup",
            "insulin pens",
            "some antibiotics",
            "blood pressure tablets",
            "asthma inhalers",
        ),
        "patient": (
            "Serap Önal, who waited four months for a knee operation",
            "Cengiz Bilgin, a retired bus driver",
            "Derya Altun, a mother of two",
        ),
    },
    topics=(
        Topic(
            tags=("Hospitals",),
            scenes=("heartbeat", "skyline"),
            headlines=(
                "New {big}-bed hospital opens in {city}",
                "{city} gets new hospital with {n} operating theatres",
            ),
            standfirsts=(
                "The hospital will take patients from across the province and should cut waiting times, officials say.",
            ),
            paragraphs=(
                "A new hospital with {big} beds and {n} operating theatres opened in {city} on {weekday}, the provincial health directorate said.",
                "The hospital will take patients from across the province, many of whom have had to travel to larger cities for surgery.",
                "It has a children's wing, a cancer treatment centre and an emergency department designed to handle a major disaster.",
                "Doctors' groups welcomed the building but warned that the hospital would need hundreds of new staff to run at full capacity.",
            ),
            quotes=(
                (
                    "Patients from the villages will no longer have to spend a day on the road for an operation",
                    DIRECTORATE,
                ),
                (
                    "A hospital is not just a building. We need the nurses and doctors to fill it",
                    "a spokesperson for the local medical association",
                ),
                (
                    "My mother had to go to another city for her treatment. Now she will not have to",
                    "{patient}",
                ),
            ),
            captions=("A heartbeat trace. The new hospital in {city} has {n} operating theatres.",),
        ),
        Topic(
            tags=("Flu", "Vaccination"),
            scenes=("heartbeat", "molecules"),
            headlines=(
                "Flu cases rise {pct}% in a week as doctors urge vaccination",
                "Family doctors in {city} report surge in flu cases",
            ),
            standfirsts=(
                "Doctors say the vaccine is still worth having and urge older people and pregnant women to get it.",
            ),
            paragraphs=(
                "Flu cases rose {pct}% in the past week, according to figures from family health centres, and doctors in {city} said waiting rooms were full.",
                "Health officials urged people over 65, pregnant women and those with chronic illnesses to get vaccinated if they had not already.",
                "Most cases are mild, but hospitals have seen more admissions of elderly patients with complications.",
                "Doctors advised people with symptoms to stay at home, drink plenty of fluids and avoid visiting elderly relatives.",
            ),
            quotes=(
                ("It is not too late to get vaccinated. The season has weeks to run", DOCTOR),
                (
                    "We are seeing whole families come in together",
                    "Dr Volkan Eren, head of a family health centre",
                ),
            ),
            captions=("A model of a virus particle. Flu cases are rising across the country.",),
        ),
        Topic(
            tags=("Hospitals", "Waiting times"),
            scenes=("heartbeat", "chart"),
            headlines=(
                "Waits for hospital appointments in {city} cut to {n} days",
                "Patients in {city} still wait months for some operations",
            ),
            standfirsts=(
                "Appointments with specialists are faster, but waits for some operations remain long.",
            ),
            paragraphs=(
                "The average wait for a specialist appointment in {city} has fallen to {n} days, the provincial health directorate said on {weekday}.",
                "Waits for some planned operations, such as knee and hip replacements, remain much longer, often several months.",
                "The directorate said it had extended clinic hours into the evening and moved some appointments to weekends.",
                "Patients' groups said the figures hid wide differences between hospitals and specialities.",
            ),
            quotes=(
                (
                    "We have opened evening clinics and weekend lists, and the waits are coming down",
                    DIRECTORATE,
                ),
                ("The appointment was quick. The operation is another story", "{patient}"),
            ),
            captions=("A chart of waiting times at hospitals in {city}.",),
        ),
        Topic(
            tags=("Medicines", "Pharmacies"),
            scenes=("heartbeat", "molecules"),
            headlines=(
                "Pharmacists in {city} report shortages of {medicine}",
                "Shortage of {medicine} worries patients in {city}",
            ),
            standfirsts=(
                "The health ministry says new supplies are on the way; pharmacists say patients are going from shop to shop.",
            ),
            paragraphs=(
                "Pharmacists in {city} said on {weekday} that they had been unable to get enough {medicine} for several weeks.",
                "The health ministry said new shipments had been ordered and would reach pharmacies within days.",
                "Pharmacists blamed a dispute over prices between the state and some importers, which they said had slowed deliveries.",
                "Doctors advised patients not to stop taking medicines without advice and to ask about alternatives.",
            ),
            quotes=(
                (
                    "Patients are going from pharmacy to pharmacy. We call each other to find stock",
                    "a pharmacist in {city}",
                ),
                (
                    "New supplies have been ordered and will reach pharmacies shortly",
                    "a spokesperson for the health ministry",
                ),
            ),
            captions=("Capsules and a heartbeat trace. Pharmacists in {city} report shortages.",),
        ),
        Topic(
            tags=("Research", "Heart health"),
            scenes=("heartbeat", "chart"),
            headlines=(
                "Study of {thousand} adults links daily walks to lower heart risk",
                "Half an hour's walk a day cuts heart risk, Turkish study finds",
            ),
            standfirsts=(
                "Researchers followed the participants for ten years; the benefit held for all ages.",
            ),
            paragraphs=(
                "People who walked for at least half an hour a day were markedly less likely to have a heart attack or stroke, according to a study of {thousand} adults led by researchers at {university}.",
                "The participants were followed for ten years, and the link held for men and women of all ages.",
                "The researchers said the study showed an association rather than proof of cause, but that the results matched earlier work in other countries.",
                "Heart disease is the leading cause of death in Türkiye, according to official statistics.",
            ),
            quotes=(
                (
                    "You do not need a gym. You need comfortable shoes and thirty minutes",
                    "Professor Leyla Arıkan, a public health researcher at {university}",
                ),
                ("This is a large and careful study, and its message is simple", DOCTOR),
            ),
            captions=("A heartbeat trace. The study followed {thousand} adults for ten years.",),
        ),
        Topic(
            tags=("Vaccination", "Children"),
            scenes=("heartbeat", "molecules"),
            headlines=(
                "Vaccination drive reaches {thousand} children in {region}",
                "Mobile clinics take vaccines to villages in {region}",
            ),
            standfirsts=("Health teams are visiting villages where children missed routine jabs.",),
            paragraphs=(
                "Mobile health teams have vaccinated {thousand} children in {region} in the past month, catching up on routine jabs that many missed, the health ministry said.",
                "The teams travel by minibus to villages far from family health centres and set up in schools and mosques.",
                "Officials said the campaign had been prompted by a rise in measles cases in several provinces.",
                "Parents can check which vaccines their children need through the ministry's online portal or at any family health centre.",
            ),
            quotes=(
                (
                    "Some families live two hours from the nearest clinic. So we go to them",
                    "a nurse with one of the mobile teams",
                ),
                ("Measles spreads fast, and vaccination is the only real protection", DOCTOR),
            ),
            captions=("A molecular model. Mobile teams are vaccinating children across {region}.",),
            speakers=("a spokesperson for the health ministry", DOCTOR),
        ),
    ),
)
