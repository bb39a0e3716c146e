"""Reading plain-text dumps of the old CARICC site's list pages.

A dump is a page heading ("Breaking news (469)") followed, for each item, by a title line and the
item's paragraphs, one per line. An item may end with a "More..." marker (the old list showed an
excerpt) or a "Read more: <title>" line, may carry its old address ("URL: …", "ID: …") and, for
an analytic piece, ends with its authors' lines ("Mr. X, position, CARICC."). The rules below were
worked out from the real 2020 page and hold for the site's other list pages, English or Russian.
"""

import datetime
import html
import re
import unicodedata
from dataclasses import dataclass, field

import nh3

# --- Lines -------------------------------------------------------------------------------------

MORE_MARKER = re.compile(
    r"^(more|read more|подробнее|далее|читать далее)\s*(\.\.\.|…|»|>>)?\s*$", re.I
)
READ_MORE = re.compile(r"^(read more|подробнее|читать далее)\s*:\s*(?P<title>.+)$", re.I)
OLD_URL = re.compile(
    r"^(url|link|address|old url|source|адрес|ссылка)\s*:\s*(?P<url>(https?://|/)\S*)$", re.I
)
BARE_URL = re.compile(r"^(?P<url>https?://\S+)$", re.I)
OLD_ID = re.compile(r"^(id|item id|old id|№)\s*:?\s*(?P<id>[\w-]{1,40})$", re.I)
# Residue of the old site's templates, on a line of its own.
RESIDUE = [
    re.compile(p, re.I)
    for p in (
        r"^(details|print|email|e-mail|подробности|печать|back to top|наверх)$",
        r"^(hits|просмотров|views)\s*:?\s*\d+$",
        r"^(published|опубликовано|written by|автор|category|категория|created|создано)"
        r"\s*:.{0,80}$",
        r"^(page \d+ of \d+|страница \d+ из \d+)$",
        r"^(start|prev|«\s*prev|next\s*»|end|\d+)(\s+(start|prev|next|end|\d+))*$",
    )
]
AUTHOR_LINE = re.compile(
    r"^(?P<honorific>Mrs|Mr|Ms|Dr|Prof|Г-жа|Г-н)(?:\.\s*|\s+)"
    r"(?P<name>(?:[^\W\d_][\w’'-]*\.?\s*){1,4}?)\s*,\s*"
    r"(?P<byline>.{3,200}?)\s*\.?$"
)
SENTENCE_END = ".!?:;…"


def clean_line(raw: str) -> str:
    """Text only: no markup, entities decoded, invisible characters and runs of spaces gone."""
    text = nh3.clean(raw, tags=set(), attributes={}) if "<" in raw else raw
    text = html.unescape(html.unescape(text))
    text = unicodedata.normalize("NFC", text)
    text = re.sub(r"[\u200b-\u200f\u2060\ufeff]", "", text)
    text = text.replace("\u00a0", " ")
    return re.sub(r"\s+", " ", text).strip()


def is_residue(line: str) -> bool:
    return any(pattern.match(line) for pattern in RESIDUE)


def ends_sentence(line: str) -> bool:
    stripped = line.rstrip("”\"'»)]")
    return bool(stripped) and stripped[-1] in SENTENCE_END


@dataclass
class AuthorLine:
    honorific: str
    name: str
    byline: str


@dataclass
class LegacyItem:
    title: str
    line: int
    paragraphs: list[str] = field(default_factory=list)
    authors: list[AuthorLine] = field(default_factory=list)
    old_url: str = ""
    old_id: str = ""
    is_excerpt: bool = False

    @property
    def text(self):
        return "\n".join([self.title, *self.paragraphs])


@dataclass
class LegacyPage:
    heading: str
    total: int | None
    items: list[LegacyItem]


class LegacyFormatError(ValueError):
    pass


def parse_page(text: str) -> LegacyPage:
    """Split a dump into its heading and items. Raises LegacyFormatError when it is not one."""
    if "\x00" in text:
        raise LegacyFormatError("the file is binary, not a text dump")
    lines = [(number, clean_line(raw)) for number, raw in enumerate(text.splitlines(), start=1)]
    lines = [(number, line) for number, line in lines if line and not is_residue(line)]
    if not lines:
        raise LegacyFormatError("the file is empty")
    heading_line, heading = lines[0]
    if ends_sentence(heading) or len(heading) > 200:
        raise LegacyFormatError(
            f"line {heading_line}: expected the page heading (e.g. “Breaking news (469)”), "
            f"found a paragraph"
        )
    total_match = re.search(r"\((\d+)\)\s*$", heading)
    page = LegacyPage(
        heading=re.sub(r"\s*\(\d+\)\s*$", "", heading),
        total=int(total_match.group(1)) if total_match else None,
        items=[],
    )
    item = None
    closed = True  # whether the next plain line starts a new item
    for number, line in lines[1:]:
        if MORE_MARKER.match(line) or READ_MORE.match(line):
            if item is not None:
                item.is_excerpt = True
            closed = True
            continue
        if url := (OLD_URL.match(line) or BARE_URL.match(line)):
            if item is not None:
                item.old_url = url.group("url")
            continue
        if (old_id := OLD_ID.match(line)) and item is not None:
            item.old_id = old_id.group("id")
            continue
        follows_paragraph = (
            item is not None and item.paragraphs and ends_sentence(item.paragraphs[-1])
        )
        if (item is None or closed or follows_paragraph) and _is_title(line):
            item = LegacyItem(title=line, line=number)
            page.items.append(item)
            closed = False
            continue
        if item is None:
            raise LegacyFormatError(f"line {number}: text before the first item's title")
        item.paragraphs.append(line)
    if not page.items:
        raise LegacyFormatError("no items found under the heading")
    for item in page.items:
        _peel_authors(item)
    return page


def _is_title(line: str) -> bool:
    return not ends_sentence(line) and len(line) <= 300 and not AUTHOR_LINE.match(line)


def _peel_authors(item: LegacyItem) -> None:
    """Move the closing "Mr. X, position, CARICC." lines of an analytic piece into its authors."""
    authors = []
    while item.paragraphs and (author := _author(item.paragraphs[-1])):
        authors.insert(0, author)
        item.paragraphs.pop()
    item.authors = authors


def _author(line: str) -> AuthorLine | None:
    match = AUTHOR_LINE.match(line)
    if match is None or len(line) > 160:
        return None
    words = match.group("name").replace(".", ". ").split()
    byline = match.group("byline").strip().rstrip(".")
    # A byline is a post and an organisation, not the rest of a sentence.
    if not (1 <= len(words) <= 5 and all(w[:1].isupper() for w in words)):
        return None
    if len(byline) > 120 or len(byline.rsplit(",", 1)[-1].strip()) > 60:
        return None
    return AuthorLine(honorific=match.group("honorific") + ".", name=" ".join(words), byline=byline)


# --- Dates -------------------------------------------------------------------------------------

MONTHS = {
    **{
        name: number
        for number, names in enumerate(
            [
                ("january", "jan", "января", "январь"),
                ("february", "feb", "февраля", "февраль"),
                ("march", "mar", "марта", "март"),
                ("april", "apr", "апреля", "апрель"),
                ("may", "мая", "май"),
                ("june", "jun", "июня", "июнь"),
                ("july", "jul", "июля", "июль"),
                ("august", "aug", "августа", "август"),
                ("september", "sep", "sept", "сентября", "сентябрь"),
                ("october", "oct", "октября", "октябрь"),
                ("november", "nov", "ноября", "ноябрь"),
                ("december", "dec", "декабря", "декабрь"),
            ],
            start=1,
        )
        for name in names
    }
}
_M = r"(?P<{}>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_D = r"(?P<{}>\d{{1,2}})"
_Y = r"(?P<year>(19|20)\d\d)"
_DASH = r"\s*[-–—]\s*"
_AND = r"\s+(?:and|и|&)\s+"
_YEAR_TAIL = r"(?:\s*(?:года|г\.))?"

DATE_PATTERNS = [
    # 30 September – 2 October 2020
    rf"{_D.format('d1')}\s+{_M.format('m1')}{_DASH}{_D.format('d2')}\s+{_M.format('m2')},?\s+{_Y}",
    # September 30 – October 2, 2020
    rf"{_M.format('m1')}\s+{_D.format('d1')}{_DASH}{_M.format('m2')}\s+{_D.format('d2')},?\s+{_Y}",
    # 10-11 September 2020, 7 and 8 July 2020
    rf"{_D.format('d1')}(?:{_DASH}|{_AND}){_D.format('d2')}\s+{_M.format('m1')},?\s+{_Y}",
    # September 14-15, 2020, July 10 and 11, 2020
    rf"{_M.format('m1')}\s+{_D.format('d1')}(?:{_DASH}|{_AND}){_D.format('d2')},?\s+{_Y}",
    # 19 October 2020
    rf"{_D.format('d1')}\s+{_M.format('m1')},?\s+{_Y}",
    # September 30, 2020
    rf"{_M.format('m1')}\s+{_D.format('d1')},?\s+{_Y}",
    # 19.10.2020
    r"(?P<d1>\d{1,2})\.(?P<n1>\d{1,2})\.(?P<year>(19|20)\d\d)",
]


@dataclass(frozen=True)
class DateSpan:
    start: datetime.date
    end: datetime.date
    text: str
    position: int

    @property
    def is_range(self):
        return self.end != self.start


def _compile(pattern):
    return re.compile(rf"(?<![\w.]){pattern}{_YEAR_TAIL}(?![\w])", re.I)


_DATE_RES = [_compile(pattern) for pattern in DATE_PATTERNS]


def _month(groups, key, fallback=None):
    value = groups.get(key)
    if value is None:
        return fallback
    return MONTHS[value.lower().rstrip(".")]


def _span_from(match) -> DateSpan | None:
    groups = match.groupdict()
    year = int(groups["year"])
    if groups.get("n1"):
        month1 = month2 = int(groups["n1"])
    else:
        month1 = _month(groups, "m1")
        month2 = _month(groups, "m2", month1)
    day1 = int(groups["d1"])
    day2 = int(groups["d2"]) if groups.get("d2") else day1
    try:
        start = datetime.date(year, month1, day1)
        end = datetime.date(year, month2, day2)
    except ValueError:
        return None
    if end < start or (end - start).days > 31:
        return None
    return DateSpan(start=start, end=end, text=match.group(0), position=match.start())


def find_dates(text: str) -> list[DateSpan]:
    """Every date or date range stated in `text`, in order; the longest reading wins."""
    found = []
    taken = []
    for pattern in _DATE_RES:
        for match in pattern.finditer(text):
            if any(match.start() < end and start < match.end() for start, end in taken):
                continue
            span = _span_from(match)
            if span is not None:
                found.append(span)
                taken.append((match.start(), match.end()))
    return sorted(found, key=lambda span: span.position)


# --- Events --------------------------------------------------------------------------------------

EVENT_WORDS = re.compile(
    r"\b(meetings?|meets|met|webinars?|video-?\s?conferences?|working groups?|conferences?|"
    r"visits?|talks|seminars?|trainings?|workshops?|sessions?|forums?|round ?tables?|briefings?|"
    r"встреч\w*|вебинар\w*|видеоконференц\w*|конференц\w*|визит\w*|семинар\w*|тренинг\w*|"
    r"совещани\w*|заседани\w*|переговор\w*|рабоч\w+ групп\w*)\b",
    re.I,
)
KINDS = [
    ("webinar", re.compile(r"\bwebinars?\b|вебинар", re.I)),
    ("working_group", re.compile(r"\bworking group\b|рабоч\w+ групп", re.I)),
    ("conference", re.compile(r"\bconference\b(?<!video conference)|\bконференц", re.I)),
    ("training", re.compile(r"\b(training|course|seminar|workshop)\b|тренинг|семинар|курс", re.I)),
    ("visit", re.compile(r"\bvisit\b|визит", re.I)),
]
ONLINE = re.compile(
    r"\b(online|on-line|video-?\s?conference|videoconferencing|webinars?|virtual|remote|zoom)\b|"
    r"онлайн|видеоконференц|вебинар|дистанционн",
    re.I,
)
HYBRID = re.compile(r"\bhybrid\b|гибридн|смешанн\w+ формат", re.I)
CITIES = {
    "almaty": ("Almaty", "KZ"),
    "алматы": ("Almaty", "KZ"),
    "astana": ("Astana", "KZ"),
    "nur-sultan": ("Astana", "KZ"),
    "астана": ("Astana", "KZ"),
    "нур-султан": ("Astana", "KZ"),
    "dushanbe": ("Dushanbe", "TJ"),
    "душанбе": ("Dushanbe", "TJ"),
    "tashkent": ("Tashkent", "UZ"),
    "ташкент": ("Tashkent", "UZ"),
    "bishkek": ("Bishkek", "KG"),
    "бишкек": ("Bishkek", "KG"),
    "ashgabat": ("Ashgabat", "TM"),
    "ашхабад": ("Ashgabat", "TM"),
    "baku": ("Baku", "AZ"),
    "баку": ("Baku", "AZ"),
    "moscow": ("Moscow", "RU"),
    "москва": ("Moscow", "RU"),
    "москве": ("Moscow", "RU"),
    "vienna": ("Vienna", "AT"),
    "вена": ("Vienna", "AT"),
    "вене": ("Vienna", "AT"),
    "brussels": ("Brussels", "BE"),
    "kabul": ("Kabul", "AF"),
    "islamabad": ("Islamabad", "PK"),
    "tehran": ("Tehran", "IR"),
    "minsk": ("Minsk", "BY"),
    "geneva": ("Geneva", "CH"),
}
AT_CARICC = re.compile(
    r"\b(in|at)\s+(the\s+)?CARICC\b(?![’'\w])|\bв\s+КАРИЦ\b|"
    r"\b(CARICC|Centre|Center|Precursors)\s+hosted\b",
    re.I,
)
COUNTRIES = {
    "azerbaijan": "AZ", "kazakhstan": "KZ", "kyrgyzstan": "KG", "kyrgyz republic": "KG",
    "russia": "RU", "russian federation": "RU", "tajikistan": "TJ", "turkmenistan": "TM",
    "uzbekistan": "UZ", "afghanistan": "AF", "pakistan": "PK", "iran": "IR", "austria": "AT",
    "азербайджан": "AZ", "казахстан": "KZ", "кыргызстан": "KG", "киргизию": "KG",
    "россию": "RU", "таджикистан": "TJ", "туркменистан": "TM", "узбекистан": "UZ",
}  # fmt: skip
VISIT_TO = re.compile(
    r"\b(?:visit|trip)\s+to\s+(?:the\s+)?(?:republic of\s+)?(?P<country>"
    + "|".join(map(re.escape, COUNTRIES))
    + r")\b|\bвизит\w*\s+в\s+(?:республик\w+\s+)?(?P<country_ru>"
    + "|".join(map(re.escape, COUNTRIES))
    + r")",
    re.I,
)
CITY_RE = re.compile(
    r"\b(?:in|at|to|в|во)\s+(?P<city>" + "|".join(map(re.escape, CITIES)) + r")\b", re.I
)


@dataclass
class EventFacts:
    kind: str
    format: str
    format_stated: bool
    city: str = ""
    country: str = ""
    venue: str = ""


def event_facts(title: str, opening: str) -> EventFacts | None:
    """What the title and first paragraph say about the event they report, or None if no event."""
    text = f"{title}\n{opening}"
    if not EVENT_WORDS.search(text):
        return None
    kind = next((name for name, pattern in KINDS if pattern.search(text)), "meeting")
    if HYBRID.search(text):
        facts = EventFacts(kind=kind, format="hybrid", format_stated=True)
    elif ONLINE.search(text):
        return EventFacts(kind=kind, format="online", format_stated=True)
    else:
        facts = EventFacts(kind=kind, format="in_person", format_stated=False)
    if AT_CARICC.search(text):
        facts.city, facts.country, facts.venue = "Almaty", "KZ", "CARICC, Almaty"
        facts.format_stated = True
    elif city := CITY_RE.search(text):
        facts.city, facts.country = CITIES[city.group("city").lower()]
        facts.format_stated = True
    elif visit := VISIT_TO.search(text):
        facts.country = COUNTRIES[(visit.group("country") or visit.group("country_ru")).lower()]
        facts.format_stated = True
    return facts


# --- Roles ---------------------------------------------------------------------------------------

SENTENCE_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[A-ZА-ЯЁ“\"])")
QUOTED = re.compile(r"[“\"«](?P<title>[^”\"»]{8,300})[”\"»]")
MODERATOR = re.compile(r"\bmoderat\w*|\bchair\w*|модератор|модерировал|председател", re.I)
PRESENTER = re.compile(
    r"\b(presentation|presented|report(ed)? on|briefed|delivered)\b|презентац|доклад", re.I
)
SPEAKER = re.compile(
    r"\b(speech|remarks|addressed|statement|speakers?|opening|opened)\b|выступ|приветств", re.I
)
ROLE_RANK = {"moderator": 3, "presenter": 2, "speaker": 1, "participant": 0}


ABBREVIATIONS = {"mr", "ms", "mrs", "dr", "prof", "st", "no", "vs", "etc", "г", "гг", "т", "им"}


def sentences(paragraphs):
    """Split into sentences, not after "Mr." or an initial ("R.A. Miralizoda")."""
    for paragraph in paragraphs:
        start = 0
        for boundary in SENTENCE_SPLIT.finditer(paragraph):
            before = paragraph[start : boundary.start()].rstrip(".!?").split()
            last = before[-1].split(".")[-1] if before else ""
            if last.lower() in ABBREVIATIONS or len(last) == 1:
                continue
            yield paragraph[start : boundary.start()]
            start = boundary.end()
        yield paragraph[start:]


def infer_role(sentence: str) -> tuple[str, str]:
    """The role a sentence gives the people it names, and a quoted presentation title if any."""
    if MODERATOR.search(sentence):
        return "moderator", ""
    if PRESENTER.search(sentence):
        quoted = QUOTED.search(sentence)
        return "presenter", quoted.group("title").strip() if quoted else ""
    if SPEAKER.search(sentence):
        return "speaker", ""
    return "participant", ""
