"""The 8 municipalities of the good-practice visits, 2016–2020: facts for every database.

Names as they were at the time of the visits; centres are approximate (three decimals,
for a dot on a national map). The 2021 administrative reform (in force from
1 July 2021) re-bordered the novadi; Viļakas novads became part of Balvu novads.
"""

import datetime as dt
from decimal import Decimal

from django.db import migrations

REFORM_EVE = dt.date(2021, 6, 30)

MUNICIPALITIES = [
    # name, slug, kind, region, centre, lat, lon, places visited, valid until, successor
    ("Jūrmala", "jurmala", "STATE_CITY", "RIGA", "Jūrmala", "56.968", "23.770", "", None, ""),
    ("Daugavpils", "daugavpils", "STATE_CITY", "LATGALE", "Daugavpils", "55.871", "26.516",
     "", None, ""),
    ("Jelgava", "jelgava", "STATE_CITY", "ZEMGALE", "Jelgava", "56.651", "23.721", "", None, ""),
    ("Limbažu novads", "limbazu-novads", "MUNICIPALITY", "VIDZEME", "Limbaži", "57.513",
     "24.714", "Limbaži; Lādezers; Viļķene", REFORM_EVE, "Limbažu novads"),
    ("Rēzeknes novads", "rezeknes-novads", "MUNICIPALITY", "LATGALE", "Rēzekne", "56.510",
     "27.340", "Malta (Maltas pagasts)", REFORM_EVE, "Rēzeknes novads"),
    ("Viļakas novads", "vilakas-novads", "MUNICIPALITY", "LATGALE", "Viļaka", "57.185", "27.680",
     "Viļaka", REFORM_EVE, "Balvu novads"),
    ("Ventspils", "ventspils", "STATE_CITY", "KURZEME", "Ventspils", "57.395", "21.564", "",
     None, ""),
    ("Talsu novads", "talsu-novads", "MUNICIPALITY", "KURZEME", "Talsi", "57.246", "22.589",
     "Sabile (Abavas pagasts); Talsi", REFORM_EVE, "Talsu novads"),
]


def load(apps, schema_editor):
    Municipality = apps.get_model("visits", "Municipality")
    for name, slug, kind, region, centre, lat, lon, places, valid_until, successor in MUNICIPALITIES:
        Municipality.objects.update_or_create(
            slug=slug,
            defaults={
                "name": name,
                "kind": kind,
                "planning_region": region,
                "centre": centre,
                "latitude": Decimal(lat),
                "longitude": Decimal(lon),
                "places_visited": places,
                "valid_until": valid_until,
                "successor_name": successor,
            },
        )


def unload(apps, schema_editor):
    Municipality = apps.get_model("visits", "Municipality")
    Municipality.objects.filter(slug__in=[row[1] for row in MUNICIPALITIES]).delete()


class Migration(migrations.Migration):
    dependencies = [("visits", "0002_agenda_day_trigger")]

    operations = [migrations.RunPython(load, unload)]
