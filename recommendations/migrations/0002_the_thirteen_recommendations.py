"""The 13 recommendations (IEROSINĀJUMI) presented to the expert network on 27 May 2021.

Titles in Latvian as on the slide, spelling corrected. They are data: staff may edit,
merge or add recommendations in the admin later.
"""

from django.db import migrations

RECOMMENDATIONS = [
    (1, "Romu mediācijas prakses attīstība"),
    (2, "Izglītības veicināšana kā prioritāte"),
    (3, "Jāveicina un jāpopularizē labā prakse"),
    (4, "Motivācijas un atbalsta pasākumi romiem"),
    (5, "Romu vecāku izglītošana un dialoga veicināšana"),
    (6, "Aktivizēt un iesaistīt romu jauniešus"),
    (7, "Prakses romu iesaistei darba tirgū"),
    (8, "Pasākumi par romu kultūru un sociālo stāvokli"),
    (9, "Aizspriedumu mazināšana"),
    (10, "Profesionālais atbalsts sociālo jautājumu risināšanai romu ģimenēs"),
    (11, "Skolotāja palīga roma prakse"),
    (12, "Esošo atbalsta pasākumu izmantošana romiem"),
    (13, "Ekspertu dalība pasākumos par romu jautājumiem"),
]


def load(apps, schema_editor):
    Recommendation = apps.get_model("recommendations", "Recommendation")
    for number, title in RECOMMENDATIONS:
        Recommendation.objects.get_or_create(number=number, defaults={"title": title})


def unload(apps, schema_editor):
    Recommendation = apps.get_model("recommendations", "Recommendation")
    Recommendation.objects.filter(number__in=[number for number, _ in RECOMMENDATIONS]).delete()


class Migration(migrations.Migration):
    dependencies = [("recommendations", "0001_initial")]

    operations = [migrations.RunPython(load, unload)]
