"""French text analysis shared by indexing and querying (pure Python).

Accents and case are folded, elisions split (l'acte -> acte), stop words
dropped, and words reduced by a light French stemmer (plural and common
derivational endings), so "déménagement" and "déménage", "mariages" and
"mariage" meet. Light on purpose: agents type short phrases, and an aggressive
stemmer merges words that mean different things (carte / cartel).
"""

import functools
import re
import unicodedata


STOP_WORDS = frozenset(
    "a au aux avec ce ces comment dans de des du elle en est et etre il ils je la le les leur lui ma mais me mes moi mon "
    "ne nos notre nous on ou par pas pour qu que qui quoi sa se ses son sur ta te tes toi ton tu un une vos votre vous y "
    "c d j l m n s t faire fait veux voudrais "
    # Colloquial filler of spoken requests ("il veut", "quels papiers faut-il").
    "ai as avez avons ont sont suis elles quel quels quelle quelles veut veulent peut peuvent faut dois doit doivent "
    "cette cet ca cela besoin svp bonjour merci aller vers".split()
    # Operators of the catalog's query language: never terms.
    + ["and", "or", "not"]
)
# Derivational endings, longest first, removed once inflection is gone.
SUFFIXES = ("issement", "ation", "ment", "al", "er")
_WORD = re.compile(r"[a-z0-9]+")


_LATIN = str.maketrans(
    {c: unicodedata.normalize("NFKD", c)[0] for c in "àâäáãçéèêëíìîïñóòôöõúùûüýÿÀÂÄÁÃÇÉÈÊËÍÌÎÏÑÓÒÔÖÕÚÙÛÜÝ"}
    | {"œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae", "’": "'"}
)


def fold(text):
    """Lower case without accents; œ/æ spelt out."""
    text = (text or "").translate(_LATIN)  # fast path for French letters
    if not text.isascii():
        text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return text.lower()


def words(text):
    """Folded words, stop words removed (digits kept: F1341, 16 ans)."""
    return [w for w in _WORD.findall(fold(text)) if w not in STOP_WORDS]


_TYPED = re.compile(r"[^\W_]+")


def typed_words(text):
    """words(text) as typed: lower case, accents kept ("âme" stays "âme" where
    words() says "ame"), one entry per entry of words(text)."""
    found = []
    for token in _TYPED.findall(unicodedata.normalize("NFC", text or "")):
        parts = [w for w in _WORD.findall(fold(token)) if w not in STOP_WORDS]
        found += [token.lower()] if len(parts) == 1 else parts
    return found


def abbreviation(member):
    """An editors' synonym written in capitals ("AME", "CNI"), as typed in lower
    case, or None: such a member stands for its group only when a query word is
    exactly those letters, never another word folding to them ("âme")."""
    member = member.strip()
    return member.lower() if 2 <= len(member) <= 6 and member.isalpha() and member.isupper() and member.isascii() else None


@functools.lru_cache(maxsize=200_000)
def stem(word):
    """Plural, then feminine or verb -e, then one derivational ending: every
    inflection of a word meets (électoral, électorale, électorales, électoraux)."""
    if len(word) <= 3 or word.isdigit():
        return word
    if word.endswith("aux") and len(word) > 5:
        word = word[:-3] + "al"
    elif word[-1] in "sx" and len(word) > 4:
        word = word[:-1]
    while word.endswith("e") and len(word) > 3:  # mariée, agréée
        word = word[:-1]
    if word.endswith("if"):
        return word[:-1] + "v"  # actif / active
    if word.endswith("eus"):
        return word[:-1]  # heureuse / heureux
    for suffix in SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            return word[:-1] if suffix == "ment" and word.endswith("e") else word
    return word


def terms(text):
    """What the index stores and queries match: stems of the words."""
    return [stem(w) for w in words(text)]


def normalised(query):
    """The one key of a query for what is remembered about it (best bets, agents'
    choices): its terms in order, space-separated."""
    return " ".join(terms(query))


def edit_distance(a, b, limit):
    """Levenshtein distance, or limit + 1 as soon as it is known to exceed limit."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        if min(current) > limit:
            return limit + 1
        previous = current
    return previous[-1]


def typo_budget(word):
    """One edit for words of 5+ letters, two for 9+ letters, none below."""
    return 2 if len(word) >= 9 else 1 if len(word) >= 5 else 0
