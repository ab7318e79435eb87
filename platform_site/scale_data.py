"""Scale data: the platform as it might look after decades, for the benchmark and the
query-count tests.

At full scale (``scale=1``): the 43 municipalities of today's Latvia (36 novadi and 7
state cities, as the 2021 administrative reform made them), 2,000 visits from September
2021 to 2045 (about nine in ten published, the rest in review or drafts; one in 25 a
network meeting) with two-day agendas and good practices, 1,000 experts with their
accounts, about 12 participations per visit, 5,000 follow-up actions with 20,000 history
entries, and 100,000 comments (80 % on visits, 20 % on actions).

Everything is invented and marked ``is_sample=True`` (municipalities have no such mark:
they are real, with approximate centres): names end in a number ("Ilze Paraudziņa 0042"),
visit and action titles begin "Skalas …", emails end in ``@skala.invalid``, and no family
is named or located. The same seed gives the same rows: every choice comes from
``random.Random(seed)`` and every date from fixed base dates, never from the clock.

Speed: rows are built in memory and written with ``bulk_create`` in batches of 2,000,
many-to-many links through their through-models, and the few per-row values a model
computes in ``save()`` (a visit's ``search_text``) are computed by the model's own method
first. The full set (195,629 rows) loads in well under a minute on SQLite and on
PostgreSQL.

The loader refuses to run on a database that already has scale data; ``replace=True``
(the command's ``--force``) deletes the previous scale data first. Data that is not scale
data (the history, the sample content, real records) is never touched, except that the
municipalities of today's Latvia that are missing are added.
"""

import datetime as dt
import random
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from urllib.parse import urlencode

from django.contrib.auth import get_user_model
from django.db import connection, models, transaction
from django.db.models import Exists, OuterRef
from django.utils.text import slugify

from experts.models import ExpertProfile
from platform_site.regions import PlanningRegion
from platform_site.sample_content import (
    ARRIVAL,
    CLOSING,
    COUNCIL_MEETING,
    EXPERT_NAMES,
    FAMILY_MEETING,
    FAMILY_NOTE,
    MALE_FIRST_NAMES,
    POSITIONS,
    PRACTICE_DISCUSSION,
)
from recommendations.models import ActionComment, ActionUpdate, FollowUpAction, Recommendation
from visits.models import AgendaItem, Comment, GoodPractice, Municipality, Participation, Visit
from visits.search import fold
from visits.views import VISITS_PER_PAGE

BATCH_SIZE = 2000

VISIT_SLUG_PREFIX = "skala-vizite-"
VISIT_TITLE_PREFIX = "Skalas vizīte"
MEETING_TITLE_PREFIX = "Skalas tīkla sanāksme"
ACTION_TITLE_PREFIX = "Skalas rīcība"
EMAIL_DOMAIN = "skala.invalid"

# The first visit after the 2021 reform; visits then run for YEARS years.
BASE_DATE = dt.date(2021, 9, 6)
YEARS = 24
CONSENT_AT = dt.datetime(2021, 9, 1, 9, 0, tzinfo=dt.UTC)

PARTICIPANTS_PER_VISIT = 12  # on average: 10 to 14
UPDATES_PER_ACTION = 4  # on average: 2 to 6
ACTION_COMMENT_SHARE = 0.2
REPLY_SHARE = 0.3


@dataclass(frozen=True)
class ScaleSize:
    visits: int
    experts: int
    comments: int
    actions: int

    @classmethod
    def at(cls, scale: float) -> "ScaleSize":
        """The full set times ``scale``, with a few rows of each kind at the least."""
        if scale <= 0:
            raise ValueError("The scale must be above 0.")
        return cls(
            visits=max(5, round(2000 * scale)),
            experts=max(5, round(1000 * scale)),
            comments=max(10, round(100_000 * scale)),
            actions=max(5, round(5000 * scale)),
        )


# ---------------------------------------------------------------------------
# Today's municipalities: name, slug, kind, planning region, centre, latitude, longitude.
# Centres are approximate (a dot on a national map); a novads whose centre is a state city
# outside it gets a point inside the novads.

NOVADS = "MUNICIPALITY"
CITY = "STATE_CITY"
RIGA = PlanningRegion.RIGA
KURZEME = PlanningRegion.KURZEME
ZEMGALE = PlanningRegion.ZEMGALE
VIDZEME = PlanningRegion.VIDZEME
LATGALE = PlanningRegion.LATGALE

# fmt: off
MUNICIPALITIES_2021 = (
    ("Aizkraukles novads", "aizkraukles-novads", NOVADS, ZEMGALE, "Aizkraukle", "56.605", "25.255"),
    ("Alūksnes novads", "aluksnes-novads", NOVADS, VIDZEME, "Alūksne", "57.424", "27.047"),
    ("Augšdaugavas novads", "augsdaugavas-novads", NOVADS, LATGALE, "Daugavpils", "55.960",
     "26.700"),
    ("Ādažu novads", "adazu-novads", NOVADS, RIGA, "Ādaži", "57.075", "24.324"),
    ("Balvu novads", "balvu-novads", NOVADS, LATGALE, "Balvi", "57.131", "27.265"),
    ("Bauskas novads", "bauskas-novads", NOVADS, ZEMGALE, "Bauska", "56.408", "24.194"),
    ("Cēsu novads", "cesu-novads", NOVADS, VIDZEME, "Cēsis", "57.312", "25.275"),
    ("Dienvidkurzemes novads", "dienvidkurzemes-novads", NOVADS, KURZEME, "Grobiņa", "56.535",
     "21.167"),
    ("Dobeles novads", "dobeles-novads", NOVADS, ZEMGALE, "Dobele", "56.625", "23.279"),
    ("Gulbenes novads", "gulbenes-novads", NOVADS, VIDZEME, "Gulbene", "57.177", "26.753"),
    ("Jelgavas novads", "jelgavas-novads", NOVADS, ZEMGALE, "Jelgava", "56.560", "23.560"),
    ("Jēkabpils novads", "jekabpils-novads", NOVADS, ZEMGALE, "Jēkabpils", "56.499", "25.878"),
    ("Krāslavas novads", "kraslavas-novads", NOVADS, LATGALE, "Krāslava", "55.895", "27.168"),
    ("Kuldīgas novads", "kuldigas-novads", NOVADS, KURZEME, "Kuldīga", "56.968", "21.969"),
    ("Ķekavas novads", "kekavas-novads", NOVADS, RIGA, "Ķekava", "56.828", "24.230"),
    ("Limbažu novads", "limbazu-novads-2021", NOVADS, VIDZEME, "Limbaži", "57.560", "24.600"),
    ("Līvānu novads", "livanu-novads", NOVADS, LATGALE, "Līvāni", "56.354", "26.176"),
    ("Ludzas novads", "ludzas-novads", NOVADS, LATGALE, "Ludza", "56.547", "27.719"),
    ("Madonas novads", "madonas-novads", NOVADS, VIDZEME, "Madona", "56.854", "26.217"),
    ("Mārupes novads", "marupes-novads", NOVADS, RIGA, "Mārupe", "56.906", "24.053"),
    ("Ogres novads", "ogres-novads", NOVADS, RIGA, "Ogre", "56.816", "24.605"),
    ("Olaines novads", "olaines-novads", NOVADS, RIGA, "Olaine", "56.786", "23.938"),
    ("Preiļu novads", "preilu-novads", NOVADS, LATGALE, "Preiļi", "56.294", "26.725"),
    ("Rēzeknes novads", "rezeknes-novads-2021", NOVADS, LATGALE, "Rēzekne", "56.420", "27.200"),
    ("Ropažu novads", "ropazu-novads", NOVADS, RIGA, "Ulbroka", "56.941", "24.286"),
    ("Salaspils novads", "salaspils-novads", NOVADS, RIGA, "Salaspils", "56.861", "24.350"),
    ("Saldus novads", "saldus-novads", NOVADS, KURZEME, "Saldus", "56.664", "22.488"),
    ("Saulkrastu novads", "saulkrastu-novads", NOVADS, RIGA, "Saulkrasti", "57.264", "24.414"),
    ("Siguldas novads", "siguldas-novads", NOVADS, VIDZEME, "Sigulda", "57.151", "24.853"),
    ("Smiltenes novads", "smiltenes-novads", NOVADS, VIDZEME, "Smiltene", "57.424", "25.901"),
    ("Talsu novads", "talsu-novads-2021", NOVADS, KURZEME, "Talsi", "57.300", "22.500"),
    ("Tukuma novads", "tukuma-novads", NOVADS, KURZEME, "Tukums", "56.967", "23.155"),
    ("Valkas novads", "valkas-novads", NOVADS, VIDZEME, "Valka", "57.775", "26.019"),
    ("Valmieras novads", "valmieras-novads", NOVADS, VIDZEME, "Valmiera", "57.538", "25.426"),
    ("Varakļānu novads", "varaklanu-novads", NOVADS, LATGALE, "Varakļāni", "56.608", "26.754"),
    ("Ventspils novads", "ventspils-novads", NOVADS, KURZEME, "Ventspils", "57.250", "21.850"),
    ("Daugavpils", "daugavpils", CITY, LATGALE, "Daugavpils", "55.871", "26.516"),
    ("Jelgava", "jelgava", CITY, ZEMGALE, "Jelgava", "56.651", "23.721"),
    ("Jūrmala", "jurmala", CITY, RIGA, "Jūrmala", "56.968", "23.770"),
    ("Liepāja", "liepaja", CITY, KURZEME, "Liepāja", "56.505", "21.011"),
    ("Rēzekne", "rezekne", CITY, LATGALE, "Rēzekne", "56.510", "27.333"),
    ("Rīga", "riga", CITY, RIGA, "Rīga", "56.949", "24.105"),
    ("Ventspils", "ventspils", CITY, KURZEME, "Ventspils", "57.395", "21.564"),
)
# fmt: on
SCALE_SLUGS = frozenset(row[1] for row in MUNICIPALITIES_2021)
# A novads of the same name before the reform (Limbažu, Rēzeknes, Talsu novads) keeps its
# record, ended on 30 June 2021; today's novads then gets a record of its own, named so.
SINCE_REFORM = " (kopš 2021)"

# ---------------------------------------------------------------------------
# Text: invented, in Latvian, varied enough that a search finds some visits and not others.

THEMES = (
    ("pirmsskolas izglītība", "romu bērnu sagatavošana skolai pirmsskolā"),
    ("skolotāja palīga darbs", "skolotāja palīga un pedagogu sadarbība stundās"),
    ("romu mediatora darbs", "mediatora starpniecība starp ģimenēm un iestādēm"),
    ("nodarbinātība", "jauniešu un pieaugušo iesaiste darba tirgū"),
    ("mājokļa jautājumi", "mājokļa apstākļu uzlabošana un komunālo maksājumu atbalsts"),
    ("veselības aprūpe", "vakcinācija un ģimenes ārsta pieejamība"),
    ("jauniešu līdzdalība", "jauniešu centru nodarbības un brīvprātīgais darbs"),
    ("romu kultūra un vēsture", "romu vēstures un kultūras mantojuma stāstīšana skolās"),
    ("pieaugušo izglītība", "lasītprasmes un digitālo prasmju kursi pieaugušajiem"),
    ("sociālais darbs ar ģimenēm", "sociālā darbinieka un ģimenes asistenta atbalsts"),
)
INSTITUTIONS_VISITED = (
    "Pašvaldības sociālais dienests",
    "Vispārizglītojošā skola",
    "Pirmsskolas izglītības iestāde",
    "Jauniešu centrs",
    "Novada bibliotēka",
    "Nodarbinātības valsts aģentūras filiāle",
    "Kultūras nams",
    "Ģimenes atbalsta centrs",
)
PRACTICES = (
    ("Romu mediators sociālajā dienestā", "Pašvaldības sociālais dienests", "Romu ģimenes"),
    ("Skolotāja palīgs no romu kopienas", "Pamatskola", "Romu skolēni un viņu ģimenes"),
    ("Vecāku sarunu vakari skolā", "Vispārizglītojošā skola", "Romu skolēnu vecāki"),
    ("Pirmsskolas grupa ar valodas atbalstu", "Pirmsskolas izglītības iestāde", "Romu bērni"),
    ("Individuālie atbalsta plāni", "Pašvaldības izglītības pārvalde", "Romu skolēni"),
    ("Romu kultūras diena bibliotēkā", "Novada bibliotēka", "Skolēni un iedzīvotāji"),
    ("Jauniešu centra atvērtās nodarbības", "Jauniešu centrs", "Romu jaunieši"),
    ("Darba prasmju kursi pieaugušajiem", "Nodarbinātības valsts aģentūra", "Romu pieaugušie"),
    ("Ģimenes asistenta pakalpojums", "Pašvaldības sociālais dienests", "Romu ģimenes"),
    ("Veselības dienas kopienā", "Ģimenes ārstu prakse", "Romu ģimenes"),
    ("Mājokļa konsultācijas", "Pašvaldības mājokļu nodaļa", "Romu ģimenes"),
    ("Vasaras skola bērniem", "Vispārizglītojošā skola", "Romu bērni"),
)
INSTITUTIONS_RESPONSIBLE = (
    "Kultūras ministrija",
    "Izglītības un zinātnes ministrija",
    "Labklājības ministrija",
    "Veselības ministrija",
    "Nodarbinātības valsts aģentūra",
    "Sabiedrības integrācijas fonds",
)
ACTION_WORKS = (
    "Romu mediatora amata vieta",
    "Skolotāja palīga apmācība",
    "Pieredzes apmaiņas seminārs",
    "Atbalsta plāns skolēniem",
    "Vecāku izglītības cikls",
    "Jauniešu nodarbinātības programma",
    "Mājokļa atbalsta pasākumi",
    "Veselības pratības kurss",
    "Romu kultūras pasākumu cikls",
    "Pieaugušo lasītprasmes kursi",
)
COMMENT_SENTENCES = (
    "Paldies par kopsavilkumu, tas noderēs arī mūsu darbā.",
    "Vai ir zināms, kā šī pieeja tiek finansēta pēc projekta beigām?",
    "Mūsu novadā līdzīgu darbu sākām pagājušajā gadā, varu padalīties pieredzē.",
    "Ierosinu nākamajā tikšanās reizē aicināt arī skolu vadību.",
    "Būtu vērts aprakstīt, kas palīdzēja iesaistīt vecākus.",
    "Piekrītu, ka sadarbība ar sociālo dienestu ir galvenais.",
    "Vai kāds var ieteikt materiālus par šo tēmu latviešu valodā?",
    "Rezultāti izskatās daudzsološi, gaidīsim nākamā gada datus.",
    "Šo praksi varētu pielāgot arī mazākām pašvaldībām.",
    "Parauga komentārs: teksts ir izdomāts slodzes pārbaudei.",
)
UPDATE_NOTES = (
    "Parauga ieraksts: darbs turpinās pēc plāna.",
    "Parauga ieraksts: notikusi tikšanās ar iesaistītajām iestādēm.",
    "Parauga ieraksts: sagatavots starpziņojums.",
    "Parauga ieraksts: piesaistīts papildu finansējums.",
    "Parauga ieraksts: termiņš precizēts.",
)
CANCELLATION_NOTE = "Parauga ieraksts: darbība atcelta, jo finansējums netika piešķirts."
DONE_NOTE = "Parauga ieraksts: darbība pabeigta, rezultāti apkopoti."


# ---------------------------------------------------------------------------


class ScaleDataExists(Exception):
    """The database already holds scale data (load with ``replace=True`` to start over)."""


Reporter = Callable[[str, int, float], None]


def has_scale_data() -> bool:
    return (
        Visit.objects.filter(slug__startswith=VISIT_SLUG_PREFIX).exists()
        or ExpertProfile.objects.filter(email__endswith=f"@{EMAIL_DOMAIN}").exists()
        or FollowUpAction.objects.filter(title__startswith=ACTION_TITLE_PREFIX).exists()
    )


def load_scale_data(
    *, seed: int, scale: float = 1.0, replace: bool = False, report: Reporter | None = None
) -> dict[str, int]:
    """Load the scale data in one transaction; return the rows written per table.

    ``report(table, rows, seconds)`` is called after each table (the command prints it).
    Raises ScaleDataExists if there is scale data already and ``replace`` is false.
    """
    size = ScaleSize.at(scale)
    loader = _Loader(random.Random(seed), size, report or (lambda table, rows, seconds: None))
    with transaction.atomic():
        if has_scale_data():
            if not replace:
                raise ScaleDataExists
            loader.step("(previous scale data deleted)", remove_scale_data)
        loader.run()
    loader.step("(statistics: ANALYZE)", _analyze)
    return loader.counts


def remove_scale_data() -> int:
    """Delete every row the loader wrote (municipalities stay); return how many were deleted."""
    deleted = 0
    for queryset in (
        Comment.objects.filter(visit__slug__startswith=VISIT_SLUG_PREFIX, parent__isnull=False),
        Comment.objects.filter(visit__slug__startswith=VISIT_SLUG_PREFIX),
        ActionComment.objects.filter(
            action__title__startswith=ACTION_TITLE_PREFIX, parent__isnull=False
        ),
        ActionComment.objects.filter(action__title__startswith=ACTION_TITLE_PREFIX),
        FollowUpAction.objects.filter(title__startswith=ACTION_TITLE_PREFIX),
        Visit.objects.filter(slug__startswith=VISIT_SLUG_PREFIX),
        ExpertProfile.objects.filter(email__endswith=f"@{EMAIL_DOMAIN}"),
        get_user_model().objects.filter(username__endswith=f"@{EMAIL_DOMAIN}"),
    ):
        deleted += queryset.delete()[0]
    return deleted


def _analyze() -> int:
    """Fresh planner statistics, so that the plans the benchmark prints are the real ones."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return 0


def _chunks(rows: Iterable, size: int = BATCH_SIZE) -> Iterator[list]:
    chunk = []
    for row in rows:
        chunk.append(row)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _bulk_create(model: type[models.Model], rows: Iterable[models.Model]) -> list[models.Model]:
    """Insert in batches; return the rows with their primary keys."""
    created = []
    for chunk in _chunks(rows):
        created.extend(model.objects.bulk_create(chunk, batch_size=BATCH_SIZE))
    return created


@contextmanager
def _timestamps_as_given(*model_classes: type[models.Model]) -> Iterator[None]:
    """Let ``bulk_create`` keep the dates set on the rows instead of stamping the clock's.

    ``auto_now`` and ``auto_now_add`` are switched off on these models' fields for the
    duration, and put back afterwards.
    """
    fields = [
        field
        for model in model_classes
        for field in model._meta.concrete_fields
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)
    ]
    saved = [(field, field.auto_now, field.auto_now_add) for field in fields]
    for field in fields:
        field.auto_now = field.auto_now_add = False
    try:
        yield
    finally:
        for field, auto_now, auto_now_add in saved:
            field.auto_now, field.auto_now_add = auto_now, auto_now_add


def _at(day: dt.date, minutes: int = 0) -> dt.datetime:
    """A moment on ``day``: 08:00 UTC plus ``minutes``."""
    return dt.datetime(day.year, day.month, day.day, 8, 0, tzinfo=dt.UTC) + dt.timedelta(
        minutes=minutes
    )


def _project_of(day: dt.date) -> str:
    """The platform's projects run in four-year periods: LRP IV from 2021, LRP V from 2025…"""
    numerals = ("IV", "V", "VI", "VII", "VIII", "IX", "X", "XI")
    return f"LRP {numerals[min((day.year - 2021) // 4, len(numerals) - 1)]}"


class _Loader:
    def __init__(self, rng: random.Random, size: ScaleSize, report: Reporter) -> None:
        self.rng = rng
        self.size = size
        self.report = report
        self.counts: dict[str, int] = {}

    def step(self, table: str, function: Callable[[], int]) -> None:
        started = time.perf_counter()
        rows = function()
        self.report(table, rows, time.perf_counter() - started)
        self.counts[table] = rows

    def run(self) -> None:
        self.recommendation_ids = list(
            Recommendation.objects.order_by("number").values_list("id", flat=True)
        )
        self.step("visits_municipality (today's 43)", self.load_municipalities)
        self.step("auth_user", self.load_users)
        self.step("experts_expertprofile", self.load_experts)
        self.step("recommendations_recommendation_experts", self.load_expertise)
        self.step("visits_visit", self.load_visits)
        self.step("visits_visit_municipalities", self.load_visit_municipalities)
        self.step("recommendations_recommendation_visits", self.load_visit_recommendations)
        self.step("visits_agendaitem", self.load_agendas)
        self.step("visits_goodpractice", self.load_good_practices)
        self.step("visits_goodpractice_adopted_in", self.load_adoptions)
        self.step(
            "recommendations_recommendation_good_practices", self.load_practice_recommendations
        )
        self.step("visits_participation", self.load_participations)
        self.step("recommendations_followupaction", self.load_actions)
        self.step("recommendations_followupaction_recommendations", self.load_action_links)
        self.step("recommendations_actionupdate", self.load_updates)
        visit_comments = round(self.size.comments * (1 - ACTION_COMMENT_SHARE))
        self.step("visits_comment", lambda: self.load_comments(Comment, visit_comments))
        self.step(
            "recommendations_actioncomment",
            lambda: self.load_comments(ActionComment, self.size.comments - visit_comments),
        )

    def some_recommendations(self, most: int) -> list[int]:
        """The ids of one to ``most`` recommendations (none if the table is empty)."""
        count = min(self.rng.randint(1, most), len(self.recommendation_ids))
        return self.rng.sample(self.recommendation_ids, count)

    # --- municipalities, people ---------------------------------------------------------

    def load_municipalities(self) -> int:
        """Add today's municipalities that are missing; reuse a record still valid today."""
        existing = {m.name: m for m in Municipality.objects.all()}
        by_slug = {m.slug: m for m in existing.values()}
        current, created = [], 0
        for name, slug, kind, region, centre, latitude, longitude in MUNICIPALITIES_2021:
            record = existing.get(name)
            if record is not None and record.valid_until is None:
                current.append(record)
                continue
            if record is not None:  # the novads of the same name before the reform
                name = f"{name}{SINCE_REFORM}"
            record = by_slug.get(slug) or existing.get(name)
            if record is None:
                record = Municipality(
                    name=name,
                    slug=slug,
                    kind=kind,
                    planning_region=region,
                    centre=centre,
                    latitude=Decimal(latitude),
                    longitude=Decimal(longitude),
                )
                record.save()
                created += 1
            current.append(record)
        self.municipalities = current
        return created

    def load_users(self) -> int:
        """One account per expert (comments need an author); no usable password."""
        letters = "abcdefghijklmnopqrstuvwxyz0123456789"
        users = []
        for index in range(self.size.experts):
            first, surname = EXPERT_NAMES[index % len(EXPERT_NAMES)]
            email = self.email(index)
            unusable = "!" + "".join(self.rng.choice(letters) for _ in range(20))
            users.append(
                get_user_model()(
                    username=email,
                    email=email,
                    first_name=first,
                    last_name=f"{surname} {index + 1:04d}",
                    password=unusable,
                    date_joined=CONSENT_AT,
                )
            )
        self.users = _bulk_create(get_user_model(), users)
        return len(self.users)

    @staticmethod
    def email(index: int) -> str:
        return f"eksperts-{index + 1:04d}@{EMAIL_DOMAIN}"

    def load_experts(self) -> int:
        taken = set(ExpertProfile.objects.values_list("slug", flat=True))
        experts = []
        for index, user in enumerate(self.users):
            first, surname = EXPERT_NAMES[index % len(EXPERT_NAMES)]
            full_name = f"{first} {surname} {index + 1:04d}"
            slug = slugify(full_name)
            if slug in taken:
                slug = f"{slug}-skala"
            municipality = self.rng.choice(self.municipalities)
            feminine, masculine, _organisation, _numbers = POSITIONS[index % len(POSITIONS)]
            position = masculine if first in MALE_FIRST_NAMES else feminine
            is_public = self.rng.random() < 0.7
            joined = CONSENT_AT + dt.timedelta(hours=index)
            experts.append(
                ExpertProfile(
                    user=user,
                    full_name=full_name,
                    slug=slug,
                    email=user.email,
                    phone=f"+371 2{index:07d}" if index % 3 == 0 else "",
                    show_email=self.rng.random() < 0.3,
                    show_phone=index % 3 == 0 and is_public,
                    organisation=f"Izdomāta iestāde Nr. {index % 97 + 1} (skalas dati)",
                    position=position,
                    home_area=municipality.name,
                    planning_region=municipality.planning_region,
                    bio=f"Izdomāta persona slodzes pārbaudei: {full_name}, {position}.",
                    is_public=is_public,
                    public_consent_at=joined if is_public else None,
                    is_sample=True,
                    created_at=joined,
                    updated_at=joined,
                )
            )
        with _timestamps_as_given(ExpertProfile):
            self.experts = _bulk_create(ExpertProfile, experts)
        return len(self.experts)

    def load_expertise(self) -> int:
        through = Recommendation.experts.through
        rows = [
            through(recommendation_id=number_id, expertprofile_id=expert.pk)
            for expert in self.experts
            for number_id in self.some_recommendations(3)
        ]
        return len(_bulk_create(through, rows))

    # --- visits ---------------------------------------------------------------------------

    def load_visits(self) -> int:
        count = self.size.visits
        span = YEARS * 365
        visits = []
        for index in range(count):
            is_meeting = index % 25 == 24
            start = BASE_DATE + dt.timedelta(days=index * span // count + self.rng.randrange(3))
            end = start if is_meeting else start + dt.timedelta(days=1)
            status = (
                Visit.Status.REVIEW
                if index % 20 == 7
                else Visit.Status.DRAFT
                if index % 20 == 13
                else Visit.Status.PUBLISHED
            )
            themes = self.rng.sample(THEMES, 3)
            if is_meeting:
                municipality, title = None, f"{MEETING_TITLE_PREFIX} Nr. {index + 1}"
                places = "Tiešsaistē"
            else:
                municipality = self.rng.choice(self.municipalities)
                title = f"{VISIT_TITLE_PREFIX} Nr. {index + 1}: {municipality.name}"
                places = municipality.centre
            created = _at(start - dt.timedelta(days=30))
            published = _at(end + dt.timedelta(days=14), 240) if status == "PUBLISHED" else None
            visit = Visit(
                title=title,
                slug=f"{VISIT_SLUG_PREFIX}{index + 1:05d}",
                kind=Visit.Kind.NETWORK_MEETING if is_meeting else Visit.Kind.GOOD_PRACTICE_VISIT,
                places=places,
                start_date=start,
                end_date=end,
                project=_project_of(start),
                status=status,
                published_at=published,
                lead=(
                    f"Izdomāts slodzes pārbaudes ieraksts: {themes[0][0]}, {themes[1][0]} "
                    f"un {themes[2][0]}."
                ),
                summary=self._summary(themes),
                is_sample=True,
                created_at=created,
                updated_at=published or created,
            )
            visit.refresh_search_text()
            visit.scale_municipality = municipality
            visits.append(visit)
        with _timestamps_as_given(Visit):
            self.visits = _bulk_create(Visit, visits)
        # bulk_create returns the same objects: the chosen municipality is still on them.
        return len(self.visits)

    def _summary(self, themes: Sequence[tuple[str, str]]) -> str:
        lines = [
            "> **Parauga saturs.** Izdomāts apraksts portāla slodzes pārbaudei.",
            "",
            "## Ko apmeklējām",
            "",
        ]
        lines += [f"- {place.lower()};" for place in self.rng.sample(INSTITUTIONS_VISITED, 3)]
        lines += ["", "## Galvenās atziņas", ""]
        lines += [
            f"{number}. Tēma „{theme}”: {detail}. Pašvaldība dalījās pieredzē un ieguvumos."
            for number, (theme, detail) in enumerate(themes, 1)
        ]
        return "\n".join(lines) + "\n"

    def good_practice_visits(self) -> list[Visit]:
        return [visit for visit in self.visits if visit.scale_municipality is not None]

    def load_visit_municipalities(self) -> int:
        through = Visit.municipalities.through
        rows = []
        for visit in self.good_practice_visits():
            rows.append(through(visit_id=visit.pk, municipality_id=visit.scale_municipality.pk))
            if self.rng.random() < 0.1:  # one in ten goes to a neighbour too
                other = self.rng.choice(self.municipalities)
                if other.pk != visit.scale_municipality.pk:
                    rows.append(through(visit_id=visit.pk, municipality_id=other.pk))
        return len(_bulk_create(through, rows))

    def load_visit_recommendations(self) -> int:
        through = Recommendation.visits.through
        rows = [
            through(recommendation_id=number_id, visit_id=visit.pk)
            for visit in self.good_practice_visits()
            for number_id in self.some_recommendations(3)
        ]
        return len(_bulk_create(through, rows))

    def load_agendas(self) -> int:
        def items() -> Iterator[AgendaItem]:
            for visit in self.visits:
                for order, row in enumerate(self._agenda(visit), 1):
                    day, start, end, kind, place, title, description = row
                    yield AgendaItem(
                        visit_id=visit.pk,
                        day=day,
                        order=order,
                        start_time=dt.time.fromisoformat(start),
                        end_time=dt.time.fromisoformat(end),
                        kind=kind,
                        place=place,
                        title=title,
                        description=description,
                        is_sample=True,
                    )

        return len(_bulk_create(AgendaItem, items()))

    def _agenda(self, visit: Visit) -> list[tuple[int, str, str, str, str, str, str]]:
        kinds = AgendaItem.Kind
        if visit.scale_municipality is None:
            return [
                (1, "10:00", "10:15", kinds.OTHER, "Tiešsaistē", "Atklāšana", ""),
                (1, "10:15", "11:45", kinds.DISCUSSION, "Tiešsaistē", "Pašvaldību pieredze", ""),
                (1, "12:00", "13:00", kinds.DISCUSSION, "Tiešsaistē", "Ierosinājumu izpilde", ""),
                (1, "13:00", "13:30", kinds.DISCUSSION, "Tiešsaistē", CLOSING, ""),
            ]
        first, second = self.rng.sample(INSTITUTIONS_VISITED, 2)
        council = "Pašvaldības dome"
        return [
            (1, "10:00", "10:30", kinds.OTHER, first, ARRIVAL, ""),
            (1, "10:30", "12:00", kinds.INSTITUTION_VISIT, first, f"Vizīte: {first}", ""),
            (1, "13:00", "14:30", kinds.INSTITUTION_VISIT, second, f"Vizīte: {second}", ""),
            (1, "15:00", "16:30", kinds.FAMILY_MEETING, "", FAMILY_MEETING, FAMILY_NOTE),
            (2, "09:30", "11:00", kinds.COUNCIL_MEETING, council, COUNCIL_MEETING, ""),
            (2, "11:15", "12:45", kinds.DISCUSSION, council, PRACTICE_DISCUSSION, ""),
            (2, "12:45", "13:30", kinds.DISCUSSION, council, CLOSING, ""),
        ]

    def load_good_practices(self) -> int:
        practices = []
        for visit in self.good_practice_visits():
            for title, run_by, target_group in self.rng.sample(PRACTICES, 2):
                theme, detail = self.rng.choice(THEMES)
                practices.append(
                    GoodPractice(
                        visit_id=visit.pk,
                        municipality_id=visit.scale_municipality.pk,
                        title=title,
                        description=f"Izdomāta prakse slodzes pārbaudei: {detail}.",
                        run_by=run_by,
                        target_group=target_group,
                        results=f"Parauga dati: uzlabojumi jomā „{theme}”.",
                        evidence_type=self.rng.choice(GoodPractice.Evidence.values),
                        adoption_requirements="Atbildīgais darbinieks, neliels budžets.",
                        is_sample=True,
                    )
                )
        self.practices = _bulk_create(GoodPractice, practices)
        return len(self.practices)

    def load_adoptions(self) -> int:
        through = GoodPractice.adopted_in.through
        rows = [
            through(goodpractice_id=practice.pk, municipality_id=municipality.pk)
            for practice in self.practices
            for municipality in self.rng.sample(self.municipalities, self.rng.randint(0, 2))
        ]
        return len(_bulk_create(through, rows))

    def load_practice_recommendations(self) -> int:
        through = Recommendation.good_practices.through
        rows = [
            through(recommendation_id=number_id, goodpractice_id=practice.pk)
            for practice in self.practices
            for number_id in self.some_recommendations(2)
        ]
        return len(_bulk_create(through, rows))

    def load_participations(self) -> int:
        def rows() -> Iterator[Participation]:
            roles = Participation.Role
            for visit in self.visits:
                count = min(len(self.experts), PARTICIPANTS_PER_VISIT - 2 + self.rng.randrange(5))
                for position, expert in enumerate(self.rng.sample(self.experts, count)):
                    role = (
                        roles.ORGANISER
                        if position == 0
                        else roles.SPEAKER
                        if position == 1
                        else roles.PARTICIPANT
                    )
                    yield Participation(
                        visit_id=visit.pk, expert_id=expert.pk, role=role, is_sample=True
                    )

        return len(_bulk_create(Participation, rows()))

    # --- follow-up actions ------------------------------------------------------------------

    def load_actions(self) -> int:
        count = self.size.actions
        span = YEARS * 365
        # Updates per action: 2 to 6 in a shuffled cycle, so that the total is 4 per action.
        cycle = [2, 3, 4, 5, 6]
        update_counts = [cycle[index % len(cycle)] for index in range(count)]
        self.rng.shuffle(update_counts)
        statuses = FollowUpAction.Status
        actions, self.histories = [], []
        for index in range(count):
            start = BASE_DATE + dt.timedelta(days=index * span // count + self.rng.randrange(30))
            steps = update_counts[index]
            gap = 20 + self.rng.randrange(100)
            days = [start + dt.timedelta(days=gap * step) for step in range(steps)]
            final = self.rng.choices(
                [statuses.DONE, statuses.IN_PROGRESS, statuses.PLANNED, statuses.CANCELLED],
                weights=[35, 30, 25, 10],
            )[0]
            history = self._history(final, days)
            municipality = self.rng.choice(self.municipalities) if self.rng.random() < 0.8 else None
            origin = self.rng.choice(self.visits) if self.rng.random() < 0.6 else None
            institution = (
                f"Pašvaldības sociālais dienests ({municipality.name})"
                if municipality is not None and self.rng.random() < 0.5
                else self.rng.choice(INSTITUTIONS_RESPONSIBLE)
            )
            work = self.rng.choice(ACTION_WORKS)
            actions.append(
                FollowUpAction(
                    title=f"{ACTION_TITLE_PREFIX} Nr. {index + 1}: {work}",
                    description=f"Izdomāta rīcība slodzes pārbaudei: {work.lower()}.",
                    responsible_institution=institution,
                    municipality=municipality,
                    origin_visit=origin,
                    status=final,
                    start_date=start,
                    due_date=start + dt.timedelta(days=180 + self.rng.randrange(540)),
                    done_date=days[-1] if final == statuses.DONE else None,
                    is_public=self.rng.random() < 0.85,
                    is_sample=True,
                    created_at=_at(start),
                    updated_at=_at(days[-1], 60),
                )
            )
            self.histories.append(history)
        with _timestamps_as_given(FollowUpAction):
            self.actions = _bulk_create(FollowUpAction, actions)
        return len(self.actions)

    @staticmethod
    def _history(final: str, days: list[dt.date]) -> list[tuple[dt.date, str, str]]:
        """(date, status after, note) entries that end in ``final``."""
        statuses = FollowUpAction.Status
        history = []
        for step, day in enumerate(days):
            is_last = step == len(days) - 1
            if is_last and final in (statuses.DONE, statuses.CANCELLED):
                note = DONE_NOTE if final == statuses.DONE else CANCELLATION_NOTE
                history.append((day, final, note))
            elif step == 0 or final == statuses.PLANNED:
                history.append((day, statuses.PLANNED, UPDATE_NOTES[step % len(UPDATE_NOTES)]))
            else:
                history.append((day, statuses.IN_PROGRESS, UPDATE_NOTES[step % len(UPDATE_NOTES)]))
        return history

    def load_action_links(self) -> int:
        through = FollowUpAction.recommendations.through
        rows = [
            through(followupaction_id=action.pk, recommendation_id=number_id)
            for action in self.actions
            for number_id in self.some_recommendations(2)
        ]
        return len(_bulk_create(through, rows))

    def load_updates(self) -> int:
        def rows() -> Iterator[ActionUpdate]:
            for action, history in zip(self.actions, self.histories, strict=True):
                for day, status, note in history:
                    yield ActionUpdate(
                        action_id=action.pk,
                        date=day,
                        note=note,
                        status_after=status,
                        is_sample=True,
                        created_at=_at(day, 30),
                    )

        with _timestamps_as_given(ActionUpdate):
            return len(_bulk_create(ActionUpdate, rows()))

    # --- comments ---------------------------------------------------------------------------

    def load_comments(self, model: type[Comment] | type[ActionComment], count: int) -> int:
        """``count`` comments spread evenly over the visits (not drafts) or the actions:
        seven in ten start a thread, the rest reply to one; a few are deleted or hidden."""
        if model is Comment:
            targets = [
                (visit.pk, visit.end_date)
                for visit in self.visits
                if visit.status != Visit.Status.DRAFT
            ]
        else:
            targets = [(action.pk, action.start_date) for action in self.actions]
        if not targets or not count:
            return 0
        target_field = f"{model.target_field}_id"
        replies = round(count * REPLY_SHARE)
        with _timestamps_as_given(model):
            threads = _bulk_create(
                model, self._comments(model, target_field, targets, count - replies, None)
            )
            by_target: dict[int, list[Comment]] = {}
            for comment in threads:
                by_target.setdefault(getattr(comment, target_field), []).append(comment)
            written = _bulk_create(
                model, self._comments(model, target_field, targets, replies, by_target)
            )
        return len(threads) + len(written)

    def _comments(
        self,
        model: type[Comment] | type[ActionComment],
        target_field: str,
        targets: list[tuple[int, dt.date]],
        count: int,
        threads: dict[int, list[Comment]] | None,
    ) -> Iterator[Comment]:
        """Top-level comments (``threads`` None) or replies to the given threads."""
        threaded_targets = list(threads or {})
        for index in range(count):
            target_id, day = targets[index % len(targets)]
            parent = None
            if threads is not None:
                candidates = threads.get(target_id)
                if not candidates:
                    candidates = threads[self.rng.choice(threaded_targets)]
                parent = self.rng.choice(candidates)
                target_id = getattr(parent, target_field)
                created = parent.created_at + dt.timedelta(minutes=1 + self.rng.randrange(4000))
            else:
                created = _at(day, 60 + index // len(targets) * 90 + self.rng.randrange(60))
            author = self.rng.choice(self.users)
            deleted = self.rng.random() < 0.02
            hidden = not deleted and self.rng.random() < 0.01
            body = " ".join(self.rng.sample(COMMENT_SENTENCES, 1 + self.rng.randrange(3)))
            yield model(
                **{target_field: target_id},
                author_id=author.pk,
                parent=parent,
                body="" if deleted else body,
                created_at=created,
                deleted_at=created + dt.timedelta(hours=1) if deleted else None,
                is_hidden=hidden,
                hidden_reason="Parauga moderācija: ārpus tēmas." if hidden else "",
                hidden_at=created + dt.timedelta(hours=2) if hidden else None,
                is_sample=True,
            )


# ---------------------------------------------------------------------------
# What to measure on the scale data: the benchmark (bench/run.py) and the query-count
# tests (tests/scale/) read the same pages.


@dataclass(frozen=True)
class Page:
    name: str
    path: str
    logged_in: bool = False


def pages_to_measure() -> list[Page]:
    """The main pages, each with a record of the scale data that has something to show.

    The records are the first ones (by number) with every part of their page filled, so
    that a page runs all its queries at every scale, and the same records at every seed.
    """
    visit = (
        Visit.objects.published()
        .filter(slug__startswith=VISIT_SLUG_PREFIX, kind=Visit.Kind.GOOD_PRACTICE_VISIT)
        .filter(Exists(GoodPractice.objects.filter(visit=OuterRef("pk"))))
        .order_by("slug")
        .first()
    )
    municipality = next(
        (
            municipality
            for municipality in Municipality.objects.filter(slug__in=SCALE_SLUGS).order_by("id")
            if municipality.visits.published().exists()
            and municipality.good_practices.filter(visit__status=Visit.Status.PUBLISHED).exists()
            and municipality.adopted_practices.filter(visit__status=Visit.Status.PUBLISHED).exists()
            and municipality.actions.public().exists()
        ),
        visit.municipalities.order_by("id").first(),
    )
    action = (
        FollowUpAction.objects.public()
        .filter(title__startswith=ACTION_TITLE_PREFIX, municipality__isnull=False)
        .filter(origin_visit__status=Visit.Status.PUBLISHED)
        .filter(Exists(ActionUpdate.objects.filter(action=OuterRef("pk"))))
        .order_by("id")
        .first()
    )
    recommendation = next(
        (
            recommendation
            for recommendation in Recommendation.objects.order_by("number")
            if recommendation.actions.public().exists()
            and recommendation.visits.published().exists()
            and recommendation.good_practices.filter(visit__status=Visit.Status.PUBLISHED).exists()
            and recommendation.experts.public().exists()
        ),
        Recommendation.objects.order_by("number").first(),
    )
    expert = (
        ExpertProfile.objects.public()
        .filter(email__endswith=f"@{EMAIL_DOMAIN}")
        .filter(
            Exists(
                Participation.objects.filter(
                    expert=OuterRef("pk"), visit__status=Visit.Status.PUBLISHED
                )
            )
        )
        .order_by("id")
        .first()
    )
    # A theme of the visit's own: the search finds it, and about three visits in ten.
    search = next(fold(theme) for theme, _detail in THEMES if theme in visit.lead)
    published = Visit.objects.published().count()
    last_page = max(1, -(-published // VISITS_PER_PAGE))
    region = municipality.planning_region.lower()
    return [
        Page("home", "/"),
        Page("visit list", "/vizites/"),
        Page("visit list, filtered", f"/vizites/?regions={region}"),
        Page("visit list, searched", f"/vizites/?{urlencode({'q': search})}"),
        Page("visit list, last page", f"/vizites/?lapa={last_page}"),
        Page("a visit", visit.get_absolute_url()),
        Page("a municipality", municipality.get_absolute_url()),
        Page("timeline", "/vesture/"),
        Page("tracker dashboard", "/ierosinajumi/"),
        Page("a recommendation", recommendation.get_absolute_url()),
        Page("an action", action.get_absolute_url()),
        Page("expert directory", "/eksperti/"),
        Page("an expert", expert.get_absolute_url()),
        Page("feed", "/vizites/feed/"),
        Page("sitemap", "/sitemap.xml"),
        Page("sitemap of the actions", "/sitemap-ricibas.xml"),
        Page("tracker export (CSV)", "/ierosinajumi/eksports.csv"),
        Page("expert directory, logged in", "/eksperti/", logged_in=True),
        Page("a visit, logged in", visit.get_absolute_url(), logged_in=True),
        Page("an action, logged in", action.get_absolute_url(), logged_in=True),
    ]
