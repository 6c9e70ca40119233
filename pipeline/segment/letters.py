"""Recognise the parts of a letter or telegram among a document's blocks.

Works on short texts (one per block) so that web pages and printed pages share it:
salutation, closing formula, signature, postscript, dateline.
"""

from __future__ import annotations

import regex

from pipeline.segment.text import is_date_line

SALUTE = regex.compile(
    r"^(?:My\s+)?(?:Dear|Esteemed|Respected|Honoured)?\s*(?:Comrades?|Citizens?|Mr|Mrs|Sirs?|"
    r"Gentlemen|Friends?|Herr|Monsieur)\b\.?[^.!?;]{0,70}[,:!]\s*(?:\[\d+\])?$")
CLOSER = regex.compile(
    r"^(?:With\s+(?:(?:best|warm|warmest|kind|kindest|fraternal|comradely|communist|Communist|"
    r"revolutionary|friendly|cordial)\s+)*(?:greetings|regards|wishes)|Yours(?:\s+(?:faithfully|sincerely|"
    r"truly|ever))?|(?:Best|Kind|Communist|Comradely|Fraternal)\s+(?:greetings|regards)|Greetings|Regards)"
    r"\b[^.]{0,40}[,.!]?$", regex.I)
POSTSCRIPT = regex.compile(r"^(?:P\.\s*P\.\s*S\.|P\.\s*S\.|PS\b|Postscript\b|N\.\s*B\.)")
CALL = regex.compile(r"\[\d{1,3}\]")
DOCUMENT_WORDS = r"(?:Letter|Note|Telegram|Message|Reply|Memorandum|Radio(?:gram)?|Instructions?|Answer|Appeal)s?"
NAME_END = r"(?=\s+(?:and|on|for|about|concerning|regarding|with|in|from|at|to|\w+ing)\b|[,;\[(]|$)"
ADDRESSEE_IN_TITLE = regex.compile(
    rf"(?:\b{DOCUMENT_WORDS}\b(?:\s+from\s+.+?)?\s+to|^To:?)\s+(?P<who>.+?){NAME_END}", regex.I)
SENDER_IN_TITLE = regex.compile(rf"\b{DOCUMENT_WORDS}\s+(?:from|by)\s+(?P<who>.+?){NAME_END}", regex.I)
TO_LINE = regex.compile(r"^To\s+(?:the\s+)?[A-Z]")


def is_salute(text: str) -> bool:
    """``Dear Comrade Trotsky:`` and ``Comrade Chicherin,`` are salutations.

    >>> is_salute("Dear Comrade Trotsky:"), is_salute("Comrade Chicherin,"), is_salute("Comrades, we won.")
    (True, True, False)
    >>> is_salute("Dear Mr. Robins:")
    True
    """
    return len(text.split()) <= 10 and bool(SALUTE.match(text.strip()))


def is_closer(text: str) -> bool:
    """``With best comradely greetings`` and ``Yours,`` close a letter."""
    return len(text.split()) <= 8 and bool(CLOSER.match(text.strip()))


def is_postscript(text: str) -> bool:
    return bool(POSTSCRIPT.match(text.strip()))


def is_signature(text: str) -> bool:
    """A short line that ends in a name: ``Lenin``, ``V. Ulyanov (Lenin),``,
    ``Members of the Politbureau: Lenin[1]``.

    >>> is_signature("Lenin"), is_signature("V. Ulyanov (Lenin),"), is_signature("That is all.")
    (True, True, False)
    """
    bare = CALL.sub("", text).strip().rstrip(",")
    words = bare.split()
    if not words or len(words) > 12 or len(bare) > 110:
        return False
    last = words[-1].strip("()")
    if bare.endswith((".", "!", "?", ":", ";")) and not regex.search(r"\b[A-Z]\.$", bare):
        return False
    return last[:1].isupper() and (len(words) <= 4 or "," in bare or ":" in bare or "(" in bare)


def addressee_from_title(title: str) -> str:
    """The person a letter's title names: ``Letter to L. B. Kamenev for ...`` -> ``L. B. Kamenev``.

    >>> addressee_from_title("To:   L. D. TROTSKY")
    'L. D. Trotsky'
    >>> addressee_from_title("Note to G. V. Chicherin and Decision of the Politbureau")
    'G. V. Chicherin'
    >>> addressee_from_title("TELEGRAM FROM CHICHERIN TO CURZON REPLYING TO THE BRITISH PROPOSAL")
    'Curzon'
    """
    return person_in_title(ADDRESSEE_IN_TITLE, title)


def sender_from_title(title: str) -> str:
    """``TELEGRAM FROM CHICHERIN TO CURZON`` -> ``Chicherin``."""
    return person_in_title(SENDER_IN_TITLE, title)


def person_in_title(pattern, title: str) -> str:
    match = pattern.search(regex.sub(r"\s+", " ", CALL.sub("", title)))
    if not match:
        return ""
    who = match.group("who").strip().rstrip(".")
    who = regex.sub(r"^(?:the\s+)?(?:statement|note|proposals?|appeal|letter|reply|decision|message|declaration)"
                    r"\s+(?:of|by|from)\s+", "", who, flags=regex.I)  # "TO THE STATEMENT OF THE BRITISH EMBASSY"
    return " ".join(name_case(w) for w in who.split())


def name_case(word: str) -> str:
    """A word of a name printed in capitals, as a name is written: ``TROTSKY`` -> ``Trotsky``,
    ``ALL-RUSSIAN`` -> ``All-Russian``."""
    if word.lower() in {"of", "the", "and", "for", "in", "on"}:
        return word.lower()
    if not (word.isupper() and len(word) > 2):
        return word
    return "-".join(part.capitalize() for part in word.split("-"))


def is_signer_title(text: str) -> bool:
    """A short line ending in a comma that names an office: the first line of a signature."""
    words = text.split()
    return text.rstrip().endswith(",") and 2 <= len(words) <= 8 and words[0][:1].isupper() \
        and not text.rstrip(",").endswith((".", "!", "?"))


def is_address_line(text: str) -> bool:
    """``To Vorovsky, Plenipotentiary Representative ...,``: a telegram's address."""
    return bool(TO_LINE.match(text)) and len(text.split()) <= 20 and not text.rstrip().endswith((".", "!", "?"))


def mark_letter_parts(texts, kinds, parts, letter: bool = True) -> None:
    """Find salutation or address, closing, signature, dateline and postscript, in place.
    A document that is no letter by its title (``letter`` False: a decree, an interview) is
    laid out as a letter only if it opens with a salutation."""
    salute = opener_end(texts)
    if not letter and (salute is None or not any(is_salute(t) for t in texts[:salute + 1])):
        return
    if salute is not None:
        for i in range(salute + 1):
            parts[i] = "opener"
            kinds[i] = "salute" if is_salute(texts[i]) else \
                ("dateline" if is_date_line(texts[i]) else "seg")
    ps = next((i for i, t in enumerate(texts) if is_postscript(t)), len(texts))
    for i in range(ps, len(texts)):
        kinds[i], parts[i] = "p", "postscript"
    end = ps
    while end > 1 and is_date_line(texts[end - 1]):
        end -= 1
    closing = [i for i in range(end, ps)]
    closer = next((i for i in range(max(0, end - 4), end) if is_closer(texts[i])), None)
    if closer is not None:
        signed = [i for i in range(closer + 1, end) if is_signature(texts[i])]
    else:
        signed = [end - 1] if end > 1 and is_signature(texts[end - 1]) and (
            salute is not None or closing or "," in texts[end - 1] or ":" in texts[end - 1]
            or texts[end - 2].endswith((".", "!", "?", ":"))) else []
    if closer is None and not signed and salute is None:
        return
    if len(signed) == 1 and signed[0] >= 2 and is_signer_title(texts[signed[0] - 1]):
        closing.append(signed[0] - 1)  # "People's Commissar for Foreign Affairs," / "L. TROTSKY"
    first = min([closer if closer is not None else end] + signed + closing)
    for i in range(first, ps):
        parts[i] = "closer"
        kinds[i] = "salute" if i == closer else "signed" if i in signed else \
            "dateline" if is_date_line(texts[i]) else "seg"


def opener_end(texts) -> int | None:
    """Index of the last line of a letter's opener (dateline, salutation or address), if any."""
    dated = 0
    while dated < len(texts) - 1 and is_date_line(texts[dated]):
        dated += 1
    salute = next((i for i in range(dated, min(dated + 5, len(texts))) if is_salute(texts[i])), None)
    if salute is not None:
        return salute
    if dated < len(texts) and is_address_line(texts[dated]):
        end = dated
        while end + 1 < len(texts) - 1 and len(texts[end + 1].split()) <= 3 \
                and not texts[end + 1].endswith((".", "!", "?")):
            end += 1
        return end
    return dated - 1 if dated else None


def addressee_from_salute(text: str) -> str:
    """``Dear Comrade Trotsky:`` -> ``Trotsky``."""
    words = regex.sub(r"[,:!]\s*$", "", CALL.sub("", text)).split()
    names = [w for w in words if w[:1].isupper() and w.lower() not in
             {"dear", "esteemed", "respected", "honoured", "comrade", "comrades", "my", "citizen", "mr.", "mr"}]
    return " ".join(names)
