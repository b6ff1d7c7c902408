"""Public bodies: the Government, ministries, the Prosecutor General's Office, and for
each region / city of republican significance its akimat, maslikhat, justice department
and prosecutor's office; district towns over 50,000 people with their akimat and maslikhat.

`higher_slug` is the body that hears complaints against this one (APPK art. 91):
ministries and regional akimats → the Government; town akimats → the regional akimat;
regional justice departments → the Ministry of Justice; regional prosecutors → the
Prosecutor General's Office (which answers to no body in this table). Maslikhats are
representative bodies; their higher body is left empty on purpose.
Public e-mails are left blank: operators fill them in the admin.
"""

from __future__ import annotations

from typing import TypedDict

from tyndau.authorities.reference_data.regions import REGIONS

TOWN_POPULATION_SOURCE = (
    "Bureau of National Statistics (stat.gov.kz), town administration incl. subordinate settlements, "
    "estimate at 1 January 2025, rounded"
)

GOVERNMENT = "government"
MINISTRY_OF_JUSTICE = "ministry-of-justice"
PROSECUTOR_GENERAL = "prosecutor-general"


class BodyRow(TypedDict):
    slug: str
    kind: str
    level: str
    region_iso: str | None
    higher_slug: str | None
    name_kk: str
    name_ru: str
    name_en: str
    population: int | None
    population_source: str


def _national(slug: str, kind: str, kk: str, ru: str, en: str, higher: str | None = GOVERNMENT) -> BodyRow:
    return BodyRow(
        slug=slug, kind=kind, level="national", region_iso=None, higher_slug=higher,
        name_kk=kk, name_ru=ru, name_en=en, population=None, population_source="",
    )  # fmt: skip


def _ministry(slug: str, kk: str, ru: str, en: str) -> BodyRow:
    return _national(
        slug,
        "ministry",
        f"Қазақстан Республикасы {kk}",  # official form: no genitive before a ministry name
        f"{ru} Республики Казахстан",
        f"{en} of the Republic of Kazakhstan",
    )


NATIONAL_BODIES: list[BodyRow] = [
    _national(
        GOVERNMENT,
        "government",
        "Қазақстан Республикасының Үкіметі",
        "Правительство Республики Казахстан",
        "Government of the Republic of Kazakhstan",
        higher=None,
    ),
    _ministry(MINISTRY_OF_JUSTICE, "Әділет министрлігі", "Министерство юстиции", "Ministry of Justice"),
    _ministry(
        "ministry-of-labour",
        "Еңбек және халықты әлеуметтік қорғау министрлігі",
        "Министерство труда и социальной защиты населения",
        "Ministry of Labour and Social Protection of the Population",
    ),
    _ministry(
        "ministry-of-health", "Денсаулық сақтау министрлігі", "Министерство здравоохранения", "Ministry of Healthcare"
    ),
    _ministry("ministry-of-education", "Оқу-ағарту министрлігі", "Министерство просвещения", "Ministry of Education"),
    _ministry(
        "ministry-of-science",
        "Ғылым және жоғары білім министрлігі",
        "Министерство науки и высшего образования",
        "Ministry of Science and Higher Education",
    ),
    _ministry(
        "ministry-of-internal-affairs",
        "Ішкі істер министрлігі",
        "Министерство внутренних дел",
        "Ministry of Internal Affairs",
    ),
    _ministry(
        "ministry-of-industry",
        "Өнеркәсіп және құрылыс министрлігі",
        "Министерство промышленности и строительства",
        "Ministry of Industry and Construction",
    ),
    _ministry("ministry-of-transport", "Көлік министрлігі", "Министерство транспорта", "Ministry of Transport"),
    _ministry(
        "ministry-of-ecology",
        "Экология және табиғи ресурстар министрлігі",
        "Министерство экологии и природных ресурсов",
        "Ministry of Ecology and Natural Resources",
    ),
    _ministry(
        "ministry-of-agriculture",
        "Ауыл шаруашылығы министрлігі",
        "Министерство сельского хозяйства",
        "Ministry of Agriculture",
    ),
    _ministry(
        "ministry-of-national-economy",
        "Ұлттық экономика министрлігі",
        "Министерство национальной экономики",
        "Ministry of National Economy",
    ),
    _ministry(
        "ministry-of-digital-development",
        "Цифрлық даму, инновациялар және аэроғарыш өнеркәсібі министрлігі",
        "Министерство цифрового развития, инноваций и аэрокосмической промышленности",
        "Ministry of Digital Development, Innovations and Aerospace Industry",
    ),
    _ministry(
        "ministry-of-culture",
        "Мәдениет және ақпарат министрлігі",
        "Министерство культуры и информации",
        "Ministry of Culture and Information",
    ),
    _ministry(
        "ministry-of-tourism-and-sport",
        "Туризм және спорт министрлігі",
        "Министерство туризма и спорта",
        "Ministry of Tourism and Sports",
    ),
    _ministry(
        "ministry-of-emergency-situations",
        "Төтенше жағдайлар министрлігі",
        "Министерство по чрезвычайным ситуациям",
        "Ministry of Emergency Situations",
    ),
    # The prosecutor's office is not part of the Government (Constitution art. 83).
    _national(
        PROSECUTOR_GENERAL,
        "prosecutor",
        "Қазақстан Республикасының Бас прокуратурасы",
        "Генеральная прокуратура Республики Казахстан",
        "Prosecutor General's Office of the Republic of Kazakhstan",
        higher=None,
    ),
]


def _regional_bodies() -> list[BodyRow]:
    rows: list[BodyRow] = []
    for r in REGIONS:
        kk, of_ru, en, iso, key = r["name_kk"], r["of_ru"], r["name_en"], r["iso_code"], r["key"]
        specs = [
            ("akimat", GOVERNMENT, f"{kk}ның әкімдігі", f"Акимат {of_ru}", f"Akimat of {en}"),
            ("maslikhat", None, f"{kk}ның мәслихаты", f"Маслихат {of_ru}", f"Maslikhat of {en}"),
            (
                "justice",
                MINISTRY_OF_JUSTICE,
                f"{kk} бойынша Әділет департаменті",
                f"Департамент юстиции {of_ru}",
                f"Department of Justice of {en}",
            ),
            (
                "prosecutor",
                PROSECUTOR_GENERAL,
                f"{kk}ның прокуратурасы",
                f"Прокуратура {of_ru}",
                f"Prosecutor's Office of {en}",
            ),
        ]
        for kind, higher, name_kk, name_ru, name_en in specs:
            rows.append(
                BodyRow(
                    slug=f"{key}-{kind}",
                    kind=kind,
                    level="regional",
                    region_iso=iso,
                    higher_slug=higher,
                    name_kk=name_kk,
                    name_ru=name_ru,
                    name_en=name_en,
                    population=None,
                    population_source="",
                )
            )
    return rows


class TownRow(TypedDict):
    key: str
    region_key: str
    kk: str
    of_ru: str
    en: str
    population: int


# Towns of regional significance with more than 50,000 people: petition thresholds
# of 2,500 (akimat) / 5,000 (maslikhat) signatures apply (domain-rules, unconfirmed).
DISTRICT_TOWNS: list[TownRow] = [
    TownRow(key="semey", region_key="abai", kk="Семей", of_ru="города Семея", en="Semey", population=351_000),
    TownRow(
        key="stepnogorsk",
        region_key="akmola",
        kk="Степногор",
        of_ru="города Степногорска",
        en="Stepnogorsk",
        population=64_000,
    ),
    TownRow(
        key="konaev", region_key="almaty-region", kk="Қонаев", of_ru="города Конаева", en="Konaev", population=71_000
    ),
    TownRow(
        key="temirtau",
        region_key="karaganda",
        kk="Теміртау",
        of_ru="города Темиртау",
        en="Temirtau",
        population=183_000,
    ),
    TownRow(
        key="balkhash", region_key="karaganda", kk="Балқаш", of_ru="города Балхаша", en="Balkhash", population=79_000
    ),
    TownRow(key="rudny", region_key="kostanay", kk="Рудный", of_ru="города Рудного", en="Rudny", population=126_000),
    TownRow(
        key="zhanaozen",
        region_key="mangystau",
        kk="Жаңаөзен",
        of_ru="города Жанаозена",
        en="Zhanaozen",
        population=158_000,
    ),
    TownRow(
        key="ekibastuz",
        region_key="pavlodar",
        kk="Екібастұз",
        of_ru="города Экибастуза",
        en="Ekibastuz",
        population=152_000,
    ),
    TownRow(key="kentau", region_key="turkistan", kk="Кентау", of_ru="города Кентау", en="Kentau", population=103_000),
    TownRow(
        key="zhezkazgan",
        region_key="ulytau",
        kk="Жезқазған",
        of_ru="города Жезказгана",
        en="Zhezkazgan",
        population=91_000,
    ),
    TownRow(
        key="satbayev", region_key="ulytau", kk="Сәтбаев", of_ru="города Сатпаева", en="Satbayev", population=70_000
    ),
]


def _district_bodies() -> list[BodyRow]:
    iso_by_key = {r["key"]: r["iso_code"] for r in REGIONS}
    rows: list[BodyRow] = []
    for t in DISTRICT_TOWNS:
        iso = iso_by_key[t["region_key"]]
        specs = [
            ("akimat", f"{t['region_key']}-akimat", f"{t['kk']} қаласының әкімдігі", f"Акимат {t['of_ru']}",
             f"Akimat of the town of {t['en']}"),
            ("maslikhat", None, f"{t['kk']} қалалық мәслихаты", f"Маслихат {t['of_ru']}",
             f"Maslikhat of the town of {t['en']}"),
        ]  # fmt: skip
        for kind, higher, name_kk, name_ru, name_en in specs:
            rows.append(
                BodyRow(
                    slug=f"{t['key']}-{kind}",
                    kind=kind,
                    level="district",
                    region_iso=iso,
                    higher_slug=higher,
                    name_kk=name_kk,
                    name_ru=name_ru,
                    name_en=name_en,
                    population=t["population"],
                    population_source=TOWN_POPULATION_SOURCE,
                )
            )
    return rows


# Ordered so that every higher body comes before the bodies under it.
BODIES: list[BodyRow] = NATIONAL_BODIES + _regional_bodies() + _district_bodies()
