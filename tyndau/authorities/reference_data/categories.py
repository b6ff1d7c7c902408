"""Categories of public services (also the Open311 service list) and who handles them.

`competent` is the competence rule, expanded by the loader into `Competence` rows:
- "akimat" / "justice": the body of that kind of each region / city of republican
  significance (one row per region);
- any other value is the slug of a national body, stored once with region = NULL
  (nationwide), e.g. public order → the Ministry of Internal Affairs, whose police
  departments are not in the body table.
Local executive bodies (akimats) run housing, utilities, roads, transport, social
support, schools, health care, land, employment and permits through their departments
(Law "On local government and self-government", No. 148-II of 23 January 2001, art. 27).
"""

from __future__ import annotations

from typing import TypedDict


class CategoryRow(TypedDict):
    slug: str
    name_kk: str
    name_ru: str
    name_en: str
    description_kk: str
    description_ru: str
    description_en: str
    keywords: str
    competent: str


def _cat(slug: str, names: tuple[str, str, str], descriptions: tuple[str, str, str], keywords: str,
         competent: str = "akimat") -> CategoryRow:  # fmt: skip
    return CategoryRow(
        slug=slug,
        name_kk=names[0],
        name_ru=names[1],
        name_en=names[2],
        description_kk=descriptions[0],
        description_ru=descriptions[1],
        description_en=descriptions[2],
        keywords=keywords,
        competent=competent,
    )


CATEGORIES: list[CategoryRow] = [
    _cat(
        "housing",
        ("Тұрғын үй", "Жилье", "Housing"),
        (
            "Тұрғын үй кезегі, әлеуметтік және жалға берілетін тұрғын үй, апатты үйлер, көп пәтерлі үйлерді басқару.",
            "Очередь на жильё, социальное и арендное жильё, аварийные дома, управление многоквартирными домами.",
            "Housing queue, social and rental housing, unsafe buildings, management of apartment blocks.",
        ),
        "жилье очередь квартира аренда аварийный дом КСК ОСИ тұрғын үй пәтер кезек housing apartment",
    ),
    _cat(
        "utilities",
        ("Коммуналдық қызметтер", "Коммунальные услуги", "Utilities"),
        (
            "Жылу, сумен жабдықтау, кәріз, электр, газ, тарифтер мен шоттар, қоқыс шығару.",
            "Отопление, водоснабжение, канализация, электричество, газ, тарифы и счета, вывоз мусора.",
            "Heating, water supply, sewerage, electricity, gas, tariffs and bills, waste collection.",
        ),
        "отопление вода канализация свет газ тариф мусор жылу су электр қоқыс heating water gas waste",
    ),
    _cat(
        "roads",
        ("Жолдар", "Дороги", "Roads"),
        (
            "Жергілікті жолдарды жөндеу және күтіп-ұстау, шұңқырлар, жаяу жүргіншілер өткелдері, көше жарығы.",
            "Ремонт и содержание местных дорог, ямы, пешеходные переходы, уличное освещение.",
            "Repair and upkeep of local roads, potholes, pedestrian crossings, street lighting.",
        ),
        "дорога яма ремонт тротуар освещение светофор жол шұңқыр жарық road pothole pavement",
    ),
    _cat(
        "public-transport",
        ("Қоғамдық көлік", "Общественный транспорт", "Public transport"),
        (
            "Автобус бағыттары, қозғалыс кестесі, жол ақысы, аялдамалар, тасымалдаушылардың жұмысы.",
            "Автобусные маршруты, расписание, плата за проезд, остановки, работа перевозчиков.",
            "Bus routes, timetables, fares, stops, the work of carriers.",
        ),
        "автобус маршрут остановка проезд транспорт аялдама көлік bus route fare stop",
    ),
    _cat(
        "social-benefits",
        ("Әлеуметтік көмек", "Социальная помощь", "Social benefits"),
        (
            "Атаулы әлеуметтік көмек, тұрғын үй көмегі, жергілікті әлеуметтік төлемдер.",
            "Адресная социальная помощь, жилищная помощь, местные социальные выплаты.",
            "Targeted social assistance, housing assistance, local social payments.",
        ),
        "АСП пособие выплата помощь малообеспеченные жәрдемақы көмек төлем benefit allowance",
    ),
    _cat(
        "large-families",
        ("Көпбалалы отбасыларды қолдау", "Поддержка многодетных семей", "Support for large families"),
        (
            "Көпбалалы отбасыларға жәрдемақылар, жеңілдіктер, тұрғын үй және балаларды сауықтыру.",
            "Пособия, льготы, жильё и оздоровление детей для многодетных семей.",
            "Allowances, concessions, housing and children's holidays for large families.",
        ),
        "многодетные семья пособие льготы көпбалалы отбасы large family allowance",
    ),
    _cat(
        "disability",
        ("Мүгедектігі бар адамдарды қолдау", "Поддержка лиц с инвалидностью", "Disability support"),
        (
            "Техникалық көмекші құралдар, инватакси, қолжетімді орта, арнаулы әлеуметтік қызметтер.",
            "Технические вспомогательные средства, инватакси, доступная среда, специальные социальные услуги.",
            "Assistive devices, accessible taxi, accessible environment, special social services.",
        ),
        "инвалидность пандус инватакси доступность мүгедектік пандус disability accessibility",
    ),
    _cat(
        "education",
        ("Білім беру", "Образование", "Education"),
        (
            "Балабақшалар мен мектептер, орын кезегі, оқушыларды тасымалдау, тамақтандыру, қосымша білім беру.",
            "Детские сады и школы, очередь на место, подвоз учащихся, питание, дополнительное образование.",
            "Kindergartens and schools, waiting lists, school transport, meals, extracurricular education.",
        ),
        "школа детский сад очередь учитель мектеп балабақша мұғалім school kindergarten",
    ),
    _cat(
        "health",
        ("Денсаулық сақтау", "Здравоохранение", "Health"),
        (
            "Емханалар мен ауруханалар, дәрігерге жазылу, дәрі-дәрмекпен қамтамасыз ету, жедел жәрдем.",
            "Поликлиники и больницы, запись к врачу, лекарственное обеспечение, скорая помощь.",
            "Clinics and hospitals, doctor's appointments, free medicines, ambulance service.",
        ),
        "поликлиника больница врач лекарства скорая емхана аурухана дәрігер дәрі clinic hospital doctor",
    ),
    _cat(
        "environment",
        ("Қоршаған орта", "Окружающая среда", "Environment"),
        (
            "Ауаның және судың ластануы, заңсыз қоқыс үйінділері, жасыл желектер, ағаш кесу.",
            "Загрязнение воздуха и воды, несанкционированные свалки, зелёные насаждения, вырубка деревьев.",
            "Air and water pollution, illegal dumps, green spaces, tree felling.",
        ),
        "экология свалка загрязнение деревья воздух экология қоқыс ағаш ауа pollution dump trees",
    ),
    _cat(
        "public-order",
        ("Қоғамдық тәртіп", "Общественный порядок", "Public order"),
        (
            "Қоғамдық орындардағы тәртіп, жол қозғалысы қауіпсіздігі, учаскелік полиция инспекторларының жұмысы.",
            "Порядок в общественных местах, безопасность дорожного движения, работа участковых инспекторов полиции.",
            "Order in public places, road traffic safety, the work of district police inspectors.",
        ),
        "полиция участковый порядок хулиганство полиция тәртіп police order safety",
        competent="ministry-of-internal-affairs",
    ),
    _cat(
        "land",
        ("Жер қатынастары", "Земельные отношения", "Land relations"),
        (
            "Жер учаскелерін беру, жеке тұрғын үй құрылысына жер кезегі, жерді пайдалану және шекаралар.",
            "Предоставление земельных участков, очередь на участок под ИЖС, землепользование и границы.",
            "Allocation of land plots, waiting list for individual housing plots, land use and boundaries.",
        ),
        "земля участок ИЖС землепользование жер учаске land plot",
    ),
    _cat(
        "employment",
        ("Жұмыспен қамту", "Занятость", "Employment"),
        (
            "Жұмыс іздеу, қоғамдық жұмыстар, кәсіптік оқыту, жастар практикасы, жұмыссыздық бойынша тіркеу.",
            "Поиск работы, общественные работы, профессиональное обучение, молодёжная практика, учёт безработных.",
            "Job search, public works, vocational training, youth internships, unemployment registration.",
        ),
        "работа вакансия безработица центр занятости жұмыс жұмыссыздық job unemployment",
    ),
    _cat(
        "business-permits",
        ("Кәсіпкерлік және рұқсаттар", "Предпринимательство и разрешения", "Business and permits"),
        (
            "Лицензиялар мен рұқсаттар, хабарламалар, сауда, сәулет және құрылыс рұқсаттары, кәсіпкерлерді қолдау.",
            "Лицензии и разрешения, уведомления, торговля, архитектурные и строительные разрешения, поддержка бизнеса.",
            "Licences and permits, notifications, trade, architecture and building permits, business support.",
        ),
        "лицензия разрешение бизнес торговля стройка лицензия рұқсат бизнес licence permit business",
    ),
    _cat(
        "culture-sport",
        ("Мәдениет және спорт", "Культура и спорт", "Culture and sport"),
        (
            "Мәдениет үйлері, кітапханалар, мұражайлар, спорт нысандары, секциялар және іс-шаралар.",
            "Дома культуры, библиотеки, музеи, спортивные объекты, секции и мероприятия.",
            "Community centres, libraries, museums, sports facilities, clubs and events.",
        ),
        "культура библиотека спорт стадион секция мәдениет кітапхана спорт culture library sport",
    ),
    _cat(
        "agriculture-veterinary",
        ("Ауыл шаруашылығы және ветеринария", "Сельское хозяйство и ветеринария", "Agriculture and veterinary"),
        (
            "Мал дәрігерлік қызметтер, малды бірдейлендіру, жайылымдар, субсидиялар, қаңғыбас жануарлар.",
            "Ветеринарные услуги, идентификация скота, пастбища, субсидии, безнадзорные животные.",
            "Veterinary services, livestock identification, pastures, subsidies, stray animals.",
        ),
        "ветеринар скот пастбище субсидия собаки мал жайылым ит veterinary livestock pasture",
    ),
    _cat(
        "landscaping",
        ("Абаттандыру", "Благоустройство", "Landscaping and public spaces"),
        (
            "Аулалар, балалар алаңдары, саябақтар, көгалдандыру, қысқы тазалау.",
            "Дворы, детские площадки, парки, озеленение, уборка снега.",
            "Courtyards, playgrounds, parks, greening, snow clearing.",
        ),
        "двор площадка парк снег благоустройство аула алаң саябақ қар playground park snow",
    ),
    _cat(
        "peaceful-assemblies",
        ("Бейбіт жиналыстар", "Мирные собрания", "Peaceful assemblies"),
        (
            "Жиналыстар, митингілер, пикеттер, шерулер мен демонстрациялар туралы хабарламалар мен өтініштер.",
            "Уведомления и заявления о собраниях, митингах, пикетах, шествиях и демонстрациях.",
            "Notifications and applications for meetings, rallies, pickets, marches and demonstrations.",
        ),
        "митинг пикет собрание шествие жиналыс митинг пикет шеру assembly rally picket",
    ),
    _cat(
        "public-associations",
        ("Қоғамдық бірлестіктер", "Общественные объединения", "Public associations"),
        (
            "Қоғамдық бірлестіктерді тіркеу және қайта тіркеу, жарғыға өзгерістер.",
            "Регистрация и перерегистрация общественных объединений, изменения в устав.",
            "Registration and re-registration of public associations, charter amendments.",
        ),
        "общественное объединение регистрация устав НКО қоғамдық бірлестік жарғы association charter NGO",
        competent="justice",
    ),
    _cat(
        "emergencies",
        ("Төтенше жағдайлар", "Чрезвычайные ситуации", "Emergencies"),
        (
            "Су тасқыны, өрт қауіпсіздігі, азаматтық қорғау, зардап шеккендерге көмек.",
            "Паводки, пожарная безопасность, гражданская защита, помощь пострадавшим.",
            "Floods, fire safety, civil protection, help for those affected.",
        ),
        "паводок пожар ЧС эвакуация су тасқыны өрт flood fire emergency",
        competent="ministry-of-emergency-situations",
    ),
    _cat(
        "digital-services",
        ("Мемлекеттік көрсетілетін қызметтер", "Государственные услуги", "Public e-services"),
        (
            "eGov порталы, ХҚКО жұмысы, электрондық цифрлық қолтаңба, мемлекеттік қызметтерді алу.",
            "Портал eGov, работа ЦОН, электронная цифровая подпись, получение государственных услуг.",
            "The eGov portal, public service centres, digital signatures, obtaining public services.",
        ),
        "ЦОН eGov ЭЦП госуслуга ХҚКО ЭЦҚ egov digital signature",
        competent="ministry-of-digital-development",
    ),
    _cat(
        "other",
        ("Басқа мәселелер", "Другие вопросы", "Other matters"),
        (
            "Басқа санаттарға жатпайтын мәселелер; өтініш құзыретті органға жіберіледі.",
            "Вопросы, не относящиеся к другим категориям; обращение будет направлено в компетентный орган.",
            "Matters outside the other categories; the appeal is forwarded to the competent body.",
        ),
        "другое прочее басқа other",
    ),
]
