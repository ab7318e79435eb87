"""Sample content for a demonstration: invented experts, agendas, practices, actions, comments.

The facts (municipalities, recommendations, historical visits) come from migrations and
``load_history``; what the ministry never published (agenda times, the experts, who took
part, follow-up actions and their history, comments) is invented here and every row is
marked ``is_sample=True`` so the pages can say so. Names are obviously fictional, emails
end in ``.invalid``, phone numbers are placeholders, and no family is named or located.

Everything is deterministic (fixed dates, choices derived from list positions) and
idempotent: a second run finds what the first created (by email, slug, title) and
changes nothing. Records that are not sample content are never modified; they only gain
links to recommendations.
"""

import datetime as dt
from collections import Counter
from collections.abc import Iterable

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.text import slugify

from experts.models import ExpertProfile
from platform_site.regions import PlanningRegion
from recommendations.models import ActionUpdate, FollowUpAction, Recommendation
from visits.models import AgendaItem, Comment, GoodPractice, Municipality, Participation, Visit

# The consent date of the public sample profiles: the network meeting of 27 May 2021.
CONSENT_AT = dt.datetime(2021, 5, 27, 9, 0, tzinfo=dt.UTC)
EMAIL_DOMAIN = "piemers.invalid"

# The historical visits that ``load_history`` creates, oldest first; the last is the meeting.
HISTORICAL_VISIT_SLUGS = (
    "jurmala-2016",
    "daugavpils-2017",
    "jelgava-2017",
    "limbazu-novads-2017",
    "malta-un-vilaka-2019",
    "ventspils-2019",
    "talsu-novads-sabile-2020",
    "ekspertu-tikla-sanaksme-2021",
)
PARTICIPANTS_PER_VISIT = 12
PARTICIPANTS_PER_MEETING = 15
PARTICIPANTS_PER_SAMPLE_VISIT = 8

# ---------------------------------------------------------------------------
# Experts: first name, invented surname. Position and region follow from the place in the
# list, so that every region gets every kind of position.

EXPERT_NAMES = (
    ("Ilze", "Paraudziņa"),
    ("Jānis", "Piemēriņš"),
    ("Inese", "Izdomiņa"),
    ("Dace", "Testiņa"),
    ("Andris", "Paraugkalns"),
    ("Sandra", "Piemērkalne"),
    ("Līga", "Skicīte"),
    ("Mārtiņš", "Melnrakstiņš"),
    ("Kristīne", "Demonstrāne"),
    ("Anita", "Maketiņa"),
    ("Aivars", "Šablonskis"),
    ("Laura", "Paraugliepa"),
    ("Santa", "Piemērupe"),
    ("Edgars", "Izdomiņš"),
    ("Zane", "Paraugsila"),
    ("Linda", "Testupe"),
    ("Gatis", "Skicītis"),
    ("Ieva", "Prototipiņa"),
    ("Baiba", "Paraudziņa"),
    ("Raimonds", "Paraudziņš"),
    ("Iveta", "Piemēriņa"),
    ("Evija", "Melnrakstiņa"),
    ("Kaspars", "Maketiņš"),
    ("Agnese", "Ilustrāne"),
    ("Dzintra", "Paraugkalne"),
    ("Valdis", "Piemērupis"),
    ("Gunta", "Šablonska"),
    ("Rita", "Izmēģiņa"),
    ("Uldis", "Testiņš"),
    ("Vija", "Paraugbērziņa"),
    ("Elīna", "Fiktīviņa"),
    ("Oskars", "Prototipiņš"),
    ("Olga", "Piemērovska"),
    ("Sergejs", "Paraugovs"),
    ("Nadežda", "Izdomova"),
    ("Aleksandrs", "Ilustrāns"),
    ("Marina", "Testovska"),
    ("Normunds", "Paraugbērziņš"),
    ("Daiga", "Paraugupe"),
    ("Viktors", "Piemērovs"),
)
MALE_FIRST_NAMES = frozenset(
    {
        "Jānis",
        "Andris",
        "Mārtiņš",
        "Aivars",
        "Edgars",
        "Gatis",
        "Raimonds",
        "Kaspars",
        "Valdis",
        "Uldis",
        "Oskars",
        "Sergejs",
        "Aleksandrs",
        "Normunds",
        "Viktors",
    }
)

REGION_CYCLE = (
    PlanningRegion.RIGA,
    PlanningRegion.KURZEME,
    PlanningRegion.ZEMGALE,
    PlanningRegion.VIDZEME,
    PlanningRegion.LATGALE,
)

# Municipality or city as the expert would write it, and its genitive for organisation names.
AREAS = {
    PlanningRegion.RIGA: (
        ("Rīga", "Rīgas"),
        ("Jūrmala", "Jūrmalas"),
        ("Ogres novads", "Ogres novada"),
        ("Salaspils novads", "Salaspils novada"),
    ),
    PlanningRegion.KURZEME: (
        ("Ventspils", "Ventspils"),
        ("Talsu novads", "Talsu novada"),
        ("Kuldīgas novads", "Kuldīgas novada"),
        ("Liepāja", "Liepājas"),
    ),
    PlanningRegion.ZEMGALE: (
        ("Jelgava", "Jelgavas"),
        ("Bauskas novads", "Bauskas novada"),
        ("Dobeles novads", "Dobeles novada"),
        ("Jēkabpils novads", "Jēkabpils novada"),
    ),
    PlanningRegion.VIDZEME: (
        ("Limbažu novads", "Limbažu novada"),
        ("Valmieras novads", "Valmieras novada"),
        ("Cēsu novads", "Cēsu novada"),
        ("Smiltenes novads", "Smiltenes novada"),
    ),
    PlanningRegion.LATGALE: (
        ("Daugavpils", "Daugavpils"),
        ("Rēzeknes novads", "Rēzeknes novada"),
        ("Balvu novads", "Balvu novada"),
        ("Ludzas novads", "Ludzas novada"),
    ),
}

# Position (feminine, masculine), organisation pattern, recommendations of the expertise.
POSITIONS = (
    (
        "sociālā darbiniece",
        "sociālais darbinieks",
        "{gen} sociālais dienests (parauga)",
        (10, 12, 4),
    ),
    ("romu mediatore", "romu mediators", "{gen} sociālais dienests (parauga)", (1, 10, 5)),
    ("skolotāja palīdze", "skolotāja palīgs", "{gen} pamatskola (parauga)", (11, 2, 5)),
    ("NVO vadītāja", "NVO vadītājs", "{gen} romu kopienas biedrība (parauga)", (8, 9, 6)),
    ("pētniece", "pētnieks", "Sociālo pētījumu centrs (parauga)", (13, 9, 3)),
    (
        "izglītības speciāliste",
        "izglītības speciālists",
        "{gen} izglītības pārvalde (parauga)",
        (2, 5, 11),
    ),
    ("jaunatnes darbiniece", "jaunatnes darbinieks", "{gen} jauniešu centrs (parauga)", (6, 4, 7)),
    ("ģimenes asistente", "ģimenes asistents", "{gen} sociālais dienests (parauga)", (10, 4, 12)),
)

# ---------------------------------------------------------------------------
# Agendas: day, start, end, kind, place, title, description. Times are invented; places
# are the institutions the ministry's pages name, or generic ones where it names none.

INSTITUTION = AgendaItem.Kind.INSTITUTION_VISIT
FAMILIES = AgendaItem.Kind.FAMILY_MEETING
COUNCIL = AgendaItem.Kind.COUNCIL_MEETING
DISCUSSION = AgendaItem.Kind.DISCUSSION
OTHER = AgendaItem.Kind.OTHER

FAMILY_NOTE = (
    "Tikšanās notiek ar ģimeņu piekrišanu. Ģimenes netiek nosauktas, un to dzīvesvietas "
    "netiek publicētas."
)
ARRIVAL = "Ierašanās un iepazīšanās"
FAMILY_MEETING = "Tikšanās ar romu ģimenēm"
COUNCIL_MEETING = "Tikšanās ar domes vadību"
PRACTICE_DISCUSSION = "Diskusija par pašvaldības īstenotajām praksēm romu līdzdalības veicināšanai"
CLOSING = "Kopsavilkuma diskusija"

AgendaRow = tuple[int, str, str, str, str, str, str]

# Day 2 of the three visits of which only the dates are known.
GENERIC_DAY_TWO: tuple[AgendaRow, ...] = (
    (2, "09:30", "11:00", COUNCIL, "Pašvaldības dome", COUNCIL_MEETING, ""),
    (2, "11:15", "12:45", DISCUSSION, "Pašvaldības dome", PRACTICE_DISCUSSION, ""),
    (2, "12:45", "13:30", DISCUSSION, "Pašvaldības dome", CLOSING, ""),
)

# fmt: off
AGENDAS: dict[str, tuple[AgendaRow, ...]] = {
    "jurmala-2016": (
        (1, "10:00", "10:30", OTHER, "Pašvaldības sociālais dienests", ARRIVAL, ""),
        (1, "10:30", "12:00", INSTITUTION, "Pašvaldības sociālais dienests",
         "Sociālā dienesta darbs ar romu ģimenēm", ""),
        (1, "13:00", "14:30", INSTITUTION, "Vispārizglītojošā skola",
         "Vizīte skolā: atbalsts romu bērnu izglītībai", ""),
        (1, "15:00", "16:30", FAMILIES, "", FAMILY_MEETING, FAMILY_NOTE),
        *GENERIC_DAY_TWO,
    ),
    "daugavpils-2017": (
        (1, "10:00", "10:30", OTHER, "Pašvaldības sociālais dienests", ARRIVAL, ""),
        (1, "10:30", "12:00", INSTITUTION, "Pirmsskolas izglītības iestāde",
         "Vizīte pirmsskolā: romu bērnu sagatavošana skolai", ""),
        (1, "13:00", "14:30", INSTITUTION, "Pilsētas bibliotēka",
         "Bibliotēkas pasākumi par romu kultūru", ""),
        (1, "15:00", "16:30", FAMILIES, "", FAMILY_MEETING, FAMILY_NOTE),
        *GENERIC_DAY_TWO,
    ),
    "jelgava-2017": (
        (1, "10:00", "10:30", OTHER, "Pašvaldības izglītības pārvalde", ARRIVAL, ""),
        (1, "10:30", "12:00", INSTITUTION, "Vispārizglītojošā skola",
         "Vizīte skolā: sadarbība ar romu skolēnu vecākiem", ""),
        (1, "13:00", "14:30", INSTITUTION, "Pašvaldības sociālais dienests",
         "Sociālā dienesta atbalsts romu ģimenēm", ""),
        (1, "15:00", "16:30", FAMILIES, "", FAMILY_MEETING, FAMILY_NOTE),
        *GENERIC_DAY_TWO,
    ),
    "limbazu-novads-2017": (
        (1, "10:00", "10:30", OTHER, "Lādezera pamatskola", ARRIVAL, ""),
        (1, "10:30", "12:00", INSTITUTION, "Lādezera pamatskola",
         "Vizīte Lādezera pamatskolā: skolotāja palīga darbs", ""),
        (1, "13:00", "14:00", INSTITUTION, "Limbažu bērnu un jauniešu centrs",
         "Vizīte bērnu un jauniešu centrā", ""),
        (1, "14:30", "15:30", INSTITUTION, "Viļķenes pamatskola", "Vizīte Viļķenes pamatskolā", ""),
        (1, "16:00", "17:00", FAMILIES, "", "Tikšanās ar romu jauniešiem un ģimenēm", FAMILY_NOTE),
        (2, "09:30", "11:00", COUNCIL, "Limbažu novada dome",
         "Tikšanās ar domes vadību, sociālo dienestu un Nodarbinātības valsts aģentūru", ""),
        (2, "11:15", "12:45", DISCUSSION, "Limbažu novada dome",
         "Diskusija: romu iekļaušana pašvaldībās ar nelielu romu iedzīvotāju skaitu", ""),
        (2, "12:45", "13:30", DISCUSSION, "Limbažu novada dome", CLOSING, ""),
    ),
    "malta-un-vilaka-2019": (
        (1, "10:30", "11:00", OTHER, "Maltas vidusskola", ARRIVAL, ""),
        (1, "11:00", "12:30", INSTITUTION, "Maltas vidusskola", "Vizīte Maltas vidusskolā", ""),
        (1, "14:00", "15:30", COUNCIL, "Rēzeknes novada dome",
         "Tikšanās ar Rēzeknes novada domes vadību", ""),
        (2, "10:00", "11:30", INSTITUTION, "Viļakas skolas", "Vizīte Viļakas skolās", ""),
        (2, "11:45", "12:45", INSTITUTION, "Pirmsskolas izglītības iestāde „Namiņš”",
         "Vizīte pirmsskolas izglītības iestādē „Namiņš”", ""),
        (2, "14:00", "15:30", FAMILIES, "", FAMILY_MEETING, FAMILY_NOTE),
        (3, "09:30", "11:00", COUNCIL, "Viļakas novada dome",
         "Tikšanās ar Viļakas novada domes vadību", ""),
        (3, "11:15", "12:45", DISCUSSION, "Viļakas novada dome", PRACTICE_DISCUSSION, ""),
        (3, "12:45", "13:30", DISCUSSION, "Viļakas novada dome", CLOSING, ""),
    ),
    "ventspils-2019": (
        (1, "09:30", "10:00", OTHER, "Pašvaldības sociālais dienests", ARRIVAL, ""),
        (1, "10:00", "12:30", INSTITUTION, "Trīs pilsētas skolas",
         "Vizītes skolās: atbalsts romu skolēniem", ""),
        (1, "13:30", "14:30", INSTITUTION, "Pašvaldības sociālais dienests",
         "Sociālā dienesta darbs ar sociālās atstumtības riskam pakļautām ģimenēm", ""),
        (1, "14:45", "15:30", INSTITUTION, "Pilsētas bibliotēka", "Vizīte bibliotēkā", ""),
        (1, "16:00", "17:00", FAMILIES, "", FAMILY_MEETING, FAMILY_NOTE),
        (2, "09:30", "11:00", COUNCIL, "Ventspils pilsētas dome", COUNCIL_MEETING, ""),
        (2, "11:15", "12:45", DISCUSSION, "Ventspils pilsētas dome",
         "Diskusija par ESF atbalsta pasākumiem: PUMPURS un individuālie atbalsta plāni", ""),
        (2, "12:45", "13:30", DISCUSSION, "Ventspils pilsētas dome", CLOSING, ""),
    ),
    "talsu-novads-sabile-2020": (
        (1, "10:00", "10:30", OTHER, "Sabiles kultūras nams", ARRIVAL,
         "Ievērojot Covid-19 piesardzības pasākumus."),
        (1, "10:30", "12:30", DISCUSSION, "Sabiles kultūras nams",
         "Diskusija par sociālajiem, izglītības un mājokļa pakalpojumiem", ""),
        (1, "13:30", "14:30", INSTITUTION, "Abavas pagasta pārvalde",
         "Vizīte Abavas pagasta pārvaldē", ""),
        (1, "15:00", "15:45", OTHER, "Sventes priedulājs",
         "Romu genocīda upuru piemiņas brīdis Sventes priedulājā", ""),
        (1, "16:00", "17:00", FAMILIES, "", FAMILY_MEETING, FAMILY_NOTE),
        (2, "09:30", "10:30", INSTITUTION, "Talsu novada sociālais dienests",
         "Vizīte sociālajā dienestā", ""),
        (2, "11:00", "12:30", COUNCIL, "Talsu novada pašvaldība",
         "Tikšanās ar Talsu novada pašvaldības vadību", ""),
        (2, "12:30", "13:30", DISCUSSION, "Talsu novada pašvaldība", CLOSING, ""),
    ),
}

# The programme of the two sample visits of 2026.
SAMPLE_AGENDA: tuple[AgendaRow, ...] = (
    (1, "10:00", "10:30", OTHER, "Pašvaldības sociālais dienests", ARRIVAL, ""),
    (1, "10:30", "12:00", INSTITUTION, "Vispārizglītojošā skola",
     "Vizīte skolā: skolotāja palīga un romu mediatora sadarbība", ""),
    (1, "13:00", "14:30", INSTITUTION, "Jauniešu centrs", "Vizīte jauniešu centrā", ""),
    (1, "15:00", "16:30", FAMILIES, "", FAMILY_MEETING, FAMILY_NOTE),
    *GENERIC_DAY_TWO,
)
# fmt: on

SAMPLE_VISIT_SUMMARY = """\
> **Parauga saturs.** Šis apraksts ir izdomāts portāla demonstrācijai; tas neapraksta
> reālu vizīti.

## Ko apmeklējām

- pašvaldības sociālo dienestu;
- vispārizglītojošo skolu, kurā strādā skolotāja palīgs;
- jauniešu centru.

## Galvenās atziņas

1. Romu mediatora un skolotāja palīga sadarbība palīdz bērniem regulāri apmeklēt skolu.
2. Darbs ar vecākiem jāsāk jau pirmsskolas posmā.
"""

# slug, title, municipality slug, start, end, status, lead
SAMPLE_VISITS = (
    (
        "parauga-vizite-jelgava-2026",
        "Labās prakses vizīte Jelgavā (parauga, projekts)",
        "jelgava",
        dt.date(2026, 12, 10),
        dt.date(2026, 12, 11),
        Visit.Status.DRAFT,
        "Parauga vizītes projekts: plānota labās prakses vizīte, kuras programma vēl tiek "
        "saskaņota.",
    ),
    (
        "parauga-vizite-daugavpils-2026",
        "Labās prakses vizīte Daugavpilī (parauga, pārskatīšanā)",
        "daugavpils",
        dt.date(2026, 10, 15),
        dt.date(2026, 10, 16),
        Visit.Status.REVIEW,
        "Parauga vizītes kopsavilkums, ko pirms publicēšanas pārskata tīkla eksperti.",
    ),
)
REVIEW_VISIT_SLUG = "parauga-vizite-daugavpils-2026"

# ---------------------------------------------------------------------------
# Good practices: visit, municipality, title, description, run by, target group, results,
# evidence type, what adopting needs, adopted since in, recommendations.

DEMONSTRATED = GoodPractice.Evidence.DEMONSTRATED
PROMISING = GoodPractice.Evidence.PROMISING

GOOD_PRACTICES = (
    (
        "jurmala-2016",
        "jurmala",
        "Romu mediators sociālajā dienestā",
        "Romu kopienas pārstāvis strādā sociālajā dienestā: palīdz ģimenēm sazināties ar "
        "sociālo darbinieku, skolu un ārstu un izskaidro pieejamo atbalstu.",
        "Pašvaldības sociālais dienests",
        "Romu ģimenes, kas saņem vai varētu saņemt sociālo palīdzību",
        "Parauga dati: biežākas ģimeņu konsultācijas, mazāk nokavētu tikšanos.",
        PROMISING,
        "Mediatora amata vieta un finansējums, mediatora apmācība, sociālā darbinieka "
        "atbalsts un regulāra supervīzija.",
        ("daugavpils", "ventspils"),
        (1, 10, 12),
    ),
    (
        "daugavpils-2017",
        "daugavpils",
        "Romu bērnu sagatavošana skolai pirmsskolā",
        "Pirmsskolas grupā romu bērni apgūst latviešu valodu un mācību iemaņas; vecāki tiek "
        "aicināti uz kopīgām nodarbībām.",
        "Pirmsskolas izglītības iestāde kopā ar sociālo dienestu",
        "Romu bērni 5–6 gadu vecumā un viņu vecāki",
        "Parauga dati: vairāk romu bērnu sāk skolu laikā un bez pārtraukumiem pirmajā gadā.",
        DEMONSTRATED,
        "Pirmsskolas vietas, pedagogs ar pieredzi darbā ar daudzvalodu bērniem, sadarbība "
        "ar ģimenēm.",
        ("vilakas-novads",),
        (2, 5),
    ),
    (
        "daugavpils-2017",
        "daugavpils",
        "Romu kultūras diena pilsētas bibliotēkā",
        "Ikgadējs pasākums bibliotēkā: romu mūzika, literatūra un sarunas ar romu kopienas "
        "pārstāvjiem skolēniem un citiem interesentiem.",
        "Pilsētas bibliotēka kopā ar romu kopienas biedrību",
        "Skolēni, pilsētas iedzīvotāji, romu kopiena",
        "Parauga dati: pasākumu apmeklē vairākas skolu klases; atsauksmes ir pozitīvas.",
        PROMISING,
        "Bibliotēka vai kultūras iestāde, kas gatava sadarboties ar romu kopienu; neliels "
        "pasākuma budžets.",
        ("jelgava", "talsu-novads"),
        (8, 9),
    ),
    (
        "jelgava-2017",
        "jelgava",
        "Vecāku sarunu vakari skolā",
        "Skola rīko neformālas sarunas ar romu skolēnu vecākiem par mācībām, kavējumiem un "
        "atbalsta iespējām.",
        "Vispārizglītojošā skola",
        "Romu skolēnu vecāki",
        "Parauga dati: vecāki biežāk sazinās ar klases audzinātāju.",
        PROMISING,
        "Skolas vadības atbalsts, pedagogs vai mediators, kam vecāki uzticas.",
        (),
        (5, 2),
    ),
    (
        "limbazu-novads-2017",
        "limbazu-novads",
        "Romu skolotāja palīgs pamatskolā",
        "Skolotāja palīgs no romu kopienas palīdz romu skolēniem stundās un uztur saikni ar "
        "ģimenēm.",
        "Pamatskola",
        "Romu skolēni un viņu ģimenes",
        "Parauga dati: mazāk neattaisnotu kavējumu un labāki mācību rezultāti.",
        DEMONSTRATED,
        "Skolotāja palīga amata likme, apmācība, skolas vadības un pedagogu atbalsts.",
        ("talsu-novads", "ventspils"),
        (11, 2, 5),
    ),
    (
        "limbazu-novads-2017",
        "limbazu-novads",
        "Neformālā izglītība jauniešu centrā",
        "Jauniešu centrs aicina romu jauniešus uz pulciņiem, brīvprātīgo darbu un "
        "pasākumiem kopā ar citiem jauniešiem.",
        "Bērnu un jauniešu centrs",
        "Romu jaunieši 13–25 gadu vecumā",
        "Parauga dati: romu jaunieši regulāri piedalās centra nodarbībās.",
        PROMISING,
        "Jaunatnes darbinieks, atvērta telpa, sadarbība ar skolām.",
        ("jurmala",),
        (6, 4),
    ),
    (
        "malta-un-vilaka-2019",
        "rezeknes-novads",
        "Individuāls mācību atbalsts romu skolēniem vidusskolā",
        "Skolēniem ar mācību grūtībām ir konsultācijas pēc stundām un individuāls plāns.",
        "Vidusskola",
        "Romu skolēni ar mācību grūtībām",
        "Parauga dati: vairāk skolēnu pabeidz pamatizglītību.",
        DEMONSTRATED,
        "Pedagogu laiks konsultācijām, atbalsta personāls.",
        (),
        (2, 12),
    ),
    (
        "malta-un-vilaka-2019",
        "vilakas-novads",
        "Romu bērnu iekļaušana pirmsskolas izglītībā",
        "Pirmsskolas izglītības iestāde uzrunā romu ģimenes un palīdz bērniem iejusties grupā.",
        "Pirmsskolas izglītības iestāde",
        "Romu bērni pirmsskolas vecumā",
        "Parauga dati: romu bērni apmeklē pirmsskolu regulārāk.",
        PROMISING,
        "Vietas pirmsskolā, darbinieku sadarbība ar ģimenēm.",
        ("rezeknes-novads",),
        (2, 5),
    ),
    (
        "ventspils-2019",
        "ventspils",
        "Individuālie atbalsta plāni romu skolēniem",
        "ESF projekta PUMPURS ietvaros skolēniem, kuriem draud mācību pārtraukšana, izstrādā "
        "individuālu atbalsta plānu.",
        "Pašvaldības izglītības iestādes",
        "Romu skolēni, kuriem draud priekšlaicīga mācību pārtraukšana",
        "Parauga dati: lielākā daļa skolēnu ar plānu turpina mācības.",
        DEMONSTRATED,
        "Dalība ESF projektā vai cits finansējums, atbildīgais pedagogs katrā skolā.",
        ("talsu-novads",),
        (2, 12),
    ),
    (
        "ventspils-2019",
        "ventspils",
        "Sociālā dienesta un skolu sadarbība ar ģimenēm",
        "Sociālais darbinieks un skola kopā plāno atbalstu ģimenēm sociālās atstumtības riskā.",
        "Pašvaldības sociālais dienests",
        "Sociālās atstumtības riskam pakļautas ģimenes",
        "Parauga dati: ātrāka reakcija uz skolas kavējumiem.",
        PROMISING,
        "Vienošanās par informācijas apmaiņu, regulāras sanāksmes.",
        (),
        (10, 4),
    ),
    (
        "talsu-novads-sabile-2020",
        "talsu-novads",
        "Kultūras nama sadarbība ar romu kopienu",
        "Kultūras nams kopā ar romu kopienu rīko koncertus un radošās darbnīcas.",
        "Kultūras nams",
        "Vietējā kopiena, romu jaunieši",
        "Parauga dati: kopīgi pasākumi vairākas reizes gadā.",
        PROMISING,
        "Kultūras iestāde, kontaktpersona romu kopienā.",
        ("limbazu-novads",),
        (8, 3),
    ),
    (
        "talsu-novads-sabile-2020",
        "talsu-novads",
        "Romu genocīda upuru piemiņas diena kopā ar skolēniem",
        "Skolēni kopā ar romu kopienu piedalās piemiņas pasākumā un mācību stundā par vēsturi.",
        "Pašvaldība kopā ar skolām un romu kopienu",
        "Skolēni, vietējā kopiena",
        "Parauga dati: pasākums notiek katru gadu.",
        PROMISING,
        "Sadarbība ar skolām, vēstures skolotājs, romu kopienas pārstāvji.",
        (),
        (8, 9, 6),
    ),
)

# ---------------------------------------------------------------------------
# Follow-up actions: title, description, recommendations, responsible institution,
# municipality, origin visit, public, start, due, history (status, date, note). The
# history starts with PLANNED; its dates increase.

PLANNED = FollowUpAction.Status.PLANNED
IN_PROGRESS = FollowUpAction.Status.IN_PROGRESS
DONE = FollowUpAction.Status.DONE
CANCELLED = FollowUpAction.Status.CANCELLED
D = dt.date

ACTIONS = (
    (
        "Romu mediatora amata izveide sociālajā dienestā",
        "Sociālajā dienestā izveido romu mediatora amata vietu.",
        (1, 10),
        "Jūrmalas sociālais dienests",
        "jurmala",
        "jurmala-2016",
        True,
        D(2018, 2, 1),
        D(2018, 12, 31),
        (
            (PLANNED, D(2018, 1, 15), "Darbība ieplānota."),
            (IN_PROGRESS, D(2018, 3, 1), "Izsludināts konkurss uz amata vietu."),
            (DONE, D(2018, 11, 20), "Mediators sācis darbu."),
        ),
    ),
    (
        "Skolotāja palīga finansējuma pagarināšana",
        "Turpina finansēt skolotāju palīgus skolās, kurās mācās romu bērni.",
        (11, 2),
        "Izglītības un zinātnes ministrija",
        None,
        "limbazu-novads-2017",
        True,
        D(2018, 9, 1),
        D(2019, 8, 31),
        (
            (PLANNED, D(2018, 6, 10), "Darbība ieplānota."),
            (IN_PROGRESS, D(2018, 9, 1), "Finansējums iekļauts budžeta pieprasījumā."),
            (DONE, D(2019, 6, 28), "Finansējums piešķirts nākamajam mācību gadam."),
        ),
    ),
    (
        "Metodiskais materiāls par skolotāja palīga darbu",
        "Sagatavo metodisko materiālu skolām par skolotāja palīga darbu ar romu skolēniem.",
        (11, 3),
        "Izglītības un zinātnes ministrija",
        None,
        None,
        True,
        D(2019, 1, 1),
        D(2020, 12, 31),
        (
            (PLANNED, D(2018, 11, 5), "Darbība ieplānota."),
            (IN_PROGRESS, D(2019, 2, 1), "Izveidota darba grupa."),
        ),
    ),
    (
        "Romu jauniešu iesaiste jauniešu centra programmā",
        "Jauniešu centrs uzrunā romu jauniešus un iekļauj viņus neformālās izglītības programmā.",
        (6, 4),
        "Limbažu novada pašvaldība",
        "limbazu-novads",
        "limbazu-novads-2017",
        True,
        D(2018, 3, 1),
        D(2019, 5, 31),
        (
            (PLANNED, D(2018, 1, 22), "Darbība ieplānota."),
            (IN_PROGRESS, D(2018, 3, 1), "Sāktas nodarbības."),
            (DONE, D(2019, 5, 30), "Programma noslēgusies; jaunieši turpina apmeklēt centru."),
        ),
    ),
    (
        "Vasaras darba prakses romu jauniešiem",
        "Piedāvā romu jauniešiem vasaras darba prakses pašvaldības iestādēs.",
        (7, 6),
        "Nodarbinātības valsts aģentūra",
        "daugavpils",
        "daugavpils-2017",
        True,
        D(2019, 6, 1),
        D(2019, 8, 31),
        (
            (PLANNED, D(2019, 3, 1), "Darbība ieplānota."),
            (
                CANCELLED,
                D(2019, 5, 15),
                "Atcelta: pieteicās pārāk maz dalībnieku; jauniešus aicina uz aģentūras "
                "vispārējo programmu.",
            ),
        ),
    ),
    (
        "Romu vecāku informatīvās tikšanās skolās",
        "Skolas rīko tikšanās romu skolēnu vecākiem par mācībām un atbalsta iespējām.",
        (5, 2),
        "Jelgavas izglītības pārvalde",
        "jelgava",
        "jelgava-2017",
        True,
        D(2018, 9, 1),
        D(2019, 5, 31),
        (
            (PLANNED, D(2018, 5, 14), "Darbība ieplānota."),
            (IN_PROGRESS, D(2018, 9, 15), "Notikusi pirmā tikšanās."),
            (DONE, D(2019, 5, 20), "Mācību gada laikā notikušas četras tikšanās."),
        ),
    ),
    (
        "Individuālie atbalsta plāni romu skolēniem",
        "Visās pašvaldības skolās romu skolēniem, kuriem draud mācību pārtraukšana, izstrādā "
        "individuālos atbalsta plānus.",
        (2, 12),
        "Ventspils pašvaldība",
        "ventspils",
        "ventspils-2019",
        True,
        D(2020, 1, 6),
        D(2021, 6, 30),
        (
            (PLANNED, D(2019, 11, 20), "Darbība ieplānota."),
            (IN_PROGRESS, D(2020, 1, 6), "Plāni izstrādāti pirmajās divās skolās."),
            (
                IN_PROGRESS,
                D(2020, 9, 14),
                "Attālināto mācību dēļ darbs turpinās lēnāk, nekā plānots.",
            ),
            (DONE, D(2021, 6, 18), "Plāni izstrādāti visās skolās."),
        ),
    ),
    (
        "Romu kultūras dienas pilsētas bibliotēkā",
        "Bibliotēka rīko romu kultūras dienas skolēniem un pilsētas iedzīvotājiem.",
        (8, 9),
        "Daugavpils pašvaldība",
        "daugavpils",
        None,
        True,
        D(2022, 4, 1),
        D(2022, 4, 30),
        (
            (PLANNED, D(2022, 2, 10), "Darbība ieplānota."),
            (IN_PROGRESS, D(2022, 4, 1), "Sagatavota programma."),
            (DONE, D(2022, 4, 9), "Kultūras dienas notikušas."),
        ),
    ),
    (
        "Piemiņas pasākums kopā ar skolām",
        "Romu genocīda upuru piemiņas pasākumu rīko kopā ar novada skolām.",
        (8, 9),
        "Talsu novada pašvaldība",
        "talsu-novads",
        "talsu-novads-sabile-2020",
        True,
        D(2021, 1, 15),
        D(2027, 6, 30),
        (
            (PLANNED, D(2020, 11, 2), "Darbība ieplānota."),
            (IN_PROGRESS, D(2021, 1, 15), "Sāktas sarunas ar skolām."),
            (IN_PROGRESS, D(2022, 9, 5), "Pasākums noticis divus gadus pēc kārtas."),
        ),
    ),
    (
        "Sociālo darbinieku apmācība darbam ar romu ģimenēm",
        "Apmāca pašvaldību sociālos darbiniekus darbā ar romu ģimenēm.",
        (10, 1),
        "Labklājības ministrija",
        None,
        None,
        False,
        D(2021, 3, 1),
        D(2022, 12, 31),
        (
            (PLANNED, D(2021, 1, 20), "Darbība ieplānota."),
            (IN_PROGRESS, D(2021, 3, 1), "Sagatavota apmācību programma."),
        ),
    ),
    (
        "Ekspertu dalība reģionālajos pasākumos",
        "Reģionālā ekspertu tīkla dalībnieki piedalās pašvaldību pasākumos par romu jautājumiem.",
        (13, 3),
        "Kultūras ministrija",
        None,
        "ekspertu-tikla-sanaksme-2021",
        True,
        D(2021, 9, 1),
        D(2023, 12, 31),
        (
            (PLANNED, D(2021, 6, 15), "Darbība ieplānota."),
            (IN_PROGRESS, D(2021, 9, 1), "Sastādīts pasākumu saraksts."),
            (DONE, D(2023, 12, 15), "Eksperti piedalījušies pasākumos visos reģionos."),
        ),
    ),
    (
        "Labās prakses piemēru apkopojums pašvaldībām",
        "Apkopo vizītēs redzētās labās prakses pašvaldību speciālistiem.",
        (3,),
        "Kultūras ministrija",
        None,
        "ekspertu-tikla-sanaksme-2021",
        True,
        D(2022, 1, 10),
        D(2022, 10, 31),
        (
            (PLANNED, D(2021, 12, 1), "Darbība ieplānota."),
            (IN_PROGRESS, D(2022, 1, 10), "Apkopoti vizīšu kopsavilkumi."),
            (DONE, D(2022, 10, 20), "Apkopojums nosūtīts pašvaldībām."),
        ),
    ),
    (
        "Romu bērnu iesaiste pirmsskolas izglītībā Viļakas novadā",
        "Uzrunā romu ģimenes un piedāvā bērniem vietas pirmsskolā.",
        (2, 5),
        "Viļakas novada pašvaldība",
        "vilakas-novads",
        "malta-un-vilaka-2019",
        True,
        D(2019, 9, 1),
        D(2020, 8, 31),
        (
            (PLANNED, D(2019, 3, 15), "Darbība ieplānota."),
            (IN_PROGRESS, D(2019, 9, 1), "Uzrunātas ģimenes."),
            (
                CANCELLED,
                D(2021, 6, 30),
                "Atcelta administratīvi teritoriālās reformas dēļ; darbu turpina jauna darbība.",
            ),
        ),
    ),
    (
        "Pirmsskolas atbalsta turpināšana Balvu novadā",
        "Pēc reformas turpina romu bērnu iesaisti pirmsskolas izglītībā.",
        (2, 5),
        "Balvu novada pašvaldība",
        None,
        None,
        True,
        D(2021, 9, 1),
        D(2027, 5, 31),
        (
            (PLANNED, D(2021, 7, 15), "Darbība ieplānota."),
            (IN_PROGRESS, D(2021, 9, 1), "Atbalsts turpinās."),
        ),
    ),
    (
        "Romu mediatora pakalpojums novada skolās",
        "Piedāvā romu mediatora konsultācijas novada skolām.",
        (1, 2),
        "Rēzeknes novada pašvaldība",
        "rezeknes-novads",
        "malta-un-vilaka-2019",
        False,
        D(2019, 9, 1),
        D(2020, 6, 30),
        ((PLANNED, D(2019, 4, 1), "Darbība ieplānota; gaida finansējumu."),),
    ),
    (
        "Konsultācijas par nodarbinātības atbalsta pasākumiem",
        "Romu kopienas pārstāvjiem skaidro pieejamos nodarbinātības atbalsta pasākumus.",
        (7, 12),
        "Nodarbinātības valsts aģentūra",
        "talsu-novads",
        "talsu-novads-sabile-2020",
        False,
        D(2020, 9, 1),
        D(2021, 12, 31),
        (
            (PLANNED, D(2020, 8, 1), "Darbība ieplānota."),
            (IN_PROGRESS, D(2020, 9, 15), "Notikušas pirmās konsultācijas."),
            (DONE, D(2021, 11, 30), "Konsultācijas notikušas visos pagastos."),
        ),
    ),
    (
        "Informatīva kampaņa aizspriedumu mazināšanai",
        "Sociālo tīklu un reģionālo mediju kampaņa par romu kultūru un vēsturi.",
        (9, 8),
        "Kultūras ministrija",
        None,
        None,
        True,
        D(2026, 3, 1),
        D(2027, 3, 31),
        ((PLANNED, D(2025, 11, 10), "Darbība ieplānota nākamā projekta posmā."),),
    ),
    (
        "Romu jauniešu līderības darbnīcas",
        "Darbnīcas romu jauniešiem par līdzdalību pilsoniskajā sabiedrībā.",
        (6, 4),
        "Kultūras ministrija",
        None,
        None,
        False,
        D(2025, 2, 1),
        D(2025, 6, 30),
        (
            (PLANNED, D(2024, 12, 5), "Darbība ieplānota."),
            (
                CANCELLED,
                D(2025, 1, 20),
                "Atcelta: darbnīcas apvienotas ar nākamā projekta posma pasākumiem.",
            ),
        ),
    ),
    (
        "Pieaugušo izglītības kursi romu vecākiem",
        "Latviešu valodas un digitālo prasmju kursi romu vecākiem.",
        (5, 7),
        "Jelgavas sociālais dienests",
        "jelgava",
        None,
        False,
        D(2023, 9, 1),
        D(2024, 5, 31),
        (
            (PLANNED, D(2023, 6, 1), "Darbība ieplānota."),
            (IN_PROGRESS, D(2023, 9, 1), "Sākta pirmā kursu grupa."),
        ),
    ),
    (
        "Ģimenes asistenta pakalpojums romu ģimenēm",
        "Ģimenes asistents palīdz romu ģimenēm ikdienas jautājumos un saziņā ar iestādēm.",
        (10, 4),
        "Daugavpils sociālais dienests",
        "daugavpils",
        None,
        True,
        D(2020, 2, 1),
        D(2020, 12, 31),
        (
            (PLANNED, D(2019, 12, 2), "Darbība ieplānota."),
            (IN_PROGRESS, D(2020, 2, 1), "Pakalpojums sākts."),
            (IN_PROGRESS, D(2020, 9, 15), "Ārkārtējās situācijas dēļ darbs notiek attālināti."),
            (DONE, D(2021, 3, 31), "Pakalpojums iekļauts sociālā dienesta pastāvīgajos."),
        ),
    ),
    (
        "Sociālo dienestu pieredzes apmaiņas seminārs",
        "Seminārs pašvaldību sociālajiem dienestiem par darbu ar romu ģimenēm.",
        (3, 10),
        "Kultūras ministrija",
        None,
        None,
        False,
        D(2026, 5, 1),
        D(2027, 10, 31),
        ((PLANNED, D(2026, 2, 16), "Darbība ieplānota."),),
    ),
)

# ---------------------------------------------------------------------------
# Comments: visit, author (position in EXPERT_NAMES), text, reply to (position in this
# tuple), written at.

COMMENTS = (
    (
        "ventspils-2019",
        26,
        "Individuālo atbalsta plānu pieeja noderētu arī mūsu novadā. Vai kāds var "
        "padalīties ar plāna veidlapu, ko skola pielāgojusi?",
        None,
        dt.datetime(2021, 6, 2, 7, 15, tzinfo=dt.UTC),
    ),
    (
        "ventspils-2019",
        30,
        "Mūsu skolā izmantojam vienas lapas veidlapu: mērķi, atbalsta pasākumi un atbildīgie. "
        "Varu to nosūtīt tīkla dalībniekiem.",
        0,
        dt.datetime(2021, 6, 3, 12, 40, tzinfo=dt.UTC),
    ),
    (
        "limbazu-novads-2017",
        18,
        "Noderīgi redzēt, kā strādā pašvaldība, kurā dzīvo neliels romu iedzīvotāju skaits. "
        "Skolotāja palīga pieredzi būtu vērts aprakstīt sīkāk.",
        None,
        dt.datetime(2021, 6, 10, 9, 5, tzinfo=dt.UTC),
    ),
    (
        REVIEW_VISIT_SLUG,
        21,
        "Kopsavilkumā ierosinu pieminēt arī jauniešu centra nodarbības, par kurām runājām "
        "pirmajā dienā.",
        None,
        dt.datetime(2026, 10, 20, 8, 30, tzinfo=dt.UTC),
    ),
)


# ---------------------------------------------------------------------------


def load_sample_content() -> Counter:
    """Add the sample content; return how many sample rows of each kind the database holds.

    One transaction: a failure halfway leaves no half-loaded demonstration behind.
    """
    with transaction.atomic():
        experts = _load_experts()
        visits = {visit.slug: visit for visit in Visit.objects.all()}
        municipalities = {m.slug: m for m in Municipality.objects.all()}
        _load_sample_visits(visits, municipalities)
        _load_agendas(visits)
        _load_participations(visits, experts)
        _load_good_practices(visits, municipalities)
        _load_actions(visits, municipalities)
        _load_comments(visits, experts)
    return sample_counts()


def sample_counts() -> Counter:
    """How many sample rows of each kind there are, for the command's summary."""
    return Counter(
        {
            "experts": ExpertProfile.objects.filter(is_sample=True).count(),
            "visits": Visit.objects.filter(is_sample=True).count(),
            "agenda_items": AgendaItem.objects.filter(is_sample=True).count(),
            "participations": Participation.objects.filter(is_sample=True).count(),
            "good_practices": GoodPractice.objects.filter(is_sample=True).count(),
            "actions": FollowUpAction.objects.filter(is_sample=True).count(),
            "action_updates": ActionUpdate.objects.filter(is_sample=True).count(),
            "comments": Comment.objects.filter(is_sample=True).count(),
        }
    )


def _recommendations() -> dict[int, Recommendation]:
    return {rec.number: rec for rec in Recommendation.objects.all()}


def _link(recommendations: dict[int, Recommendation], numbers: Iterable[int], field: str, obj):
    """Add ``obj`` to each numbered recommendation's ``field``; skip numbers staff removed."""
    for number in numbers:
        if number in recommendations:
            getattr(recommendations[number], field).add(obj)


def _expert_fields(index: int, first: str, surname: str) -> dict:
    """Everything about the index-th expert, derived from its place in the list."""
    is_male = first in MALE_FIRST_NAMES
    region = REGION_CYCLE[index % len(REGION_CYCLE)]
    area, genitive = AREAS[region][(index // len(REGION_CYCLE)) % len(AREAS[region])]
    feminine, masculine, organisation, _numbers = POSITIONS[index % len(POSITIONS)]
    position = masculine if is_male else feminine
    full_name = f"{first} {surname}"
    is_public = index % 2 == 0
    has_phone = index % 3 == 0
    return {
        "full_name": full_name,
        "organisation": organisation.format(gen=genitive),
        "position": position,
        "home_area": area,
        "planning_region": region,
        "bio": (
            f"Parauga profils portāla demonstrācijai: {full_name} ir izdomāta persona. "
            f"Amats: {position}, {area}."
        ),
        "phone": f"+371 200000{index:02d}" if has_phone else "",
        "show_phone": has_phone and is_public,
        "show_email": index % 4 == 0,
        "is_sample": True,
    }


def _load_experts() -> list[ExpertProfile]:
    """Create the missing sample experts; return the sample ones in list order."""
    recommendations = _recommendations()
    experts = []
    for index, (first, surname) in enumerate(EXPERT_NAMES):
        email = f"{slugify(f'{first} {surname}')}@{EMAIL_DOMAIN}"
        profile = ExpertProfile.objects.filter(email=email).order_by("id").first()
        if profile is None:
            profile = _create_expert(index, first, surname, email)
            numbers = POSITIONS[index % len(POSITIONS)][3][: 1 + index % 3]
            _link(recommendations, numbers, "experts", profile)
        if profile.is_sample:
            experts.append(profile)
    return experts


def _create_expert(index: int, first: str, surname: str, email: str) -> ExpertProfile:
    """The profile and its account; the account has no usable password (nobody logs in)."""
    user, created = get_user_model().objects.get_or_create(
        username=email, defaults={"email": email, "first_name": first, "last_name": surname}
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    elif ExpertProfile.objects.filter(user=user).exists():
        user = None  # an account of the same name already has a profile: leave it be
    slug = email.split("@")[0]
    if ExpertProfile.objects.filter(slug=slug).exists():
        slug = f"{slug}-parauga"
    profile = ExpertProfile(
        user=user, slug=slug, email=email, **_expert_fields(index, first, surname)
    )
    profile.set_public(index % 2 == 0, now=CONSENT_AT)
    profile.save()
    return profile


def _load_sample_visits(visits: dict[str, Visit], municipalities: dict[str, Municipality]) -> None:
    """Add the draft and the review visit of 2026 to ``visits`` (created if missing)."""
    for slug, title, municipality_slug, start, end, status, lead in SAMPLE_VISITS:
        if slug in visits:
            continue
        municipality = municipalities.get(municipality_slug)
        visit = Visit(
            slug=slug,
            title=title,
            kind=Visit.Kind.GOOD_PRACTICE_VISIT,
            places=municipality.name if municipality else "",
            start_date=start,
            end_date=end,
            lead=lead,
            summary=SAMPLE_VISIT_SUMMARY,
            is_sample=True,
        )
        visit.set_status(status, now=CONSENT_AT)
        visit.save()
        if municipality:
            visit.municipalities.add(municipality)
        visits[slug] = visit


def _time(text: str) -> dt.time:
    return dt.time.fromisoformat(text)


def _load_agendas(visits: dict[str, Visit]) -> None:
    """Give each good-practice visit a timed programme, keeping to the visit's days.

    A visit whose programme ``load_history`` recorded from the ministry's pages keeps
    that programme alone: invented times mixed into recorded points would blur what is
    fact and what is sample, and would repeat each point twice.
    """
    programmes = {**AGENDAS, **{slug: SAMPLE_AGENDA for slug, *_rest in SAMPLE_VISITS}}
    for slug, rows in programmes.items():
        visit = visits.get(slug)
        if visit is None or visit.kind != Visit.Kind.GOOD_PRACTICE_VISIT:
            continue
        if visit.agenda_items.filter(is_sample=False).exists():
            continue
        for order, (day, start, end, kind, place, title, description) in enumerate(rows, 1):
            if day > visit.day_count:
                continue
            AgendaItem.objects.get_or_create(
                visit=visit,
                day=day,
                title=title,
                defaults={
                    "order": order,
                    "start_time": _time(start),
                    "end_time": _time(end),
                    "kind": kind,
                    "place": place,
                    "description": description,
                    "is_sample": True,
                },
            )


def _participants(experts: list[ExpertProfile], offset: int, count: int) -> list[ExpertProfile]:
    """``count`` experts in a row from ``offset``: consecutive ones span every region."""
    count = min(count, len(experts))
    return [experts[(offset + k) % len(experts)] for k in range(count)]


def _load_participations(visits: dict[str, Visit], experts: list[ExpertProfile]) -> None:
    """About 12 experts per visit, 15 at the network meeting, each group from every region."""
    plan = [(slug, index * 5) for index, slug in enumerate(HISTORICAL_VISIT_SLUGS)]
    plan.append((REVIEW_VISIT_SLUG, 20))
    for slug, offset in plan:
        visit = visits.get(slug)
        if visit is None or not experts:
            continue
        if visit.kind == Visit.Kind.NETWORK_MEETING:
            count = PARTICIPANTS_PER_MEETING
        elif visit.is_sample:
            count = PARTICIPANTS_PER_SAMPLE_VISIT
        else:
            count = PARTICIPANTS_PER_VISIT
        for k, expert in enumerate(_participants(experts, offset, count)):
            role = Participation.Role.SPEAKER if k == 0 else Participation.Role.PARTICIPANT
            Participation.objects.get_or_create(
                visit=visit, expert=expert, defaults={"role": role, "is_sample": True}
            )


def _load_good_practices(visits: dict[str, Visit], municipalities: dict[str, Municipality]) -> None:
    """Create the practices and link them, and their visits, to the recommendations."""
    recommendations = _recommendations()
    for (
        visit_slug,
        municipality_slug,
        title,
        description,
        run_by,
        target_group,
        results,
        evidence_type,
        adoption_requirements,
        adopted_in,
        numbers,
    ) in GOOD_PRACTICES:
        visit = visits.get(visit_slug)
        if visit is None:
            continue
        practice, created = GoodPractice.objects.get_or_create(
            visit=visit,
            title=title,
            defaults={
                "municipality": municipalities.get(municipality_slug),
                "description": description,
                "run_by": run_by,
                "target_group": target_group,
                "results": results,
                "evidence_type": evidence_type,
                "adoption_requirements": adoption_requirements,
                "is_sample": True,
            },
        )
        if not practice.is_sample:
            continue
        if created:
            practice.adopted_in.set([municipalities[s] for s in adopted_in if s in municipalities])
        _link(recommendations, numbers, "good_practices", practice)
        _link(recommendations, numbers, "visits", visit)


def _load_actions(visits: dict[str, Visit], municipalities: dict[str, Municipality]) -> None:
    """Create each action in PLANNED, then walk its history through ``change_status``."""
    recommendations = _recommendations()
    for (
        title,
        description,
        numbers,
        institution,
        municipality_slug,
        origin_slug,
        is_public,
        start,
        due,
        history,
    ) in ACTIONS:
        if FollowUpAction.objects.filter(title=title).exists():
            continue
        action = FollowUpAction.objects.create(
            title=title,
            description=f"Parauga darbība portāla demonstrācijai. {description}",
            responsible_institution=institution,
            municipality=municipalities.get(municipality_slug) if municipality_slug else None,
            origin_visit=visits.get(origin_slug) if origin_slug else None,
            status=PLANNED,
            start_date=start,
            due_date=due,
            is_public=is_public,
            is_sample=True,
        )
        action.recommendations.set([recommendations[n] for n in numbers if n in recommendations])
        for status, on, note in history:
            action.change_status(status, on=on, by=None, note=note, is_sample=True)


def _load_comments(visits: dict[str, Visit], experts: list[ExpertProfile]) -> None:
    """Write the comments with their fixed dates (``created_at`` is set on insert)."""
    written: dict[int, Comment] = {}
    for position, (visit_slug, author_index, body, reply_to, written_at) in enumerate(COMMENTS):
        visit = visits.get(visit_slug)
        author = experts[author_index].user if author_index < len(experts) else None
        if visit is None or author is None:
            continue
        parent = written.get(reply_to) if reply_to is not None else None
        if reply_to is not None and parent is None:
            continue
        comment, created = Comment.objects.get_or_create(
            visit=visit,
            author=author,
            body=body,
            defaults={"parent": parent, "is_sample": True},
        )
        if created:
            Comment.objects.filter(pk=comment.pk).update(created_at=written_at)
        written[position] = comment


def summary_line(counts: Counter) -> str:
    """The command's one-line Latvian report."""
    return (
        "Parauga saturs ielādēts: "
        f"eksperti — {counts['experts']}, "
        f"vizītes — {counts['visits']}, "
        f"programmas punkti — {counts['agenda_items']}, "
        f"dalības — {counts['participations']}, "
        f"labās prakses — {counts['good_practices']}, "
        f"darbības — {counts['actions']} (ieraksti vēsturē — {counts['action_updates']}), "
        f"komentāri — {counts['comments']}."
    )
