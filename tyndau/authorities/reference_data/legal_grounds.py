"""The catalogue of legal grounds: every refusal or decision in Tyndau cites one.

Codes are stable slugs that other apps reference (`LegalGround.objects.get(code=...)`
or `tyndau.authorities.selectors.legal_ground(code=...)`); never rename one, add a
new code and deactivate the old row instead.

Appeals and complaints — APPK (No. 350-VI of 29 June 2020):
    appeals.deemed-refusal                 silence past the deadline = refusal (art. 91(2))
    appeals.anonymous                      anonymous appeal, not considered
    appeals.anonymous-security-forwarded   anonymous crime / security report, forwarded at once
    appeals.missing-required-content       art. 63 content missing
    appeals.not-competent-forwarded        forwarded to the competent body within 3 WD
    appeals.refusal.not-provided-by-law    refusal on the merits: not provided by law
    appeals.refusal.requirements-not-met   refusal on the merits: conditions of the law not met
    appeals.repeated-no-new-arguments      repeat of an answered appeal, nothing new
    appeals.withdrawn                      withdrawn by the applicant
    appeals.complaint.time-limit-missed    complaint after the 3-month limit
    appeals.complaint.court-pending        same dispute before a court
    appeals.complaint.unfounded            complaint dismissed, the act is lawful
    appeals.complaint.withdrawn            complaint withdrawn
E-petitions — APPK arts. 90-4, 90-5 (Law "On public control" of 2 October 2023):
    petitions.banned.<topic>  for the 17 banned topics: constitutional-order, territorial-structure,
        borders, language, elections-referendums, courts, prosecutors, special-services,
        state-secrets, president, parliament, dismissal-of-officials, defence-security*,
        amnesty-pardon*, pretrial-investigation*, incitement-discord*, rights-restriction*
    petitions.duplicate, petitions.not-competent, petitions.unclear,
    petitions.offensive (is_public=False), petitions.threshold-not-reached
Peaceful assemblies — Law No. 333-VI of 25 May 2020, art. 14:
    assemblies.unconstitutional-aims, assemblies.organiser-barred, assemblies.threat-to-safety,
    assemblies.deadline-missed, assemblies.incomplete-information,
    assemblies.place-prohibited*, assemblies.place-already-taken*, assemblies.emergency-regime*,
    assemblies.occupancy-exceeded*
Public associations — Law No. 2198 of 17 April 1995 on state registration, art. 11;
Law No. 3-I of 31 May 1996 "On public associations":
    associations.procedure-breach, associations.charter-contradicts-law,
    associations.founder-on-terror-list, associations.founder-incapable,
    associations.name-taken*, associations.too-few-founders*, associations.documents-incomplete*,
    associations.founder-banned-organisation*

Each row also says which decisions it may be cited for (`applies_to`, LegalGround.Decision values: an
answer's outcome "appeal.refused" / "appeal.partly" / "appeal.explained", "appeal.forwarded",
"appeal.deemed_refused", a complaint's "complaint.rejected" / "complaint.partly", "petition.rejected",
"petition.closed", ...), following the article it cites: forms offer only the grounds of the decision being
taken and the services refuse any other. Appeals rows say it one by one; the other domains default to
their one refusal (DEFAULT_APPLIES_TO).

* and every row with is_confirmed=False: the ground (or its article number) is not yet
confirmed against the law text; it ships as a default and awaits a lawyer's check
(domain-rules.md). Grounds listed in domain-rules.md without a caveat are confirmed.
"""

from __future__ import annotations

from typing import TypedDict

APPK = "APPK (Administrative Procedural and Process-Related Code) No. 350-VI of 29 June 2020"
PETITIONS_LAW = 'APPK No. 350-VI, as amended by the Law "On public control" of 2 October 2023'
ASSEMBLIES_LAW = 'Law No. 333-VI of 25 May 2020 "On the procedure for organising and holding peaceful assemblies"'
REGISTRATION_LAW = 'Law No. 2198 of 17 April 1995 "On state registration of legal entities"'
ASSOCIATIONS_LAW = 'Law No. 3-I of 31 May 1996 "On public associations"'


class GroundRow(TypedDict):
    code: str
    domain: str
    law: str
    article: str
    text_kk: str
    text_ru: str
    text_en: str
    is_confirmed: bool
    is_public: bool
    applies_to: list[str]


# Which decisions a ground may be cited for (LegalGround.Decision), per domain unless a row says otherwise.
# Appeals rows each say it (below, from the article they cite); the other domains have one decision each.
DEFAULT_APPLIES_TO = {
    "petitions": ["petition.rejected"],
    "assemblies": ["assembly.refused"],
    "associations": ["association.refused"],
}
REFUSED = "appeal.refused"
PARTLY = "appeal.partly"
EXPLAINED = "appeal.explained"
FORWARDED = "appeal.forwarded"
COMPLAINT_REJECTED = "complaint.rejected"
COMPLAINT_PARTLY = "complaint.partly"


def _g(code: str, law: str, article: str, kk: str, ru: str, en: str, *, confirmed: bool = True,
       public: bool = True, applies_to: list[str] | None = None) -> GroundRow:  # fmt: skip
    domain = code.split(".", 1)[0]
    return GroundRow(
        code=code,
        applies_to=applies_to if applies_to is not None else DEFAULT_APPLIES_TO.get(domain, []),
        domain=domain,
        law=law,
        article=article,
        text_kk=kk,
        text_ru=ru,
        text_en=en,
        is_confirmed=confirmed,
        is_public=public,
    )


APPEALS: list[GroundRow] = [
    _g(
        "appeals.deemed-refusal",
        APPK,
        "Art. 91(2)",
        "Өтінішке белгіленген мерзімде жауап берілмеді; ӘРПК 91-бабының 2-тармағына сәйкес бұл мерзім өткен "
        "күннің келесі күнінен бастап бас тарту деп есептеледі және оған шағым жасалуы мүмкін.",
        "Ответ на обращение не дан в установленный срок; согласно пункту 2 статьи 91 АППК это считается отказом "
        "со дня, следующего за днём истечения срока, и может быть обжаловано.",
        "The appeal was not answered within the deadline; under article 91(2) of the APPK this counts as a refusal "
        "from the day after the deadline expired and may be challenged by a complaint.",
        applies_to=["appeal.deemed_refused"],
    ),
    _g(
        "appeals.anonymous",
        APPK,
        "Art. 63",
        "Өтініш жасырын (өтініш берушінің тегі, аты және ЖСН/БСН көрсетілмеген), сондықтан қаралмайды.",
        "Обращение является анонимным (не указаны фамилия, имя и ИИН/БИН заявителя) и не подлежит рассмотрению.",
        "The appeal is anonymous (the applicant's name and IIN/BIN are not given) and is not considered.",
        confirmed=False,
        applies_to=[REFUSED],
    ),
    _g(
        "appeals.anonymous-security-forwarded",
        APPK,
        "Art. 63",
        "Жасырын хабарлама дайындалып жатқан немесе жасалған қылмысқа не мемлекеттік немесе қоғамдық "
        "қауіпсіздікке төнген қатерге қатысты, сондықтан ол дереу құқық қорғау органына жіберілді.",
        "Анонимное сообщение касается готовящегося или совершённого преступления либо угрозы государственной или "
        "общественной безопасности и незамедлительно направлено в правоохранительный орган.",
        "The anonymous report concerns a crime being prepared or committed, or a threat to state or public "
        "security; it has been forwarded at once to the law-enforcement body.",
        confirmed=False,
        applies_to=[FORWARDED],
    ),
    _g(
        "appeals.missing-required-content",
        APPK,
        "Art. 63",
        "Өтініште ӘРПК-нің 63-бабында міндетті деп көзделген мәліметтер (аты-жөні, ЖСН/БСН, мекенжайы, "
        "өтініштің мәні, қолы) жоқ; өтініш берушіге оларды толықтыру ұсынылды.",
        "В обращении отсутствуют сведения, обязательные по статье 63 АППК (фамилия, имя, ИИН/БИН, адрес, суть "
        "обращения, подпись); заявителю предложено их восполнить.",
        "The appeal lacks content required by article 63 of the APPK (name, IIN/BIN, address, substance, "
        "signature); the applicant is asked to complete it.",
        confirmed=False,
        applies_to=[REFUSED],
    ),
    _g(
        "appeals.not-competent-forwarded",
        APPK,
        "Art. 64",
        "Мәселе осы органның құзыретіне жатпайды; өтініш үш жұмыс күні ішінде құзыретті органға жіберілді, "
        "бұл туралы өтініш берушіге хабарланды.",
        "Вопрос не относится к компетенции данного органа; обращение в течение трёх рабочих дней направлено в "
        "компетентный орган, заявитель уведомлён.",
        "The matter is outside this body's competence; the appeal has been forwarded to the competent body within "
        "three working days and the applicant has been informed.",
        confirmed=False,
        applies_to=[FORWARDED],
    ),
    _g(
        "appeals.refusal.not-provided-by-law",
        APPK,
        "Sectoral law norm cited in the decision",
        "Сұралып отырған әрекет немесе игілік Қазақстан Республикасының заңнамасында көзделмеген; шешімде оның "
        "негізіне алынған норма көрсетілген.",
        "Запрашиваемое действие или благо не предусмотрено законодательством Республики Казахстан; в решении "
        "указана норма, на которой оно основано.",
        "The action or benefit requested is not provided for by the legislation of the Republic of Kazakhstan; "
        "the decision cites the norm it rests on.",
        confirmed=False,
        applies_to=[REFUSED, PARTLY],
    ),
    _g(
        "appeals.refusal.requirements-not-met",
        APPK,
        "Sectoral law norm cited in the decision",
        "Өтініш беруші сұралған шешімді қабылдау үшін заңнамада белгіленген шарттарға сәйкес келмейді; шешімде "
        "шарт пен норма көрсетілген.",
        "Заявитель не соответствует условиям, установленным законодательством для принятия запрашиваемого "
        "решения; в решении указаны условие и норма.",
        "The applicant does not meet the conditions set by law for the requested decision; the decision names "
        "the condition and the norm.",
        confirmed=False,
        applies_to=[REFUSED, PARTLY],
    ),
    _g(
        "appeals.repeated-no-new-arguments",
        APPK,
        "Art. 89",
        "Өтініш бұрын мәні бойынша қаралған өтінішті қайталайды және жаңа дәлелдер мен фактілерді қамтымайды; "
        "қарау тоқтатылды, бұл туралы өтініш берушіге хабарланды.",
        "Обращение повторяет уже рассмотренное по существу и не содержит новых доводов или фактов; рассмотрение "
        "прекращено, заявитель уведомлён.",
        "The appeal repeats one already answered on the merits and contains no new arguments or facts; "
        "consideration is terminated and the applicant has been informed.",
        confirmed=False,
        applies_to=[REFUSED],
    ),
    _g(
        "appeals.withdrawn",
        APPK,
        "Art. 89",
        "Өтініш беруші өтінішті кері қайтарып алды; қарау тоқтатылды.",
        "Заявитель отозвал обращение; рассмотрение прекращено.",
        "The applicant withdrew the appeal; consideration is terminated.",
        confirmed=False,
        applies_to=[EXPLAINED],
    ),
    _g(
        "appeals.complaint.time-limit-missed",
        APPK,
        "Arts. 91, 93",
        "Шағым өтініш беруші акт немесе әрекет туралы білген күннен бастап үш айлық мерзім өткеннен кейін "
        "берілді, мерзімді өткізіп алудың дәлелді себебі көрсетілмеген.",
        "Жалоба подана по истечении трёхмесячного срока со дня, когда заявитель узнал об акте или действии; "
        "уважительная причина пропуска срока не указана.",
        "The complaint was filed after the three-month time limit from the day the applicant learned of the act "
        "or action, and no valid reason for the delay was given.",
        confirmed=False,
        applies_to=[COMPLAINT_REJECTED],
    ),
    _g(
        "appeals.complaint.court-pending",
        APPK,
        "Art. 93",
        "Сол тараптар арасындағы сол мәселе бойынша дау сотта қаралып жатыр немесе сот оны шешкен; шағым қайтарылды.",
        "Спор между теми же сторонами о том же предмете уже рассматривается или разрешён судом; жалоба возвращена.",
        "A court is already hearing, or has decided, a dispute between the same parties on the same subject; "
        "the complaint is returned.",
        confirmed=False,
        applies_to=[COMPLAINT_REJECTED],
    ),
    _g(
        "appeals.complaint.unfounded",
        APPK,
        "Art. 100",
        "Жоғары тұрған орган шағымды қарап, шағым жасалған актіні, әрекетті (әрекетсіздікті) заңды және негізді "
        "деп таныды; шағым қанағаттандырусыз қалдырылды. Шешімге сотқа шағым жасауға болады (ӘРПК 91-бабының "
        "5-тармағы).",
        "Вышестоящий орган рассмотрел жалобу и признал обжалуемый акт, действие (бездействие) законным и "
        "обоснованным; жалоба оставлена без удовлетворения. Решение может быть обжаловано в суд (пункт 5 статьи "
        "91 АППК).",
        "The higher body examined the complaint and found the contested act, action or inaction lawful and "
        "well-founded; the complaint is dismissed. The decision may be challenged in court (APPK art. 91(5)).",
        confirmed=False,
        applies_to=[COMPLAINT_REJECTED, COMPLAINT_PARTLY],
    ),
    _g(
        "appeals.complaint.withdrawn",
        APPK,
        "Art. 93",
        "Өтініш беруші шағымды кері қайтарып алды; оны қарау тоқтатылды.",
        "Заявитель отозвал жалобу; её рассмотрение прекращено.",
        "The applicant withdrew the complaint; its consideration is terminated.",
        confirmed=False,
        applies_to=[COMPLAINT_REJECTED],
    ),
]

# (slug, kk, ru, en, confirmed): the topics e-petitions may not raise. The first twelve are
# listed in domain-rules.md; the last five complete the list of 17 from secondary sources.
BANNED_TOPICS: list[tuple[str, str, str, str, bool]] = [
    ("constitutional-order", "конституциялық құрылысты өзгерту", "изменение конституционного строя",
     "changing the constitutional order", True),
    ("territorial-structure", "әкімшілік-аумақтық құрылыс", "административно-территориальное устройство",
     "the administrative-territorial structure", True),
    ("borders", "Мемлекеттік шекара және аумақтық тұтастық", "государственная граница и территориальная целостность",
     "the state border and territorial integrity", True),
    ("language", "мемлекеттік тілдің мәртебесі және тіл саясаты", "статус государственного языка и языковая политика",
     "the status of the state language and language policy", True),
    ("elections-referendums", "сайлау және республикалық референдумдар", "выборы и республиканские референдумы",
     "elections and republican referendums", True),
    ("courts", "сот төрелігін жүзеге асыру және соттардың қызметі", "осуществление правосудия и деятельность судов",
     "the administration of justice and the activity of courts", True),
    ("prosecutors", "прокуратура органдарының қызметі", "деятельность органов прокуратуры",
     "the activity of the prosecutor's office", True),
    ("special-services", "арнаулы мемлекеттік органдардың қызметі", "деятельность специальных государственных органов",
     "the activity of the special state bodies", True),
    ("state-secrets", "мемлекеттік құпияларды құрайтын мәліметтер", "сведения, составляющие государственные секреты",
     "information constituting state secrets", True),
    ("president", "Қазақстан Республикасы Президентінің мәртебесі мен өкілеттіктері",
     "статус и полномочия Президента Республики Казахстан", "the status and powers of the President", True),
    ("parliament", "Парламенттің және оның депутаттарының мәртебесі мен өкілеттіктері",
     "статус и полномочия Парламента и его депутатов", "the status and powers of Parliament and its deputies", True),
    ("dismissal-of-officials",
     "әкімдерді, министрлерді және өзге де лауазымды адамдарды қызметтен босату туралы талаптар",
     "требования об освобождении от должности акимов, министров и иных должностных лиц",
     "demands to dismiss akims, ministers or other officials", True),
    ("defence-security", "қорғаныс қабілеті және ұлттық қауіпсіздік", "обороноспособность и национальная безопасность",
     "defence and national security", False),
    ("amnesty-pardon", "рақымшылық және кешірім жасау", "амнистия и помилование", "amnesty and pardon", False),
    ("pretrial-investigation", "сотқа дейінгі тергеп-тексеру және жедел-іздестіру қызметі",
     "досудебное расследование и оперативно-розыскная деятельность",
     "pre-trial investigation and operational-search activity", False),
    ("incitement-discord",
     "зорлық-зомбылыққа шақыру, әлеуметтік, ұлттық, діни немесе өзге де алауыздықты қоздыру",
     "призывы к насилию, разжигание социальной, национальной, религиозной или иной розни",
     "calls for violence or incitement of social, national, religious or other discord", False),
    ("rights-restriction", "адам мен азаматтың конституциялық құқықтары мен бостандықтарын шектеу",
     "ограничение конституционных прав и свобод человека и гражданина",
     "restricting the constitutional rights and freedoms of a person and citizen", False),
]  # fmt: skip

PETITIONS: list[GroundRow] = [
    _g(
        f"petitions.banned.{slug}",
        PETITIONS_LAW,
        "Art. 90-4",
        f"Петиция электрондық петиция берілмейтін мәселеге қатысты: {kk}.",
        f"Петиция касается вопроса, по которому электронные петиции не подаются: {ru}.",
        f"The petition concerns a matter on which e-petitions may not be filed: {en}.",
        confirmed=confirmed,
    )
    for slug, kk, ru, en, confirmed in BANNED_TOPICS
] + [
    _g(
        "petitions.duplicate",
        PETITIONS_LAW,
        "Art. 90-4",
        "Сол органға сол мәселе бойынша петицияға қол жинау жүріп жатыр; авторға оны қолдау ұсынылды.",
        "Петиция по тому же вопросу в тот же орган уже находится на сборе подписей; автору предложено поддержать её.",
        "A petition on the same matter to the same body is already collecting signatures; the author is invited "
        "to support it.",
        confirmed=False,
    ),
    _g(
        "petitions.not-competent",
        PETITIONS_LAW,
        "Art. 90-4",
        "Мәселе петиция жолданған органның құзыретіне жатпайды.",
        "Вопрос не относится к компетенции органа, которому адресована петиция.",
        "The matter is outside the competence of the body to which the petition is addressed.",
        confirmed=False,
    ),
    _g(
        "petitions.unclear",
        PETITIONS_LAW,
        "Art. 90-4",
        "Петицияда орган шешім қабылдай алатын нақты тұжырымдалған талап немесе ұсыныс жоқ.",
        "Петиция не содержит ясно сформулированного требования или предложения, по которому орган мог бы принять "
        "решение.",
        "The petition does not state a clear demand or proposal on which the body could decide.",
        confirmed=False,
    ),
    _g(
        "petitions.offensive",
        PETITIONS_LAW,
        "Art. 90-4",
        "Петицияда әдепсіз немесе балағат сөздер бар не ол адамдардың ар-намысы мен қадір-қасиетін қорлайды.",
        "Петиция содержит нецензурные или оскорбительные выражения либо порочит честь и достоинство лиц.",
        "The petition contains obscene or offensive language or insults the honour and dignity of persons.",
        confirmed=False,
        public=False,
    ),
    _g(
        "petitions.threshold-not-reached",
        PETITIONS_LAW,
        "Art. 90-5",
        "Петиция қажетті қол санын жинағанға дейін қол жинау мерзімі аяқталды.",
        "Срок сбора подписей истёк до того, как петиция набрала необходимое число подписей.",
        "The collection period ended before the petition reached the required number of signatures.",
        confirmed=False,
        applies_to=["petition.closed"],
    ),
]

ASSEMBLIES: list[GroundRow] = [
    _g(
        "assemblies.unconstitutional-aims",
        ASSEMBLIES_LAW,
        "Art. 14",
        "Іс-шараның мақсаттары Қазақстан Республикасының Конституциясына қайшы келеді не әлеуметтік, нәсілдік, "
        "ұлттық, діни, тектік-топтық немесе рулық араздықты қоздыруға бағытталған.",
        "Цели мероприятия противоречат Конституции Республики Казахстан либо направлены на разжигание социальной, "
        "расовой, национальной, религиозной, сословной или родовой розни.",
        "The aims of the event contradict the Constitution of the Republic of Kazakhstan or incite social, racial, "
        "national, religious, class or tribal discord.",
    ),
    _g(
        "assemblies.organiser-barred",
        ASSEMBLIES_LAW,
        "Art. 14",
        "Ұйымдастырушы заңға сәйкес бейбіт жиналысты ұйымдастырушы бола алмайды.",
        "Организатор не вправе быть организатором мирного собрания в соответствии с законом.",
        "The organiser may not organise a peaceful assembly under the law.",
    ),
    _g(
        "assemblies.threat-to-safety",
        ASSEMBLIES_LAW,
        "Art. 14",
        "Іс-шараны мәлімделген орында және уақытта өткізу ұлттық қауіпсіздікке, қоғамдық тәртіпке, халықтың "
        "денсаулығына не басқа адамдардың құқықтары мен бостандықтарына қатер төндіреді.",
        "Проведение мероприятия в заявленные место и время создаёт угрозу национальной безопасности, общественному "
        "порядку, здоровью населения либо правам и свободам других лиц.",
        "Holding the event at the stated place and time threatens national security, public order, the health of "
        "the population or the rights and freedoms of others.",
    ),
    _g(
        "assemblies.deadline-missed",
        ASSEMBLIES_LAW,
        "Art. 14",
        "Хабарлама немесе өтініш заңда белгіленген мерзімнен кеш берілді (жиналыс, митинг, пикеттеу үшін 5 жұмыс "
        "күні; демонстрация, шеру үшін 10 жұмыс күні).",
        "Уведомление или заявление подано позже срока, установленного законом (5 рабочих дней для собрания, "
        "митинга, пикетирования; 10 рабочих дней для демонстрации, шествия).",
        "The notification or application was filed later than the law requires (5 working days for a meeting, "
        "rally or picket; 10 working days for a demonstration or march).",
    ),
    _g(
        "assemblies.incomplete-information",
        ASSEMBLIES_LAW,
        "Art. 14",
        "Хабарламада немесе өтініште заң талап ететін мәліметтердің бәрі (мақсаты, нысаны, ұйымдастырушысы, өткізу "
        "орны немесе бағыты, уақыты, қатысушылардың болжамды саны) жоқ.",
        "Уведомление или заявление не содержит всех сведений, требуемых законом (цель, форма, организатор, место "
        "или маршрут, время, предполагаемое число участников).",
        "The notification or application does not contain all the information the law requires (purpose, form, "
        "organiser, place or route, time, expected number of participants).",
    ),
    _g(
        "assemblies.place-prohibited",
        ASSEMBLIES_LAW,
        "Art. 14",
        "Мәлімделген орын заң бойынша бейбіт жиналыстар өткізуге жол берілмейтін орындарға жатады.",
        "Заявленное место относится к местам, где проведение мирных собраний законом не допускается.",
        "The stated place is one where the law does not allow peaceful assemblies.",
        confirmed=False,
    ),
    _g(
        "assemblies.place-already-taken",
        ASSEMBLIES_LAW,
        "Art. 14",
        "Сол орын мен уақытқа басқа бейбіт жиналыс туралы хабарлама бұрын берілген немесе ол келісілген.",
        "На то же место и время уже подано уведомление о другом мирном собрании или оно согласовано.",
        "Another peaceful assembly has already been notified or approved for the same place and time.",
        confirmed=False,
    ),
    _g(
        "assemblies.emergency-regime",
        ASSEMBLIES_LAW,
        "Art. 14",
        "Аумақта төтенше немесе соғыс жағдайы не терроризмге қарсы операцияның құқықтық режимі енгізілген.",
        "На территории введено чрезвычайное или военное положение либо правовой режим контртеррористической операции.",
        "A state of emergency, martial law or a counter-terrorist operation regime is in force in the area.",
        confirmed=False,
    ),
    _g(
        "assemblies.occupancy-exceeded",
        ASSEMBLIES_LAW,
        "Arts. 14, 18",
        "Қатысушылардың болжамды саны мәслихат белгілеген арнаулы орынның шекті толымдылығынан асады.",
        "Предполагаемое число участников превышает предельную заполняемость специализированного места, "
        "установленную маслихатом.",
        "The expected number of participants exceeds the maximum occupancy of the specialised place set by the "
        "maslikhat.",
        confirmed=False,
    ),
]

ASSOCIATIONS: list[GroundRow] = [
    _g(
        "associations.procedure-breach",
        REGISTRATION_LAW,
        "Art. 11",
        "Бірлестікті құрудың заңда белгіленген тәртібі бұзылған.",
        "Нарушен установленный законом порядок создания объединения.",
        "The procedure for creating the association established by law was breached.",
    ),
    _g(
        "associations.charter-contradicts-law",
        REGISTRATION_LAW,
        "Art. 11",
        "Жарғы Қазақстан Республикасының заңнамасына қайшы келеді; шешімде жарғының тармағы және ол қайшы келетін "
        "норма көрсетілген.",
        "Устав противоречит законодательству Республики Казахстан; в решении указаны пункт устава и норма, которой "
        "он противоречит.",
        "The charter contradicts the legislation of the Republic of Kazakhstan; the decision names the charter "
        "clause and the norm it contradicts.",
    ),
    _g(
        "associations.founder-on-terror-list",
        REGISTRATION_LAW,
        "Art. 11",
        "Құрылтайшы немесе басшы терроризм мен экстремизмді қаржыландырумен байланысты ұйымдар мен адамдардың "
        "тізбесіне енгізілген.",
        "Учредитель или руководитель включён в перечень организаций и лиц, связанных с финансированием терроризма "
        "и экстремизма.",
        "A founder or the head is on the list of organisations and persons linked to the financing of terrorism "
        "and extremism.",
    ),
    _g(
        "associations.founder-incapable",
        REGISTRATION_LAW,
        "Art. 11",
        "Құрылтайшыны сот әрекетке қабілетсіз немесе әрекет қабілеттілігі шектеулі деп таныған.",
        "Учредитель признан судом недееспособным или ограниченно дееспособным.",
        "A founder has been declared legally incapable or of limited capacity by a court.",
    ),
    _g(
        "associations.name-taken",
        REGISTRATION_LAW,
        "Art. 11",
        "Дәл осындай атауы бар заңды тұлға бұрын тіркелген.",
        "Юридическое лицо с таким же наименованием уже зарегистрировано.",
        "A legal entity with the same name is already registered.",
        confirmed=False,
    ),
    _g(
        "associations.too-few-founders",
        ASSOCIATIONS_LAW,
        "Art. 10",
        "Құрылтайшылар саны заңда белгіленгеннен (10 азамат) аз.",
        "Число учредителей меньше установленного законом (10 граждан).",
        "The association has fewer founders than the law requires (10 citizens).",
        confirmed=False,
    ),
    _g(
        "associations.documents-incomplete",
        REGISTRATION_LAW,
        "Art. 11",
        "Тіркеу үшін қажетті құжаттар толық көлемде ұсынылмаған.",
        "Документы, необходимые для регистрации, представлены не в полном объёме.",
        "The documents required for registration were not submitted in full.",
        confirmed=False,
    ),
    _g(
        "associations.founder-banned-organisation",
        REGISTRATION_LAW,
        "Art. 11",
        "Құрылтайшы сот экстремистік немесе террористік деп тыйым салған ұйымның құрылтайшысы немесе басшысы болған.",
        "Учредитель являлся учредителем или руководителем организации, запрещённой судом как экстремистская или "
        "террористическая.",
        "A founder was a founder or head of an organisation banned by a court as extremist or terrorist.",
        confirmed=False,
    ),
]

LEGAL_GROUNDS: list[GroundRow] = APPEALS + PETITIONS + ASSEMBLIES + ASSOCIATIONS
