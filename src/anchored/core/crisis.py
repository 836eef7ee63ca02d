"""Crisis-language check: which rule categories a piece of the user's writing matches.

Policy, recall first. A match only opens a gentle help card (crisis resources first, then the
safety plan) and skips reframing prompts for that entry; it is never a risk score, never shown
as one, never stored as one and never sent anywhere. A false alarm costs one card, a miss may
cost far more, so:

- negation and third person never suppress a match ("I'm not going to kill myself", "my friend
  wants to die" both match); they may only change how the card is worded, elsewhere;
- figures of speech are left out only where they are unmistakable ("this traffic is killing
  me", "career suicide", "shot myself in the foot"); anything genuinely ambiguous matches;
- ambiguous method words (pills, rope, gun, bridge, blade) count only next to an intent cue.

Rules are plain regular expressions over normalised text (see `normalise`), grouped by category
so a reviewer can read them. Upper-case words in a rule are shorthands from `_MACROS`. The
evaluation suite is ``tests/data/crisis_phrases.yaml``; ``benchmarks/crisis_check.py`` prints
recall and false-alarm rates.
"""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata
from typing import Final, Literal

Category = Literal["wish_dead", "ideation", "method_plan", "goodbye", "self_harm"]
CATEGORIES: Final[frozenset[Category]] = frozenset(
    ("wish_dead", "ideation", "method_plan", "goodbye", "self_harm")
)

# --- normalisation ----------------------------------------------------------------------------


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


# straight, curly, modifier-letter and prime apostrophes, backtick, acute accent
_APOSTROPHES = re.compile(r"['\u2019\u2018\u02bc`\u00b4\u2032\u02b9]")
# Digits and symbols standing in for letters inside a word: "k1ll", "su1c1de", "h4ng".
_LEET_CHAR = re.compile(r"(?<=[a-z])[0134@$5](?=[a-z])|(?<![a-z0-9])\$(?=[a-z]{3})")
_LEET = str.maketrans("0134@$5", "oieaass")
# Censored words: "k*ll", "s**cide", "d*e".
_CENSORED = re.compile(r"[a-z]*\*+[a-z*]*")
_CENSOR_TARGETS = _words(
    "kill killed killing kills myself suicide suicidal die dead death dying self harm cut "
    "cutting hang overdose unalive"
)
_ELLIPSIS = re.compile(r"\.{2,}|…")
_SENTENCE_END = re.compile(r"[.!?;\n\r]+")
_NON_WORD = re.compile(r"[\W_]+")
_ELONGATED_WORD = re.compile(r"\w*([a-z])\1\1\w*")
_LETTER_RUN = re.compile(r"([a-z])\1{2,}")
# Words whose double letter matters to the rules: "killlll" -> "kill", but "dieeee" -> "die".
_KEEP_DOUBLE = frozenset(
    _words(
        "kill killed killing kills all will still sleep asleep goodbye goodbyes better off too "
        "see feel need pills cutting bleed bleeding noose loose affairs good soon anymore sorry "
        "tomorrow hopeless worthless pointless endless useless cannot gonna wanna gotta"
    )
)

# Short forms and common misspellings: each word or phrase on the left becomes the right.
_FIXES: Final[tuple[tuple[str, str], ...]] = (
    # contractions, so rules only need one spelling ("im", "dont", "cant", "ill", ...)
    ("i am|i m", "im"),
    ("do not|dnt|dotn|doent", "dont"),
    ("can not|cannot|cnat|cnt", "cant"),
    ("will not", "wont"),
    ("i will", "ill"),
    ("i would", "id"),
    ("evryone|everone|evry1|every1|evryon|everyon", "everyone"),
    ("evrybody|everbody|evrybdy", "everybody"),
    ("does not", "doesnt"),
    ("did not", "didnt"),
    ("is not", "isnt"),
    ("was not", "wasnt"),
    ("were not", "werent"),
    ("would not", "wouldnt"),
    ("any more|anymor|anymoe|anymroe|nymore", "anymore"),
    # chat spellings
    ("wanna|wana|wanaa|wnna|wanta|wantto", "want to"),
    ("wnat|wnt|whant|watn", "want"),
    ("jus|jst", "just"),
    ("wen|wehn", "when"),
    ("evrything|everthing|evrythin|everythin", "everything"),
    ("exsist|exisit|exsit|exhist", "exist"),
    ("brige|bidge|brigde", "bridge"),
    ("gonna|gunna|gona|goina|finna", "going to"),
    ("imma|ima", "im going to"),
    ("gotta", "got to"),
    ("tryna", "trying to"),
    ("u", "you"),
    ("ur", "your"),
    ("pls|plz|plis|plez", "please"),
    ("lyf|lyfe", "life"),
    ("ded", "dead"),
    ("deth", "death"),
    ("dieing|diying", "dying"),
    ("kil|kll|kiil", "kill"),
    ("kiled|kild|killd", "killed"),
    ("kiling|kilin|killng", "killing"),
    ("kils", "kills"),
    ("slep", "sleep"),
    ("beter", "better"),
    ("pils|pillz", "pills"),
    ("cuting", "cutting"),
    ("good bye|goodby|godbye|gudbye|goodbey|goodbie|godby|gbye", "goodbye"),
    # reflexive pronouns, split or misspelt
    ("my self|myslef|mysefl|mysef|myslf|mself|meself|myelf|mysel|myseld|msyelf|myselv", "myself"),
    ("your self|ur self|urself|yourslef|yourelf|yoself", "yourself"),
    ("him self|himslef", "himself"),
    ("her self|herslef", "herself"),
    ("them self|them selves|themself", "themselves"),
    # suicide and its misspellings and euphemisms
    (
        "sucide|suicde|suiside|suicid|sucicide|suiscide|suacide|siucide|suicied|suicude|"
        "suicidee|succide|suecide|sewerslide|sewer slide|sewercide|ctb",
        "suicide",
    ),
    (
        "sucidal|suicdal|suicidial|suisidal|suicdial|sucidial|suicial|suicidel|suicidle|"
        "suacidal|suicidall|suisidle|sucicidal",
        "suicidal",
    ),
    ("kys", "kill yourself"),
    ("un alive", "unalive"),
    ("selfharm|slef harm|self ham|self hram|self harn", "self harm"),
    ("selfharming", "self harming"),
    ("selfharmed", "self harmed"),
    ("selfharms", "self harms"),
    ("overdoze|overdozed|overdozing|ovrdose|ovrdosed|ovredose|overdoce|overdsoe", "overdose"),
)
# The few fixes that depend on the neighbouring words.
_FIXES_IN_CONTEXT: Final[tuple[tuple[str, str], ...]] = (
    (r"wan(?= to)", "want"),
    (r"goin(?= to)", "going"),
    (r"(?<=it )al", "all"),
    (
        r"(kill|cutt|hang|jump|end|liv|harm|hurt|burn|starv|noth|dy|di|sav|think|feel|plann)in",
        r"\1ing",
    ),
    # "want to dye" is "want to die" unless something is being dyed
    (
        r"(want to|going to|ready to|wish i could|just) dye(?! (my|it|your|her|his|the|them|their|"
        r"hair|a|this|that)\b)",
        r"\1 die",
    ),
    # kilometres are not "kill myself"
    (r"kms(?! (on|per|away|from|an hour|a day|in|of|to)\b)", "kill myself"),
    # "want 2 die", "going 2 end it"
    (r"(want|wants|need|going|ready|deserve|have|got|wish) 2", r"\1 to"),
)
# Typing slips in the words the rules and exemplars hinge on: a word of five letters or more
# one slip away from one of these keywords is read as it, keeping the first letter: two
# neighbouring letters swapped ("deaht", "alvie", "suicdie"), and for keywords of six letters
# or more a letter missing or added ("tonigt", "survivied"), of seven or more one wrong
# ("suicude").
_TYPO_TARGETS: Final = _words(
    "suicide suicidal myself himself herself themselves overdose overdosed overdosing alive "
    "death dying existing exist existence living anymore everyone everybody everything without "
    "around forever disappear disappeared tonight goodbye burden worthless pointless hopeless "
    "useless bridge tablets razor blades wrists funeral heaven breathe asleep survive survived "
    "attempt rather deserve killing killed wanted wanting hoping wishing praying tomorrow "
    "cutting bleeding hanging jumping painless lethal permanently forgive farewell affairs"
)
# Real words one slip away from a keyword, left alone: every such word of the encoder's
# vocabulary (tests/text checks that none is changed) and a few more seen in comments.
_NOT_TYPOS: Final = frozenset(
    _words(
        "affair aground attempts blade bladed blending breath breathed breaths breeding bride "
        "bridges bridget buren deserved deserves disappears exiting exits forgiven handing haven "
        "heaved heavens homeless hopping killer killings liking lining loving paying playing "
        "survives tables tablet waited waiting washing wasted wasting wrist overdone overdoes "
        "bleeping breather breathes forgave"
    )
)
_TYPO_WORD = re.compile(r"\b[a-z]{5,}\b")


def _one_slip(word: str, keyword: str) -> bool:
    """Whether ``word`` is ``keyword`` with one slip that keeps its first letter."""
    if len(word) == len(keyword):
        diff = [i for i, (a, b) in enumerate(zip(word, keyword, strict=True)) if a != b]
        if len(diff) == 2 and diff[1] == diff[0] + 1:
            return word[diff[0]] == keyword[diff[1]] and word[diff[1]] == keyword[diff[0]]
        return len(keyword) >= 7 and len(diff) == 1 and diff[0] > 0
    if len(keyword) < 6 or abs(len(word) - len(keyword)) != 1:
        return False
    short, long = sorted((word, keyword), key=len)
    return any(long[:i] + long[i + 1 :] == short for i in range(1, len(long)))


@functools.lru_cache(maxsize=4096)
def _unslip(word: str) -> str:
    if len(word) < 5 or word in _NOT_TYPOS or word in _TYPO_TARGETS or word[:-1] in _TYPO_TARGETS:
        return word  # too short, a real word, a keyword or a keyword's plural
    found = {k for k in _TYPO_TARGETS if k[0] == word[0] and _one_slip(word, k)}
    found |= {k for k in _TYPO_TARGETS if word[1] + word[0] + word[2:] == k}  # "ilving"
    return found.pop() if len(found) == 1 else word


_FIX_TABLE = {old: new for olds, new in _FIXES for old in olds.split("|")}
_FIX_WORDS = re.compile(
    r"\b(?:" + "|".join(sorted(map(re.escape, _FIX_TABLE), key=len, reverse=True)) + r")\b"
)
_FIX_CONTEXT = tuple((re.compile(rf"\b(?:{p})\b"), r) for p, r in _FIXES_IN_CONTEXT)


def _squeeze(match: re.Match[str]) -> str:
    """Shrink runs of 3+ letters in one word: to 2 if that spells a rule word, else to 1."""
    word = match.group(0)
    runs = list(_LETTER_RUN.finditer(word))[:4]
    for keep in itertools.product((2, 1), repeat=len(runs)):
        parts, last = [], 0
        for run, size in zip(runs, keep, strict=True):
            parts += [word[last : run.start()], run.group(1) * size]
            last = run.end()
        candidate = "".join(parts) + word[last:]
        if candidate in _KEEP_DOUBLE:
            return candidate
    return _LETTER_RUN.sub(r"\1", word)


def _uncensor(match: re.Match[str]) -> str:
    token = match.group(0)
    if not re.search(r"[a-z]", token):
        return " "
    shape = re.compile(re.sub(r"\*+", "[a-z]{1,3}", token))
    found = [t for t in _CENSOR_TARGETS if shape.fullmatch(t)]
    return found[0] if len(found) == 1 else token.replace("*", "")


def normalise(text: str, *, ellipsis_ends_sentence: bool = False) -> str:
    """Lower-case, unaccented text of plain words, with " . " between sentences.

    Apostrophes, straight or curly, are dropped ("I'm" and "Im" become "im"), letters stretched for
    emphasis are shrunk ("dieeee" -> "die", "killlll" -> "kill"), and chat short forms and
    common misspellings are spelled out ("kms" -> "kill myself", "sucidal" -> "suicidal").
    An ellipsis is read as a pause inside the sentence ("I want to... die") unless
    `ellipsis_ends_sentence`; `check` tries both.
    """
    text = unicodedata.normalize("NFKC", text).casefold()
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    text = _APOSTROPHES.sub("", text)
    text = _LEET_CHAR.sub(lambda m: m.group(0).translate(_LEET), text)
    if "*" in text:
        text = _CENSORED.sub(_uncensor, text)
    text = _ELLIPSIS.sub(" . " if ellipsis_ends_sentence else " ", text)
    sentences = (_NON_WORD.sub(" ", s).split() for s in _SENTENCE_END.split(text))
    text = " . ".join(" ".join(words) for words in sentences if words)
    text = _ELONGATED_WORD.sub(_squeeze, text)
    text = _FIX_WORDS.sub(lambda m: _FIX_TABLE[m.group(0)], text)
    text = _TYPO_WORD.sub(lambda m: _unslip(m.group(0)), text)
    for pattern, replacement in _FIX_CONTEXT:
        text = pattern.sub(replacement, text)
    return text


# --- rules ------------------------------------------------------------------------------------

_MACROS: Final[dict[str, str]] = {
    "SELF": "(?:myself|himself|herself|themselves|yourself|yourselves|ourselves|oneself)",
    "POSS": "(?:my|his|her|their|your|our|ones)",
    "GAP": r"(?:\w+ ){0,3}",
    "GAPFIVE": r"(?:\w+ ){0,5}",
    "END": r"(?= \.|$)",
    "INTENT": (
        "(?:want to|wants to|wanted to|wanting to|going to|about to|ready to|plan to|plans to|"
        "planning to|planned to|decided to|tried to|try to|trying to|tries to|need to|needs to|"
        "urge to|might|should|could|would|will|ill|id|just|thinking about|thinking of|"
        "thought about|thought of|think about|think of|considering|considered|contemplating)"
    ),
    "PILLS": (
        "(?:pills|tablets|meds|medication|medications|medicine|painkillers|paracetamol|tylenol|"
        "acetaminophen|ibuprofen|aspirin|antidepressants|sleeping pills|sleeping tablets|"
        "insulin|xanax|benzos|opioids|oxy|oxycodone|lithium|seroquel)"
    ),
    # "I don't want to live alone / in this town / with him" is about where or how, not whether
    "ELSEWHERE": (
        r"(?! (in(?! (a|this) world)|at|near|on|with|there|here|under|by|together|close|abroad|"
        r"alone|like that|somewhere|anywhere|forever|long enough|through)\b)"
    ),
    "LIMB": "(?:arms?|wrists?|thighs?|legs?|skin|stomach|belly|hips?|chest|body|ankles?)",
    # any pet, so a rule about giving one away is not about one animal
    "PET": (
        "(?:dog|dogs|cat|cats|pet|pets|puppy|kitten|rabbit|bunny|hamster|guinea pig|bird|parrot|"
        "budgie|fish|horse|pony|tortoise|turtle|snake|lizard|ferret|rat|mouse|gerbil|chinchilla)"
    ),
    # high places
    "HIGH": (
        "(?:bridge|roof|rooftop|balcony|building|cliff|tower|overpass|car park|parking garage|"
        "multi storey|parking deck|window|pier|platform|dam|viaduct|flyover|quarry)"
    ),
    # hoping or wishing, in any person and tense
    "WISHING": (
        "(?:wish|wishes|wished|wishing|hope|hopes|hoped|hoping|pray|prays|prayed|praying|"
        "keep hoping|kept hoping|part of me hopes|part of me wishes)"
    ),
    # a gap of up to four words, none of them a negation ("hope this does not kill me")
    "GAPPOS": r"(?:(?!(?:not|dont|doesnt|didnt|wont|wouldnt|never|cant|isnt|no)\b)\w+ ){0,4}",
    "VEHICLE": (
        "(?:car|cars|bus|buses|truck|lorry|train|tram|van|taxi|cab|motorbike|motorcycle|coach|"
        "plane|tube|subway|driver|drunk driver)"
    ),
    "ILLNESS": (
        "(?:cancer|tumou?r|illness|disease|sickness|infection|virus|covid|leuka?emia|lymphoma|"
        "heart condition|the lump)"
    ),
    "WATER": "(?:sea|ocean|lake|river|water|waves|loch|canal|reservoir|tide|surf)",
    # what a noose is made of, and what it is tied to
    "LIGATURE": "(?:rope|cord|belt|cable|ligature|noose|leash|dog lead|extension cord)",
    "ANCHOR": (
        "(?:beam|beams|rafter|rafters|ceiling|banister|bannister|loft hatch|closet rod|"
        "door frame|doorframe|tree branch|stair rail)"
    ),
    # things one gives away or leaves in order
    "POSSESSIONS": (
        "(?:stuff|things|belongings|possessions|savings|money|guitar|books|clothes|jewelry|"
        "jewellery|games|collection|console|records|vinyl|art|paintings|camera|bike|laptop|"
        "plants|car|pets?|dog|cat|favourite things|favorite things|most precious things)"
    ),
    # what someone hurts themselves with
    "TOOL": (
        "(?:razor|razors|razor blade|razor blades|blade|blades|knife|knives|scissors|glass|"
        "broken glass|shard|lighter|compass|box cutter|stanley knife|craft knife|scalpel|"
        "cigarette|sharpener blade)"
    ),
    # written or done for the time after one has died
    "AFTERME": (
        r"(?:for (?:after|when|once) (?:im|i am|hes|he is|shes|she is|i|he|she) (?:gone|dead|die|"
        r"dies|no longer (?:here|around))\b(?! (?:on|for|to|away|abroad|till|until|from|at|over)\b)"
        r"|before i go\b(?! (?:on|to|away|abroad|home|back|out|into|for|in|and|with|up|down)\b)"
        r"|so (?:nobody|no one|noone|they|my family|my (?:kids|children|parents|wife|husband|"
        r"partner|mum|mom|dad|sister|brother)) (?:has|have|will have|wont have|doesnt have|"
        r"dont have|would have|wont need) to (?:deal with|sort|clean|worry|pay|find)"
        r"|for whoever finds (?:me|this))"
    ),
    # occasions ahead
    "OCCASION": (
        "(?:birthday|anniversary|christmas|new year|new years|easter|thanksgiving|graduation|"
        "wedding|holidays|summer holidays|exams|results)"
    ),
}

# places and means that can be said to keep calling someone
_MACROS["MEANS"] = (
    "(?:"
    + "|".join(
        (
            _MACROS["HIGH"],
            _MACROS["WATER"],
            _MACROS["PILLS"],
            "ledge|edge|drop|tracks|train|rope|noose|gun|blade|blades|razor|knife|void|abyss",
        )
    )
    + ")"
)

_RULES: Final[dict[Category, tuple[str, ...]]] = {
    "wish_dead": (
        # wanting, wishing, deserving or being ready to die or to be dead
        r"(?<!heart and )(want|wants|wanted|wanting|wish|wishes|wished|wishing|ready|deserve|"
        r"deserves|deserved|hope|hoping|hoped|pray|praying|prayed|long|longing|beg|begging|"
        r"i need|i just need|i really need) to (just |really |simply |finally |honestly |"
        r"literally |fucking )?die\b(?! on (this|that|the|a|my|your) hill\b| on(?: \.|$))",
        r"(let me|leave me to|might as well|may as well|rather|id rather|why (wont|cant|dont|"
        r"doesnt) (i|he|she)|(i|and|me|just|really|probably|simply) should) (just |probably |"
        r"really |fucking )?die\b",
        r"(please|pls|somebody|someone|someone please|god|god please|lord) (just )?kill me\b"
        r"|kill me (now|already|please)|(?:^|(?<=\. ))(just )?kill me\b",
        r"(want|wants|wanted|wish|wished|wishes|wishing|rather|prefer|should|ready|hope|hoping|"
        r"deserve|deserves) (to )?(just |already )?(be|have been) dead\b|better off dead",
        r"(wish|wishes|wished|wishing) (that )?(i|id|he|she|they) (was|were|had been|would be|"
        r"could be|be|been) (just )?(dead|never born|not alive|gone forever)",
        r"(wish|wishes|wished|wishing) (that )?(i|he|she|they) (could|would|might|can) (just )?"
        r"(die|be dead|stop existing|not wake up|disappear|fall asleep forever)",
        r"(wish|wishes|wished|wishing) (that )?(i|id|i had|he had|she had|they had) "
        r"(never (been born|existed|woken up|woke up)|died|not survived|hadnt survived)",
        r"(wish|wishes|wished|wishing) (that )?(i|he|she|they) (didnt|did not|wasnt|werent|"
        r"could stop|would stop) (exist|existing|alive|born|living|breathing|wake up)",
        r"(i|he|she) (should|shouldnt|should not|shouldve|should have) (have |not |not have )?"
        r"(died|be alive|been alive|been born|be born|survived)",
        # not wanting to live, be alive, exist, wake up
        r"(dont|doesnt|didnt|never|no longer) (really |even )?(want|wants|wanted) to (be alive|"
        r"exist|keep living|go on living|stay alive|be here anymore|be here any longer|"
        r"be here no more|be here END|be on this earth|be in this world|wake up (tomorrow|again|"
        r"anymore|ever|in the morning))",
        r"(dont|doesnt|didnt|never|no longer|not sure i|not sure if i|dont know if i) (really |"
        r"even )?(want|wants|wanted) to live\bELSEWHERE",
        r"(want|wants|wanna) to (live|be alive|exist|keep living|go on|be here) (anymore|"
        r"any longer)|(i|im|id|ill|ive|he|she|hes|shes|hed|shed|they|theyre) GAP(not|dont|"
        r"doesnt|wont|cant|never|no longer) GAP(live|be alive|exist|go on|keep going|carry on) "
        r"(anymore|any longer)",
        r"(dont|doesnt|do not|didnt) deserve to (live|be alive|exist|breathe)",
        r"(cant|dont|not|never|no longer|hardly) GAP(want|wanting) to (be alive|live|exist|"
        r"stay alive|keep living)\bELSEWHERE",
        r"(being alive|existing|every day (im|i am) alive|staying alive|living) (is|feels|"
        r"feels like|has become) (torture|unbearable|a punishment|agony)",
        r"(cant|dont want to|dont wanna|not going to|no longer want to) (keep|go on|carry on) "
        r"(living|existing|breathing|going)\b(?! (in|at|with|there|here|to|on|out|back)\b)",
        r"(tired|sick|exhausted|weary) of (living|being alive|existing|life|this life|my life|"
        r"breathing|being here)\b",
        r"done with (living|being alive|existing)\b|(im|i am|am|so|just|totally|completely|"
        r"really|officially|being) done with (life|this life|my life|it all)\b",
        # the world better off without me, no reason or point to live
        r"(better|happier|easier|lighter|fine|okay|ok)( off)? without me\b(?! (there|on (the|this"
        r"|that)|at (the|this|that|work|home)|for (the|this|that|a|an))\b)",
        r"(everyone|everybody|the world|world|family|people|they|theyd) (would |will |is |are )?"
        r"(be )?(so |much |a lot |way |all )?better off without (her|him|them)",
        r"(better|happier|easier|fine|okay|ok|lighter|relieved)( off)? (if|when|once) i "
        r"(was|were|am|wasnt|werent) (gone|dead|not here|not around|not alive|never born)",
        r"if i (died|was dead|were dead|disappeared|stopped existing|was gone|were gone|"
        r"wasnt here|wasnt around|wasnt alive|werent here|werent around|never woke up)\b"
        r"(?! (for|on|to|at|from|in the|in a|this|yesterday)\b)",
        r"(favou?r|favors|favours) GAP(by|if i) (dying|died|die|killing myself|disappearing|"
        r"not being here|being gone)",
        r"(no|not a|not one|nothing|any|zero) (good )?(reason|reasons|point|purpose) (to |in |for "
        r"|of )?(live|living|go on|going on|keep going|keep living|being alive|be alive|stay alive|"
        r"staying alive|exist|existing|life|carry on|carrying on)\b",
        r"point (of|to) (living|being alive|staying alive|going on|carrying on|existing|life|"
        r"my life|waking up)\b(?! (in|with|on|at|near|abroad|here|there|together|is|as)\b)"
        r"|point in (living|being alive|staying alive|going on|carrying on|existing|waking up)\b"
        r"(?! (in|with|on|at|near|abroad|here|there|together)\b)",
        r"nothing (left )?to live for|to live for (is|was|has|had) (gone|over|dead|left)"
        r"|(not|isnt|is not|arent|no longer|aint|wasnt) worth living"
        r"|(life|living|existence) (is|isnt|feels|seems) (not |no longer )?worth (it|living) "
        r"(anymore|any more)",
        r"why (should|do|would|must) i (even )?(bother )?(keep )?(living|stay alive|go on|exist|"
        r"be alive)\b",
        # sleeping and not waking, dying in an accident, euphemisms
        r"(sleep|asleep|go to bed|bed|hope|hopes|hoped|hoping|wish|wishes|wished|wishing|pray|"
        r"prays|prayed|praying|want|wanna|rather) "
        r"GAPFIVE(never|not|dont|wont|wouldnt) (to )?wake (back )?up\b"
        r"(?! (early|late|at|before|until|till|in time|on time)\b)",
        r"(wish|wished|wishing|hope|hoped|hoping) GAP(hadnt|didnt|never|wouldnt) (woken|woke) up",
        r"never wake up (again|ever)|(sleep|asleep|rest) (forever|eternally)|eternal (sleep|rest)"
        r"|permanent sleep|the long sleep|dirt nap|(six|6) feet under|pushing (up )?daisies|"
        r"meet my maker",
        # hoping something or someone ends one's life: any vehicle, accident or illness
        r"WISHING (that )?GAPPOS((hit|hits|run|runs|knock|knocks|mow|mows) me (over|down)|(run|"
        r"runs|knock|knocks|mow|mows) (over|down) me\b|(hit|hits|kill|kills|killed|shoot|shoots|"
        r"crush|crushes|finish|finishes) me\b(?! (up|off|with|in|out|back|home|to|along|there|for|"
        r"down|over)\b)|crash(es|ed)? (and|with me))",
        r"WISHING (that )?(i|id|he|she|they) (just )?(would |will |could |might )?(get|gets|got|"
        r"be|was|were) (hit|killed|run over|shot|struck)\b(?! (on|up|it|by (cupid|lightning "
        r"bolts))\b)|WISHING (that )?(i|id|he|she|they) (just )?(would |will |could |might )?(get|"
        r"gets|got|end up|ends up|ended up|am|is|was|were|be|die|dies|died) (in |into |by |of |"
        r"from )?(a |an |some )?(\w+ )?(accident|crash|collision|wreck|ILLNESS)\b(?! (course|"
        r"courses|diet|pad|test)\b)|WISHING (that )?(i|id) "
        r"(just )?(would |will |could |might |dont |never )?(die|dies|dont survive|wont survive|"
        r"dont make it|wont make it|dont wake up|never wake up|stop breathing)\b(?! (laughing|of "
        r"(embarrassment|boredom|shame|cringe|old age)|to (the|a|work|school|class|this|that|his|"
        r"her|their|our)|in time|on time|back|home|there|out|up|for)\b)",
        r"(want|wants|wanted|wanna|wish|wished|hope|hoped|hoping|pray|praying) (to )?(get|be|"
        r"getting) (killed|hit by (a |an |the )?(\w+ )?VEHICLE|run over|murdered)",
        r"WISHING GAPPOS(?:ILLNESS) (comes back|come back|will come back|would come back|came back|"
        r"returns|will return|spreads|kills me|takes me|gets me|wins|is terminal|is fatal)",
        # joining someone who has died
        r"(want|wants|wanted|wanna|wish|wished|ready|going|long|longing|need|cant wait|time) to "
        r"GAP(be with|join|see|meet|be reunited with|go (home )?to|go be with) GAP(in heaven|"
        r"on the other side|in the afterlife|in the next life|wherever (he|she|they) "
        r"(is|are|went))|join (him|her|them|POSS \w+( \w+)?) (in heaven|in the (grave|ground|"
        r"afterlife)|on the other side|wherever (he|she|they) (is|are|went))",
        # disappearing, not existing, wanting it all to stop
        r"(want|wants|wanted|wanna|wish|just want|ready) to (just )?(disappear|vanish|"
        r"stop existing|cease to exist|not exist|fade away)\b(?! (for|from|into|under|in|to|"
        r"with|behind|when|until|till)\b)",
        r"(disappear|vanish) (forever|for good|permanently|from this world|from existence|"
        r"off the face of the earth)|(i|me|myself) GAP(stop existing|cease to exist|"
        r"ceasing to exist)|(not|never) (to )?exist (anymore|again)",
        r"(easy|easier|better|simpler|nicer) GAP(to )?(just )?not (be here|be around|exist|"
        r"be alive|wake up)\b|(just|to) not (be here|be around|exist|be alive)\b(?! (for|on|at|"
        r"when|until|this|tomorrow|today|next|in)\b)",
        r"(want|need|wish) (it all|everything|all of it|the pain|all the pain|it) to (just )?"
        r"(stop|end)( forever| for good| permanently)?END",
        r"(want|wish|wished|need) (it|everything|all of this|all this|this|the pain|life) "
        r"(would|to|could) (just )?(stop|end) (forever|for good|permanently)",
        # death as relief
        r"(welcome|welcoming|embrace|crave|craving|long for|longing for|beg for|begging for|"
        r"pray for|praying for|wish for|wishing for|want|wanting|need) death\b"
        r"(?! (metal|note|stranding|star|row|toll|grips?|penalty|sentence|threats?)\b)",
        r"death (would|will|seems|feels|sounds|is|looks) (be )?(like )?(a |the |so |such a |my )?"
        r"(only )?(relief|release|mercy|easier|peaceful|welcome|escape|way out|answer|option|"
        r"solution|better option|easy way out)|death (would be|will be|seems|feels|sounds|is) "
        r"better than (this|living|life|being alive|going on)",
        r"(only|easiest|best|one) (way out|escape|option|solution|answer) (is|would be|seems|left"
        r" is) (to die|death|dying|suicide|to end it|ending it|to kill myself)",
        # attachment: not able to live without a partner
        r"(cant|could not|couldnt|dont want to|dont know how to) (live|survive|exist|go on) "
        r"without (him|her|them|you|my (boyfriend|girlfriend|husband|wife|partner|ex|bf|gf|"
        r"fiance|fiancee))\b",
        # burden, waste of space
        r"(im|i am|ive been|being|feel like|felt like|feel|felt|am|just) (just |such |only |"
        r"nothing but |always |)(a |such a |the )?burden (to|on|for) (everyone|everybody|my|them|"
        r"you|all|people|the people|him|her|the world)",
        r"(im|i am|being|feel like|felt like|just|am) (just |such )?(a )?waste of (space|oxygen|"
        r"air|a life|life|skin)",
        r"(dont|doesnt|didnt|wouldnt|not) care (if|whether) (i|he|she) (live|lives|lived|die|"
        r"dies|died|wake up|make it)|\b(live or die|die or not)\b",
        r"if i (just )?(didnt|did not|no longer) (exist|wake up|survive)|if i (die|dont wake up|"
        r"dont make it|never wake up) (tonight|tomorrow|today|soon|this week|before)",
        r"(nobody|no one|noone) (would |will |even |really |actually )*(needs? me|miss me|"
        r"(notice|care) (if|when) i (die|died|was gone|were gone|disappeared|wasnt here|"
        r"wasnt around|killed myself|stopped existing))|(the )?world (doesnt|does not|wouldnt|"
        r"would not|wont) (need|miss|notice) me",
        r"how long (would it take|it would take|until|before) (for )?(anyone|someone|anybody|"
        r"people) (would )?(to )?(find|notice|miss) me|(find|found|finds) my body",
        r"(want|need|wish) (it|this|everything|it all|all of this|life) to (just )?be over\b"
        r"(?! (soon|quickly|with|by|before|so)\b)",
        r"(feel|feeling|felt|feels) like dying|(rather|want to|wanted to|wanna|wish i was|"
        r"wish i were|ready to) (just )?be gone\b(?! (for|by|before|when|from|on|at|till|until|"
        r"tomorrow|this|next|in)\b)",
        # funerals
        r"my own funeral|(at|to|for|plan\w*|about|imagin\w*|pictur\w*) my funeral",
    ),
    "ideation": (
        # suicide, except set phrases that are about something else
        r"(?<!career )(?<!political )(?<!social )(?<!commercial )(?<!electoral )"
        r"(?<!financial )(?<!fashion )(?<!run )(?<!ran )(?<!running )(?<!doing )(?<!did )"
        r"suicid[a-z]*(?! (squad|doors?|missions?|bombers?|bombings?|bomb|vests?|attacks?|kings?|"
        r"girls|silence|run|runs|sprints?|drills?|lane|knot|blonde|booth)\b)",
        # killing oneself, ending or taking one's life
        r"kill(s|ed|ing)? SELF|(feel|feeling|felt) like killing SELF",
        r"(end|ends|ended|ending|take|takes|took|taking|taken) POSS (own )?life\b"
        r"(?! (back|into|to|seriously|forward|over|story|lesson|savings?|insurance|by the horns|"
        r"in (a|an|the|my|his|her|their|your|new|different|another|hand|hands))\b)",
        r"end(s|ed|ing)? (it|this|everything|things) all\b|end everything",
        r"INTENT (to )?(just )?end(ing)? (it|things|everything|myself)\b"
        r"(?! (with|between|off|for (him|her|them|us)|up|in a|in an)\b)",
        r"(to|going to|want to|just|should|will|ill|might|could|gonna) off SELF|off(ed|ing) SELF",
        # can't go on, can't do this anymore
        r"(cant|dont want to|dont know how to|no reason to|no point in|no point) "
        r"(go|keep going|carry|going|carrying) on\b(?! (a|an|the|with|vacation|holiday|holidays|"
        r"trips?|dates?|tour|stage|tv|air|line|twitter|reddit|youtube|instagram|it|that|this|"
        r"rides?|there|here|break|leave|strike|time|about|at|to|for|in|my own|without a)\b)",
        r"(cant|cannot|dont think i can) (do|take|handle|bear|stand) (this|it|life|this life|"
        r"any of this) (anymore|any longer|any more)",
        r"(want|wanna|need) (out of|to get out of|to escape) (this|my) life\b",
        r"(courage|guts|balls|strength|nerve) to (end it|kill SELF|go through with it|end my life"
        r"|take my (own )?life)",
        r"(dont|doesnt|cant|cannot|didnt|couldnt|no|not) (see )?(a |any |another |other )?"
        r"way out\b(?! (of|to|for)\b)|(cant|cannot|dont want to) (keep )?fighting( anymore|"
        r" any longer)?END",
        # thoughts of death, euphemisms
        r"(thinking|thought|think|thinks|thoughts|dreaming|dream|fantasi[sz]ing) (about|of) "
        r"(dying\b(?! (my|your|his|her|their|the|it)\b)|death|ending (it|things|my life|"
        r"everything)|not (being here|existing|waking up)|killing SELF|taking POSS (own )?life)",
        r"unalive[a-z]*",
        r"(delete|deleting|deleted|erase|erasing|erased) SELF\b(?! (from|off)\b)|self delet[a-z]*",
        r"(remove|removing|removed|take|taking|took) SELF (out )?(from|of) (this world|existence|"
        r"the equation|the picture|life|this earth|the world)",
        r"take SELF out( (tonight|now|soon|today|for good|permanently))?END",
        r"(want|wanna|ready|going|time|wish|need|wanted) (to )?leave (this|the) (world|earth|"
        r"planet)\b|(depart|exit|leave|leaving) this (world|life|earth)",
        r"(alt f4|ctrl alt delete|ctrl alt del|uninstall|uninstalling|log out of|logging out of|"
        r"exit|exiting|quit|quitting|rage quit|rage quitting) (life|myself|irl|my life|existence|"
        r"this life)\b",
        r"(commit|committed|committing|commits) (sui|die)\b"
        r"|\bsui (thoughts|ideation|attempt|urges)",
        r"(survived|surviving|after|since|before|from) (my|his|her|their) (previous |last |"
        r"first |second |failed |recent )?attempt\b(?! (at|to|on|of|in)\b)|survived (an|a|the) "
        r"(suicide )?attempt",
        r"permanent solution|(it|this|everything) (all )?(ends|will end) (tonight|today|tomorrow)",
    ),
    "method_plan": (
        # overdose, hanging, shooting and other named methods
        r"overdos[a-z]*|\bod(ing|ed|d|s)? on\b|(to|going to|will|ill|might|could|almost|nearly|"
        r"tried to|try to|want to|about to|planning to) od\b",
        r"(hang|hangs|hanged|hanging|hung) SELF|noose",
        r"(shoot|shooting|shot|shoots) SELF(?! in the (foot|feet|leg|knee))",
        r"(drown|drowns|drowned|drowning|poison|poisons|poisoned|poisoning|gas|gassing|gassed|"
        r"electrocute|electrocuting|suffocate|suffocating) SELF",
        r"(gun|pistol|revolver|rifle|shotgun|handgun|barrel|bullet) (to|in|against|into|through) "
        r"(my|his|her|their) (head|mouth|temple|brain|chin|skull|heart)",
        r"(eat|eating|ate) (a|my|the) (bullet|gun|barrel|shotgun)|blow (my|his|her) (own )?"
        r"(brains|head) (out|off)",
        r"(slit|slash|slice|cut|cutting|slitting|slashing|open|opened|opening|slicing) "
        r"(my|his|her|their|your) (own )?(wrists?|veins|throat)",
        r"carbon monoxide(?! (detector|alarm)s?)|exhaust (pipe|fumes|hose)|(car|engine) running "
        r"in (the|a|my) (closed )?garage",
        r"(drink|drank|drinking|swallow|swallowed) (bleach|antifreeze|poison|rat poison|"
        r"drain cleaner|weedkiller)",
        # jumping, falling, traffic, trains
        r"(?<!bungee )(jump|jumped|jumping|jumps|leap|leapt|leaping|throw SELF|threw SELF|"
        r"throwing SELF|walk|walked|walking|step|stepped|stepping) (off|of|from) "
        r"(a|the|this|that|our|my|his|her) "
        r"(top of (a|the) )?(short |tall |high )?(bridge|roof|rooftop|building|cliff|ledge|"
        r"balcony|tower|overpass|skyscraper|window|parking garage|car park|pier|platform)",
        r"(jump|jumped|jumping|step|stepped|stepping|walk|walked|walking|throw SELF|threw SELF|"
        r"throwing SELF|lie down|lay down|lying down) (out )?(in front of|under|into) (a|the|an)? ?"
        r"(oncoming )?(train|bus|truck|lorry|car|subway|tube|traffic)",
        r"(want|wanted|wanna|urge|thought about|think about|thinking about|considered|could) (to )?"
        r"(just )?run (out )?into (oncoming )?traffic",
        r"(lie|lay|lying|stand|standing|stood|sit|sitting|walk|walked) (down )?(on|onto) "
        r"(the )?(train |railway )?tracks",
        r"(drive|driving|swerve|swerving|steer|steering) (my car |the car )?(off|into) "
        r"(a |the |an )?"
        r"(cliff|bridge|wall|tree|oncoming|river|lake|ocean|sea)|(crash|crashing|wreck|wrecking) "
        r"(my|the) car on purpose",
        r"(stood|standing|stand|sat|sitting|sit|climbed|climb|climbing) (on|onto|over|up|at) "
        r"(the|a) (train |railway |tube |subway )?(platform )?(edge|ledge|railing|rail|parapet)",
        r"(bridge|roof|rooftop|ledge|cliff|balcony|overpass|tracks) GAP(high enough|the drop|"
        r"let go|to jump|and jump)",
        r"(think|thinks|thinking|thought|imagine|imagining|picture|picturing|dream|dreaming) "
        r"(about |of )?(jumping|leaping|stepping off|stepping out in front|throwing SELF|"
        r"falling off|falling from|letting go of the (rail|railing|edge))\b",
        r"(want|wanna|going|ready|about|need) to jump END",
        # going into water and not coming back
        r"(swim|swimming|swam|swims|wade|wading|waded|paddle|paddling|drift|drifting|float|"
        r"floating) (out )?(\w+ ){0,4}(and )?(not|never|wont|dont) (come|coming|came|return|"
        r"returning|get|getting|swim|swimming) back|(walk|walking|walked|wade|wading|waded|swim|"
        r"swimming|swam) (out )?into the WATER\b(?! (to|for|with|together|holding)\b)"
        r"|(stones|rocks|weights) in (my|his|her|their) pockets",
        r"on (the|a) HIGH (railing|rail|edge|ledge|parapet)|(railing|parapet|ledge) of (the|a|"
        r"my|our) HIGH",
        r"MEANS GAP(keeps|keep|kept|is|was|are|were|has been|have been) (calling|calling to|"
        r"pulling|pulling at|whispering to|tempting|beckoning|luring) (me|him|her)\b"
        r"|(hear|hearing|heard|feel|feeling|felt) (the )?MEANS (calling|pulling|whispering)",
        # pills and other means, near a cue
        r"(take|took|taking|takes|swallow|swallowed|swallowing|down|downed|downing|pop|popped|"
        r"popping|eat|ate|eating) (all|every|the whole|a whole|a handful|handfuls|too many|"
        r"way too many|loads|a bunch|a bottle|bottles|a box|a pack|a packet|the rest|"
        r"all the rest|everything|double|extra)( of)? (\w+ ){0,3}PILLS",
        r"PILLS GAPFIVE(stockpil\w*|hoard\w*|stash\w*|counting|counted|enough to|lethal|fatal|"
        r"at once|with (vodka|alcohol|wine|whisky|whiskey|booze)|to die|never wake|not wake|"
        r"kill me|do the job|end it|lined up|laid out|counted out)"
        r"|(stockpil\w*|hoard\w*|stash\w*|sav(e|ed|ing) up|collect(ed|ing)?|counting|counted|"
        r"how many|how much|enough|lined up|laid out|counted out|eyeing|eying|staring at|"
        r"keep looking at|kept looking at) GAP(of )?(my |the |his |her )?"
        r"PILLS",
        r"(lethal|fatal|deadly) (dose|amount|overdose|quantity)",
        # hanging: any cord and anything it could be tied to
        r"LIGATURE GAP(around (my|his|her|their) neck|strong enough|(hold|holds|take|takes|bear) "
        r"(my|his|her|their) weight|ANCHOR)\b|(ANCHOR|hold my weight|take my weight) "
        r"GAPFIVE(rope|cord|belt|noose|ligature)\b|(tie|tied|tying|fix|fixed|fixing|attach|"
        r"attached|knot|knotted|loop|looped) (a |the |my )?LIGATURE (around|to|from|over) (a |the |"
        r"my |his |her )?(ANCHOR|neck)|(test|tested|testing|check|checked|checking) (whether |if |"
        r"that |how )?(the |a |my )?(ANCHOR|LIGATURE) (would |will |could |can |is strong enough "
        r"to )?(hold|take|bear) (my|his|her|their) weight",
        r"(going to|time to|want to|just|might|should|will|ill|could) rope\b(?! (in|into|off|them|"
        r"him|her|you|me|up|a|the|it)\b)",
        r"(gun|pistol|revolver|rifle|shotgun|handgun|firearm) GAP(to my head|in my mouth|on myself"
        r"|to end it|to die|just in case|pull the trigger)|(keep|kept) (looking at|thinking about) "
        r"(the|my|his|her|dads|moms) (gun|pistol|revolver|rope|pills|bridge)",
        r"(aim|aimed|aiming|point|pointed|pointing|hold|held|holding|put|putting) (it|the gun|"
        r"a gun|the barrel|the pistol) (at|to|against|in) my (head|temple|mouth|chest|heart)",
        r"(pick up|picked up|grab|grabbed|grabbing|tempted to (grab|get|use|look for|find)) "
        r"GAP(gun|guns|pistol|rifle|rope|noose)\b|(swallow|swallowed|swallowing) (the|my|those|"
        r"these|some|her|his) PILLS",
        r"(use|using|used) (it |them |a knife |the knife |a blade |the blade |a razor |the razor |"
        r"the gun |a gun |the rope |the pills )?on SELF",
        r"(got|have|ive|bought|buying|found|hid|hide|hidden|keep|kept) (a |the |my |some )?"
        r"(PILLS|rope|gun|noose|blades?|razors?) (ready|hidden|stashed|saved|for when|"
        r"for tonight|just in case)",
        # a plan, a date, research
        r"(have|ive|got|made|make|making|came up with|worked out|figured out|there is|theres) "
        r"(a|the|my) (plan|method)( all)? (to|for) (end (it|my life|things|everything)|kill|die|"
        r"suicide|do it|how i|when i|my death|overdose|hang)|(a|the) (date|day) (to|for) "
        r"(end (it|my life|things|everything)|die|kill SELF)",
        # a chosen date, place or way
        r"(picked|picking|pick|chosen|choosing|choose|chose|set|setting|decided on|deciding on|"
        r"settled on|settling on|found|finding|scouted|scouting|worked out|working out|booked) "
        r"(a|the|my) (date|day|time|night|place|spot|location|method|way|bridge|building|cliff) "
        r"GAPFIVE(end it|end things|die|do it|jump|go through with it|kill|overdose|hang)\b"
        r"|(the|a) (perfect|right|best|quiet|good|only) (place|spot|bridge|building|way|time|day|"
        r"night) (to|for) (die|dying|end it|end things|jump|kill SELF|my last)\b"
        r"|(counting|count|counted) down (the days )?(to|until|till) (the day i (die|do it|end it|"
        r"go)|my last|the end\b)",
        r"(know|knows|knew|decided|planned|worked out|figured out) (exactly )?(how|when|where) "
        r"(ill|i will|im going to|i would|id|i could|he will|she will|hed|shed|he would|"
        r"she would|theyd|they would) do it",
        r"(painless|quickest|easiest|fastest|quick|surest|least painful|peaceful) (way|ways|"
        r"method|methods) (to|of) (die|dying|end it|end things|kill|end my|commit)",
        # researching ways
        r"(google|googled|googling|search|searched|searching|look up|looked up|looking up|"
        r"research|researched|researching|read up on|reading up on|read about|reading about|"
        r"look into|looked into|looking into|asked (chatgpt|the ai|an ai|ai|google|siri|reddit)|"
        r"watched videos (on|about)|checked|checking) (how|ways|methods|what|which|the (best|"
        r"easiest|quickest|fastest|surest|least painful|most painless|painless) (way|ways|method)|"
        r"the lethal|lethal) GAPFIVE(die|dying|kill (SELF|me|a person|someone)|end it|end my|"
        r"overdose|hang|hanging|jump|commit|not wake|never wake|lethal|fatal|drown|bleed out)\b",
        r"how (many|much) (of )?(my |the |these |those )?(PILLS )?GAP(would|will|does|do|it takes "
        r"to|is|are|to) GAP(kill|be lethal|be fatal|lethal|fatal|overdose|to die|never wake|"
        r"not wake)\b(?! (weeds|bugs|germs|bacteria|ants|flies|time)\b)",
        # stockpiling from several shops
        r"(PILLS|blades|razor blades|razors) GAPFIVE(from|at|in) (different|several|multiple|"
        r"separate|two|three|four|five) (shops|pharmacies|chemists|stores|supermarkets|places)",
    ),
    "goodbye": (
        r"(this is|its|it is|heres|here is) (my )?(final |last )?goodbye\b(?! to (my|the|our|"
        r"this|that)\b)|(final|last) goodbyes?",
        r"goodbye (forever|world|cruel world|everyone|everybody|all|my friends|to (everyone|"
        r"everybody|the world|all of you|life|this world))",
        r"(texted|messaged|sent|wrote|posted|called) (me |us |everyone |her |him )?(a )?goodbye\b"
        r"(?! (party|card|gift|present|drinks|lunch|dinner)\b)",
        r"(goodbye|farewell|suicide) (letter|note|message|video|post|letters|notes)",
        r"(this is|this will be|these are|heres|here is|writing|wrote|written|leave|left|leaving)"
        r" (my|a|the) (last|final) (note|letter|message|words|post|entry|goodbye)",
        r"(last|final) (thing|words|message|post|entry|note|letter) (ill|i will|im going to|"
        r"youll|you will|anyone will) (ever )?(write|say|post|send|hear|read)",
        r"(wrote|written|writing|updated|updating|finished|drafted) (my|a) will\b",
        r"(wrote|written|writing|write|left|leaving) (letters|notes) (to|for) (everyone|everybody|"
        r"my family|all of you|my (kids|children|parents|friends))",
        r"(gave|giving|give|given|gives) (away )?(my|his|her|their) (\w+ )?PET (away|to)\b"
        r"|(rehome|rehomed|rehoming|found a new home for|finding a new home for|find a new home "
        r"for) (my|his|her|their) (\w+ )?PET",
        r"by the time (you|anyone|someone|they|somebody|people) (read|reads|find|finds|see|sees|"
        r"get|gets|hear|hears) (this|me|my)",
        r"(when|after|once|if) (im|i am) (gone|dead|no longer (here|around|alive)|not (here|around)"
        r" anymore)\b(?! (for|on|to|at|from|with|till|until|over|this|next|a|the|tomorrow)\b)",
        # giving things away, deciding who gets them, not needing them where one is going
        r"(give|gave|giving|gives|given|hand|handed|handing) away (all |most |some |the rest )?"
        r"(of )?(my|his|her|their) (favourite |favorite |most )?((?!(old|spare|unused|extra|"
        r"outgrown|broken|worn|baby|kids|winter|summer)\b)\w+ )?POSSESSIONS\b(?! to (charity|"
        r"a charity|the charity|goodwill|oxfam|a charity shop|the charity shop|the shelter|"
        r"the food bank|the library)\b)"
        r"|(give|gave|giving|gives|given|handed|handing) (away )?(all|everything|most) (of )?"
        r"(my|his|her|their) POSSESSIONS|(giving|gave|give|given) (my|his|her|their) POSSESSIONS "
        r"away",
        r"(decided|deciding|decide|wrote down|writing down|made a list of|list of) who (gets|"
        r"should get|will get|can have|should have|is having|inherits) (my|his|her|all my) (\w+ )?"
        r"POSSESSIONS|(wont|will not|not going to|no longer) (need|be needing|have any use for) "
        r"(them|it|these|those|any of (it|this|them|my (stuff|things))|my POSSESSIONS|anything) "
        r"(where (im|i am) going|after (tonight|today|tomorrow|this week)|much longer|for much "
        r"longer)",
        # affairs in order; things written or sorted for after one has died
        r"(my|his|her|their) affairs in order|(affairs|loose ends|paperwork|finances|accounts|"
        r"passwords|will|belongings|things|stuff|letters?|notes?|instructions|list|videos?|"
        r"messages?) GAPFIVE(?:AFTERME)",
        r"(take care of|look after|looks after|care for|feed|walk) (my|his|her|their|the) "
        r"(\w+ ){0,2}(when|after|once) (im|i am|shes|she is|hes|he is|theyre|they are) gone\b",
        r"(wont|will not|will never|wont ever|never|dont) (have to )?(see|hear from|deal with|"
        r"worry about|put up with|be bothered by|be burdened by|bother with|need to worry about) "
        r"me (again|ever again|anymore|any longer|much longer|after (tonight|today|this))",
        r"(wont|will not|not going to|no longer|wont be) be (around|here|alive|on this earth) "
        r"(much longer|for long|for much longer|anymore|any longer|to see (it|you|him|her|them|"
        r"christmas|my|the))",
        r"(wont|dont think ill|dont think i will|not going to|never|doubt ill) (make it|be (here|"
        r"around|alive)) (to|until|till|through|past) (my |the |this |next |another )?(next )?"
        r"(OCCASION|night|weekend|tomorrow|morning|week|month|year|summer|winter|spring|autumn)\b"
        r"(?! (party|parties|dinner|meeting|market|shopping|sale|game|show|trip|flight|match|"
        r"concert|deadline)\b)",
        r"(see|meet) (you|u) (all )?(on the other side|in (the )?next life|in another life|"
        r"in heaven)",
        r"(signing|logging|checking|sign|log|check) (off|out) (for good|forever|permanently|"
        r"for the last time)",
        r"(last|final) (night|day|sunset|sunrise|week|meal) (alive|on (this )?earth|of my life)",
        r"love (you|u) (all |guys |everyone |so much )?(\w+ ){0,3}(\. )?(goodbye|forgive me)\b"
        r"(?! for now| till| until| see)|forgive me for what (im|i am) (about|going) to do"
        r"|(sorry|forgive me)\b (\w+ ){0,5}(\. )?goodbye\b(?! for now| till| until| see)",
        r"(the )?(last|final) time (you|anyone|youll|you will|anyone will) (\w+ )?(hear from|see|"
        r"hears from|sees) me",
        r"(wont|will not|no longer) be (a |your )?(burden|problem|bother|nuisance|trouble)\b "
        r"GAP(anymore|any more|much longer|for long|soon|after (tonight|today|this))",
        # messages to pass on, in the past tense about oneself
        r"(tell|please tell|let|make sure|promise (me )?(youll|you will) tell) GAP(know |knows )?"
        r"(that )?(i|he|she) (loved|always loved|really loved|truly loved|never stopped loving|did "
        r"love)\b(?= (you|him|her|them|everyone|everybody|all|(my|his|her|our|the) (\w+ )?(family|"
        r"kids|children|boys|girls|parents|mum|mom|mam|dad|sister|brother|sisters|brothers|friends|"
        r"wife|husband|partner|son|daughter|grandma|grandad|nan))\b| \.|$)",
    ),
    "self_harm": (
        r"self (harm|harming|harmed|harms|injur[a-z]*|mutilat[a-z]*|inflicted)|\bnssi\b",
        r"(cut|cuts|cutting|cutted|slice|slicing|sliced|carve|carving|carved|burn|burns|burning|"
        r"burned|burnt|hurt|hurts|hurting|harm|harms|harming|harmed|hit|hits|hitting|punch|"
        r"punched|punching|punches|scratch|scratched|scratching|scratches|bruise|bruised|"
        r"bruising|bruises|injure|injured|injuring|mutilate|mutilating|starve|starving|starved|"
        r"starves|choke|choking|choked|chokes|strangle|strangling|stab|stabs|stabbing|stabbed) "
        r"SELF\b(?! (out|up|off|short|loose|free|in on|down|back|some slack|a break|a slice|"
        r"a piece|a deal|in half|in two)\b)",
        r"(cut|cuts|cutting|carve|carving|carved|slice|slicing|sliced|burn|burned|burnt|burning|"
        r"scratch|scratched|scratching|hit|hitting|punch|punched|punching|bruise|bruised|stab|"
        r"stabbed|stabbing|bang|banging|banged|slam|slamming|slammed|bite|biting|bit|pick|"
        r"picking|picked) (my|his|her|their) (own )?(LIMB|face|hands?|fingers|head)\b "
        r"GAP(until|till|til) (it |they |i )?(bleed|bleeds|bled|bleeding|bruise|bruised|scar)"
        r"|(cut|cutting|carve|carving|carved|slice|slicing|burn|burned|burnt|burning|scratch|"
        r"scratched|hit|punched|bruised) (my|his|her|their) (own )?(LIMB|face|hands?|fingers|head)"
        r"\b GAP(on purpose|deliberately|intentionally|to feel something|to punish)",
        r"(cut|cuts|cutting|carve|carving|carved|slice|slicing|sliced) (my|his|her|their) "
        r"(arms|thighs|wrists|wrist|thigh|stomach|hips|legs)",
        r"(urge|urges|urged|craving|cravings|crave|craved|tempted|temptation|itching|itch|pull|"
        r"desire) to (cut|sh|self harm|burn|hurt|bleed|scratch myself|hit myself)\b(?! (my hair|"
        r"his hair|her hair|ties|back|down|corners|costs|out|off|in|the|a|an|class|school|him|her|"
        r"them|people|you|it|carbs|sugar|contact|loose|toast|dinner|food|the cake)\b)"
        r"|(want|wanting|need|needing|going) to (cut|sh|self harm|bleed)"
        r"(?= (again|so bad|so badly|tonight|right now|really bad)\b| \.|$)",
        r"(cutting|self harming|sh|harming|cut) again|(i|i just|ive|i have|i had) (cut|burned|"
        r"burnt|harmed)\b(?= (again|last night|tonight|today|this morning|yesterday)\b| \.|$)",
        r"cutting (makes|made|helps|helped|is the only|was the only|used to help)"
        r"|(started|start|starting|tried|try|trying|back to|went back to|go back to|relapsed|"
        r"relapse|relapsing|quit|stopped|stop|clean from|free from|sober from|used to) "
        r"(cutting|self harm|self harming|sh|burning myself)\b(?! (off|out|down|back|ties|class|"
        r"school|corners|carbs|sugar|hair|grass|costs|the|my hair|it|him|her|them|people|me|"
        r"you)\b)",
        r"relapse(d|s)? (on|into|with) (sh|self harm|cutting|harm)|(days|weeks|months|years) "
        r"clean (from|of) (cutting|sh|self harm)|\bsh (scars?|urges?|relapse|wounds|cuts)\b",
        r"(fresh|new|deep|old) (cuts|scars|wounds|burns) (on|across) (my|his|her|their) LIMB",
        r"(hide|hid|hiding|hidden|cover|covered|covering|covers) (up )?(my|the|his|her|their|all "
        r"the|these|those|new|fresh) (scars|cuts|wounds|burns)|(long sleeves|sleeves|hoodies?|"
        r"jumpers?|bracelets|plasters|bandages|band aids) (\w+ ){0,3}(to |so (no one|nobody|people|"
        r"they|anyone) (cant|wont|doesnt|dont|can not) )?(hide|cover|see|notice) (my |the |his |"
        r"her )?(scars|cuts|wounds|burns|arms|wrists|thighs)",
        r"(did|do|doing|done) (it|that|the thing) (to|on) (my|his|her) LIMB",
        r"make (myself|me|himself|herself) bleed|(what|something) (i|he|she) (might|could|would|"
        r"will|may) do to (myself|himself|herself)",
        r"(burn|burning|burned|burnt|burns) (my|his|her|their) (own )?(LIMB|face|hands?|fingers) "
        r"with|(carve|carved|carving|etch|etched|etching) GAP(into|in|on) (my|his|her|their) "
        r"(own )?LIMB",
        r"(covered in|full of|covered with) (cuts|scars|burns)|cuts (on|across|all over|"
        r"up and down) (my|his|her|their) LIMB",
        # a tool on the skin: any sharp or hot thing, any limb
        r"TOOL GAP(on|to|against|across|into|along|over|down) (my|his|her|their) (own )?LIMB"
        r"|(drag|dragged|dragging|run|ran|running|press|pressed|pressing|dig|dug|digging|push|"
        r"pushed|pushing|hold|held|holding) (a |the |my |his |her )?TOOL (across|into|along|down|"
        r"over|on|against|through) (my|his|her|their) (own )?(LIMB|face|hands?|fingers)"
        r"|(took|take|taking|taken|got|get|getting|broke|break|breaking) (apart |open )?(a |the |"
        r"my )?(pencil )?sharpener|(blade|blades) (out of|from) (a |the |my )?(pencil )?sharpener",
        r"(blades|razor blades?|the blade|the razor) GAP(hid|hide|hidden|stash|stashed|again|"
        r"relapse|urge)",
    ),
}


def _expand(rule: str) -> str:
    rule = rule.replace(" END", _MACROS["END"])  # "be here END": at the end of a sentence
    return re.sub(r"[A-Z]{2,}", lambda m: _MACROS[m.group(0)], rule)


@functools.cache
def _compiled() -> dict[Category, re.Pattern[str]]:
    """The rules as one pattern per category, compiled on first use (not at start-up)."""
    return {
        category: re.compile(r"\b(?:" + "|".join(f"(?:{_expand(r)})" for r in rules) + r")\b")
        for category, rules in _RULES.items()
    }


# Figures of speech that are unmistakable as a whole and are read as nothing: "not even with a
# gun to my head", "if you held a gun to my head" (= not for anything).
_FIGURES: Final = re.compile(
    r"\b(?:(?:not |never )?even|unless|if (?:you|someone|somebody|anyone|they|he|she) "
    r"(?:held|put|pointed|had|holds|puts|points|hold)) (?:with )?a gun (?:to|against|at) "
    r"(?:my|your|his|her|their|our) heads?\b"
)


def _readings(text: str) -> tuple[str, ...]:
    readings = (
        (normalise(text), normalise(text, ellipsis_ends_sentence=True))
        if _ELLIPSIS.search(text)
        else (normalise(text),)
    )
    return tuple(_FIGURES.sub(" ", r) for r in readings)


def explain(text: str) -> dict[Category, str]:
    """The first matching phrase (in normalised text) for each category that matched."""
    found: dict[Category, str] = {}
    for normal in _readings(text):
        for category, pattern in _compiled().items():
            match = None if category in found else pattern.search(normal)
            if match:
                found[category] = match.group(0)
    return found


def check(text: str) -> frozenset[Category]:
    """The crisis-rule categories that `text` matches; empty when none do."""
    readings = _readings(text)
    return frozenset(
        c for c, pattern in _compiled().items() if any(pattern.search(n) for n in readings)
    )
