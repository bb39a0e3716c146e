"""Find the people and organisations a text mentions.

Precision comes first: a false link to a law-enforcement official is worse than a missed one.

People. Names are compared word by word after folding (Cyrillic to Latin with anyascii,
diacritics dropped, case ignored). A name in the text is a *run*: capitalised words and
initials ("R.", "Sh.") written next to each other, on one line, without other punctuation.
Honorifics and ranks ("Mr.", "His Excellency", "Major-General") end a run and are not part
of the name; so do lowercase words, acronyms, known organisations and common title words
("Director", "Minister" ...). A run links a person when

* the whole run is that person's full name or one of their other spellings (an editor's
  choice, even a bare family name), or
* it contains one of the person's family names (the `surname`, plus the family names seen in
  the other spellings; one typing slip allowed from seven letters on, but not "-a" added or
  dropped, which makes a different person), and the words on at least one side of it are
  all the person's given names or patronymics, or their initials, and at least one such word
  is there. An unknown neighbour ("Yusuf Kurbonov" for Rustam Kurbonov) spoils its side.

A form that fits two people links neither; a first name alone never links anyone.

Organisations. Short names, full names and other names are matched as whole words; words
that are all capitals in the catalogue ("CARICC", "DEA") must be all capitals in the text
too, other words match in any case, script or usual British/American spelling, across
hyphens, commas and dashes. The longest name wins where names overlap.
"""

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from html.parser import HTMLParser
from typing import NamedTuple

from anyascii import anyascii
from django.db.models import QuerySet, prefetch_related_objects

from .models import Organisation, Participant

# Letters and digits, with combining accents kept inside the word they belong to.
_WORD = re.compile(r"(?:[^\W_]|[\u0300-\u036f])+")
_HYPHENS = "-\u2010\u2011"
# Between two words of one name: spaces on the same line, a hyphen, an apostrophe (O'Brien).
_NAME_GAP = re.compile(r"[^\S\n]+|[-\u2010\u2011'\u2019]")
# After an initial: its full stop, then at most spaces ("R.A.Miralizoda", "R. Miralizoda").
_INITIAL_GAP = re.compile(r"\.[^\S\n]*")
# Between the words of an organisation's name: punctuation that does not end a sentence.
_PHRASE_GAP = re.compile(r"[^\S\n]*[-\u2010\u2011\u2013\u2014/,'\u2019]?[^\S\n]*")
_HONORIFIC_GAP = re.compile(r"[.\-\u2010\u2011]?[^\S\n]*")

_INITIAL, _NAME, _HONORIFIC, _OTHER = "initial", "name", "honorific", "other"

# Courtesy titles may stand before a bare family name ("Mr. Smith"); ranks need a fuller name.
_COURTESY = {
    "mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "sir", "dame", "madam",
    "madame", "mme", "hon", "honourable", "honorable", "excellency", "his excellency",
    "her excellency", "h e", "ambassador", "gospodin", "gospozha", "g n", "g zha",
}  # fmt: skip
_RANKS = {
    "general", "major general", "lieutenant general", "colonel general", "brigadier general",
    "army general", "general of the army", "colonel", "lieutenant colonel", "major", "captain",
    "lieutenant", "brigadier", "admiral", "vice admiral", "rear admiral", "commander",
    "sergeant", "gen", "col", "lt", "lt col", "maj", "capt", "brig", "police colonel",
    "police major", "police general", "general major", "general mayor", "general leitenant",
    "general leytenant", "general polkovnik", "polkovnik", "podpolkovnik", "mayor", "maior",
}  # fmt: skip
_HONORIFICS = {tuple(h.split()): h in _COURTESY for h in _COURTESY | _RANKS}
# First word -> the most words an honorific starting with it has.
_HONORIFIC_SIZES = {
    first[0]: max(len(words) for words in _HONORIFICS if words[0] == first[0])
    for first in _HONORIFICS
}

# Capitalised words that stand next to names without being part of them. Words of the
# catalogue's organisation names are added per finder.
_STOPWORDS = frozenset(
    """
    a an the of and or in on at for to by with from as into onto over under upon about after
    before during between within without through via per among against also both all each
    every other another this that these those his her its their our your my he she it they
    we you i but while when where which who whom whose then there here thus however
    meanwhile moreover furthermore therefore today yesterday tomorrow said says according
    dear mr mrs ms dr
    director deputy minister ministry head chief chairman chairwoman chairperson chair
    president vice secretary representative regional coordinator coordinators coordination
    expert experts analyst analysts advisor adviser officer officers inspector consul envoy
    delegate delegation member members speaker moderator acting assistant senior junior
    executive manager specialist staff team leader spokesperson spokesman governor premier
    prime attache counsellor counselor charge affaires national international technical
    programme program project unit office centre center agency council committee commission
    department service board organization organisation republic state states government
    embassy mission federation united nations kingdom region area city country countries
    central west east north south western eastern northern southern
    january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday
    """.split()
)


@lru_cache(maxsize=65536)
def _fold(word):
    """'Çengel' -> 'cengel', 'Мирализода' -> 'miralizoda', "Tat'yana" -> 'tatyana'."""
    latin = anyascii(unicodedata.normalize("NFC", word)).lower()
    return "".join(ch for ch in latin if ch.isascii() and ch.isalnum())


@lru_cache(maxsize=65536)
def _spelling(key):
    """One spelling for British and American forms, so 'Neighbouring' finds 'Neighboring'."""
    if key in ("programme", "programmes"):
        return "program" + key[9:]
    if key in ("defence", "licence", "offence"):
        return key[:-2] + "se"
    if len(key) >= 5:
        key = re.sub(r"tre(s?)$", r"ter\1", key)
    if len(key) >= 6:
        key = re.sub(r"our(s|ed|ing|able|ably|ite|ites)?$", r"or\1", key)
        key = re.sub(r"is(e|es|ed|ing|ation|ations)$", r"iz\1", key)
    return key


def _deletions(word):
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


def _one_edit(a, b):
    """True when a and b differ by exactly one inserted, dropped or replaced letter."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long = sorted((a, b), key=len)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


class _Token(NamedTuple):
    text: str
    start: int
    end: int
    key: str


def _tokenise(text):
    return [_Token(m.group(), m.start(), m.end(), _fold(m.group())) for m in _WORD.finditer(text)]


def _gaps(text, tokens):
    return [text[a.end : b.start] for a, b in zip(tokens, tokens[1:], strict=False)]


def _is_capitalised(token):
    return token.text[:1].isupper()


def _is_caps(text):
    return len(text) >= 2 and text.isupper()


def _initial_shape(token):
    """'R', 'Р', 'Sh', 'Ye': a letter or a capital and a small letter (not 'EU')."""
    text = token.text
    if len(text) == 1:
        return text.isupper()
    return len(text) == 2 and text[0].isupper() and text[1].islower()


def _find_honorifics(tokens, gaps):
    """{index of each honorific word}, {index of an honorific's last word: (first, courtesy)}."""
    marked, ends = set(), {}
    i = 0
    while i < len(tokens):
        found = None
        for size in range(min(_HONORIFIC_SIZES.get(tokens[i].key, 0), len(tokens) - i), 0, -1):
            keys = tuple(t.key for t in tokens[i : i + size])
            last = tokens[i + size - 1].text
            # "his Excellency", "Mr", "H.E.", but not "MS Word" or "the general public".
            if keys not in _HONORIFICS or not last[0].isupper() or _is_caps(last):
                continue
            if all(_HONORIFIC_GAP.fullmatch(gaps[j]) for j in range(i, i + size - 1)):
                found = keys
                break
        if found is None:
            i += 1
            continue
        marked.update(range(i, i + len(found)))
        ends[i + len(found) - 1] = (i, _HONORIFICS[found])
        i += len(found)
    return marked, ends


@dataclass(frozen=True)
class Mention:
    obj: object  # a Participant or an Organisation
    text: str  # the words as they stand in the input
    start: int  # character offsets in the input text
    end: int


@dataclass
class Mentions:
    participants: list = field(default_factory=list)  # unique, in order of first mention
    organisations: list = field(default_factory=list)  # unique, in order of first mention
    matches: list = field(default_factory=list)  # all Mention objects, in text order


@dataclass
class _Person:
    obj: Participant
    given: set = field(default_factory=set)  # given names and patronymics, folded
    initials: set = field(default_factory=set)  # initials the catalogue writes: 'r', 'sh'

    def accepts(self, token, kind):
        key = token.key
        if kind == _INITIAL:
            return any(name.startswith(key) for name in self.given) or any(
                known.startswith(key) or key.startswith(known) for known in self.initials
            )
        return key in self.given


@dataclass(frozen=True)
class _Unit:
    key: str
    caps: bool  # all capitals in the catalogue, so all capitals in the text


@dataclass
class _Analysis:
    tokens: list
    gaps: list  # the text between token i and token i + 1
    kinds: list
    honorific_ends: dict  # index of an honorific's last word -> (its first word, courtesy?)
    organisations: list  # (first token, last token, Organisation)
    covered: set  # tokens inside organisation names
    people: list  # (first token, last token, _Person)


class MentionFinder:
    """Built once from the catalogue (four queries by default), then used on many texts."""

    def __init__(self, participants=None, organisations=None):
        if participants is None:
            participants = Participant.objects.all()
        if organisations is None:
            organisations = Organisation.objects.all()
        participants = self._with_aliases(participants)
        organisations = self._with_aliases(organisations)

        self._people = []
        self._forms = {}  # folded full name or other spelling -> {person index}
        self._family = {}  # folded family name (tuple of words) -> {person index}
        self._family_by_first = {}  # its first word -> [family names]
        self._fuzzy = {}  # family names of 7+ letters and their one-letter deletions
        self._name_keys = set()  # every given and family name word: tells names from acronyms
        for participant in participants:
            self._add_participant(participant)

        self._phrases = {}  # (units) -> [Organisation]
        self._phrases_by_first = {}  # first unit key -> [units]
        organisation_words = set()
        for organisation in organisations:
            names = [organisation.name, organisation.short_name]
            names += [alias.name for alias in organisation.aliases.all()]
            for name in filter(None, names):
                tokens = _tokenise(name)
                organisation_words.update(t.key for t in tokens)
                for units in self._phrase_variants(name, tokens):
                    owners = self._phrases.setdefault(units, [])
                    if organisation not in owners:
                        owners.append(organisation)
                    self._phrases_by_first.setdefault(units[0].key, set()).add(units)
        # A word someone is named after ("Said", "Paris") can still be part of a name.
        self._stopwords = (_STOPWORDS | organisation_words) - self._name_keys

    # --- Building ------------------------------------------------------------------------------

    @staticmethod
    def _with_aliases(objects):
        if isinstance(objects, QuerySet):
            return list(objects.prefetch_related("aliases"))
        objects = list(objects)
        prefetch_related_objects(objects, "aliases")
        return objects

    def _add_participant(self, participant):
        surname = tuple(t.key for t in _tokenise(participant.surname) if t.key)
        if not surname:
            return
        index = len(self._people)
        person = _Person(participant)
        self._people.append(person)
        families = {surname}
        forms = []
        for form in [participant.full_name, *(alias.name for alias in participant.aliases.all())]:
            tokens = _tokenise(form)
            marked, _ends = _find_honorifics(tokens, _gaps(form, tokens))
            lead = 0
            while lead in marked:  # "Mr. R.Miralizoda": the honorific is not part of the name
                lead += 1
            tokens = [t for t in tokens[lead:] if t.key]
            keys = tuple(t.key for t in tokens)
            if not keys:
                continue
            forms.append(keys)
            at = self._locate_family(keys, surname)
            if at is None:
                continue  # a different name altogether: matched only as written
            families.add(keys[at[0] : at[1]])
            for token in tokens[: at[0]] + tokens[at[1] :]:
                followed_by_stop = form[token.end : token.end + 1] == "."
                if len(token.text) == 1 or (len(token.text) == 2 and followed_by_stop):
                    person.initials.add(token.key)
                else:
                    person.given.add(token.key)
        for keys in forms:
            # Given names alone ("Rustam", "Rustam Aziz") never link, whatever the spelling list.
            if not set(keys) <= person.given | person.initials:
                self._forms.setdefault(keys, set()).add(index)
        self._name_keys |= person.given
        for family in families:
            self._family.setdefault(family, set()).add(index)
            self._family_by_first.setdefault(family[0], set()).add(family)
            self._name_keys.update(family)
            if len(family) == 1 and len(family[0]) >= 7:
                for key in {family[0], *_deletions(family[0])}:
                    self._fuzzy.setdefault(key, set()).add(family[0])

    @staticmethod
    def _locate_family(keys, surname):
        size = len(surname)
        for start in range(len(keys) - size + 1):
            if keys[start : start + size] == surname:
                return start, start + size
        if size == 1:
            for start, key in enumerate(keys):
                if _similar(key, surname[0]):
                    return start, start + 1
        return None

    @staticmethod
    def _phrase_variants(name, tokens):
        """The name word by word, and with hyphenated words joined ('Co-operation')."""
        gaps = _gaps(name, tokens)
        split = tuple(_Unit(_spelling(t.key), _is_caps(t.text)) for t in tokens if t.key)
        variants = {split} if split else set()
        joined, group = [], [tokens[0]] if tokens else []
        for token, gap in zip(tokens[1:], gaps, strict=True):
            if gap in _HYPHENS:
                group.append(token)
            else:
                joined.append(group)
                group = [token]
        if group:
            joined.append(group)
        units = tuple(
            _Unit(_spelling("".join(t.key for t in g)), _is_caps("".join(t.text for t in g)))
            for g in joined
        )
        if units and all(u.key for u in units):
            variants.add(units)
        return variants

    # --- Reading a text ------------------------------------------------------------------------

    def find(self, text: str) -> Mentions:
        analysis = self._analyse(text)
        hits = analysis.organisations + [
            (first, last, person.obj) for first, last, person in analysis.people
        ]
        result, seen = Mentions(), set()
        for first, last, obj in sorted(hits, key=lambda hit: hit[0]):
            start, end = self._span(analysis, first, last)
            result.matches.append(Mention(obj, text[start:end], start, end))
            if id(obj) not in seen:
                seen.add(id(obj))
                if isinstance(obj, Participant):
                    result.participants.append(obj)
                else:
                    result.organisations.append(obj)
        return result

    def find_in_html(self, html: str) -> Mentions:
        """Mentions in an HTML fragment; offsets refer to `html_to_text(html)`."""
        return self.find(html_to_text(html))

    def unmatched_names(self, text: str) -> list[str]:
        """Names written after an honorific or rank that link no one, as they stand in the text.

        With their honorifics, once per name: "Mr. Eser Çengel", "his Excellency Zohir SAIDZODA".
        """
        analysis = self._analyse(text)
        tokens, gaps, kinds = analysis.tokens, analysis.gaps, analysis.kinds
        linked = set()
        for first, last, _person in analysis.people:
            linked.update(range(first, last + 1))
        names, seen = [], set()
        for end, (first, courtesy) in analysis.honorific_ends.items():
            if end + 1 >= len(tokens) or not _HONORIFIC_GAP.fullmatch(gaps[end]):
                continue
            words = []
            for i in range(end + 1, len(tokens)):
                # A family name in capitals nobody knows reads as an acronym: "Zohir SAIDZODA".
                nameish = kinds[i] in (_INITIAL, _NAME) or (
                    kinds[i] == _OTHER
                    and i not in analysis.covered
                    and len(tokens[i].text) >= 4
                    and tokens[i].text.isupper()
                )
                joined = i == end + 1 or self._name_joined(kinds, gaps, i - 1)
                if not (nameish and joined):
                    break
                words.append(i)
            full_words = [i for i in words if kinds[i] != _INITIAL]
            if not full_words or (len(words) < 2 and not courtesy):
                continue
            if linked.intersection(words):
                continue
            folded = tuple(tokens[i].key for i in words)
            if folded in seen:
                continue
            seen.add(folded)
            # Back over chained honorifics: "H.E. Mr. Zohir Saidzoda".
            while first - 1 in analysis.honorific_ends and _HONORIFIC_GAP.fullmatch(
                gaps[first - 1]
            ):
                first = analysis.honorific_ends[first - 1][0]
            start, stop = self._span(analysis, first, words[-1])
            names.append(text[start:stop])
        return names

    @staticmethod
    def _span(analysis, first, last):
        tokens = analysis.tokens
        end = tokens[last].end
        if analysis.kinds[last] == _INITIAL:
            end += 1  # its full stop: "Miralizoda R.A."
        return tokens[first].start, end

    def _analyse(self, text):
        tokens = _tokenise(text)
        gaps = _gaps(text, tokens)
        organisations, covered = self._find_organisations(tokens, gaps)
        honorifics, honorific_ends = _find_honorifics(tokens, gaps)
        kinds = [
            self._kind(text, token, i in covered, i in honorifics) for i, token in enumerate(tokens)
        ]
        runs, run = [], []
        for i, kind in enumerate(kinds):
            if kind in (_INITIAL, _NAME):
                if run and not self._name_joined(kinds, gaps, i - 1):
                    runs.append(run)
                    run = []
                run.append(i)
            elif run:
                runs.append(run)
                run = []
        if run:
            runs.append(run)
        people = []
        for run in runs:
            people += self._people_in_run(run, tokens, kinds)
        return _Analysis(tokens, gaps, kinds, honorific_ends, organisations, covered, people)

    @staticmethod
    def _name_joined(kinds, gaps, i):
        """Whether token i and token i + 1 belong to one written name."""
        if kinds[i] == _INITIAL:
            return bool(_INITIAL_GAP.fullmatch(gaps[i]))
        return bool(_NAME_GAP.fullmatch(gaps[i]))

    def _kind(self, text, token, in_organisation, honorific):
        if in_organisation or not token.key:
            return _OTHER
        if honorific:
            return _HONORIFIC
        if not _is_capitalised(token):
            return _OTHER
        if (
            text[token.end : token.end + 1] == "."
            and _initial_shape(token)
            and (len(token.text) == 1 or token.key not in self._stopwords)
        ):
            return _INITIAL
        if len(token.text) < 2:
            apostrophe = text[token.end : token.end + 1] in ("'", "\u2019")
            return _NAME if apostrophe else _OTHER  # the "O" of "O'Brien"
        if token.text.isupper():
            # An acronym unless it is a known name written in capitals: "Zohir SAIDZODA".
            known = token.key in self._name_keys or self._fuzzy_families(token.key)
            return _NAME if known else _OTHER
        return _OTHER if token.key in self._stopwords else _NAME

    # --- People --------------------------------------------------------------------------------

    def _fuzzy_families(self, key):
        if len(key) < 6 or (key,) in self._family:
            return set()
        candidates = set(self._fuzzy.get(key, ()))
        for deletion in _deletions(key):
            candidates |= self._fuzzy.get(deletion, set())
        return {family for family in candidates if _similar(key, family)}

    def _anchors(self, keys, position):
        """Family names starting at `position`: [(length in words, {person index})]."""
        anchors = []
        for family in self._family_by_first.get(keys[position], ()):
            if keys[position : position + len(family)] == family:
                anchors.append((len(family), self._family[family]))
        if not anchors:
            people = set()
            for family in self._fuzzy_families(keys[position]):
                people |= self._family[(family,)]
            if people:
                anchors.append((1, people))
        return anchors

    def _people_in_run(self, run, tokens, kinds):
        keys = tuple(tokens[i].key for i in run)
        written = self._forms.get(keys)
        if written:
            if len(written) > 1:
                return []
            return [(run[0], run[-1], self._people[next(iter(written))])]
        hits = []  # (first, last, person index or None when ambiguous)
        for position in range(len(run)):
            if kinds[run[position]] != _NAME:
                continue
            for size, candidates in self._anchors(keys, position):
                left, right = run[:position], run[position + size :]
                spans = {}
                for index in candidates:
                    person = self._people[index]
                    use_left = bool(left) and all(person.accepts(tokens[i], kinds[i]) for i in left)
                    use_right = bool(right) and all(
                        person.accepts(tokens[i], kinds[i]) for i in right
                    )
                    if use_left or use_right:
                        first = left[0] if use_left else run[position]
                        last = right[-1] if use_right else run[position + size - 1]
                        spans[index] = (first, last)
                if len(spans) == 1:
                    (index, (first, last)), *_ = spans.items()
                    hits.append((first, last, index))
                elif spans:
                    first = min(span[0] for span in spans.values())
                    last = max(span[1] for span in spans.values())
                    hits.append((first, last, None))
        kept = []
        for first, last, index in hits:
            rivals = [
                other
                for other in hits
                if other[2] != index and other[0] <= last and first <= other[1]
            ]
            if index is None or rivals:
                continue
            if any(k[2] == index and k[0] <= last and first <= k[1] for k in kept):
                continue
            kept.append((first, last, index))
        return [(first, last, self._people[index]) for first, last, index in kept]

    # --- Organisations -------------------------------------------------------------------------

    def _find_organisations(self, tokens, gaps):
        """[(first token, last token, Organisation)] and the set of tokens they cover."""
        groups = {}  # hyphenated word starting at i -> index after it
        i = 0
        while i < len(tokens) - 1:
            j = i
            while j < len(tokens) - 1 and gaps[j] in _HYPHENS:
                j += 1
            if j > i:
                groups[i] = j + 1
            i = j + 1

        def options(i):
            token = tokens[i]
            yield i + 1, _spelling(token.key), token.text.isupper()
            if i in groups:
                words = tokens[i : groups[i]]
                joined_text = "".join(t.text for t in words)
                yield groups[i], _spelling("".join(t.key for t in words)), joined_text.isupper()

        def joined(i):
            gap = gaps[i]
            if "\n" in gap:
                return False
            if _PHRASE_GAP.fullmatch(gap):
                return True
            return len(tokens[i].text) == 1 and bool(_INITIAL_GAP.fullmatch(gap))  # "U.N."

        def match(units, k, i):
            if k == len(units):
                return i
            if i >= len(tokens) or (k and not joined(i - 1)):
                return None
            for after, key, upper in options(i):
                if key == units[k].key and (upper or not units[k].caps):
                    end = match(units, k + 1, after)
                    if end is not None:
                        return end
            return None

        candidates = []
        for i in range(len(tokens)):
            for _after, key, _upper in options(i):
                for units in self._phrases_by_first.get(key, ()):
                    end = match(units, 0, i)
                    if end is not None:
                        length = tokens[end - 1].end - tokens[i].start
                        candidates.append((end - i, length, i, end, units))
        candidates.sort(key=lambda c: (-c[0], -c[1], c[2]))
        covered, found = set(), []
        for _size, _length, start, end, units in candidates:
            span = range(start, end)
            if covered.intersection(span):
                continue
            covered.update(span)
            owners = self._phrases[units]
            if len(owners) == 1:  # a name two organisations share links neither
                found.append((start, end - 1, owners[0]))
        found.sort(key=lambda hit: hit[0])
        return found, covered


def _similar(key, family):
    """A typing slip in a long family name, but not the other gender's form of it."""
    if len(family) < 7 or len(key) < 6 or not _one_edit(key, family):
        return False
    short, long = sorted((key, family), key=len)
    return not (long == short + "a" and short.endswith(("ov", "ev", "in", "yn")))


_BLOCKS = frozenset(
    "address article aside blockquote br dd div dl dt figcaption figure footer h1 h2 h3 h4 h5 "
    "h6 header hr li main nav ol p pre section table tbody td tfoot th thead tr ul".split()
)


class _TextExtractor(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []
        self.hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self.hidden += 1
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self.hidden = max(0, self.hidden - 1)
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.hidden:
            self.parts.append(data)


def html_to_text(html):
    """Plain text of an HTML fragment: tags out, entities decoded, blocks on their own lines."""
    parser = _TextExtractor()
    parser.feed(html or "")
    parser.close()
    return "".join(parser.parts)


def find_mentions(text: str) -> Mentions:
    return MentionFinder().find(text)
