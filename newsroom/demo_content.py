"""Demo content for `manage.py load_demo`, as plain data.

The twelve news items are a page of CARICC's old "Breaking news" list (autumn 2020), kept
verbatim: one string per paragraph, spelling and punctuation as published. Everything else
(organisations, people, events) is what those texts state, plus a few clearly marked
additions for the demo. Slugs are explicit so that re-running the command finds the same rows.
"""

# ruff: noqa: E501  (seed paragraphs are kept verbatim, one per line, for diffing with the source)

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
        "logo": True,
    },
    {
        "slug": "caricc-council-of-national-coordinators",
        "name": "CARICC Council of National Coordinators",
        "parent": "caricc",
        "kind": "other",
        "description": "CARICC's governing body, made up of the heads of the coordinating competent authorities of the member states and the CARICC Director.",
    },
    {
        "slug": "unodc",
        "name": "United Nations Office on Drugs and Crime",
        "short_name": "UNODC",
        "kind": "international",
        "website": "https://www.unodc.org",
        "description": "United Nations office that helps states counter illicit drugs, organized crime, corruption and terrorism. Headquartered in Vienna.",
        "logo": True,
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
    },
    {
        "slug": "unodc-programme-office-in-kazakhstan",
        "name": "UNODC Programme Office in Kazakhstan",
        "kind": "international",
        "country": "KZ",
        "parent": "unodc",
        "description": "UNODC's programme office in Kazakhstan; its head also coordinates UNODC's project in support of CARICC.",
    },
    {
        "slug": "unodc-wco-container-control-programme",
        "name": "UNODC–WCO Global Container Control Programme",
        "short_name": "CCP",
        "kind": "programme",
        "parent": "unodc",
        "description": "Joint programme of UNODC and the World Customs Organization that helps governments set up port control units to profile and inspect high-risk containers.",
    },
    {
        "slug": "inter-regional-network-of-customs-authorities-and-port-control-units",
        "name": "Inter-Regional Network of Customs Authorities and Port Control Units",
        "short_name": "Inter-regional Network",
        "kind": "programme",
        "parent": "unodc-wco-container-control-programme",
        "description": "Network of customs services and port control units founded by a memorandum of understanding signed by heads of customs administrations on 22 May 2019 in Tashkent, with a simplified mechanism of information exchange between national focal points.",
    },
    {
        "slug": "paris-pact-initiative",
        "name": "Paris Pact Initiative",
        "kind": "programme",
        "parent": "unodc",
        "description": "International partnership of countries and organisations, supported by UNODC, countering the trafficking and consumption of Afghan opiates.",
    },
    {
        "slug": "unodc-regional-programme-for-afghanistan-and-neighbouring-countries",
        "name": "UNODC Regional Programme for Afghanistan and Neighbouring Countries",
        "kind": "programme",
        "parent": "unodc",
        "description": "UNODC programme promoting regional cooperation on drug control and crime between Afghanistan and its neighbours; the Regional Working Group on Precursors meets under it every quarter.",
    },
    {
        "slug": "unodc-programme-for-central-asia",
        "name": "UNODC Programme for Central Asia",
        "kind": "programme",
        "parent": "unodc",
        "description": "UNODC's strategic framework for the five Central Asian states. Its Sub-Programme 1 covers transnational organized crime, illicit drug trafficking and terrorism prevention, including a Border Component.",
    },
    {
        "slug": "incb",
        "name": "International Narcotics Control Board",
        "short_name": "INCB",
        "kind": "international",
        "website": "https://www.incb.org",
        "description": "Independent body that monitors the implementation of the United Nations international drug control conventions, including the control of precursors.",
        "logo": True,
    },
    {
        "slug": "wco",
        "name": "World Customs Organization",
        "short_name": "WCO",
        "kind": "international",
        "website": "https://www.wcoomd.org",
        "description": "Intergovernmental organisation of customs administrations, headquartered in Brussels.",
        "logo": True,
    },
    {
        "slug": "rocb-europe",
        "name": "Regional Office for Capacity Building for the World Customs Organization Europe Region",
        "short_name": "ROCB Europe",
        "kind": "regional_centre",
        "parent": "wco",
        "description": "The WCO's regional office for capacity building in its Europe region, supporting customs administrations with training and institutional development.",
    },
    {
        "slug": "dea",
        "name": "Drug Enforcement Administration",
        "short_name": "DEA",
        "kind": "national_authority",
        "country": "US",
        "website": "https://www.dea.gov",
        "description": "United States federal law enforcement agency that enforces the country's drug laws, at home and through offices abroad.",
    },
    {
        "slug": "dea-middle-east-region-office",
        "name": "DEA Middle East Region Office",
        "kind": "national_authority",
        "country": "US",
        "parent": "dea",
        "description": "Regional office of the US Drug Enforcement Administration whose Assistant Regional Director met the CARICC Director in October 2020.",
    },
    {
        "slug": "osce",
        "name": "Organization for Security and Co-operation in Europe",
        "short_name": "OSCE",
        "kind": "international",
        "website": "https://www.osce.org",
        "description": "Regional security organisation of participating States from Europe, Central Asia and North America.",
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
    },
    {
        "slug": "ministry-of-internal-affairs-of-kazakhstan",
        "name": "Ministry of Internal Affairs of the Republic of Kazakhstan",
        "kind": "ministry",
        "country": "KZ",
        "description": "Kazakhstan's interior ministry, responsible for policing and for countering drug trafficking. An active user of the CARICC Central Database; Kazakhstan is CARICC's host country.",
    },
    {
        "slug": "ministry-of-internal-affairs-of-kyrgyzstan",
        "name": "Ministry of Internal Affairs of the Kyrgyz Republic",
        "kind": "ministry",
        "country": "KG",
        "description": "Kyrgyzstan's interior ministry; its drug control service is a competent authority for CARICC.",
    },
    {
        "slug": "ministry-of-internal-affairs-of-russia",
        "name": "Ministry of Internal Affairs of the Russian Federation",
        "kind": "ministry",
        "country": "RU",
        "description": "Russia's interior ministry; its drug control directorate is a competent authority for CARICC.",
    },
    {
        "slug": "drug-control-agency-of-tajikistan",
        "name": "Drug Control Agency under the President of the Republic of Tajikistan",
        "short_name": "DCA",
        "kind": "national_authority",
        "country": "TJ",
        "description": "Tajikistan's specialised drug control agency, reporting to the President.",
    },
    {
        "slug": "ministry-of-internal-affairs-of-tajikistan",
        "name": "Ministry of Internal Affairs of the Republic of Tajikistan",
        "kind": "ministry",
        "country": "TJ",
        "description": "Tajikistan's interior ministry, one of the country's law enforcement bodies countering drug trafficking.",
    },
    {
        "slug": "ministry-of-foreign-affairs-of-tajikistan",
        "name": "Ministry of Foreign Affairs of the Republic of Tajikistan",
        "kind": "ministry",
        "country": "TJ",
        "description": "Tajikistan's foreign ministry.",
    },
    {
        "slug": "ministry-of-internal-affairs-of-turkmenistan",
        "name": "Ministry of Internal Affairs of Turkmenistan",
        "kind": "ministry",
        "country": "TM",
        "description": "Turkmenistan's interior ministry, a competent authority for CARICC.",
    },
    {
        "slug": "national-centre-on-drug-control-of-uzbekistan",
        "name": "National Information and Analytical Center on Drug Control under the Cabinet of Ministers of the Republic of Uzbekistan",
        "kind": "national_authority",
        "country": "UZ",
        "description": "Uzbekistan's body coordinating drug control and the analysis of drug-related information.",
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
        "aliases": ["Y.Chikalov", "Y. Chikalov", "Юрий Чикалов"],
        "positions": [
            ("Acting Head of Information and Analytical Unit (IAP)", "caricc", None, None),
        ],
    },
    {
        "slug": "alevtina-tiurina",
        "full_name": "Alevtina Tiurina",
        "honorific": "Ms.",  # "Mrs." in the byline of 15 August 2020, "Ms." on 8 July 2020
        "aliases": ["A.Tiurina", "A. Tiurina", "Алевтина Тюрина"],
        "positions": [("Senior Analyst, Information and Analytical Unit", "caricc", None, None)],
    },
    {
        "slug": "tatiana-evdokimova",
        "full_name": "Tatiana Evdokimova",
        "honorific": "Ms.",
        "aliases": ["T.Evdokimova", "T. Evdokimova", "Татьяна Евдокимова"],
        "positions": [("Analyst, Information and Analytical Unit", "caricc", None, None)],
    },
    {
        # The seed gives only the initial of the given name.
        "slug": "b-abdijaliev",
        "full_name": "B. Abdijaliev",
        "honorific": "Mr.",
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
        "aliases": ["M.Nowacoski", "M. Nowacoski"],
        "positions": [("Assistant Regional Director", "dea-middle-east-region-office", None, None)],
    },
    {
        "slug": "eser-cengel",
        "full_name": "Eser Çengel",
        "honorific": "Mr.",
        "aliases": ["Eser Cengel", "E.Çengel"],
        "positions": [("Director", "rocb-europe", None, None)],
    },
    {
        "slug": "ketil-ottersen",
        "full_name": "Ketil Ottersen",
        "honorific": "Mr.",
        "aliases": ["K.Ottersen"],
        "positions": [("Senior Coordinator", "unodc-wco-container-control-programme", None, None)],
    },
    {
        "slug": "peter-timmermans",
        "full_name": "Peter Timmermans",
        "honorific": "Mr.",
        "aliases": ["P.Timmermans"],
        "positions": [("Technical Expert", "wco", None, None)],
    },
    {
        "slug": "batyr-geldiyev",
        "full_name": "Batyr Geldiyev",
        "honorific": "Mr.",
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
        "aliases": ["Sh.O.Salimzoda", "Sh.O. Salimzoda", "Salimzoda Sh.O."],
        "positions": [("Director", "drug-control-agency-of-tajikistan", None, None)],
    },
    {
        # "R.Kh.Rahimzoda" in the seed: Ramazon Hamro Rahimzoda, Minister since 5 January 2012.
        "slug": "ramazon-rahimzoda",
        "full_name": "Ramazon Rahimzoda",
        "honorific": "Colonel-General",
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

# --- Events reported by the seed items -------------------------------------------------------
# participations: (person slug, role, presentation title exactly as quoted, or ""), or, where the
# text names no one, a dict with "label", "organisation", "role" and optional "presentation".
# Each event is published with the earliest publication time of the articles linking to it.
EVENTS = [
    {
        "slug": "regional-working-group-on-precursors-2020-10",
        "title": "Online meeting of the Regional Working Group on Precursors",
        "kind": "working_group",
        "format": "online",
        "starts_on": date(2020, 10, 19),
        "summary": "Quarterly online meeting of the Regional Working Group on Precursors hosted by the UNODC Regional Office for Central Asia; it decided to develop a regional response, including a strategy and joint action plans.",
        "description": [
            "A CARICC staff member presented “Information on situation with illicit trafficking of precursors in CARICC Member States”.",
        ],
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
                "presentation": "Information on situation with illicit trafficking of precursors in CARICC Member States",
            },
        ],
        "tags": ["precursors", "working group"],
    },
    {
        "slug": "caricc-director-meets-dea-middle-east-region-office-2020-10",
        "title": "Meeting of the CARICC Director with the DEA Middle East Region Office",
        "kind": "meeting",
        "format": "in_person",
        "starts_on": date(2020, 10, 2),
        "city": "Almaty",
        "venue": "CARICC, Almaty",
        "country": "KZ",
        "summary": "The CARICC Director and the Assistant Regional Director of the US DEA Middle East Region Office discussed joint counter-narcotics operations and agreed to meet at least once a quarter.",
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
        "title": "Second regional working meeting of the Border Component Steering Committees",
        "kind": "meeting",
        "format": "online",
        "starts_on": date(2020, 9, 30),
        "summary": "Beneficiaries of the Border Component of the UNODC Programme for Central Asia reported on results and plans; CARICC presented drug trafficking trends before and during the COVID-19 pandemic.",
        "hosts": ["unodc-programme-for-central-asia"],
        "organisations": ["caricc", "unodc-regional-office-for-central-asia"],
        "participations": [
            ("yusuf-kurbonov", "moderator", ""),
            ("ashita-mittal", "speaker", ""),
            (
                "yury-chikalov",
                "presenter",
                "Illicit trafficking of drugs in Central Asia before and during COVID-19 pandemic",
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
        "hosts": ["caricc"],
        "organisations": [
            "rocb-europe",
            "unodc-programme-office-in-kazakhstan",
            *MEMBER_STATE_AUTHORITIES,
        ],
        # "Parties made presentations": each side's head is taken to have given its own.
        "participations": [
            (
                "rustam-miralizoda",
                "presenter",
                "CARICC as a platform for international and regional cooperation",
            ),
            (
                "eser-cengel",
                "presenter",
                "Foundation, mission, focus areas and activities of the Regional Office for Capacity building for the World Customs Organization Europe Region",
            ),
            ("naweed-riaz", "participant", ""),
        ],
        "tags": ["cooperation", "customs"],
    },
    {
        "slug": "caricc-director-meets-minister-of-internal-affairs-of-kazakhstan-2020-09",
        "title": "Meeting of the CARICC Director with the Minister of Internal Affairs of Kazakhstan",
        "kind": "meeting",
        "format": "in_person",
        "starts_on": date(2020, 9, 19),
        "city": "Almaty",
        "venue": "CARICC, Almaty",
        "country": "KZ",
        "summary": "The Minister of Internal Affairs of Kazakhstan and the CARICC Director discussed information exchange, joint operations and the host country's support to the Centre.",
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
        "summary": "Experts of the seven member states agreed to send the draft Agreement on the exchange and protection of classified information to the member states for approval.",
        "description": [
            "Experts from the competent authorities of the seven member states and representatives of CARICC took part, with the UN Office on Drugs and Crime as observer. A CARICC representative moderated the videoconference.",
        ],
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
        "title": "Inter-regional Expert Meeting of Customs Authorities and Port Control Units",
        "kind": "meeting",
        "format": "online",
        "starts_on": date(2020, 9, 10),
        "ends_on": date(2020, 9, 11),
        "summary": "Online meeting of the Inter-Regional Network of the UNODC–WCO Container Control Programme; CARICC presented its study of container transportation used for cross-border drug trafficking in 2018–2020.",
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
        # Place and format are not stated in the seed.
        "slug": "caricc-director-meets-head-of-unodc-programme-office-in-kazakhstan-2020-07",
        "title": "Working meeting of the CARICC Director with the Head of the UNODC Programme Office in Kazakhstan",
        "kind": "meeting",
        "format": "in_person",
        "starts_on": date(2020, 7, 22),
        "summary": "The CARICC Director reported on his trip to Dushanbe; the parties reviewed the July webinars and the recruitment to vacant CARICC posts.",
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
        "title": "Meeting of the CARICC Director at the Ministry of Foreign Affairs of Tajikistan",
        "kind": "meeting",
        "format": "in_person",
        "starts_on": date(2020, 7, 15),
        "city": "Dushanbe",
        "country": "TJ",
        "summary": "The CARICC Director and the Deputy Minister of Foreign Affairs of Tajikistan discussed the accession of Afghanistan and Turkey to the CARICC Agreement and the draft agreement on secret information.",
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
        "title": "UNODC and CARICC webinars",
        "kind": "webinar",
        "format": "online",
        "starts_on": date(2020, 7, 7),
        "ends_on": date(2020, 7, 8),
        "summary": "Two webinars for the competent authorities of CARICC member states and international organisations: the World Drug Report 2020, trends in the CARICC space, border and container control programmes.",
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

# --- The seed items -----------------------------------------------------------------------
# published_on: the date the text states (the last day of a range), shown at 10:00 in Almaty.
# "hero": draw a placeholder illustration for it.
ARTICLES = [
    {
        "slug": "online-meeting-of-regional-working-group-on-precursors",
        "title": "Online meeting of Regional Working Group on Precursors",
        "section": "news",
        "published_on": date(2020, 10, 19),
        "paragraphs": [
            "On 19 October 2020, a staff member of the Central Asian Regional Information and Coordination Centre for Combating Illicit Trafficking of Narcotic Drugs, Psychotropic Substances and their Precursors joined an online meeting of the Regional Working Group on Precursors hosted by the UNODC Regional Office for Central Asia, which is held on a regular quarterly basis as part of the UNODC Regional Programme for Afghanistan and Neighboring Countries.",
            "The meeting was attended by delegations from the Regional Programme countries and experts from the International Narcotics Control Board, CARICC and UNODC global programmes such Paris Pact initiative.",
            "The event discussed recent trends in precursor control in the West and Central Asia region and national priorities in this area.",
            "CARICC staff member made a presentation on “Information on situation with illicit trafficking of precursors in CARICC Member States”.",
            "The Regional Working Group concluded with a decision to develop a regional response, including a strategy and joint action plans.",
            "Participants highlighted the importance of events in this format and opportunity to share information in the context of the COVID-19 pandemic.",
        ],
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
        "slug": "caricc-director-r-miralizoda-meets-dea-assistant-regional-director-m-nowacoski",
        "title": "CARICC Director R.Miralizoda meets Assistant Regional Director of DEA Middle East Region Office M.Nowacoski",
        "section": "news",
        "published_on": date(2020, 10, 2),
        "paragraphs": [
            "Major-General Rustam Miralizoda, Centre Director, met with Mr. Michael Nowacoski, Assistant Regional Director of the US DEA Middle East Region Office on 2 October 2020 in CARICC.",
            "In the course of the meeting the parties discussed current topics of the Center's work in the context of coronavirus infection pandemic and assistance in implementation of joint counter-narcotics operations.",
            "Furthermore, the parties highlighted the importance of developing international and regional cooperation despite difficult situation with coronavirus pandemic.",
            "The meeting concluded with an agreement to organize similar meetings at least once a quarter.",
        ],
        "tags": ["cooperation", "joint operations", "covid-19"],
        "organisations": ["caricc", "dea", "dea-middle-east-region-office"],
        "participants": ["rustam-miralizoda", "michael-nowacoski"],
        "events": ["caricc-director-meets-dea-middle-east-region-office-2020-10"],
    },
    {
        "slug": "online-meeting-of-steering-committees-of-border-component-of-unodc-programme",
        "title": "Online meeting of Steering Committees established under Border Component of UNODC Programme for Central Asia",
        "section": "news",
        "published_on": date(2020, 9, 30),
        "paragraphs": [
            "Second regional working meeting of Steering Committees established under the Border Component of the UNODC Programme for Central Asia was held on September 30, 2020 within the framework of the Sub-Programme 1 “Countering Transnational organized crime, illicit drug trafficking and preventing terrorism” of the UNODC Programme for Central Asia.",
            "The meeting was moderated by Mr. Yusuf Kurbonov, UNODC International Programme Coordinator. In her opening speech, Ms. Ashita Mittal, UNODC Regional Representative, thanked all beneficiaries of the regional project for their strong commitment and expressed her readiness for a continued partnership in combating drug trafficking in the region.",
            "Project beneficiaries from all participating countries in Central Asia - Kazakhstan, Kyrgyzstan, Tajikistan, Turkmenistan and Uzbekistan, who took part in the working meeting, presented update on achieved results, as well as planned activities under the Border Component.",
            "CARICC was represented at the online meeting by Mr. Yury Chikalov, Acting Head of IAP. In accordance with agenda, he delivered a presentation on “Illicit trafficking of drugs in Central Asia before and during COVID-19 pandemic” and provided details on the Centre's engagement in implementation of the component in recent years.",
            "During the meeting, national programme managers and UNODC partners from each member country informed the meeting about the progress made so far in implementing the project amidst the spread of COVID-19 pandemic in the region and in countries. They also touched upon the project work plan, which needs to be reviewed with regard to quarantine restrictions. In addition, project team drew participants' attention to national and regional events and trainings planned for October-December 2020.",
        ],
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
        "title": "CARICC leadership meeting with Regional Office for Capacity building for the World Customs Organization Europe Region",
        "section": "news",
        "published_on": date(2020, 9, 24),
        "paragraphs": [
            "Mr. Rustam Miralizoda, CARICC Director, and Mr. Eser Çengel, Director of the Regional Office for Institutional Development of the Regional Office for Capacity building for the World Customs Organization Europe Region (ROCB Europe), met on September 24, 2020 in the format of videoconference.",
            "The meeting was also attended by staff members of the regional centers, Mr. Naweed Riaz, UNODC international coordinator and CARICC project coordinator, and authorized representatives of national competent authorities of CARICC Member States.",
            "During the meeting parties made presentations on following topics: “CARICC as a platform for international and regional cooperation” and “Foundation, mission, focus areas and activities of the Regional Office for Capacity building for the World Customs Organization Europe Region”.",
            "After learning about goals, objectives and work of organizations it was decided to strengthen cooperation and practical interaction.",
            'CARICC plans to implement this direction of action within the framework of the UNODC initiative on “Networking the Networks" - to establish and expand ties between regional organizations.',
        ],
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
        "title": "CARICC Director Mr. R.Miralizoda meets with Minister of Internal Affairs of the Republic of Kazakhstan Mr. Ye.Turgumbayev",
        "section": "news",
        "published_on": date(2020, 9, 19),
        "paragraphs": [
            "On 19 September 2020 the Central Asian Regional Information and Coordination Centre for Combating Illicit Trafficking of Narcotic Drugs, Psychotropic Substances and their Precursors hosted a meeting of Major-General R. Miralizoda, Director, with Lieutenant-General Ye.Turgumbayev, Minister of Internal Affairs of the Republic of Kazakhstan.",
            "The meeting discussed practical cooperation in combating drug trafficking, information exchange, international joint operations, and challenges related to CARICC work.",
            "Mr. R.Miralizoda expressed his gratitude to the Kazakh side for the support provided to the Centre, including financial, and also stated his hope for further support in addressing matters of development of the Organization's activity.",
            "In his statement, the Minister of Internal Affairs remarked that “Kazakhstan attaches the utmost importance to CARICC efforts. Today the Centre is a unique project that has not only achieved certain results, but also has great prospects in expanding counter narcotics. We firmly believe in effectiveness of CARICC as a regional anti-drug entity. Therefore, Kazakhstan has assumed responsibilities of a host country and is making voluntary contributions to CARICC”.",
            "Mr. Ye.Turgumbayev also added that the Ministry of Internal Affairs of Kazakhstan is an active user of the CARICC Central Database and uploads essential information regularly.",
            "The meeting concluded with agreements reached on further development of constructive and balanced international cooperation in combating drug trafficking.",
        ],
        "tags": ["cooperation", "information exchange", "host country"],
        "organisations": ["caricc", "ministry-of-internal-affairs-of-kazakhstan"],
        "participants": ["rustam-miralizoda", "yerlan-turgumbayev"],
        "events": ["caricc-director-meets-minister-of-internal-affairs-of-kazakhstan-2020-09"],
        "hero": True,
    },
    {
        "slug": "experts-working-group-of-caricc-member-states-on-regulatory-legal-framework",
        "title": "Experts working group meetings of the CARICC member states on improving the regulatory legal framework of CARICC",
        "section": "news",
        "published_on": date(2020, 9, 15),
        "paragraphs": [
            "In the format of videoconference, on September 14-15, 2020, a meeting of the Working Group of Experts of the Participating States on Improving the CARICC Regulatory Framework to consider the draft Agreement between the participating States on the exchange and protection of classified information was held.",
            "The meeting of the Working Group was attended by experts from the competent authorities of the Republic of Azerbaijan, the Republic of Kazakhstan, the Kyrgyz Republic, the Russian Federation, the Republic of Tajikistan, Turkmenistan, the Republic of Uzbekistan, representatives of CARICC, as well as the UN Office on Drugs and Crime as observers.",
            "Taking into account that the meeting was held in the format of videoconference, the representative of CARICC was appointed as its moderator.",
            "Based on the results of the discussion, the participants in the meeting reached an agreement on sending the draft Agreement to the CARICC member states for approval, with the subsequent submission to the next meeting of experts of the Council of National Coordinators of the CARICC member states.",
            "Director of CARICC Miralizoda Rustam Aziz and Head of the UNODC Program Office in the Republic of Kazakhstan Mr. Naweed Riaz in their speeches noted the importance of reaching consensus on the draft Agreement considered, as well as the importance of adopting this document for the full functioning and development of the CARICC potential.",
        ],
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
        "title": "CARICC staff participate in Inter-regional Expert Meeting",
        "section": "news",
        "published_on": date(2020, 9, 11),
        "paragraphs": [
            "An online expert meeting was hosted within the Inter-Regional Network of Customs Authorities and Port Control Units (Inter-regional Network) of the United Nations Office on Drugs and Crime and the World Customs Organization Global Container Control Programme on 10-11 September 2020.",
            "The meeting brought together representatives of the United Nations Office on Drugs and Crime, CARICC, the World Customs Organization, diplomatic missions of donor countries and other international organizations, and customs authorities and customs control services of member countries of the Inter-regional Network (the Islamic Republic of Afghanistan, Georgia, the Republic of Kazakhstan, the Kyrgyz Republic, the Islamic Republic of Pakistan, the Republic of Tajikistan, Turkmenistan, Ukraine and the Republic of Uzbekistan), and the Republic of Azerbaijan, which expressed its interest in joining the Network.",
            "Foundation of the Inter-regional Network, established upon signature of the Memorandum of Understanding on Network foundation by heads of customs administrations on May 22, 2019 in Tashkent, contributed to establishment and strengthening of practical interaction between customs services of the mentioned countries. A simplified mechanism of information exchange between national focal points of customs services and port control units is implemented within the Inter-regional Network.",
            "Ms. Ashita Mittal, UNODC Regional Representative for Central Asia, Mr. Ketil Ottersen (Vienna), Senior Coordinator of UNODC Global Container Control Programme, and Mr. Peter Timmermans (Brussels), WCO Technical Expert, addressed the meeting with welcome remarks.",
            "The event was moderated by Mr. Batyr Geldiyev, Regional Programme Coordinator, and Mr. Peter Timmermans, and key speakers included international coordinators of UNODC programmes in Central Asia and representatives of customs authorities and customs control services of the countries participating in the Inter-regional Network.",
            "Ms. Tatiana Evdokimova, CARICC representative, presented a report on the Center's work under international and regional cooperation in combating illicit trafficking of narcotic drugs, psychotropic substances and their precursors. Participants were introduced to results of a study on the use of container transportation for cross-border drug trafficking in 2018-2020 that was performed by CARICC Information and Analytical Unit personnel. Moreover, the CARICC representative emphasized the importance of analytical efforts aimed at addressing challenges of operational and strategic response to drug trafficking and transnational organized crime.",
            "Participants underscored the need to strengthen mechanisms for cooperation and rapid information exchange, to establish and expand links, to address in a timely manner problematic aspects of practical interaction between national customs contacts and port control units of the countries participating in the Inter-regional Network, and to share information in the context of the COVID-19 pandemic.",
            "Based on the results of the UNODC meeting, recommendations will be developed for the countries participating in the Interregional Network.",
        ],
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
        # Undated in the seed; its three byline lines and "More..." are authors, not body.
        "slug": "tackling-organized-drug-crime-in-the-context-of-covid-19-pandemic",
        "title": "Tackling organized drug crime in the context of COVID-19 pandemic",
        "section": "analytics",
        "published_on": date(2020, 8, 15),
        "paragraphs": [
            "Coronavirus pandemic in 2020 is likely to be main factor affecting changes in transnational crime and drug trafficking in the world in general and the Central Asian region in particular.",
            "Closure of borders, restriction of movement between cities and other quarantine measures within states have, to a certain extent, complicated transport of narcotic drugs as well as distribution of drugs within countries, in populated areas and between them.",
            "Analysis of drug seizures in the region over the past period in 2020 shows that illicit market traditionally has a higher share of cannabis group drugs.",
            "Meanwhile, the problem of synthetic drugs is becoming more and more acute. Between January and May this year, about 1 ton and 50 kg of psychotropic and new psychoactive substances, some of which are amphetamine-type stimulants, were seized in CARICC Member States.",
            "In the same period, over 370 kg of opium group drugs and 1 ton and 890 kg of cannabis group drugs were seized.",
            "Thus, as a result of monitoring and analysis of available information, the Centre identified main changes observed in drug trafficking and examined some of anticipated elements of drug crime organization caused by restrictive measures related to coronavirus imposed by countries both worldwide and in the Central Asian region.",
            "Closing national borders to movement of people and restricting movement of goods across borders has to some extent weakened the ability of transnational organized crime groups to smuggle drugs and their precursors, as well as to transfer cash generated by transnational drug trade. However, this assumption requires further study, as there is a trend of increasing seizures of drugs in the Central Asian region as a whole (including those originating in Afghanistan) during the period of the pandemic, which may be a result of increased anti-drug measures, including state control of movement of goods at borders, rather than of intensification of transnational drug groups.",
            "However, according to some experts, this encourages organized drug crime to make greater use of the efforts of states to provide food and medicine, which often disguise drugs, to the population. Drug trafficking groups could also make greater use of high-tech equipment in the form of drones and other semi-autonomous vehicles, and vice versa, “natural” means of transporting drug shipments across national borders using animals and postal birds.",
            "Restrictions on movement within countries/regions due to quarantine and emergency situations (including curfew regimes) have also reduced the ability of drug dealers to supply and drug users to obtain narcotic drugs and psychotropic substances. It has also become more difficult to distribute drugs contactlessly through caches, etc. However, attention should be drawn here to the opinions of a number of experts that the sale of drugs by contactless means may have been shifted to sales using or under the guise of courier delivery services. This method may continue to be used for criminal purposes in the future, and drug dealers will start using technological tools more actively.",
            "Limitations on movement of people and goods in the world may shift the structure of international drug trafficking from reducing transnational trade and smuggling of plant-based drugs to organizing production of synthetic drugs and new psychoactive substances in places of their direct sale, which allows drug dealers to minimize their risks and costs associated with logistics of drug supplies. This assumption is confirmed by increasing share of NPS and synthetic drugs in composition of drug market.",
            "Self-isolation has led to increased use of electronic services, including criminal ones. This has increased the motivation of drug dealers to switch from using cash payments to using “Darknet” and electronic payment systems. In addition, coercive measures to isolate population and insufficient state measures to provide material support to the most socially vulnerable groups left without a livelihood may facilitate their transition to underground economy sectors. Economic hardship makes societies more receptive to criminal offers such as recruitment for criminal actions such as plant cultivation or courier services for drugs and money. Transnational drug crime is likely to try to use this opportunity to recruit new relatively inexpensive members for “rough work”. This may also be exacerbated by the trend of labour migrants who have been left without jobs and livelihoods returning to the states of the region.",
            "On the positive side, drug traffickers incurred significant economic losses during the pandemic, which, it is to be hoped, undermined the financial capacity of organized drug groups. This factor is likely to help deter the inevitable adaptation of drug crime to the new environment, and drug control authorities will gain time to devise an adequate response.",
        ],
        "tags": ["analytics", "covid-19", "synthetic drugs", "darknet", "member states"],
        "organisations": ["caricc"],
        "participants": [],
        # (person slug, byline as printed with the piece)
        "authors": [
            (
                "b-abdijaliev",
                "Acting Advisor/Head of International Operations Coordination Unit, CARICC",
            ),
            ("yury-chikalov", "Acting Advisor/Head of Information and Analytical Unit, CARICC"),
            ("alevtina-tiurina", "Senior Analyst of Information and Analytical Unit, CARICC"),
        ],
        "events": [],
        "hero": True,
    },
    {
        "slug": "meeting-of-caricc-director-with-head-of-unodc-programme-office-in-kazakhstan",
        "title": "Meeting of the CARICC Director with the Head of the UNODC Program Office in the Republic of Kazakhstan",
        "section": "news",
        "published_on": date(2020, 7, 22),
        "paragraphs": [
            "On July 22, 2020 a working meeting of the Director of CARICC Major-General Miralizod Rustam Aziz with the Head of the Programme Office of UNODC in the Republic of Kazakhstan Mr. Naweed Riaz was held.",
            "During the meeting Mr. Miralizoda R.A. informed Mr. Naweed Riaz about the results of his business trip to the capital of the Republic of Tajikistan.",
            "The parties gave a positive assessment of the webinars organized and held in early July, which were attended by staff of the Centre, representatives of the competent authorities of CARICC member states and international organizations, including UNODC and OSCE. The issue of holding a competition to fill the vacant posts of CARICC was also considered.",
            "At the end of the meeting, plans were outlined for the near future to promote the organization at the regional and international levels and the issue of the CARICC development in the conditions of the spread of coronavirus infection COVID-19 was discussed.",
        ],
        "tags": ["cooperation", "webinar", "recruitment", "covid-19"],
        "organisations": ["caricc", "unodc-programme-office-in-kazakhstan", "unodc", "osce"],
        "participants": ["rustam-miralizoda", "naweed-riaz"],
        "events": ["caricc-director-meets-head-of-unodc-programme-office-in-kazakhstan-2020-07"],
    },
    {
        # Undated in the seed; 15 July 2020 is an assumption (after the Dushanbe meetings).
        "slug": "discussion-of-cooperation-in-ministry-of-foreign-affairs-of-tajikistan",
        "title": "Discussion of cooperation in the Ministry of Foreign Affairs of the Republic of Tajikistan",
        "section": "news",
        "published_on": date(2020, 7, 15),
        "paragraphs": [
            "During his working visit to Tajikistan, the Director of CARICC, Mr. Rustam Aziz Miralizoda, met with his Excellency Zohir SAIDZODA, Deputy Minister of foreign Affairs of Tajikistan.",
            "The meeting discussed accession of the Islamic Republic of Afghanistan and the Republic of Turkey to the CARICC Agreement, the Centre's work to review and agree upon draft Agreement between CARICC Member States on exchange and protection of secret information, as well as other important cooperation topics in combating illicit drug trafficking and prospects for its development.",
            "A few days earlier, CARICC Director met with leadership of the DCA under the President of the Republic of Tajikistan, the Ministry of Internal Affairs of the Republic of Tajikistan, and other law enforcement agencies and specialized institutions of the country.",
        ],
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
        "title": "CARICC Director on working meetings in Dushanbe",
        "section": "news",
        "published_on": date(2020, 7, 11),
        "paragraphs": [
            "On July 10 and 11, 2020 in Dushanbe Major-General R.A.Miralizoda, CARICC Director, had working meetings with Lieutenant-General Sh.O.Salimzoda, Director of the Drug Control Agency under the President of the Republic of Tajikistan, and Colonel-General R.Kh.Rahimzoda, Minister of Internal Affairs of the Republic of Tajikistan.",
            "The meetings discussed CARICC cooperation with competent authorities of Tajikistan, as well as the use of CARICC capacity in promoting regional anti-narcotics collaboration during the spread of COVID-19 coronavirus infection.",
            "During their meetings participants also discussed topics related to Tajikistan's chairmanship at the Centre, accession of the Islamic Republic of Afghanistan and the Republic of Turkey to the Agreement on Establishment of the CARICC, the Centre's efforts in reviewing and agreeing upon draft Agreement between CARICC Member States on exchange and protection of secret information, as well as conducting an online competition among employees of competent authorities that passed the first qualifying round for recruitment to vacant CARICC posts, and other matters of mutual interest.",
            "During his visit to Tajikistan, CARICC Director R.A.Miralizoda will meet with heads of other law enforcement agencies and specialized authorities of the Republic of Tajikistan.",
        ],
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
        "title": "UNODC and CARICC webinars",
        "section": "news",
        "published_on": date(2020, 7, 8),
        "paragraphs": [
            "On 7 and 8 July 2020, the Central Asian Regional Information and Coordination Centre for Combating Illicit Trafficking of Narcotic Drugs, Psychotropic Substances and their Precursors and the UNODC Regional Office for Central Asia organized two webinars bringing together representatives of competent authorities of CARICC Member States and international organizations, including UNODC and OSCE.",
            "Mrs. Ashita Mittal, UNODC Regional Representative for Central Asia, and Mr. Rustam Miralizoda, Director of the Centre, addressed the audience with welcoming remarks.",
            "International coordinators of UNODC programmes in Central Asia and CARICC experts were main speakers.",
            "The webinar on 7 July 2020 was dedicated to main findings of the World Drug Report, published by UNODC on 26 June 2020. Mr. Naweed Riaz, Head of UNODC Programme Office in the Republic of Kazakhstan, informed about key points of the report.",
            "Ms. Alevtina Tiurina, Senior Analyst of CARICC Information and Analytical Unit (IAP), made a presentation on some trends in combating drug trafficking in the space of CARICC Member States.",
            "Mr. Yusuf Kurbonov, Head of the Subprogramme “Countering Transnational Organized Crime, Illicit Drug Trafficking and Terrorism”, in his presentation briefed participants on the work carried out and contribution of the programme on strengthening borders of Central Asian countries, as well as results of the Interagency mobile teams project implementation in the Republic of Uzbekistan.",
            "The webinar held on 8 July also featured several presentations.",
            "Mr. Yury Chikalov, Acting Head of CARICC IAP, delivered a presentation on results of efforts of competent authorities of CARICC Member States in the 1st quarter of 2020. Ms. Tatiana Evdokimova, Analyst of CARICC IAP, announced a study on container transportation for cross-border drug trafficking in 2018-2020 performed by CARICC employees.",
            "Mr. Batyr Geldiev, Head of UNODC Container Programme in Central Asia, also offered a presentation on the work in progress during the webinar.",
            "In addition, Mr. Naweed Riaz, Head of UNODC Programme Office in the Republic of Kazakhstan, gave a presentation on strategic response to drug trafficking and transnational criminal activity, organized through targeted intelligence and international operations to deter, disrupt and prosecute organized criminal networks.",
            "Participants stressed the importance of organizing events in this format and the opportunity to share information in the context of the COVID-19 pandemic.",
        ],
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
]

# --- Upcoming events, dated relative to the day the command runs --------------------------------
# starts_in: days from today; days: length (1 = one-day event). Invented for the demo, so
# nobody is named: people's current posts are not known.
UPCOMING_EVENTS = [
    {
        # Started yesterday, still running: shows that an event under way counts as upcoming.
        "slug": "training-course-for-analysts-of-competent-authorities",
        "title": "Training course for analysts of the competent authorities of CARICC member states",
        "kind": "training",
        "format": "in_person",
        "starts_in": -1,
        "days": 4,
        "city": "Almaty",
        "venue": "CARICC, Almaty",
        "country": "KZ",
        "summary": "Analysts of the member states' competent authorities practise strategic and operational analysis of drug trafficking with CARICC's Information and Analytical Unit.",
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
        "summary": "Webinar for customs services and port control units on profiling risky container shipments, drawing on CARICC's study of container transportation used for drug trafficking.",
        "hosts": ["caricc", "unodc-wco-container-control-programme"],
        "organisations": [
            "inter-regional-network-of-customs-authorities-and-port-control-units",
            "wco",
        ],
        "tags": ["webinar", "training", "container control", "customs"],
    },
    {
        "slug": "regional-working-group-on-precursors-quarterly-online-meeting",
        "title": "Quarterly online meeting of the Regional Working Group on Precursors",
        "kind": "working_group",
        "format": "online",
        "starts_in": 13,
        "days": 1,
        "summary": "Regular quarterly meeting of the Regional Working Group on Precursors; CARICC will brief delegations on precursor trafficking in its member states.",
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
        "summary": "The national coordinators of the seven member states review the Centre's work plan and budget and the draft agreement on the exchange and protection of classified information.",
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
            "The Centre will host the meeting of the Council of National Coordinators of the CARICC member states in Almaty.",
            "This announcement is scheduled and stays hidden until its publication time.",
        ],
        "tags": ["member states"],
        "organisations": ["caricc", "caricc-council-of-national-coordinators"],
        "events": ["meeting-of-caricc-council-of-national-coordinators"],
    },
]

# --- Vocabulary for synthetic volume (--articles N, --events N) ----------------------------------
SYNTHETIC_START = date(2015, 1, 1)
SYNTHETIC_END = date(2020, 12, 31)

TOPICS = [
    "precursor control",
    "illicit trafficking of precursors",
    "container transportation",
    "border security",
    "information exchange",
    "international joint operations",
    "controlled deliveries",
    "synthetic drugs and new psychoactive substances",
    "drug sales through the Darknet",
    "the CARICC Central Database",
    "the exchange and protection of classified information",
    "the findings of the World Drug Report",
    "regional anti-narcotics collaboration",
    "port control units",
    "analytical support to operations",
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
        "In the format of videoconference, on {date}, experts of {org} and CARICC discussed {topic}.",
        "news",
    ),
    (
        "CARICC staff take part in a webinar on {topic}",
        "On {date}, CARICC staff took part in a webinar on {topic} organised by {org}.",
        "news",
    ),
    (
        "Working group of experts on {topic}",
        "On {date}, experts of the competent authorities of CARICC Member States and {org} met to consider {topic}.",
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
    "The meeting discussed practical cooperation in combating drug trafficking, information exchange, international joint operations, and challenges related to CARICC work.",
    "Participants highlighted the importance of events in this format and the opportunity to share information.",
    "The parties highlighted the importance of developing international and regional cooperation.",
    "The meeting concluded with an agreement to organize similar meetings at least once a quarter.",
    "After learning about goals, objectives and work of organizations it was decided to strengthen cooperation and practical interaction.",
    "Participants underscored the need to strengthen mechanisms for cooperation and rapid information exchange.",
    "The event discussed recent trends in precursor control in the region and national priorities in this area.",
    "CARICC representatives emphasized the importance of analytical efforts aimed at addressing challenges of operational and strategic response to drug trafficking and transnational organized crime.",
    "The meeting concluded with agreements reached on further development of constructive and balanced international cooperation in combating drug trafficking.",
    "Representatives of the competent authorities of CARICC Member States presented updates on achieved results and planned activities.",
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
