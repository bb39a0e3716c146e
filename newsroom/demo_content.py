"""Demo content for `manage.py load_demo`, as plain data.

The twelve news items report what a page of CARICC's old "Breaking news" list (autumn 2020)
reported: the same facts (dates, people and their posts, organisations, places, outcomes,
figures), written in our own words, one string per paragraph. Everything else (organisations,
people, events) is what those items state, plus a few clearly marked additions for the demo.
Slugs are explicit so that re-running the command finds the same rows.

Texts are English, with the Russian version of an entry under its "ru" key, in the same shape
(name, title, paragraphs, ...). An article or event without a Russian title is English only;
a person or organisation without a Russian name shows the English one on the Russian pages.
Russian article slugs are transliterated from the Russian titles. The synthetic volume at the
end of the file stays English.
"""

# ruff: noqa: E501  (one paragraph per string, unwrapped, so that each reads and diffs as a unit)

import datetime

date = datetime.date

# --- Organisations -----------------------------------------------------------------------
# Parents come before their children. Websites only where certain.
ORGANISATIONS = [
    {
        "slug": "caricc",
        "name": "Central Asian Regional Information and Coordination Centre for Combating Illicit Trafficking of Narcotic Drugs, Psychotropic Substances and their Precursors",
        "short_name": "CARICC",
        "kind": "regional_centre",
        "country": "KZ",
        "website": "https://caricc.org",
        "description": "Intergovernmental centre in Almaty that coordinates information exchange and joint counter-narcotics operations of the competent authorities of Azerbaijan, Kazakhstan, Kyrgyzstan, Russia, Tajikistan, Turkmenistan and Uzbekistan.",
        "ru": {
            "name": "Центральноазиатский региональный информационный координационный центр по борьбе с незаконным оборотом наркотических средств, психотропных веществ и их прекурсоров",
            "short_name": "ЦАРИКЦ",
            "description": "Межгосударственный центр в Алматы, координирующий обмен информацией и совместные антинаркотические операции компетентных органов Азербайджана, Казахстана, Кыргызстана, России, Таджикистана, Туркменистана и Узбекистана.",
        },
        "logo": True,
        "aliases": ["КАРИЦ"],
    },
    {
        "slug": "caricc-council-of-national-coordinators",
        "name": "CARICC Council of National Coordinators",
        "parent": "caricc",
        "kind": "other",
        "description": "CARICC's governing body, made up of the heads of the coordinating competent authorities of the member states and the CARICC Director.",
        "ru": {
            "name": "Совет национальных координаторов ЦАРИКЦ",
            "description": "Руководящий орган ЦАРИКЦ, в состав которого входят руководители координирующих компетентных органов государств-членов и Директор ЦАРИКЦ.",
        },
        "aliases": ["Council of National Coordinators"],
    },
    {
        "slug": "unodc",
        "name": "United Nations Office on Drugs and Crime",
        "short_name": "UNODC",
        "kind": "international",
        "website": "https://www.unodc.org",
        "description": "United Nations office that helps states counter illicit drugs, organized crime, corruption and terrorism. Headquartered in Vienna.",
        "ru": {
            "name": "Управление Организации Объединённых Наций по наркотикам и преступности",
            "short_name": "УНП ООН",
            "description": "Управление Организации Объединённых Наций, помогающее государствам противодействовать незаконному обороту наркотиков, организованной преступности, коррупции и терроризму. Штаб-квартира находится в Вене.",
        },
        "logo": True,
        "aliases": ["UN Office on Drugs and Crime"],
    },
    {
        # Based in Tashkent (UNODC: "established ... in Tashkent, Uzbekistan"), hence UZ.
        "slug": "unodc-regional-office-for-central-asia",
        "name": "UNODC Regional Office for Central Asia",
        "short_name": "UNODC ROCA",
        "kind": "international",
        "country": "UZ",
        "parent": "unodc",
        "website": "https://www.unodc.org/roca/",
        "description": "UNODC's regional office for the five Central Asian states, with programme offices across the region. Hosts the Regional Working Group on Precursors.",
        "ru": {
            "name": "Региональное представительство УНП ООН для Центральной Азии",
            "short_name": "РПЦА УНП ООН",
            "description": "Региональное представительство УНП ООН для пяти государств Центральной Азии с программными офисами в странах региона. Созывает Региональную рабочую группу по прекурсорам.",
        },
    },
    {
        "slug": "unodc-programme-office-in-kazakhstan",
        "name": "UNODC Programme Office in Kazakhstan",
        "kind": "international",
        "country": "KZ",
        "parent": "unodc",
        "description": "UNODC's programme office in Kazakhstan; its head also coordinates UNODC's project in support of CARICC.",
        "ru": {
            "name": "Программный офис УНП ООН в Республике Казахстан",
            "description": "Программный офис УНП ООН в Казахстане; его руководитель также координирует проект УНП ООН по поддержке ЦАРИКЦ.",
        },
        "aliases": [
            "UNODC Program Office in the Republic of Kazakhstan",
            "UNODC Programme Office in the Republic of Kazakhstan",
            "Programme Office of UNODC in the Republic of Kazakhstan",
        ],
    },
    {
        "slug": "unodc-wco-container-control-programme",
        "name": "UNODC–WCO Global Container Control Programme",
        "short_name": "CCP",
        "kind": "programme",
        "parent": "unodc",
        "description": "Joint programme of UNODC and the World Customs Organization that helps governments set up port control units to profile and inspect high-risk containers.",
        "ru": {
            "name": "Глобальная программа УНП ООН и ВТамО по контролю за контейнерными перевозками",
            "short_name": "ПККП",
            "description": "Совместная программа УНП ООН и Всемирной таможенной организации, помогающая правительствам создавать подразделения портового контроля для профилирования и досмотра контейнеров повышенного риска.",
        },
        "aliases": [
            "Global Container Control Programme",
            "UNODC Global Container Control Programme",
            "UNODC Container Programme in Central Asia",
        ],
    },
    {
        "slug": "inter-regional-network-of-customs-authorities-and-port-control-units",
        "name": "Inter-Regional Network of Customs Authorities and Port Control Units",
        "short_name": "Inter-regional Network",
        "kind": "programme",
        "parent": "unodc-wco-container-control-programme",
        "description": "Network of customs administrations and port control units, founded in Tashkent on 22 May 2019 when the heads of customs administrations signed a memorandum of understanding; its national focal points exchange information through a simplified channel.",
        "ru": {
            "name": "Межрегиональная сеть таможенных органов и подразделений портового контроля",
            "short_name": "Межрегиональная сеть",
            "description": "Сеть таможенных администраций и подразделений портового контроля, учреждённая в Ташкенте 22 мая 2019 года, когда руководители таможенных администраций подписали меморандум о взаимопонимании; её национальные контактные пункты обмениваются информацией по упрощённому каналу.",
        },
    },
    {
        "slug": "paris-pact-initiative",
        "name": "Paris Pact Initiative",
        "kind": "programme",
        "parent": "unodc",
        "description": "International partnership of countries and organisations, supported by UNODC, countering the trafficking and consumption of Afghan opiates.",
        "ru": {
            "name": "Инициатива «Парижский пакт»",
            "description": "Международное партнёрство стран и организаций, действующее при поддержке УНП ООН, по противодействию незаконному обороту и потреблению опиатов афганского происхождения.",
        },
    },
    {
        "slug": "unodc-regional-programme-for-afghanistan-and-neighbouring-countries",
        "name": "UNODC Regional Programme for Afghanistan and Neighbouring Countries",
        "kind": "programme",
        "parent": "unodc",
        "description": "UNODC programme promoting regional cooperation on drug control and crime between Afghanistan and its neighbours; the Regional Working Group on Precursors meets under it every quarter.",
        "ru": {
            "name": "Региональная программа УНП ООН для Афганистана и соседних стран",
            "description": "Программа УНП ООН, содействующая региональному сотрудничеству Афганистана и соседних с ним стран в сфере контроля над наркотиками и борьбы с преступностью; в её рамках ежеквартально собирается Региональная рабочая группа по прекурсорам.",
        },
    },
    {
        "slug": "unodc-programme-for-central-asia",
        "name": "UNODC Programme for Central Asia",
        "kind": "programme",
        "parent": "unodc",
        "description": "UNODC's strategic framework for the five Central Asian states. Its Sub-Programme 1 covers transnational organized crime, illicit drug trafficking and terrorism prevention, including a Border Component.",
        "ru": {
            "name": "Программа УНП ООН для Центральной Азии",
            "description": "Стратегическая рамочная программа УНП ООН для пяти государств Центральной Азии. Её подпрограмма 1 охватывает противодействие транснациональной организованной преступности и незаконному обороту наркотиков, а также предупреждение терроризма и включает пограничный компонент.",
        },
    },
    {
        "slug": "incb",
        "name": "International Narcotics Control Board",
        "short_name": "INCB",
        "kind": "international",
        "website": "https://www.incb.org",
        "description": "Independent body that monitors the implementation of the United Nations international drug control conventions, including the control of precursors.",
        "ru": {
            "name": "Международный комитет по контролю над наркотиками",
            "short_name": "МККН",
            "description": "Независимый орган, наблюдающий за выполнением международных конвенций Организации Объединённых Наций о контроле над наркотиками, в том числе в части контроля над прекурсорами.",
        },
        "logo": True,
    },
    {
        "slug": "wco",
        "name": "World Customs Organization",
        "short_name": "WCO",
        "kind": "international",
        "website": "https://www.wcoomd.org",
        "description": "Intergovernmental organisation of customs administrations, headquartered in Brussels.",
        "ru": {
            "name": "Всемирная таможенная организация",
            "short_name": "ВТамО",
            "description": "Межправительственная организация таможенных администраций со штаб-квартирой в Брюсселе.",
        },
        "logo": True,
    },
    {
        "slug": "rocb-europe",
        "name": "Regional Office for Capacity Building for the World Customs Organization Europe Region",
        "short_name": "ROCB Europe",
        "kind": "regional_centre",
        "parent": "wco",
        "description": "The WCO's regional office for capacity building in its Europe region, supporting customs administrations with training and institutional development.",
        "ru": {
            "name": "Региональное бюро по наращиванию потенциала Европейского региона Всемирной таможенной организации",
            # No Russian abbreviation is established: Russian texts keep the Latin one.
            "short_name": "ROCB Europe",
            "description": "Региональное бюро ВТамО по наращиванию потенциала в Европейском регионе, помогающее таможенным администрациям в подготовке кадров и институциональном развитии.",
        },
    },
    {
        "slug": "dea",
        "name": "Drug Enforcement Administration",
        "short_name": "DEA",
        "kind": "national_authority",
        "country": "US",
        "website": "https://www.dea.gov",
        "description": "United States federal law enforcement agency that enforces the country's drug laws, at home and through offices abroad.",
        "ru": {
            "name": "Управление по борьбе с наркотиками США",
            "short_name": "УБН США",
            "description": "Федеральное правоохранительное ведомство Соединённых Штатов, обеспечивающее соблюдение законодательства страны о наркотиках как внутри страны, так и через свои зарубежные представительства.",
        },
    },
    {
        "slug": "dea-middle-east-region-office",
        "name": "DEA Middle East Region Office",
        "kind": "national_authority",
        "country": "US",
        "parent": "dea",
        "description": "Regional office of the US Drug Enforcement Administration whose Assistant Regional Director met the CARICC Director in October 2020.",
        "ru": {
            "name": "Ближневосточное региональное управление УБН США",
            "description": "Региональное подразделение Управления по борьбе с наркотиками США, помощник регионального директора которого встретился с Директором ЦАРИКЦ в октябре 2020 года.",
        },
    },
    {
        "slug": "osce",
        "name": "Organization for Security and Co-operation in Europe",
        "short_name": "OSCE",
        "kind": "international",
        "website": "https://www.osce.org",
        "description": "Regional security organisation of participating States from Europe, Central Asia and North America.",
        "ru": {
            "name": "Организация по безопасности и сотрудничеству в Европе",
            "short_name": "ОБСЕ",
            "description": "Региональная организация по безопасности, объединяющая государства-участники из Европы, Центральной Азии и Северной Америки.",
        },
        "logo": True,
    },
    # National competent authorities of the member states. The seed names those of
    # Kazakhstan and Tajikistan; the other five are a plausible demo choice.
    {
        "slug": "ministry-of-internal-affairs-of-azerbaijan",
        "name": "Ministry of Internal Affairs of the Republic of Azerbaijan",
        "kind": "ministry",
        "country": "AZ",
        "description": "Azerbaijan's interior ministry; its drug control service is a competent authority for CARICC.",
        "ru": {
            "name": "Министерство внутренних дел Азербайджанской Республики",
            "description": "МВД Азербайджана; его подразделение по борьбе с наркотиками является компетентным органом для ЦАРИКЦ.",
        },
    },
    {
        "slug": "ministry-of-internal-affairs-of-kazakhstan",
        "name": "Ministry of Internal Affairs of the Republic of Kazakhstan",
        "kind": "ministry",
        "country": "KZ",
        "description": "Kazakhstan's interior ministry, responsible for policing and for countering drug trafficking. It makes active use of the CARICC Central Database; Kazakhstan is CARICC's host country.",
        "ru": {
            "name": "Министерство внутренних дел Республики Казахстан",
            "description": "МВД Казахстана, отвечающее за охрану правопорядка и противодействие незаконному обороту наркотиков. Активно использует Центральную базу данных ЦАРИКЦ; Казахстан является страной пребывания ЦАРИКЦ.",
        },
        "aliases": ["Ministry of Internal Affairs of Kazakhstan"],
    },
    {
        "slug": "ministry-of-internal-affairs-of-kyrgyzstan",
        "name": "Ministry of Internal Affairs of the Kyrgyz Republic",
        "kind": "ministry",
        "country": "KG",
        "description": "Kyrgyzstan's interior ministry; its drug control service is a competent authority for CARICC.",
        "ru": {
            "name": "Министерство внутренних дел Кыргызской Республики",
            "description": "МВД Кыргызстана; его подразделение по борьбе с наркотиками является компетентным органом для ЦАРИКЦ.",
        },
    },
    {
        "slug": "ministry-of-internal-affairs-of-russia",
        "name": "Ministry of Internal Affairs of the Russian Federation",
        "kind": "ministry",
        "country": "RU",
        "description": "Russia's interior ministry; its drug control directorate is a competent authority for CARICC.",
        "ru": {
            "name": "Министерство внутренних дел Российской Федерации",
            "description": "МВД России; его управление по контролю за оборотом наркотиков является компетентным органом для ЦАРИКЦ.",
        },
    },
    {
        "slug": "drug-control-agency-of-tajikistan",
        "name": "Drug Control Agency under the President of the Republic of Tajikistan",
        "short_name": "DCA",
        "kind": "national_authority",
        "country": "TJ",
        "description": "Tajikistan's specialised drug control agency, reporting to the President.",
        "ru": {
            "name": "Агентство по контролю за наркотиками при Президенте Республики Таджикистан",
            "short_name": "АКН",
            "description": "Специализированное ведомство Таджикистана по контролю за наркотиками, подчинённое Президенту.",
        },
    },
    {
        "slug": "ministry-of-internal-affairs-of-tajikistan",
        "name": "Ministry of Internal Affairs of the Republic of Tajikistan",
        "kind": "ministry",
        "country": "TJ",
        "description": "Tajikistan's interior ministry, one of the country's law enforcement bodies countering drug trafficking.",
        "ru": {
            "name": "Министерство внутренних дел Республики Таджикистан",
            "description": "МВД Таджикистана, один из правоохранительных органов страны, противодействующих незаконному обороту наркотиков.",
        },
    },
    {
        "slug": "ministry-of-foreign-affairs-of-tajikistan",
        "name": "Ministry of Foreign Affairs of the Republic of Tajikistan",
        "kind": "ministry",
        "country": "TJ",
        "description": "Tajikistan's foreign ministry.",
        "ru": {
            "name": "Министерство иностранных дел Республики Таджикистан",
            "description": "Внешнеполитическое ведомство Таджикистана.",
        },
    },
    {
        "slug": "ministry-of-internal-affairs-of-turkmenistan",
        "name": "Ministry of Internal Affairs of Turkmenistan",
        "kind": "ministry",
        "country": "TM",
        "description": "Turkmenistan's interior ministry, a competent authority for CARICC.",
        "ru": {
            "name": "Министерство внутренних дел Туркменистана",
            "description": "МВД Туркменистана, компетентный орган для ЦАРИКЦ.",
        },
    },
    {
        "slug": "national-centre-on-drug-control-of-uzbekistan",
        "name": "National Information and Analytical Center on Drug Control under the Cabinet of Ministers of the Republic of Uzbekistan",
        "kind": "national_authority",
        "country": "UZ",
        "description": "Uzbekistan's body coordinating drug control and the analysis of drug-related information.",
        "ru": {
            "name": "Национальный информационно-аналитический центр по контролю за наркотиками при Кабинете Министров Республики Узбекистан",
            "description": "Орган Узбекистана, координирующий деятельность по контролю за наркотиками и анализ связанной с ними информации.",
        },
    },
]

# The competent authorities, one per member state, used where the seed names only the states.
MEMBER_STATE_AUTHORITIES = [
    "ministry-of-internal-affairs-of-azerbaijan",
    "ministry-of-internal-affairs-of-kazakhstan",
    "ministry-of-internal-affairs-of-kyrgyzstan",
    "ministry-of-internal-affairs-of-russia",
    "drug-control-agency-of-tajikistan",
    "ministry-of-internal-affairs-of-turkmenistan",
    "national-centre-on-drug-control-of-uzbekistan",
]

# --- People --------------------------------------------------------------------------------
# Aliases: every spelling the seed uses, plus a Cyrillic form where the name is certain.
# Positions: (title, organisation slug, started_on, ended_on); None = unknown / still held.
PEOPLE = [
    {
        "slug": "rustam-miralizoda",
        "full_name": "Rustam Miralizoda",
        "honorific": "Major-General",
        "ru": {
            "full_name": "Рустам Мирализода",
            "honorific": "генерал-майор",
            "positions": {
                "Director": "Директор",
                "Senior officer": "Старший офицер",
            },
        },
        "aliases": [
            "R.Miralizoda",
            "R. Miralizoda",
            "R.A.Miralizoda",
            "R.A. Miralizoda",
            "Miralizoda R.A.",
            "Miralizoda Rustam Aziz",
            "Rustam Aziz Miralizoda",
            "Miralizod Rustam Aziz",  # sic, as printed on 22 July 2020
            "Мирализода Рустам Азиз",
            "Мирализода Р.А.",
        ],
        "positions": [
            # Start approximate: the seed shows him as Director from July 2020 onwards.
            ("Director", "caricc", date(2020, 1, 1), None),
            # Demo placeholder, not a verified career fact: an earlier post so that
            # "position at the date" has something to switch from (the seed gives his rank
            # as a militia general, i.e. the Ministry of Internal Affairs of Tajikistan).
            (
                "Senior officer",
                "ministry-of-internal-affairs-of-tajikistan",
                None,
                date(2019, 12, 31),
            ),
        ],
    },
    {
        "slug": "yury-chikalov",
        "full_name": "Yury Chikalov",
        "honorific": "Mr.",
        "ru": {
            "full_name": "Юрий Чикалов",
            "honorific": "г-н",
            "positions": {
                "Acting Head of Information and Analytical Unit (IAP)": "Исполняющий обязанности руководителя информационно-аналитического подразделения (ИАП)",
            },
        },
        "aliases": ["Y.Chikalov", "Y. Chikalov", "Юрий Чикалов"],
        "positions": [
            ("Acting Head of Information and Analytical Unit (IAP)", "caricc", None, None),
        ],
    },
    {
        "slug": "alevtina-tiurina",
        "full_name": "Alevtina Tiurina",
        "honorific": "Ms.",  # "Mrs." in the byline of 15 August 2020, "Ms." on 8 July 2020
        "ru": {
            "full_name": "Алевтина Тюрина",
            "honorific": "г-жа",
            "positions": {
                "Senior Analyst, Information and Analytical Unit": "Старший аналитик информационно-аналитического подразделения",
            },
        },
        "aliases": ["A.Tiurina", "A. Tiurina", "Алевтина Тюрина"],
        "positions": [("Senior Analyst, Information and Analytical Unit", "caricc", None, None)],
    },
    {
        "slug": "tatiana-evdokimova",
        "full_name": "Tatiana Evdokimova",
        "honorific": "Ms.",
        "ru": {
            "full_name": "Татьяна Евдокимова",
            "honorific": "г-жа",
            "positions": {
                "Analyst, Information and Analytical Unit": "Аналитик информационно-аналитического подразделения",
            },
        },
        "aliases": ["T.Evdokimova", "T. Evdokimova", "Татьяна Евдокимова"],
        "positions": [("Analyst, Information and Analytical Unit", "caricc", None, None)],
    },
    {
        # The seed gives only the initial of the given name.
        "slug": "b-abdijaliev",
        "full_name": "B. Abdijaliev",
        "honorific": "Mr.",
        "ru": {
            # Our Cyrillic reading of "Abdijaliev" (a Kyrgyz surname): not confirmed by the seed.
            "full_name": "Б. Абдыжалиев",
            "honorific": "г-н",
            "positions": {
                "Acting Advisor/Head of International Operations Coordination Unit": "Исполняющий обязанности советника / руководитель подразделения по координации международных операций",
            },
        },
        "aliases": ["B.Abdijaliev"],
        "positions": [
            (
                "Acting Advisor/Head of International Operations Coordination Unit",
                "caricc",
                None,
                None,
            ),
        ],
    },
    {
        "slug": "naweed-riaz",
        "full_name": "Naweed Riaz",
        "honorific": "Mr.",
        "ru": {
            "full_name": "Навид Риаз",
            "honorific": "г-н",
            "positions": {
                "International Coordinator, CARICC project": "Международный координатор проекта ЦАРИКЦ",
                "Head": "Руководитель",
            },
        },
        "aliases": ["N.Riaz", "N. Riaz"],
        "positions": [
            ("International Coordinator, CARICC project", "unodc", None, None),
            ("Head", "unodc-programme-office-in-kazakhstan", None, None),
        ],
    },
    {
        "slug": "ashita-mittal",
        "full_name": "Ashita Mittal",
        "honorific": "Ms.",
        "ru": {
            "full_name": "Ашита Миттал",
            "honorific": "г-жа",
            "positions": {
                "Regional Representative for Central Asia": "Региональный представитель по Центральной Азии",
            },
        },
        "aliases": ["A.Mittal", "A. Mittal"],
        "positions": [
            (
                "Regional Representative for Central Asia",
                "unodc-regional-office-for-central-asia",
                None,
                None,
            ),
        ],
    },
    {
        "slug": "yusuf-kurbonov",
        "full_name": "Yusuf Kurbonov",
        "honorific": "Mr.",
        "ru": {
            "full_name": "Юсуф Курбонов",
            "honorific": "г-н",
            "positions": {
                "International Programme Coordinator": "Международный координатор программы",
                "Head of Sub-Programme 1 “Countering Transnational Organized Crime, Illicit Drug Trafficking and Terrorism”": "Руководитель подпрограммы 1 «Противодействие транснациональной организованной преступности, незаконному обороту наркотиков и терроризму»",
            },
        },
        "aliases": ["Y.Kurbonov", "Y. Kurbonov"],
        "positions": [
            ("International Programme Coordinator", "unodc", None, None),
            (
                "Head of Sub-Programme 1 “Countering Transnational Organized Crime, Illicit Drug Trafficking and Terrorism”",
                "unodc-programme-for-central-asia",
                None,
                None,
            ),
        ],
    },
    {
        "slug": "michael-nowacoski",
        "full_name": "Michael Nowacoski",
        "honorific": "Mr.",
        "ru": {
            "full_name": "Майкл Новакоски",
            "honorific": "г-н",
            "positions": {
                "Assistant Regional Director": "Помощник регионального директора",
            },
        },
        "aliases": ["M.Nowacoski", "M. Nowacoski"],
        "positions": [("Assistant Regional Director", "dea-middle-east-region-office", None, None)],
    },
    {
        "slug": "eser-cengel",
        "full_name": "Eser Çengel",
        "honorific": "Mr.",
        "ru": {
            "full_name": "Эсер Ченгель",
            "honorific": "г-н",
            "positions": {
                "Director": "Директор",
            },
        },
        "aliases": ["Eser Cengel", "E.Çengel"],
        "positions": [("Director", "rocb-europe", None, None)],
    },
    {
        "slug": "ketil-ottersen",
        "full_name": "Ketil Ottersen",
        "honorific": "Mr.",
        "ru": {
            "full_name": "Кетиль Оттерсен",
            "honorific": "г-н",
            "positions": {
                "Senior Coordinator": "Старший координатор",
            },
        },
        "aliases": ["K.Ottersen"],
        "positions": [("Senior Coordinator", "unodc-wco-container-control-programme", None, None)],
    },
    {
        "slug": "peter-timmermans",
        "full_name": "Peter Timmermans",
        "honorific": "Mr.",
        "ru": {
            "full_name": "Петер Тиммерманс",
            "honorific": "г-н",
            "positions": {
                "Technical Expert": "Технический эксперт",
            },
        },
        "aliases": ["P.Timmermans"],
        "positions": [("Technical Expert", "wco", None, None)],
    },
    {
        "slug": "batyr-geldiyev",
        "full_name": "Batyr Geldiyev",
        "honorific": "Mr.",
        "ru": {
            "full_name": "Батыр Гельдиев",
            "honorific": "г-н",
            "positions": {
                "Head of Container Control Programme in Central Asia": "Руководитель Программы контроля за контейнерными перевозками в Центральной Азии",
                "Regional Programme Coordinator": "Региональный координатор программы",
            },
        },
        "aliases": ["Batyr Geldiev", "B.Geldiyev", "B.Geldiev"],
        "positions": [
            (
                "Head of Container Control Programme in Central Asia",
                "unodc-wco-container-control-programme",
                None,
                None,
            ),
            ("Regional Programme Coordinator", "unodc", None, None),
        ],
    },
    {
        # The seed writes "Ye.Turgumbayev"; Yerlan Turgumbayev was Minister from
        # 12 February 2019 (RFE/RL) until he was relieved on 25 February 2022 (Kazinform).
        "slug": "yerlan-turgumbayev",
        "full_name": "Yerlan Turgumbayev",
        "honorific": "Lieutenant-General",
        "ru": {
            "full_name": "Ерлан Тургумбаев",
            "honorific": "генерал-лейтенант",
            "positions": {
                "Minister of Internal Affairs": "Министр внутренних дел",
            },
        },
        "aliases": ["Ye.Turgumbayev", "Ye. Turgumbayev", "Yerlan Turgumbaev", "Ерлан Тургумбаев"],
        "positions": [
            (
                "Minister of Internal Affairs",
                "ministry-of-internal-affairs-of-kazakhstan",
                date(2019, 2, 12),
                date(2022, 2, 25),
            ),
        ],
    },
    {
        "slug": "zohir-saidzoda",
        "full_name": "Zohir Saidzoda",
        "honorific": "H.E.",
        "ru": {
            "full_name": "Зохир Саидзода",
            "honorific": "Его Превосходительство",
            "positions": {
                "Deputy Minister of Foreign Affairs": "Заместитель министра иностранных дел",
            },
        },
        "aliases": ["Zohir SAIDZODA", "Z.Saidzoda"],
        "positions": [
            (
                "Deputy Minister of Foreign Affairs",
                "ministry-of-foreign-affairs-of-tajikistan",
                None,
                None,
            )
        ],
    },
    {
        # "Sh.O.Salimzoda" in the seed; UNODC (May 2019) names the DCA Director Sherkhon Salimzoda.
        "slug": "sherkhon-salimzoda",
        "full_name": "Sherkhon Salimzoda",
        "honorific": "Lieutenant-General",
        "ru": {
            "full_name": "Шерхон Салимзода",
            "honorific": "генерал-лейтенант",
            "positions": {
                "Director": "Директор",
            },
        },
        "aliases": ["Sh.O.Salimzoda", "Sh.O. Salimzoda", "Salimzoda Sh.O."],
        "positions": [("Director", "drug-control-agency-of-tajikistan", None, None)],
    },
    {
        # "R.Kh.Rahimzoda" in the seed: Ramazon Hamro Rahimzoda, Minister since 5 January 2012.
        "slug": "ramazon-rahimzoda",
        "full_name": "Ramazon Rahimzoda",
        "honorific": "Colonel-General",
        "ru": {
            "full_name": "Рамазон Рахимзода",
            "honorific": "генерал-полковник",
            "positions": {
                "Minister of Internal Affairs": "Министр внутренних дел",
            },
        },
        "aliases": [
            "R.Kh.Rahimzoda",
            "R.Kh. Rahimzoda",
            "Rakhimzoda Ramazon Khamro",
            "Рамазон Рахимзода",
        ],
        "positions": [
            (
                "Minister of Internal Affairs",
                "ministry-of-internal-affairs-of-tajikistan",
                date(2012, 1, 5),
                None,
            ),
        ],
    },
]

# --- Events reported by the news items ------------------------------------------------------
# participations: (person slug, role, presentation title in our words, or ""), or, where the
# text names no one, a dict with "label", "organisation", "role" and optional "presentation".
# Each event is published with the earliest publication time of the articles linking to it.
EVENTS = [
    {
        "slug": "regional-working-group-on-precursors-2020-10",
        "title": "Regional Working Group on Precursors: quarterly online meeting",
        "kind": "working_group",
        "format": "online",
        "starts_on": date(2020, 10, 19),
        "summary": "Regular quarterly session, held online and convened by the UNODC Regional Office for Central Asia. The Group agreed to prepare a regional response comprising a strategy and joint plans of action.",
        "description": [
            "A CARICC staff member reviewed the current situation regarding illicit trafficking in precursors in the Centre's member states.",
        ],
        "ru": {
            "title": "Региональная рабочая группа по прекурсорам: ежеквартальное онлайн-заседание",
            "summary": "Очередное ежеквартальное заседание в онлайн-формате, созванное Региональным представительством УНП ООН для Центральной Азии. Группа договорилась подготовить региональный ответ, включающий стратегию и совместные планы действий.",
            "description": [
                "Сотрудник ЦАРИКЦ представил обзор текущей ситуации с незаконным оборотом прекурсоров в государствах — членах Центра.",
            ],
        },
        "hosts": ["unodc-regional-office-for-central-asia"],
        "organisations": [
            "caricc",
            "incb",
            "paris-pact-initiative",
            "unodc-regional-programme-for-afghanistan-and-neighbouring-countries",
        ],
        "participations": [
            {
                "label": "CARICC staff member",
                "organisation": "caricc",
                "role": "presenter",
                "presentation": "Precursor trafficking across the CARICC member states: the current situation",
            },
        ],
        "tags": ["precursors", "working group"],
    },
    {
        "slug": "caricc-director-meets-dea-middle-east-region-office-2020-10",
        "title": "CARICC Director receives the DEA Middle East Region Office",
        "kind": "meeting",
        "format": "in_person",
        "starts_on": date(2020, 10, 2),
        "city": "Almaty",
        "venue": "CARICC, Almaty",
        "country": "KZ",
        "summary": "The CARICC Director and the DEA Middle East Region Office's Assistant Regional Director discussed joint counter-narcotics operations and agreed to meet at least once a quarter.",
        "ru": {
            "title": "Директор ЦАРИКЦ принял представителя Ближневосточного регионального управления УБН США",
            "summary": "Директор ЦАРИКЦ и помощник регионального директора Ближневосточного регионального управления УБН США обсудили совместные антинаркотические операции и договорились встречаться не реже одного раза в квартал.",
        },
        "hosts": ["caricc"],
        "organisations": ["dea-middle-east-region-office"],
        "participations": [
            ("rustam-miralizoda", "host", ""),
            ("michael-nowacoski", "guest", ""),
        ],
        "tags": ["cooperation", "joint operations"],
    },
    {
        "slug": "border-component-steering-committees-2020-09",
        "title": "Border Component Steering Committees: second regional working meeting",
        "kind": "meeting",
        "format": "online",
        "starts_on": date(2020, 9, 30),
        "summary": "Beneficiaries of the Border Component under UNODC's Programme for Central Asia reported on results and plans; CARICC reviewed drug trafficking trends before and during the COVID-19 pandemic.",
        "ru": {
            "title": "Руководящие комитеты пограничного компонента: вторая региональная рабочая встреча",
            "summary": "Бенефициары пограничного компонента Программы УНП ООН для Центральной Азии доложили о результатах и планах; ЦАРИКЦ представил обзор тенденций незаконного оборота наркотиков до и во время пандемии COVID-19.",
        },
        "hosts": ["unodc-programme-for-central-asia"],
        "organisations": ["caricc", "unodc-regional-office-for-central-asia"],
        "participations": [
            ("yusuf-kurbonov", "moderator", ""),
            ("ashita-mittal", "speaker", ""),
            (
                "yury-chikalov",
                "presenter",
                "Drug trafficking in Central Asia: before the COVID-19 pandemic and since",
            ),
        ],
        "tags": ["border security", "covid-19"],
    },
    {
        "slug": "caricc-rocb-europe-videoconference-2020-09",
        "title": "Videoconference of CARICC and the WCO Regional Office for Capacity Building (ROCB Europe)",
        "kind": "meeting",
        "format": "online",
        "starts_on": date(2020, 9, 24),
        "summary": "The heads of CARICC and ROCB Europe presented their organisations and decided to strengthen cooperation, in the spirit of UNODC's “Networking the Networks” initiative.",
        "ru": {
            "title": "Видеоконференция ЦАРИКЦ и Регионального бюро ВТамО по наращиванию потенциала (ROCB Europe)",
            "summary": "Руководители ЦАРИКЦ и ROCB Europe представили свои организации и приняли решение укреплять сотрудничество в духе инициативы УНП ООН «Сеть сетей».",
        },
        "hosts": ["caricc"],
        "organisations": [
            "rocb-europe",
            "unodc-programme-office-in-kazakhstan",
            *MEMBER_STATE_AUTHORITIES,
        ],
        # Each side gave a presentation; each side's head is taken to have given its own.
        "participations": [
            (
                "rustam-miralizoda",
                "presenter",
                "CARICC: a platform for regional and international cooperation",
            ),
            (
                "eser-cengel",
                "presenter",
                "ROCB Europe: origins, mission, priorities and activities",
            ),
            ("naweed-riaz", "participant", ""),
        ],
        "tags": ["cooperation", "customs"],
    },
    {
        "slug": "caricc-director-meets-minister-of-internal-affairs-of-kazakhstan-2020-09",
        "title": "Kazakhstan's Minister of Internal Affairs at CARICC",
        "kind": "meeting",
        "format": "in_person",
        "starts_on": date(2020, 9, 19),
        "city": "Almaty",
        "venue": "CARICC, Almaty",
        "country": "KZ",
        "summary": "The Minister of Internal Affairs of Kazakhstan and the CARICC Director discussed information exchange, joint operations and the host country's support to the Centre.",
        "ru": {
            "title": "Министр внутренних дел Казахстана в ЦАРИКЦ",
            "summary": "Министр внутренних дел Республики Казахстан и Директор ЦАРИКЦ обсудили обмен информацией, совместные операции и поддержку Центра со стороны страны пребывания.",
        },
        "hosts": ["caricc"],
        "organisations": ["ministry-of-internal-affairs-of-kazakhstan"],
        "participations": [
            ("rustam-miralizoda", "host", ""),
            ("yerlan-turgumbayev", "guest", ""),
        ],
        "tags": ["cooperation", "information exchange"],
    },
    {
        "slug": "working-group-of-experts-on-caricc-regulatory-framework-2020-09",
        "title": "Working Group of Experts on Improving the CARICC Regulatory Framework",
        "kind": "working_group",
        "format": "online",
        "starts_on": date(2020, 9, 14),
        "ends_on": date(2020, 9, 15),
        "summary": "Experts of the seven member states agreed to send the draft agreement on exchanging and protecting classified information to the member states for approval.",
        "description": [
            "Experts of the seven member states' competent authorities and CARICC staff took part; UNODC attended as an observer. As the meeting was held by videoconference, a CARICC representative moderated it.",
        ],
        "ru": {
            "title": "Рабочая группа экспертов по совершенствованию нормативной правовой базы ЦАРИКЦ",
            "summary": "Эксперты семи государств-членов договорились направить проект соглашения об обмене секретной информацией и её защите в государства-члены для согласования.",
            "description": [
                "В заседании приняли участие эксперты компетентных органов семи государств-членов и сотрудники ЦАРИКЦ; УНП ООН участвовало в качестве наблюдателя. Поскольку заседание проходило в формате видеоконференции, его модератором выступил представитель ЦАРИКЦ.",
            ],
        },
        "hosts": ["caricc"],
        "organisations": [
            *MEMBER_STATE_AUTHORITIES,
            "unodc",
            "unodc-programme-office-in-kazakhstan",
        ],
        "participations": [
            {"label": "CARICC representative", "organisation": "caricc", "role": "moderator"},
            {"label": "UNODC representatives", "organisation": "unodc", "role": "observer"},
            ("rustam-miralizoda", "speaker", ""),
            ("naweed-riaz", "speaker", ""),
        ],
        "tags": ["regulatory framework", "member states", "working group"],
    },
    {
        "slug": "inter-regional-expert-meeting-of-customs-and-port-control-units-2020-09",
        "title": "Inter-regional Network: online expert meeting of customs and port control units",
        "kind": "meeting",
        "format": "online",
        "starts_on": date(2020, 9, 10),
        "ends_on": date(2020, 9, 11),
        "summary": "Online meeting of the Inter-Regional Network of the UNODC–WCO Container Control Programme; CARICC presented its study of how container transport was used to smuggle drugs across borders in 2018–2020.",
        "ru": {
            "title": "Межрегиональная сеть: онлайн-совещание экспертов таможенных органов и подразделений портового контроля",
            "summary": "Онлайн-совещание Межрегиональной сети Глобальной программы УНП ООН и ВТамО по контролю за контейнерными перевозками; ЦАРИКЦ представил исследование об использовании контейнерных перевозок для трансграничной контрабанды наркотиков в 2018–2020 годах.",
        },
        "hosts": [
            "inter-regional-network-of-customs-authorities-and-port-control-units",
            "unodc-wco-container-control-programme",
        ],
        "organisations": ["unodc", "wco", "caricc", "unodc-regional-office-for-central-asia"],
        "participations": [
            ("ashita-mittal", "speaker", ""),
            ("ketil-ottersen", "speaker", ""),
            ("peter-timmermans", "speaker", ""),
            ("batyr-geldiyev", "moderator", ""),
            ("peter-timmermans", "moderator", ""),
            ("tatiana-evdokimova", "presenter", ""),
        ],
        "tags": ["container control", "customs", "information exchange"],
    },
    {
        # Place and format are not stated in the source item.
        "slug": "caricc-director-meets-head-of-unodc-programme-office-in-kazakhstan-2020-07",
        "title": "CARICC Director's working meeting with the UNODC Programme Office in Kazakhstan",
        "kind": "meeting",
        "format": "in_person",
        "starts_on": date(2020, 7, 22),
        "summary": "The CARICC Director reported on his trip to Dushanbe; the parties reviewed the July webinars and the recruitment to vacant CARICC posts.",
        "ru": {
            "title": "Рабочая встреча Директора ЦАРИКЦ с Программным офисом УНП ООН в Казахстане",
            "summary": "Директор ЦАРИКЦ рассказал о поездке в Душанбе; стороны подвели итоги июльских вебинаров и обсудили набор на вакантные должности ЦАРИКЦ.",
        },
        "hosts": ["caricc"],
        "organisations": ["unodc-programme-office-in-kazakhstan"],
        "participations": [
            ("rustam-miralizoda", "host", ""),
            ("naweed-riaz", "guest", ""),
        ],
        "tags": ["cooperation"],
    },
    {
        "slug": "caricc-director-working-meetings-in-dushanbe-2020-07",
        "title": "Working meetings of the CARICC Director in Dushanbe",
        "kind": "visit",
        "format": "in_person",
        "starts_on": date(2020, 7, 10),
        "ends_on": date(2020, 7, 11),
        "city": "Dushanbe",
        "country": "TJ",
        "summary": "The CARICC Director met the heads of the Drug Control Agency and the Ministry of Internal Affairs of Tajikistan to discuss Tajikistan's chairmanship, the accession of Afghanistan and Turkey, and recruitment.",
        "ru": {
            "title": "Рабочие встречи Директора ЦАРИКЦ в Душанбе",
            "summary": "Директор ЦАРИКЦ встретился с руководителями Агентства по контролю за наркотиками и Министерства внутренних дел Таджикистана; обсуждались председательство Таджикистана, присоединение Афганистана и Турции и набор персонала.",
        },
        "hosts": [
            "drug-control-agency-of-tajikistan",
            "ministry-of-internal-affairs-of-tajikistan",
        ],
        "organisations": ["caricc"],
        "participations": [
            ("rustam-miralizoda", "guest", ""),
            ("sherkhon-salimzoda", "host", ""),
            ("ramazon-rahimzoda", "host", ""),
        ],
        "tags": ["cooperation", "member states"],
    },
    {
        # The seed gives no date, only "a few days" after the meetings of 10-11 July;
        # the day of the article's (assumed) publication stands in for it.
        "slug": "caricc-director-at-ministry-of-foreign-affairs-of-tajikistan-2020-07",
        "title": "CARICC Director's talks at the Ministry of Foreign Affairs of Tajikistan",
        "kind": "meeting",
        "format": "in_person",
        "starts_on": date(2020, 7, 15),
        "city": "Dushanbe",
        "country": "TJ",
        "summary": "The CARICC Director and Tajikistan's Deputy Minister of Foreign Affairs discussed the accession of Afghanistan and Turkey to the CARICC Agreement and the draft agreement on secret information.",
        "ru": {
            "title": "Переговоры Директора ЦАРИКЦ в Министерстве иностранных дел Таджикистана",
            "summary": "Директор ЦАРИКЦ и заместитель министра иностранных дел Таджикистана обсудили присоединение Афганистана и Турции к Соглашению о ЦАРИКЦ и проект соглашения о секретной информации.",
        },
        "hosts": ["ministry-of-foreign-affairs-of-tajikistan"],
        "organisations": ["caricc"],
        "participations": [
            ("rustam-miralizoda", "guest", ""),
            ("zohir-saidzoda", "host", ""),
        ],
        "tags": ["cooperation", "regulatory framework"],
    },
    {
        "slug": "unodc-and-caricc-webinars-2020-07",
        "title": "Joint CARICC–UNODC webinars for competent authorities",
        "kind": "webinar",
        "format": "online",
        "starts_on": date(2020, 7, 7),
        "ends_on": date(2020, 7, 8),
        "summary": "Two webinars for officials of the member states' competent authorities and for international organisations: the World Drug Report 2020, trends in the CARICC space, border and container control programmes.",
        "ru": {
            "title": "Совместные вебинары ЦАРИКЦ и УНП ООН для компетентных органов",
            "summary": "Два вебинара для сотрудников компетентных органов государств-членов и международных организаций: Всемирный доклад о наркотиках 2020 года, тенденции в пространстве ЦАРИКЦ, программы пограничного и контейнерного контроля.",
        },
        "hosts": ["caricc", "unodc-regional-office-for-central-asia"],
        "organisations": [
            "unodc",
            "osce",
            "unodc-programme-office-in-kazakhstan",
            "unodc-programme-for-central-asia",
            "unodc-wco-container-control-programme",
        ],
        # No presentation title is quoted in the text, so none is recorded.
        "participations": [
            ("ashita-mittal", "speaker", ""),
            ("rustam-miralizoda", "speaker", ""),
            ("naweed-riaz", "speaker", ""),
            ("alevtina-tiurina", "presenter", ""),
            ("yusuf-kurbonov", "presenter", ""),
            ("yury-chikalov", "presenter", ""),
            ("tatiana-evdokimova", "presenter", ""),
            ("batyr-geldiyev", "presenter", ""),
            ("naweed-riaz", "presenter", ""),
        ],
        "tags": ["webinar", "world drug report"],
    },
]

# --- The news items of autumn 2020 -----------------------------------------------------------
# The facts of the old site's items, retold in our own words (the first paragraph is the lead).
# published_on: the date the item reports (the last day of a range), shown at 10:00 in Almaty.
# "hero": draw a placeholder illustration for it. "ru": the Russian version (title, paragraphs);
# one item is deliberately left English only and one, the last, exists in Russian only.
ARTICLES = [
    {
        "slug": "online-meeting-of-regional-working-group-on-precursors",
        "title": "CARICC briefs Regional Working Group on Precursors at quarterly online meeting",
        "section": "news",
        "published_on": date(2020, 10, 19),
        "paragraphs": [
            "On 19 October 2020, a CARICC staff member took part in the quarterly session of the Regional Working Group on Precursors, held online. The Group is convened by the UNODC Regional Office for Central Asia under the UNODC Regional Programme for Afghanistan and Neighbouring Countries.",
            "Delegations of the Regional Programme's participating countries were joined by specialists of the International Narcotics Control Board (INCB), of CARICC and of UNODC global programmes, among them the Paris Pact Initiative.",
            "Discussions covered the latest developments in precursor control across West and Central Asia and the priorities that each country has set in this field.",
            "The CARICC staff member gave an overview of the current situation regarding illicit trafficking in precursors across the Centre's member states.",
            "The Group agreed that a regional response should be prepared, comprising a strategy and joint plans of action.",
            "Participants welcomed the online format, which allowed them to keep exchanging information despite the COVID-19 pandemic.",
        ],
        "ru": {
            "title": "ЦАРИКЦ проинформировал Региональную рабочую группу по прекурсорам на ежеквартальном онлайн-заседании",
            "paragraphs": [
                "19 октября 2020 года сотрудник ЦАРИКЦ принял участие в ежеквартальном заседании Региональной рабочей группы по прекурсорам, прошедшем в онлайн-формате. Группа созывается Региональным представительством УНП ООН для Центральной Азии в рамках Региональной программы УНП ООН для Афганистана и соседних стран.",
                "Наряду с делегациями стран — участниц Региональной программы в заседании участвовали специалисты Международного комитета по контролю над наркотиками (МККН), ЦАРИКЦ и глобальных программ УНП ООН, в том числе инициативы «Парижский пакт».",
                "Обсуждались последние изменения в сфере контроля над прекурсорами в Западной и Центральной Азии, а также приоритеты, определённые каждой страной в этой области.",
                "Сотрудник ЦАРИКЦ представил обзор текущей ситуации с незаконным оборотом прекурсоров в государствах — членах Центра.",
                "Группа договорилась о подготовке регионального ответа, включающего стратегию и совместные планы действий.",
                "Участники положительно оценили онлайн-формат, позволивший продолжать обмен информацией несмотря на пандемию COVID-19.",
            ],
        },
        "tags": ["precursors", "working group", "covid-19", "member states"],
        "organisations": [
            "caricc",
            "unodc-regional-office-for-central-asia",
            "unodc-regional-programme-for-afghanistan-and-neighbouring-countries",
            "incb",
            "unodc",
            "paris-pact-initiative",
        ],
        "participants": [],
        "events": ["regional-working-group-on-precursors-2020-10"],
        "hero": True,
    },
    {
        # Deliberately English only (no "ru"): shows an item missing from /ru/news/, whose
        # address under /ru/ says which languages it exists in.
        "slug": "caricc-director-r-miralizoda-meets-dea-assistant-regional-director-m-nowacoski",
        "title": "CARICC Director and DEA Middle East Region Office discuss joint counter-narcotics operations",
        "section": "news",
        "published_on": date(2020, 10, 2),
        "paragraphs": [
            "On 2 October 2020, CARICC Director Major-General Rustam Miralizoda received the Assistant Regional Director at the Middle East Region Office of the US Drug Enforcement Administration (DEA), Mr. Michael Nowacoski, at the Centre's headquarters.",
            "The two sides reviewed the Centre's ongoing work in the light of the coronavirus pandemic and discussed how support could be given to joint counter-narcotics operations.",
            "They agreed that international and regional cooperation must continue to develop, even under the difficult conditions created by the pandemic.",
            "It was agreed that meetings of this kind would be held at least quarterly.",
        ],
        "tags": ["cooperation", "joint operations", "covid-19"],
        "organisations": ["caricc", "dea", "dea-middle-east-region-office"],
        "participants": ["rustam-miralizoda", "michael-nowacoski"],
        "events": ["caricc-director-meets-dea-middle-east-region-office-2020-10"],
    },
    {
        "slug": "online-meeting-of-steering-committees-of-border-component-of-unodc-programme",
        "title": "UNODC Programme for Central Asia: Border Component Steering Committees meet online",
        "section": "news",
        "published_on": date(2020, 9, 30),
        "paragraphs": [
            "On 30 September 2020, the Steering Committees set up under the Border Component held their second regional working meeting online. The Component forms part of Sub-Programme 1 of UNODC's Programme for Central Asia, which covers transnational organized crime, drug trafficking and the prevention of terrorism.",
            "The meeting was chaired by UNODC International Programme Coordinator Mr. Yusuf Kurbonov. Opening the session, UNODC's Regional Representative, Ms. Ashita Mittal, thanked the project's beneficiaries across the region for their firm commitment and confirmed that UNODC stood ready to remain their partner against drug trafficking in Central Asia.",
            "Beneficiaries from all five Central Asian countries taking part in the project (Kazakhstan, Kyrgyzstan, Tajikistan, Turkmenistan, Uzbekistan) reported on what had been achieved so far and on the activities planned under the Border Component.",
            "The Centre's delegate was the Acting Head of its Information and Analytical Unit (IAP), Mr. Yury Chikalov. As scheduled in the agenda, he presented an overview of drug trafficking in Central Asia in the period before the COVID-19 pandemic and since its onset, and described the Centre's involvement in the Component over recent years.",
            "Programme managers at national level and their UNODC counterparts in each member country then reported on progress with the project as COVID-19 spread through the region. They also looked at the project's work plan, which is to be revised to take account of quarantine restrictions, and the project team outlined the national and regional events and training courses scheduled for October–December 2020.",
        ],
        "ru": {
            "title": "Программа УНП ООН для Центральной Азии: руководящие комитеты пограничного компонента провели онлайн-заседание",
            "paragraphs": [
                "30 сентября 2020 года руководящие комитеты, созданные в рамках пограничного компонента, провели в онлайн-формате вторую региональную рабочую встречу. Компонент входит в подпрограмму 1 Программы УНП ООН для Центральной Азии, которая охватывает противодействие транснациональной организованной преступности и незаконному обороту наркотиков, а также предупреждение терроризма.",
                "Председательствовал на заседании международный координатор программы УНП ООН г-н Юсуф Курбонов. Открывая заседание, Региональный представитель УНП ООН г-жа Ашита Миттал поблагодарила бенефициаров проекта в странах региона за твёрдую приверженность общему делу и подтвердила готовность УНП ООН и впредь оставаться их партнёром в противодействии незаконному обороту наркотиков в Центральной Азии.",
                "Бенефициары из всех пяти участвующих в проекте стран Центральной Азии (Казахстана, Кыргызстана, Таджикистана, Туркменистана и Узбекистана) доложили о достигнутых результатах и о мероприятиях, запланированных в рамках пограничного компонента.",
                "Центр на заседании представлял исполняющий обязанности руководителя информационно-аналитического подразделения (ИАП) г-н Юрий Чикалов. В соответствии с повесткой дня он выступил с обзором незаконного оборота наркотиков в Центральной Азии в период до пандемии COVID-19 и с момента её начала, а также рассказал об участии Центра в реализации компонента в последние годы.",
                "Затем руководители программ на национальном уровне и их партнёры из УНП ООН в каждой стране-участнице доложили о ходе реализации проекта в условиях распространения COVID-19 в регионе. Участники также рассмотрели план работы проекта, который будет пересмотрен с учётом карантинных ограничений, а проектная группа рассказала о национальных и региональных мероприятиях и учебных курсах, запланированных на октябрь — декабрь 2020 года.",
            ],
        },
        "tags": ["border security", "covid-19", "member states"],
        "organisations": [
            "caricc",
            "unodc",
            "unodc-programme-for-central-asia",
            "unodc-regional-office-for-central-asia",
        ],
        "participants": ["yusuf-kurbonov", "ashita-mittal", "yury-chikalov"],
        "events": ["border-component-steering-committees-2020-09"],
        "hero": True,
    },
    {
        "slug": "caricc-leadership-meeting-with-wco-regional-office-for-capacity-building-europe",
        "title": "Heads of CARICC and ROCB Europe meet by videoconference",
        "section": "news",
        "published_on": date(2020, 9, 24),
        "paragraphs": [
            "On 24 September 2020, CARICC Director Mr. Rustam Miralizoda held a videoconference with Mr. Eser Çengel of the Regional Office for Capacity Building for the World Customs Organization Europe Region (ROCB Europe), who heads its Regional Office for Institutional Development.",
            "Staff of both regional centres also took part, together with UNODC International Coordinator Mr. Naweed Riaz, who coordinates the CARICC project, and authorized representatives of the national competent authorities of the Centre's member states.",
            "Each side gave a presentation: CARICC on its role as a platform for regional and international cooperation, and ROCB Europe on its origins, mission, priority areas and activities.",
            "Having learned about each other's goals, tasks and work, the two organizations decided to strengthen their cooperation and practical contacts.",
            "CARICC intends to take this work forward under the UNODC “Networking the Networks” initiative, which aims to build and widen links between regional organizations.",
        ],
        "ru": {
            "title": "Руководители ЦАРИКЦ и ROCB Europe провели видеоконференцию",
            "paragraphs": [
                "24 сентября 2020 года Директор ЦАРИКЦ г-н Рустам Мирализода провёл видеоконференцию с г-ном Эсером Ченгелем из Регионального бюро по наращиванию потенциала Европейского региона Всемирной таможенной организации (ROCB Europe), возглавляющим его Региональный отдел институционального развития.",
                "Во встрече также приняли участие сотрудники обоих региональных центров, международный координатор УНП ООН г-н Навид Риаз, координирующий проект ЦАРИКЦ, и уполномоченные представители национальных компетентных органов государств — членов Центра.",
                "Каждая из сторон выступила с презентацией: ЦАРИКЦ — о своей роли как платформы регионального и международного сотрудничества, ROCB Europe — об истории создания, миссии, приоритетных направлениях и деятельности бюро.",
                "Ознакомившись с целями, задачами и работой друг друга, организации приняли решение укреплять сотрудничество и практические контакты.",
                "ЦАРИКЦ намерен развивать эту работу в рамках инициативы УНП ООН «Сеть сетей» (Networking the Networks), направленной на налаживание и расширение связей между региональными организациями.",
            ],
        },
        "tags": ["cooperation", "customs", "networking the networks"],
        "organisations": [
            "caricc",
            "rocb-europe",
            "wco",
            "unodc",
            "unodc-programme-office-in-kazakhstan",
        ],
        "participants": ["rustam-miralizoda", "eser-cengel", "naweed-riaz"],
        "events": ["caricc-rocb-europe-videoconference-2020-09"],
    },
    {
        "slug": "caricc-director-meets-minister-of-internal-affairs-of-kazakhstan-ye-turgumbayev",
        "title": "Kazakhstan's Minister of Internal Affairs visits CARICC",
        "section": "news",
        "published_on": date(2020, 9, 19),
        "paragraphs": [
            "On 19 September 2020, CARICC Director Major-General Rustam Miralizoda received Kazakhstan's Minister of Internal Affairs, Lieutenant-General Yerlan Turgumbayev, at the Centre.",
            "Their talks covered practical cooperation against drug trafficking, the exchange of information, international joint operations and the challenges facing the Centre in its work.",
            "Major-General Miralizoda thanked Kazakhstan for its support to the Centre, financial support included, and expressed the hope that this support would continue as the Organization develops its activities.",
            "The Minister said that Kazakhstan regards CARICC's work as a matter of the highest importance. In his view, the Centre is a unique undertaking that has already produced results and has considerable potential to expand counter-narcotics efforts. Expressing firm confidence in CARICC's effectiveness as a regional anti-drug body, he recalled that this is why Kazakhstan has taken on the role of host country and makes voluntary contributions to the Centre.",
            "He added that his Ministry is a heavy user of CARICC's Central Database, to which it regularly contributes relevant information.",
            "The two sides agreed to keep building international cooperation against drug trafficking that is constructive and balanced.",
        ],
        "ru": {
            "title": "Министр внутренних дел Казахстана посетил ЦАРИКЦ",
            "paragraphs": [
                "19 сентября 2020 года Директор ЦАРИКЦ генерал-майор Рустам Мирализода принял в Центре Министра внутренних дел Республики Казахстан генерал-лейтенанта Ерлана Тургумбаева.",
                "В ходе переговоров обсуждались практическое сотрудничество в противодействии незаконному обороту наркотиков, обмен информацией, международные совместные операции и проблемы, с которыми Центр сталкивается в своей работе.",
                "Генерал-майор Р. Мирализода поблагодарил Казахстан за оказываемую Центру поддержку, в том числе финансовую, и выразил надежду на её продолжение по мере развития деятельности Организации.",
                "Министр отметил, что Казахстан придаёт деятельности ЦАРИКЦ первостепенное значение. По его мнению, Центр — уникальный проект, который уже принёс результаты и обладает значительным потенциалом для расширения антинаркотических усилий. Выразив твёрдую уверенность в эффективности ЦАРИКЦ как регионального антинаркотического органа, он напомнил, что именно поэтому Казахстан взял на себя роль страны пребывания и вносит добровольные взносы на деятельность Центра.",
                "Он добавил, что Министерство активно пользуется Центральной базой данных ЦАРИКЦ и регулярно пополняет её актуальной информацией.",
                "Стороны договорились и далее развивать конструктивное и сбалансированное международное сотрудничество в противодействии незаконному обороту наркотиков.",
            ],
        },
        "tags": ["cooperation", "information exchange", "host country"],
        "organisations": ["caricc", "ministry-of-internal-affairs-of-kazakhstan"],
        "participants": ["rustam-miralizoda", "yerlan-turgumbayev"],
        "events": ["caricc-director-meets-minister-of-internal-affairs-of-kazakhstan-2020-09"],
        "hero": True,
    },
    {
        "slug": "experts-working-group-of-caricc-member-states-on-regulatory-legal-framework",
        "title": "Experts of CARICC member states review draft agreement on protecting classified information",
        "section": "news",
        "published_on": date(2020, 9, 15),
        "paragraphs": [
            "On 14–15 September 2020, the Working Group of Experts of the Participating States on Improving the CARICC Regulatory Framework met by videoconference to examine the draft agreement among the participating States on exchanging and protecting classified information.",
            "Participants included experts of the competent authorities of Azerbaijan, Kazakhstan, Kyrgyzstan, the Russian Federation, Tajikistan, Turkmenistan and Uzbekistan, as well as CARICC staff, with the United Nations Office on Drugs and Crime attending as an observer.",
            "Since the meeting took place by videoconference, a CARICC representative was designated to moderate it.",
            "At the close of the discussion, participants agreed that the draft should be forwarded to the member states for their approval and subsequently placed before the next expert-level meeting of the CARICC Council of National Coordinators.",
            "In their statements, CARICC Director Mr. Rustam Miralizoda and Mr. Naweed Riaz, Head of the UNODC Programme Office in Kazakhstan, stressed how important it is to reach consensus on the draft and to adopt the agreement, which the Centre needs in order to function fully and realize its potential.",
        ],
        "ru": {
            "title": "Эксперты государств — членов ЦАРИКЦ рассмотрели проект соглашения о защите секретной информации",
            "paragraphs": [
                "14–15 сентября 2020 года в формате видеоконференции состоялось заседание Рабочей группы экспертов государств-участников по совершенствованию нормативной правовой базы ЦАРИКЦ, на котором был рассмотрен проект соглашения между государствами-участниками об обмене секретной информацией и её защите.",
                "В заседании приняли участие эксперты компетентных органов Азербайджана, Казахстана, Кыргызстана, Российской Федерации, Таджикистана, Туркменистана и Узбекистана, а также сотрудники ЦАРИКЦ; Управление Организации Объединённых Наций по наркотикам и преступности участвовало в качестве наблюдателя.",
                "Поскольку заседание проходило в формате видеоконференции, его модератором был назначен представитель ЦАРИКЦ.",
                "По итогам обсуждения участники договорились направить проект в государства-члены для согласования и затем вынести его на рассмотрение очередного заседания Совета национальных координаторов ЦАРИКЦ на уровне экспертов.",
                "В своих выступлениях Директор ЦАРИКЦ г-н Рустам Мирализода и руководитель Программного офиса УНП ООН в Казахстане г-н Навид Риаз подчеркнули важность достижения консенсуса по проекту и принятия соглашения, необходимого Центру для полноценного функционирования и реализации своего потенциала.",
            ],
        },
        "tags": ["regulatory framework", "member states", "working group"],
        "organisations": [
            "caricc",
            "caricc-council-of-national-coordinators",
            "unodc",
            "unodc-programme-office-in-kazakhstan",
            *MEMBER_STATE_AUTHORITIES,
        ],
        "participants": ["rustam-miralizoda", "naweed-riaz"],
        "events": ["working-group-of-experts-on-caricc-regulatory-framework-2020-09"],
    },
    {
        "slug": "caricc-staff-participate-in-inter-regional-expert-meeting",
        "title": "CARICC contributes to online expert meeting of the Inter-regional Network",
        "section": "news",
        "published_on": date(2020, 9, 11),
        "paragraphs": [
            "The Inter-Regional Network of Customs Authorities and Port Control Units, set up under the UNODC–WCO Global Container Control Programme, held an online expert meeting on 10–11 September 2020.",
            "Participants came from UNODC, CARICC and the World Customs Organization, from donor countries' embassies and other international bodies, and from the customs and customs-control services in the Network's member countries: Afghanistan, Georgia, Kazakhstan, Kyrgyzstan, Pakistan, Tajikistan, Turkmenistan, Ukraine and Uzbekistan. Azerbaijan, which has said it wishes to join the Network, was also represented.",
            "The Network was founded in Tashkent on 22 May 2019, when the heads of customs administrations signed a memorandum of understanding. It has since helped customs services of these countries build and strengthen practical cooperation, and it offers a simplified channel through which the national focal points of customs and of port control units exchange information.",
            "Opening remarks were made by Ms. Ashita Mittal, UNODC's Regional Representative for Central Asia; by Mr. Ketil Ottersen, Senior Coordinator of the UNODC Global Container Control Programme, who joined from Vienna; and by Mr. Peter Timmermans, Technical Expert at the WCO, who joined from Brussels.",
            "The meeting was co-moderated by Regional Programme Coordinator Mr. Batyr Geldiyev and Mr. Peter Timmermans. The main speakers were the international coordinators of UNODC's Central Asian programmes and officials of the customs services of the Network's participating countries.",
            "Speaking for CARICC, Ms. Tatiana Evdokimova reported on the Centre's international and regional cooperation against illicit trafficking in drugs, psychotropic substances and precursors. She presented the findings of a study by the CARICC Information and Analytical Unit on how container transport was used to move drugs across borders in 2018–2020, and stressed the value of analysis in meeting the operational and strategic challenges posed by transnational organized crime and drug trafficking.",
            "Participants called for stronger cooperation mechanisms and faster exchange of information, for new and wider contacts, for prompt solutions to difficulties in day-to-day cooperation between national customs contact points and port control units in the Network's countries, and for continued information sharing during the COVID-19 pandemic.",
            "UNODC will prepare recommendations for the Network's participating countries in the light of the meeting's outcome.",
        ],
        "ru": {
            "title": "ЦАРИКЦ принял участие в онлайн-совещании экспертов Межрегиональной сети",
            "paragraphs": [
                "10–11 сентября 2020 года Межрегиональная сеть таможенных органов и подразделений портового контроля, созданная в рамках Глобальной программы УНП ООН и ВТамО по контролю за контейнерными перевозками, провела онлайн-совещание экспертов.",
                "В совещании приняли участие представители УНП ООН, ЦАРИКЦ и Всемирной таможенной организации, посольств стран-доноров и других международных организаций, а также таможенных служб и служб таможенного контроля стран — участниц Сети: Афганистана, Грузии, Казахстана, Кыргызстана, Пакистана, Таджикистана, Туркменистана, Украины и Узбекистана. Был также представлен Азербайджан, заявивший о желании присоединиться к Сети.",
                "Сеть была учреждена в Ташкенте 22 мая 2019 года, когда руководители таможенных администраций подписали меморандум о взаимопонимании. С тех пор она помогает таможенным службам этих стран налаживать и укреплять практическое сотрудничество и служит упрощённым каналом обмена информацией между национальными контактными пунктами таможенных органов и подразделений портового контроля.",
                "С приветственным словом выступили Региональный представитель УНП ООН по Центральной Азии г-жа Ашита Миттал, старший координатор Глобальной программы УНП ООН по контролю за контейнерными перевозками г-н Кетиль Оттерсен, подключившийся из Вены, и технический эксперт ВТамО г-н Петер Тиммерманс, подключившийся из Брюсселя.",
                "Модераторами совещания выступили региональный координатор программы г-н Батыр Гельдиев и г-н Петер Тиммерманс. С основными докладами выступили международные координаторы центральноазиатских программ УНП ООН и сотрудники таможенных служб стран — участниц Сети.",
                "От имени ЦАРИКЦ г-жа Татьяна Евдокимова рассказала о международном и региональном сотрудничестве Центра в противодействии незаконному обороту наркотических средств, психотропных веществ и прекурсоров. Она представила результаты исследования информационно-аналитического подразделения ЦАРИКЦ об использовании контейнерных перевозок для трансграничного перемещения наркотиков в 2018–2020 годах и подчеркнула значение аналитической работы для решения оперативных и стратегических задач, которые ставят транснациональная организованная преступность и незаконный оборот наркотиков.",
                "Участники высказались за укрепление механизмов сотрудничества и ускорение обмена информацией, за установление новых и расширение существующих контактов, за оперативное решение проблем, возникающих в повседневном взаимодействии национальных таможенных контактных пунктов и подразделений портового контроля стран Сети, а также за продолжение обмена информацией в период пандемии COVID-19.",
                "По итогам совещания УНП ООН подготовит рекомендации для стран — участниц Сети.",
            ],
        },
        "tags": ["container control", "customs", "information exchange", "covid-19"],
        "organisations": [
            "caricc",
            "inter-regional-network-of-customs-authorities-and-port-control-units",
            "unodc-wco-container-control-programme",
            "unodc",
            "wco",
            "unodc-regional-office-for-central-asia",
        ],
        "participants": [
            "ashita-mittal",
            "ketil-ottersen",
            "peter-timmermans",
            "batyr-geldiyev",
            "tatiana-evdokimova",
        ],
        "events": ["inter-regional-expert-meeting-of-customs-and-port-control-units-2020-09"],
        "hero": True,
    },
    {
        # Undated on the old site; its three authors were listed under the piece.
        "slug": "tackling-organized-drug-crime-in-the-context-of-covid-19-pandemic",
        "title": "Countering organized drug crime during the COVID-19 pandemic",
        "section": "analytics",
        "published_on": date(2020, 8, 15),
        "paragraphs": [
            "The coronavirus pandemic is likely to have been the main factor reshaping drug trafficking and transnational crime during 2020, both globally and in Central Asia.",
            "Border closures, limits on travel between cities and other domestic quarantine measures have made it somewhat harder both to move drugs and to distribute them inside countries, within towns and from one town to another.",
            "Seizure data for the region so far in 2020 show that, as in the past, drugs of the cannabis group make up the largest share of the illicit market.",
            "Synthetic drugs, meanwhile, are an increasingly serious problem. From January to May 2020, the CARICC member states seized some 1 ton 50 kg of psychotropic substances and new psychoactive substances (NPS), including amphetamine-type stimulants.",
            "Seizures over the same months also included more than 370 kg of drugs of the opium group and 1 ton 890 kg of drugs of the cannabis group.",
            "By monitoring and analysing the information available, the Centre has identified the main shifts in drug trafficking and examined how drug crime may reorganize in response to the coronavirus restrictions imposed around the world and in Central Asia.",
            "Closing national borders to travellers and restricting the cross-border movement of goods have, to a degree, reduced the capacity of transnational organized criminal groups to smuggle drugs and precursors and to move the cash earned from the international drug trade. This hypothesis needs further study, however: drug seizures in Central Asia as a whole, including of drugs of Afghan origin, have tended to rise during the pandemic. The increase may reflect stronger counter-narcotics measures, such as tighter state control of goods crossing borders, rather than greater activity by transnational drug groups.",
            "Some experts nonetheless believe that the situation prompts organized drug crime to take advantage of state deliveries of food and medicine to the population, consignments that are often used to conceal drugs. Trafficking groups might also rely more on high-tech means such as drones or other semi-autonomous vehicles or, conversely, on “natural” ways of moving drugs across borders, using animals and carrier birds.",
            "Internal travel restrictions introduced under quarantine and states of emergency, including curfews, have also made it harder for dealers to supply narcotic drugs and psychotropic substances and for users to obtain them. Contactless distribution through hidden caches has likewise become more difficult. Some experts point out, however, that contactless sales may have moved to courier delivery services, used either directly or as a cover. Criminals may keep using this method after the pandemic, and dealers can be expected to turn to technology more actively.",
            "With the movement of people and goods limited worldwide, the international drug trade may move away from trafficking plant-based drugs across borders towards making synthetic drugs and NPS close to where they are sold, which lowers the dealers' logistical risks and costs. The growing share of synthetic drugs and NPS on the market supports this hypothesis.",
            "Self-isolation has boosted the use of online services, criminal ones among them, giving dealers a stronger incentive to move from cash to the Darknet and electronic payment systems. Compulsory isolation measures, combined with insufficient state assistance for the most vulnerable people who have lost their income, may push some of them into the shadow economy. Economic hardship makes communities more open to criminal offers, for example to grow drug crops or to carry drugs and money as couriers. Transnational drug networks will probably use this to recruit new, relatively cheap members for “rough work”, a risk heightened by labour migrants who have lost their jobs and income returning to the countries of the region.",
            "On a positive note, drug traffickers suffered heavy economic losses in the pandemic; this will hopefully have weakened the finances of organized drug groups. This should slow drug crime's inevitable adaptation to the new conditions and give drug control authorities time to develop an adequate response.",
        ],
        "ru": {
            "title": "Противодействие организованной наркопреступности в условиях пандемии COVID-19",
            "paragraphs": [
                "Пандемия коронавируса, по всей видимости, стала главным фактором, изменившим в 2020 году картину незаконного оборота наркотиков и транснациональной преступности как в мире в целом, так и в Центральной Азии.",
                "Закрытие границ, ограничения на поездки между городами и другие внутренние карантинные меры несколько затруднили как перемещение наркотиков, так и их распространение внутри стран — в пределах населённых пунктов и между ними.",
                "Данные об изъятиях в регионе за истекший период 2020 года показывают, что, как и прежде, наибольшую долю нелегального рынка составляют наркотики каннабисной группы.",
                "Вместе с тем всё более серьёзной проблемой становятся синтетические наркотики. С января по май 2020 года в государствах — членах ЦАРИКЦ изъято около 1 т 50 кг психотропных веществ и новых психоактивных веществ (НПВ), включая стимуляторы амфетаминового ряда.",
                "За те же месяцы изъято также более 370 кг наркотиков опийной группы и 1 т 890 кг наркотиков каннабисной группы.",
                "Отслеживая и анализируя имеющуюся информацию, Центр выявил основные изменения в незаконном обороте наркотиков и рассмотрел, как может перестроиться наркопреступность в ответ на ограничения, введённые в связи с коронавирусом в мире и в Центральной Азии.",
                "Закрытие государственных границ для путешественников и ограничение трансграничного перемещения товаров в определённой мере сократили возможности транснациональных организованных преступных групп по контрабанде наркотиков и прекурсоров, а также по перемещению наличных денег, полученных от международной торговли наркотиками. Однако эта гипотеза требует дальнейшего изучения: изъятия наркотиков в Центральной Азии в целом, в том числе наркотиков афганского происхождения, в период пандемии имели тенденцию к росту. Этот рост может отражать усиление антинаркотических мер, например более строгий государственный контроль за перемещением товаров через границы, а не активизацию транснациональных наркогруппировок.",
                "Тем не менее ряд экспертов полагает, что сложившаяся ситуация побуждает организованную наркопреступность использовать государственные поставки продовольствия и медикаментов населению — грузы, которые нередко служат для сокрытия наркотиков. Наркогруппировки могут также чаще прибегать к высокотехнологичным средствам, таким как беспилотники и другие полуавтономные транспортные средства, или, напротив, к «естественным» способам перемещения наркотиков через границы — с помощью животных и птиц-переносчиков.",
                "Ограничения на передвижение внутри стран, введённые в рамках карантина и режима чрезвычайного положения, включая комендантский час, также затруднили сбыт наркотических средств и психотропных веществ и их приобретение потребителями. Сложнее стало и бесконтактное распространение через тайники-закладки. Вместе с тем некоторые эксперты указывают, что бесконтактные продажи могли переместиться в службы курьерской доставки, которые используются либо напрямую, либо в качестве прикрытия. Преступники могут продолжить пользоваться этим способом и после пандемии, а наркодилеры, как можно ожидать, будут активнее обращаться к технологиям.",
                "В условиях ограничения передвижения людей и товаров по всему миру международная наркоторговля может сместиться от трансграничного перемещения наркотиков растительного происхождения к производству синтетических наркотиков и НПВ вблизи мест их сбыта, что снижает логистические риски и издержки наркодилеров. Эту гипотезу подтверждает растущая доля синтетических наркотиков и НПВ на рынке.",
                "Самоизоляция способствовала росту использования онлайн-сервисов, в том числе преступных, что усилило стимулы для наркодилеров переходить от наличных расчётов к даркнету и электронным платёжным системам. Меры обязательной изоляции в сочетании с недостаточной государственной помощью наиболее уязвимым людям, лишившимся дохода, могут подтолкнуть часть из них к теневой экономике. Экономические трудности делают общество восприимчивее к преступным предложениям, например выращивать наркосодержащие растения или перевозить наркотики и деньги в качестве курьеров. Транснациональные наркосети, вероятно, воспользуются этим для вербовки новых, относительно дешёвых участников для «чёрной работы»; этот риск усиливается возвращением в страны региона трудовых мигрантов, потерявших работу и доход.",
                "Положительным моментом является то, что наркоторговцы понесли в период пандемии значительные экономические потери; можно надеяться, что это ослабило финансовое положение организованных наркогруппировок. Это должно замедлить неизбежную адаптацию наркопреступности к новым условиям и дать органам по контролю над наркотиками время для выработки адекватных ответных мер.",
            ],
        },
        "tags": ["analytics", "covid-19", "synthetic drugs", "darknet", "member states"],
        "organisations": ["caricc"],
        "participants": [],
        # (person slug, byline: the author's post when the piece appeared)
        "authors": [
            (
                "b-abdijaliev",
                "Acting Advisor and Head, International Operations Coordination Unit, CARICC",
            ),
            ("yury-chikalov", "Acting Advisor and Head, Information and Analytical Unit, CARICC"),
            ("alevtina-tiurina", "Senior Analyst, Information and Analytical Unit, CARICC"),
        ],
        "events": [],
        "hero": True,
    },
    {
        "slug": "meeting-of-caricc-director-with-head-of-unodc-programme-office-in-kazakhstan",
        "title": "CARICC Director briefs UNODC Programme Office in Kazakhstan on Dushanbe visit",
        "section": "news",
        "published_on": date(2020, 7, 22),
        "paragraphs": [
            "On 22 July 2020, CARICC Director Major-General Rustam Miralizoda held a working meeting with Mr. Naweed Riaz, Head of the UNODC Programme Office in Kazakhstan.",
            "Major-General Miralizoda briefed Mr. Riaz on the outcome of his official visit to Dushanbe, the capital of Tajikistan.",
            "Both sides welcomed the results of the webinars held in early July, which brought together the Centre's staff, officials of the member states' competent authorities and international organizations such as UNODC and the OSCE. They also discussed the competition to fill vacant posts at CARICC.",
            "In conclusion, they outlined near-term plans to raise the Centre's profile regionally and internationally, and considered how CARICC can keep developing while COVID-19 continues to spread.",
        ],
        "ru": {
            "title": "Директор ЦАРИКЦ проинформировал Программный офис УНП ООН в Казахстане об итогах визита в Душанбе",
            "paragraphs": [
                "22 июля 2020 года Директор ЦАРИКЦ генерал-майор Рустам Мирализода провёл рабочую встречу с руководителем Программного офиса УНП ООН в Казахстане г-ном Навидом Риазом.",
                "Генерал-майор Р. Мирализода проинформировал г-на Н. Риаза об итогах своего официального визита в Душанбе, столицу Таджикистана.",
                "Стороны положительно оценили итоги вебинаров, проведённых в начале июля с участием сотрудников Центра, представителей компетентных органов государств-членов и международных организаций, таких как УНП ООН и ОБСЕ. Обсуждался также конкурс на замещение вакантных должностей в ЦАРИКЦ.",
                "В заключение стороны наметили ближайшие планы по повышению регионального и международного авторитета Центра и обсудили, как ЦАРИКЦ может продолжать развиваться в условиях сохраняющегося распространения COVID-19.",
            ],
        },
        "tags": ["cooperation", "webinar", "recruitment", "covid-19"],
        "organisations": ["caricc", "unodc-programme-office-in-kazakhstan", "unodc", "osce"],
        "participants": ["rustam-miralizoda", "naweed-riaz"],
        "events": ["caricc-director-meets-head-of-unodc-programme-office-in-kazakhstan-2020-07"],
    },
    {
        # Undated on the old site; 15 July 2020 is an assumption (after the Dushanbe meetings).
        "slug": "discussion-of-cooperation-in-ministry-of-foreign-affairs-of-tajikistan",
        "title": "CARICC Director holds talks at the Ministry of Foreign Affairs of Tajikistan",
        "section": "news",
        "published_on": date(2020, 7, 15),
        "paragraphs": [
            "While on a working visit to Tajikistan, CARICC Director Mr. Rustam Miralizoda met Tajikistan's Deputy Minister of Foreign Affairs, H.E. Mr. Zohir Saidzoda.",
            "They discussed the accession of Afghanistan and Turkey to the CARICC Agreement and the Centre's efforts to review and agree the draft agreement among CARICC member states on exchanging and protecting secret information. Other important aspects of cooperation against illicit drug trafficking, and its prospects, were also on the agenda.",
            "A few days before, the Director had met the leadership of Tajikistan's Drug Control Agency, of its Ministry of Internal Affairs and of other law enforcement and specialized bodies of the country.",
        ],
        "ru": {
            "title": "Директор ЦАРИКЦ провёл переговоры в Министерстве иностранных дел Таджикистана",
            "paragraphs": [
                "В ходе рабочего визита в Таджикистан Директор ЦАРИКЦ г-н Рустам Мирализода встретился с заместителем министра иностранных дел Республики Таджикистан Его Превосходительством г-ном Зохиром Саидзода.",
                "Стороны обсудили присоединение Афганистана и Турции к Соглашению о ЦАРИКЦ, а также работу Центра по рассмотрению и согласованию проекта соглашения между государствами — членами ЦАРИКЦ об обмене секретной информацией и её защите. На повестке дня стояли и другие важные аспекты сотрудничества в противодействии незаконному обороту наркотиков, а также его перспективы.",
                "Несколькими днями ранее Директор встретился с руководством Агентства по контролю за наркотиками, Министерства внутренних дел и других правоохранительных и специализированных органов Таджикистана.",
            ],
        },
        "tags": ["cooperation", "regulatory framework", "member states"],
        "organisations": [
            "caricc",
            "ministry-of-foreign-affairs-of-tajikistan",
            "drug-control-agency-of-tajikistan",
            "ministry-of-internal-affairs-of-tajikistan",
        ],
        "participants": ["rustam-miralizoda", "zohir-saidzoda"],
        "events": [
            "caricc-director-at-ministry-of-foreign-affairs-of-tajikistan-2020-07",
            "caricc-director-working-meetings-in-dushanbe-2020-07",
        ],
    },
    {
        "slug": "caricc-director-on-working-meetings-in-dushanbe",
        "title": "CARICC Director meets heads of Tajikistan's drug control and interior agencies in Dushanbe",
        "section": "news",
        "published_on": date(2020, 7, 11),
        "paragraphs": [
            "On 10 and 11 July 2020 in Dushanbe, CARICC Director Major-General Rustam Miralizoda held working meetings with Lieutenant-General Sherkhon Salimzoda, who heads the Drug Control Agency (DCA) under the President of Tajikistan, and with Tajikistan's Minister of Internal Affairs, Colonel-General Ramazon Rahimzoda.",
            "The talks focused on CARICC's cooperation with Tajikistan's competent authorities and on how the Centre's capacities can help advance regional counter-narcotics cooperation while COVID-19 continues to spread.",
            "The parties also discussed Tajikistan's chairmanship of the Centre; the accession of Afghanistan and Turkey to the Agreement on the Establishment of CARICC; the Centre's work on reviewing and agreeing the draft agreement among member states on exchanging and protecting secret information; the online competition for staff of competent authorities who had cleared the first round of selection for vacant posts at CARICC; and other matters of common interest.",
            "During his stay in Tajikistan, the CARICC Director is also due to meet the heads of the country's other law enforcement and specialized agencies.",
        ],
        "ru": {
            "title": "Директор ЦАРИКЦ провёл в Душанбе встречи с руководителями АКН и МВД Таджикистана",
            "paragraphs": [
                "10 и 11 июля 2020 года в Душанбе Директор ЦАРИКЦ генерал-майор Рустам Мирализода провёл рабочие встречи с директором Агентства по контролю за наркотиками (АКН) при Президенте Республики Таджикистан генерал-лейтенантом Шерхоном Салимзода и Министром внутренних дел Республики Таджикистан генерал-полковником Рамазоном Рахимзода.",
                "Основное внимание в ходе переговоров было уделено сотрудничеству ЦАРИКЦ с компетентными органами Таджикистана и тому, как возможности Центра могут способствовать развитию регионального антинаркотического сотрудничества в условиях продолжающегося распространения COVID-19.",
                "Стороны также обсудили председательство Таджикистана в Центре; присоединение Афганистана и Турции к Соглашению о создании ЦАРИКЦ; работу Центра по рассмотрению и согласованию проекта соглашения между государствами-членами об обмене секретной информацией и её защите; онлайн-конкурс для сотрудников компетентных органов, прошедших первый этап отбора на вакантные должности в ЦАРИКЦ, а также другие вопросы, представляющие взаимный интерес.",
                "В ходе пребывания в Таджикистане Директор ЦАРИКЦ также проведёт встречи с руководителями других правоохранительных и специализированных ведомств страны.",
            ],
        },
        "tags": ["cooperation", "member states", "recruitment", "covid-19"],
        "organisations": [
            "caricc",
            "drug-control-agency-of-tajikistan",
            "ministry-of-internal-affairs-of-tajikistan",
        ],
        "participants": ["rustam-miralizoda", "sherkhon-salimzoda", "ramazon-rahimzoda"],
        "events": ["caricc-director-working-meetings-in-dushanbe-2020-07"],
    },
    {
        "slug": "unodc-and-caricc-webinars",
        "title": "CARICC and UNODC hold two webinars for member-state authorities",
        "section": "news",
        "published_on": date(2020, 7, 8),
        "paragraphs": [
            "On 7–8 July 2020, CARICC and the UNODC Regional Office for Central Asia held two webinars for officials of the competent authorities of the Centre's member states and for international organizations, among them UNODC and the OSCE.",
            "Participants were welcomed by the CARICC Director, Mr. Rustam Miralizoda, and by UNODC's Regional Representative for Central Asia, Ms. Ashita Mittal.",
            "Presentations were given mainly by CARICC experts and by the international coordinators of UNODC's Central Asian programmes.",
            "The first webinar, on 7 July 2020, focused on the World Drug Report 2020, issued by UNODC on 26 June, and its principal findings. Mr. Naweed Riaz, Head of the UNODC Programme Office in Kazakhstan, outlined the report's key messages.",
            "Ms. Alevtina Tiurina, a Senior Analyst in the Centre's Information and Analytical Unit (IAP), spoke about selected trends in countering drug trafficking across the CARICC member states.",
            "The Head of the Sub-Programme “Countering Transnational Organized Crime, Illicit Drug Trafficking and Terrorism”, Mr. Yusuf Kurbonov, described the programme's work and its contribution to strengthening the borders of the Central Asian countries, and reported on what the interagency mobile teams project has achieved in Uzbekistan.",
            "The second webinar, on 8 July, likewise included several presentations.",
            "The Acting Head of the IAP, Mr. Yury Chikalov, set out what the member states' competent authorities had achieved in the first quarter of 2020. An Analyst in the IAP, Ms. Tatiana Evdokimova, introduced a study by CARICC staff on how container transport was used to move drugs across borders in 2018–2020.",
            "Mr. Batyr Geldiyev, Head of the UNODC Container Control Programme in Central Asia, presented the work under way.",
            "Mr. Naweed Riaz also spoke on a strategic approach to drug trafficking and transnational crime, based on targeted intelligence and on international operations that deter and disrupt organized criminal networks and bring their members to justice.",
            "Participants underlined the value of events in this format, which made it possible to exchange information despite the COVID-19 pandemic.",
        ],
        "ru": {
            "title": "ЦАРИКЦ и УНП ООН провели два вебинара для компетентных органов государств-членов",
            "paragraphs": [
                "7–8 июля 2020 года ЦАРИКЦ и Региональное представительство УНП ООН для Центральной Азии провели два вебинара для сотрудников компетентных органов государств — членов Центра и международных организаций, в том числе УНП ООН и ОБСЕ.",
                "С приветственным словом к участникам обратились Директор ЦАРИКЦ г-н Рустам Мирализода и Региональный представитель УНП ООН по Центральной Азии г-жа Ашита Миттал.",
                "С презентациями выступили главным образом эксперты ЦАРИКЦ и международные координаторы центральноазиатских программ УНП ООН.",
                "Первый вебинар, состоявшийся 7 июля 2020 года, был посвящён Всемирному докладу о наркотиках 2020 года, опубликованному УНП ООН 26 июня, и его основным выводам. Руководитель Программного офиса УНП ООН в Казахстане г-н Навид Риаз изложил ключевые положения доклада.",
                "Старший аналитик информационно-аналитического подразделения (ИАП) Центра г-жа Алевтина Тюрина рассказала об отдельных тенденциях в противодействии незаконному обороту наркотиков в государствах — членах ЦАРИКЦ.",
                "Руководитель подпрограммы «Противодействие транснациональной организованной преступности, незаконному обороту наркотиков и терроризму» г-н Юсуф Курбонов рассказал о работе программы и её вкладе в укрепление границ стран Центральной Азии, а также о результатах проекта межведомственных мобильных групп в Узбекистане.",
                "Второй вебинар, 8 июля, также включал несколько презентаций.",
                "Исполняющий обязанности руководителя ИАП г-н Юрий Чикалов представил результаты, достигнутые компетентными органами государств-членов в первом квартале 2020 года. Аналитик ИАП г-жа Татьяна Евдокимова представила исследование сотрудников ЦАРИКЦ об использовании контейнерных перевозок для трансграничного перемещения наркотиков в 2018–2020 годах.",
                "Руководитель Программы УНП ООН по контролю за контейнерными перевозками в Центральной Азии г-н Батыр Гельдиев рассказал о проводимой работе.",
                "Г-н Навид Риаз выступил также с докладом о стратегическом подходе к противодействию незаконному обороту наркотиков и транснациональной преступности, основанном на целенаправленной оперативной информации и на международных операциях, которые сдерживают и пресекают деятельность организованных преступных сетей и позволяют привлечь их участников к ответственности.",
                "Участники подчеркнули ценность мероприятий в таком формате, позволивших обмениваться информацией несмотря на пандемию COVID-19.",
            ],
        },
        "tags": ["webinar", "world drug report", "container control", "covid-19"],
        "organisations": [
            "caricc",
            "unodc-regional-office-for-central-asia",
            "unodc",
            "osce",
            "unodc-programme-office-in-kazakhstan",
            "unodc-programme-for-central-asia",
            "unodc-wco-container-control-programme",
        ],
        "participants": [
            "ashita-mittal",
            "rustam-miralizoda",
            "naweed-riaz",
            "alevtina-tiurina",
            "yusuf-kurbonov",
            "yury-chikalov",
            "tatiana-evdokimova",
            "batyr-geldiyev",
        ],
        "events": ["unodc-and-caricc-webinars-2020-07"],
        "hero": True,
    },
    {
        # Demo addition, RUSSIAN ONLY (no English title or text): not one of the old site's
        # items. It shows an article that the English pages do not list. Its facts are those
        # stated elsewhere in this file. Its Russian slug is explicit, as it is the key that a
        # re-run finds it by (the transliterated title).
        "section": "news",
        "published_on": date(2020, 10, 20),
        "ru": {
            "slug": "tsarikts-kratkaya-spravka-o-tsentre",
            "title": "ЦАРИКЦ: краткая справка о Центре",
            "paragraphs": [
                "Центральноазиатский региональный информационный координационный центр по борьбе с незаконным оборотом наркотических средств, психотропных веществ и их прекурсоров (ЦАРИКЦ) — межгосударственный орган, расположенный в Алматы. Республика Казахстан является страной пребывания Центра.",
                "Государства — члены Центра: Азербайджанская Республика, Республика Казахстан, Кыргызская Республика, Российская Федерация, Республика Таджикистан, Туркменистан и Республика Узбекистан.",
                "ЦАРИКЦ координирует обмен информацией между компетентными органами государств-членов и их совместные антинаркотические операции. Компетентные органы пользуются Центральной базой данных ЦАРИКЦ и пополняют её актуальной информацией.",
                "Руководящим органом Центра является Совет национальных координаторов, в состав которого входят руководители координирующих компетентных органов государств-членов и Директор ЦАРИКЦ.",
                "Центр сотрудничает с Управлением Организации Объединённых Наций по наркотикам и преступности, Всемирной таможенной организацией, ОБСЕ и другими международными и региональными организациями.",
            ],
        },
        "tags": ["member states", "cooperation"],
        "organisations": [
            "caricc",
            "caricc-council-of-national-coordinators",
            *MEMBER_STATE_AUTHORITIES,
            "unodc",
            "wco",
            "osce",
        ],
        "participants": [],
        "events": [],
    },
]

# The placeholder illustrations' texts, per language. {word}: the section's name as drawn on
# the image (in English); {label}: the section's name in the text's language.
HERO_TEXTS = {
    "en": {
        "alt": "Abstract illustration: rings and lines on a navy background with the word “{word}”.",
        "caption": "Illustration: CARICC",
    },
    "ru": {
        "alt": "Абстрактная иллюстрация: кольца и линии на тёмно-синем фоне со словом «{word}» (раздел «{label}»).",
        "caption": "Иллюстрация: ЦАРИКЦ",
    },
}

# --- Upcoming events, dated relative to the day the command runs --------------------------------
# starts_in: days from today; days: length (1 = one-day event). Invented for the demo, so
# nobody is named: people's current posts are not known.
UPCOMING_EVENTS = [
    {
        # Started yesterday, still running: shows that an event under way counts as upcoming.
        "slug": "training-course-for-analysts-of-competent-authorities",
        "title": "Training course for analysts from the member states' competent authorities",
        "kind": "training",
        "format": "in_person",
        "starts_in": -1,
        "days": 4,
        "city": "Almaty",
        "venue": "CARICC, Almaty",
        "country": "KZ",
        "summary": "Analysts of the member states' competent authorities practise strategic and operational analysis of drug trafficking with CARICC's Information and Analytical Unit.",
        "ru": {
            "title": "Учебный курс для аналитиков компетентных органов государств-членов",
            "summary": "Аналитики компетентных органов государств-членов вместе с информационно-аналитическим подразделением ЦАРИКЦ отрабатывают навыки стратегического и оперативного анализа незаконного оборота наркотиков.",
        },
        "hosts": ["caricc", "unodc-programme-office-in-kazakhstan"],
        "organisations": MEMBER_STATE_AUTHORITIES,
        "tags": ["training", "analytics", "member states"],
    },
    {
        "slug": "training-webinar-on-container-transportation-and-drug-trafficking",
        "title": "Training webinar: container transportation and cross-border drug trafficking",
        "kind": "training",
        "format": "online",
        "starts_in": 6,
        "days": 1,
        "summary": "Webinar for customs officers and port control units on profiling risky container shipments, drawing on CARICC's study of container transportation used for drug trafficking.",
        "ru": {
            "title": "Учебный вебинар: контейнерные перевозки и трансграничный незаконный оборот наркотиков",
            "summary": "Вебинар для сотрудников таможенных органов и подразделений портового контроля о профилировании контейнерных грузов повышенного риска с опорой на исследование ЦАРИКЦ об использовании контейнерных перевозок для незаконного оборота наркотиков.",
        },
        "hosts": ["caricc", "unodc-wco-container-control-programme"],
        "organisations": [
            "inter-regional-network-of-customs-authorities-and-port-control-units",
            "wco",
        ],
        "tags": ["webinar", "training", "container control", "customs"],
    },
    {
        "slug": "regional-working-group-on-precursors-quarterly-online-meeting",
        "title": "Regional Working Group on Precursors: next quarterly meeting",
        "kind": "working_group",
        "format": "online",
        "starts_in": 13,
        "days": 1,
        "summary": "The Group's regular quarterly session; CARICC will brief delegations on precursor trafficking in its member states.",
        "ru": {
            "title": "Региональная рабочая группа по прекурсорам: очередное ежеквартальное заседание",
            "summary": "Очередное ежеквартальное заседание Группы; ЦАРИКЦ проинформирует делегации о незаконном обороте прекурсоров в государствах-членах.",
        },
        "hosts": ["unodc-regional-office-for-central-asia"],
        "organisations": [
            "caricc",
            "incb",
            "paris-pact-initiative",
            "unodc-regional-programme-for-afghanistan-and-neighbouring-countries",
        ],
        "tags": ["precursors", "working group"],
    },
    {
        "slug": "meeting-of-caricc-council-of-national-coordinators",
        "title": "Meeting of the CARICC Council of National Coordinators",
        "kind": "meeting",
        "format": "in_person",
        "starts_in": 34,
        "days": 2,
        "city": "Almaty",
        "venue": "CARICC, Almaty",
        "country": "KZ",
        "summary": "The national coordinators of the seven member states review the Centre's work plan and budget and the draft agreement on exchanging and protecting classified information.",
        "ru": {
            "title": "Заседание Совета национальных координаторов ЦАРИКЦ",
            "summary": "Национальные координаторы семи государств-членов рассмотрят план работы и бюджет Центра, а также проект соглашения об обмене секретной информацией и её защите.",
        },
        "hosts": ["caricc", "caricc-council-of-national-coordinators"],
        "organisations": [*MEMBER_STATE_AUTHORITIES, "unodc"],
        "tags": ["member states", "regulatory framework"],
    },
]

# --- Articles the public must not see -----------------------------------------------------------
# publish_in: days from today for a scheduled article; None leaves a draft without a time.
UNPUBLISHED_ARTICLES = [
    {
        "slug": "draft-caricc-activity-report-working-notes",
        "title": "Draft: CARICC activity report — working notes",
        "status": "draft",
        "publish_in": None,
        "paragraphs": [
            "Working notes for the annual activity report. Not for publication.",
            "To add: operations supported, Central Database statistics, trainings and webinars held.",
        ],
        "tags": ["analytics"],
        "organisations": ["caricc"],
        "events": [],
    },
    {
        "slug": "scheduled-caricc-to-host-council-of-national-coordinators",
        "title": "Scheduled: CARICC to host the Council of National Coordinators",
        "status": "published",
        "publish_in": 7,
        "paragraphs": [
            "The Centre will host the meeting of the CARICC Council of National Coordinators in Almaty.",
            "This announcement is scheduled and stays hidden until its publication time.",
        ],
        "tags": ["member states"],
        "organisations": ["caricc", "caricc-council-of-national-coordinators"],
        "events": ["meeting-of-caricc-council-of-national-coordinators"],
    },
]

# --- Vocabulary for synthetic volume (`manage.py generate_content`) ---------------------------
# Generated items are composed from these pieces; none of them is a fact about a real person.
GENERATED_SINCE = date(2008, 1, 1)

TOPICS = [
    "precursor control",
    "illicit trafficking of precursors",
    "container transportation",
    "border security",
    "information exchange",
    "international joint operations",
    "controlled deliveries",
    "new psychoactive substances and synthetic drugs",
    "drug sales through the Darknet",
    "the CARICC Central Database",
    "exchanging and protecting classified information",
    "the World Drug Report and its findings",
    "regional anti-narcotics collaboration",
    "port control units",
    "analytical support to operations",
    "heroin trafficking along the Northern Route",
    "methamphetamine production in the region",
    "cash couriers and drug money",
    "postal and express parcels",
    "training of canine units",
    "risk profiling of air cargo",
    "drug prevention among young people",
    "cooperation between financial intelligence units",
]

# (title, lead, section). {org} is a short name ("UNODC") or "the" + full name.
ARTICLE_TEMPLATES = [
    (
        "Online meeting on {topic}",
        "On {date}, CARICC staff joined an online meeting with {org} on {topic}.",
        "news",
    ),
    (
        "CARICC and {org} discuss {topic}",
        "On {date}, experts of {org} and CARICC discussed {topic} by videoconference.",
        "news",
    ),
    (
        "CARICC staff take part in a webinar on {topic}",
        "On {date}, CARICC staff took part in a webinar on {topic} organised by {org}.",
        "news",
    ),
    (
        "Working group of experts on {topic}",
        "On {date}, experts from the member states' competent authorities and {org} met to consider {topic}.",
        "news",
    ),
    (
        "Regional seminar on {topic}",
        "On {date}, CARICC took part in a regional seminar on {topic} organised by {org}.",
        "news",
    ),
    (
        "CARICC Director meets delegation of {org}",
        "On {date}, the CARICC Director received a delegation of {org} to discuss {topic}.",
        "press_release",
    ),
    (
        "Trends in {topic}: a CARICC review",
        "CARICC's Information and Analytical Unit reviewed trends in {topic} as of {date}, drawing on information shared by {org}.",
        "analytics",
    ),
    (
        "{org} and CARICC sign a plan of joint action on {topic}",
        "On {date}, {org} and CARICC agreed a plan of joint action on {topic} for the next two years.",
        "press_release",
    ),
    (
        "Heroin, precursors and synthetics: seizures reported by {org}",
        "Figures shared by {org} on {date} give a picture of recent seizures and of {topic}.",
        "analytics",
    ),
    (
        "CARICC statement on {topic}",
        "On {date}, CARICC set out its position on {topic} after consultations with {org}.",
        "statement",
    ),
    (
        "Joint statement of CARICC and {org}",
        "In a joint statement issued on {date}, CARICC and {org} reaffirmed their commitment to cooperation on {topic}.",
        "statement",
    ),
    (
        "Controlled delivery completed with {org}",
        "On {date}, a controlled delivery coordinated through CARICC with {org} was completed; the operation concerned {topic}.",
        "news",
    ),
    (
        "Experts from {org} visit CARICC",
        "On {date}, experts from {org} visited CARICC in Almaty to discuss {topic}.",
        "news",
    ),
]

EVENT_TITLES = {
    "meeting": "Meeting on {topic}",
    "webinar": "Webinar on {topic}",
    "working_group": "Working group of experts on {topic}",
    "conference": "Regional conference on {topic}",
    "visit": "Visit of a delegation of {org} to CARICC",
    "training": "Training course on {topic}",
    "operation": "Joint operation with {org}",
    "other": "Consultations on {topic}",
}

BODY_SENTENCES = [
    "Discussions covered practical cooperation against drug trafficking, the exchange of information, joint international operations and the challenges facing the Centre.",
    "Participants welcomed the format as a useful opportunity to exchange information.",
    "Both sides stressed the need to develop regional and international cooperation further.",
    "The parties agreed to meet in this format at least quarterly.",
    "Having presented their mandates and work, the organizations agreed to strengthen their practical cooperation.",
    "Participants called for stronger cooperation mechanisms and faster exchange of information.",
    "Participants reviewed recent developments in precursor control in the region and the priorities of each country.",
    "CARICC representatives underlined the role of analysis in shaping operational and strategic responses to organized crime and drug trafficking.",
    "The meeting closed with a commitment to balanced and constructive international cooperation against drug trafficking.",
    "Officials of the member states' competent authorities reported on results achieved and activities planned.",
    "Speakers from {org} presented their experience of {topic}.",
    "The next meeting on {topic} is planned to take place in {city}.",
    "CARICC analysts outlined how {topic} had changed over the past year.",
    "Representatives of {org} thanked CARICC for its support & coordination.",
    "The participants exchanged contacts of national focal points for {topic}.",
    "A summary of the discussion will be shared with the competent authorities of the member states.",
    "The event was held in English and Russian, with simultaneous interpretation.",
    "Questions of \u201ctrust and speed\u201d in information exchange were raised repeatedly.",
]

PRESENTATION_ANGLES = [
    "trends and responses",
    "national experience",
    "results of joint operations",
    "lessons learned",
]

TAG_POOL = [
    "analytics",
    "border security",
    "container control",
    "cooperation",
    "customs",
    "information exchange",
    "joint operations",
    "member states",
    "precursors",
    "regulatory framework",
    "synthetic drugs",
    "training",
    "webinar",
]

CITIES = [
    ("Almaty", "KZ"),
    ("Baku", "AZ"),
    ("Bishkek", "KG"),
    ("Moscow", "RU"),
    ("Dushanbe", "TJ"),
    ("Ashgabat", "TM"),
    ("Tashkent", "UZ"),
    ("Vienna", "AT"),
]

# Words for generated tags ("heroin seizures", "darknet routes", ...): subject, then aspect.
TAG_SUBJECTS = [
    "heroin", "opium", "morphine", "cannabis", "hashish", "cocaine", "methamphetamine",
    "amphetamine", "mephedrone", "alpha-PVP", "synthetic cannabinoids", "tramadol", "fentanyl",
    "acetic anhydride", "ephedrine", "pseudoephedrine", "potassium permanganate", "safrole",
    "new psychoactive substances", "prescription drugs", "cash couriers", "cryptocurrency",
    "darknet markets", "postal parcels", "container shipments", "air cargo", "rail freight",
    "road transport", "Caspian ports", "mountain passes",
]  # fmt: skip
TAG_ASPECTS = [
    "seizures", "trafficking", "routes", "trends", "profiling", "detection", "laboratories",
    "smuggling", "analysis", "legislation", "prices", "purity",
]  # fmt: skip

# (latin, cyrillic, "m" or "f"). Family names take -a for women when they end in -ov/-ev/-in.
GIVEN_NAMES = [
    ("Aibek", "Айбек", "m"), ("Akmal", "Акмал", "m"), ("Alisher", "Алишер", "m"),
    ("Anvar", "Анвар", "m"), ("Arman", "Арман", "m"), ("Azamat", "Азамат", "m"),
    ("Bakhtiyor", "Бахтиёр", "m"), ("Daniyar", "Данияр", "m"), ("Dmitry", "Дмитрий", "m"),
    ("Elchin", "Эльчин", "m"), ("Farrukh", "Фаррух", "m"), ("Igor", "Игорь", "m"),
    ("Kairat", "Кайрат", "m"), ("Merdan", "Мердан", "m"), ("Nurlan", "Нурлан", "m"),
    ("Oleg", "Олег", "m"), ("Ruslan", "Руслан", "m"), ("Sanjar", "Санжар", "m"),
    ("Timur", "Тимур", "m"), ("Ulugbek", "Улугбек", "m"), ("Aigerim", "Айгерим", "f"),
    ("Dilnoza", "Дилноза", "f"), ("Elena", "Елена", "f"), ("Gulnara", "Гульнара", "f"),
    ("Irina", "Ирина", "f"), ("Madina", "Мадина", "f"), ("Nargiza", "Наргиза", "f"),
    ("Olga", "Ольга", "f"), ("Saule", "Сауле", "f"), ("Zarina", "Зарина", "f"),
]  # fmt: skip
FAMILY_NAMES = [
    ("Abdullayev", "Абдуллаев"), ("Akhmetov", "Ахметов"), ("Aliyev", "Алиев"),
    ("Bekov", "Беков"), ("Davletov", "Давлетов"), ("Ermekov", "Ермеков"),
    ("Ibragimov", "Ибрагимов"), ("Ismoilov", "Исмоилов"), ("Karimov", "Каримов"),
    ("Kasymov", "Касымов"), ("Kuznetsov", "Кузнецов"), ("Mamedov", "Мамедов"),
    ("Nazarov", "Назаров"), ("Nurmatov", "Нурматов"), ("Orlov", "Орлов"),
    ("Rakhimov", "Рахимов"), ("Saidov", "Саидов"), ("Sokolov", "Соколов"),
    ("Tursunov", "Турсунов"), ("Usmanov", "Усманов"), ("Valiyev", "Валиев"),
    ("Yusupov", "Юсупов"), ("Zhakupov", "Жакупов"), ("Berdiyev", "Бердыев"),
    ("Durdyev", "Дурдыев"), ("Sharipov", "Шарипов"), ("Sultanov", "Султанов"),
    ("Kholmatov", "Холматов"), ("Rahmonzoda", "Рахмонзода"), ("Safarzoda", "Сафарзода"),
    ("Nazarzoda", "Назарзода"), ("Ismoilzoda", "Исмоилзода"), ("Popov", "Попов"),
    ("Volkov", "Волков"), ("Tokayev", "Токаев"), ("Omarov", "Омаров"),
]  # fmt: skip
HONORIFICS = {
    "m": ["Mr.", "Mr.", "Mr.", "Colonel", "Lieutenant-Colonel", "Major", "Dr."],
    "f": ["Ms.", "Ms.", "Mrs.", "Dr.", "Major"],
}
JOB_TITLES = [
    "Analyst", "Senior Analyst", "Liaison Officer", "Head of Division", "Deputy Head",
    "Chief Inspector", "Senior Investigator", "Programme Officer", "National Coordinator",
    "Head of International Cooperation", "Expert on Precursors", "Legal Adviser",
]  # fmt: skip

# (name, other name, kind) for generated organisations, one per country and pattern.
ORGANISATION_PATTERNS = [
    ("Drug Control Service of {country}", "{country} Drug Control Service", "national_authority"),
    ("State Customs Service of {country}", "{country} Customs", "national_authority"),
    ("State Border Service of {country}", "{country} Border Guards", "national_authority"),
    ("Financial Intelligence Unit of {country}", "{country} FIU", "national_authority"),
    ("Prosecutor General's Office of {country}", "{country} Prosecutor's Office", "national_authority"),
    ("Ministry of Health of {country}", "{country} Health Ministry", "ministry"),
    ("Embassy of {country} in Kazakhstan", "{country} Embassy, Astana", "diplomatic_mission"),
    ("National Police Academy of {country}", "{country} Police Academy", "other"),
]  # fmt: skip
COUNTRIES = [
    ("Azerbaijan", "AZ"), ("Kazakhstan", "KZ"), ("Kyrgyzstan", "KG"), ("Russia", "RU"),
    ("Tajikistan", "TJ"), ("Turkmenistan", "TM"), ("Uzbekistan", "UZ"), ("Afghanistan", "AF"),
    ("Iran", "IR"), ("Pakistan", "PK"), ("China", "CN"), ("Mongolia", "MN"), ("Türkiye", "TR"),
    ("Belarus", "BY"), ("Armenia", "AM"), ("Georgia", "GE"), ("Germany", "DE"),
    ("France", "FR"), ("Italy", "IT"), ("India", "IN"), ("Japan", "JP"),
    ("the Republic of Korea", "KR"), ("the United Kingdom", "GB"), ("the United States", "US"),
]  # fmt: skip

# Who took part when no one is named; {country} as in COUNTRIES.
UNNAMED_PARTICIPANTS = [
    "delegation of {country}",
    "representative of {country}",
    "experts from {country}",
    "national focal point of {country}",
]
