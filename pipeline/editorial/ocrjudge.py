"""OCR error or variant: how the witnesses' join tells a difference the OCR made
("woTkers"/"workers", "diplomacj^"/"diplomacy", a space lost) from another translation's or
transliteration's reading ("connected"/"tied in", "Batumi"/"Batum"). The judge prices the
difference with the confusion channel learned from the OCR'd witness's own text: only a cheap
one, in a token the OCR made, is proposed as a correction (``witnesses.propose``); the rest are
variant readings of the witness."""

from __future__ import annotations

from dataclasses import dataclass

import regex

from pipeline.editorial.anchors import anchoring_text


@dataclass(frozen=True)
class OcrError:
    """Why a difference looks like an OCR error: the channel's cost of reading the
    witness's text as the OCR shows it, the edits, and a confidence made from the cost."""

    cost: float
    confidence: float
    why: str


#: marks no printed word has: the OCR's junk
JUNK_MARK = regex.compile(r"[\^|\\{}~_■•©®°¬]")
EDGE = regex.compile(r"^[(\[{“‘\"'.,;:!?*—–-]+|[.,;:!?)\]}”’\"'*—–-]+$")
ABBREVIATION = regex.compile(r"(?:\p{Lu}\.\s?)+(?:\(?\p{Lu}\.?\)?)?")
NUMBER = regex.compile(r"\d+|\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+\.\d+|\d+(?:st|nd|rd|th)")
#: the prices of edits the confusion table does not list (its own prices: ``channel``)
SPACE_COST = 1.0     # a space lost or added: words run together or split
JUNK_COST = 1.5      # a junk mark (or a stray digit among letters) the OCR added
PUNCT_COST = 1.0     # punctuation read otherwise: no evidence either way
#: an OCR error costs at most this much (one edit the table does not know, and a little more)
MAX_OCR_COST = 7.5
#: an edit the table does not know is believed only in a word of this many letters or more
MIN_GENERIC_LETTERS = 4


class Judge:
    """Tells an OCR error from a variant, with the OCR channel of the book the OCR'd
    witness comes from: its confusion costs learned from its own text (``learn_channel``),
    its lexicon to tell a word from a non-word."""

    def __init__(self, raw_text: str):
        from pipeline.repair.channel import learn_channel, neighbour_index
        from pipeline.repair.lexicon import Lexicon
        self.lexicon = Lexicon(raw_text)  # the join's own: it keeps nothing of a file after its last pair
        self.channel = learn_channel(self.lexicon, neighbour_index(self.lexicon))
        self.anchor_text = anchoring_text(raw_text)  # where its proposals are quoted

    def ocr_error(self, ours: str, theirs: str) -> OcrError | None:
        """An ``OcrError`` when the OCR's reading ``ours`` has a token the OCR made (junk,
        a capital inside a word, a malformed number, no word, or a rare one where the
        witness has a word the book uses more) and the channel reads the witness's
        ``theirs`` as ``ours`` cheaply: known confusions, spaces lost or added, junk marks,
        and at most one dearer edit (a letter lost or misread) in a long word that is not
        a name. Otherwise None: a variant."""
        tokens, rivals = ours.split(), theirs.split()
        if len(tokens) == len(rivals):
            pairs = list(zip(tokens, rivals))
        else:  # split or run together: each of ours against the rarest of theirs
            rarest = min(rivals, key=lambda t: self.lexicon.in_book(letters_of(t)) or 0)
            pairs = [(token, rarest) for token in tokens]
        suspects = [token for token, rival in pairs if token != rival and self.suspect(token, rival)]
        if not suspects:
            return None
        cost, dear, reasons = channel_path(ours, theirs, self.channel)
        if not reasons or dear > 1 or cost > MAX_OCR_COST:
            return None
        if dear and any(capitalised(t) or len(letters_of(t)) < MIN_GENERIC_LETTERS for t in suspects):
            return None  # a name (or a short word) read otherwise is likelier a transliteration
        confidence = round(max(0.5, min(0.97, 0.97 - 0.06 * cost)), 2)
        made = ", ".join(f"“{t}”" for t in suspects)
        return OcrError(round(cost, 2), confidence, f"{'; '.join(reasons)}; {made} {self.verdict(suspects)}")

    def verdict(self, suspects: list[str]) -> str:
        from pipeline.repair.ocr import is_non_word
        if all(any(is_non_word(p, self.lexicon) for p in word_parts(t)) for t in suspects):
            return "is no word" if len(suspects) == 1 else "are no words"
        return f"{'is' if len(suspects) == 1 else 'are'} not a reading the book or English knows well"

    def suspect(self, token: str, rival: str) -> bool:
        """A token the OCR made: junk marks, letters mixed with digits, one capital inside
        a lower-case word, a malformed number, letters that are no word of the book nor of
        English; or an uncommon word the book prints less often than the witness's reading
        (the OCR repeats its misreadings: ``Prauda`` six times, ``Pravda`` more)."""
        from pipeline.repair.channel import stray_capital
        from pipeline.repair.ocr import is_non_word
        core = EDGE.sub("", token)
        if not core:
            return False
        if JUNK_MARK.search(core):
            return True
        letters = letters_of(core)
        if letters and regex.search(r"\d", core):
            return True
        if not letters:
            return not NUMBER.fullmatch(core)
        if ABBREVIATION.fullmatch(core):
            return False  # U.S.S.R., R.C.P.(B.): the copy may space it otherwise
        if stray_capital(letters):
            return True
        parts = word_parts(core)
        if any(is_non_word(part, self.lexicon) for part in parts):
            return True
        rival_letters = letters_of(EDGE.sub("", rival))
        return all(self.lexicon.zipf(part) < COMMON_ZIPF for part in parts) and bool(rival_letters) \
            and self.lexicon.in_book(letters) < self.lexicon.in_book(rival_letters)


#: a word at least this common in English is never taken for an OCR misreading
COMMON_ZIPF = 3.0


def word_parts(core: str) -> list[str]:
    return [part for part in regex.split(r"[-–—]", core) if letters_of(part)]


def letters_of(token: str) -> str:
    return LETTERS.sub("", token)


LETTERS = regex.compile(r"[^\p{L}]")


def capitalised(token: str) -> bool:
    core = EDGE.sub("", token)
    return core[:1].isupper()


def channel_path(wrong: str, right: str, channel) -> tuple[float, int, list[str]]:
    """The cheapest way the OCR read ``right`` (the witness) as ``wrong`` (what it shows):
    an edit distance whose steps are priced by the OCR channel (its table of confusions,
    ``rn``/``m``, ``j^``/``y``, as this book's text has sharpened it), a space lost or
    added, a junk mark added, a capital read inside a word; any other letter read
    otherwise, lost or added at the channel's generic price. Returns the cost, how many
    dear edits it took (dearer than a cheap confusion, ``CHEAP_COST``), and the edits
    that are evidence of an OCR error.

    >>> from pipeline.repair.channel import Channel, prior_costs
    >>> channel_path("woTkers", "workers", Channel(prior_costs(), {}))
    (1.75, 0, ['“T” read for “r” (a known OCR confusion)'])
    >>> channel_path("connected", "tied in", Channel(prior_costs(), {}))[1] > 1
    True
    """
    from pipeline.repair.channel import CASE_COST, CHEAP_COST, GENERIC_COST, GENERIC_INDEL_COST
    n, m = len(wrong), len(right)
    cells: list[list[tuple | None]] = [[None] * (m + 1) for _ in range(n + 1)]
    cells[0][0] = (0.0, 0, None)
    costs = channel.costs
    for i in range(n + 1):
        for j in range(m + 1):
            cell = cells[i][j]
            if cell is None:
                continue
            cost, generic = cell[0], cell[1]

            def relax(a, b, step, is_generic, reason):
                target = cells[i + a][j + b]
                if target is None or cost + step < target[0] - 1e-9:
                    cells[i + a][j + b] = (cost + step, generic + is_generic, (i, j, reason))

            w = wrong[i] if i < n else ""
            r = right[j] if j < m else ""
            if w and r and w == r:
                relax(1, 1, 0.0, 0, None)
                continue
            for a in (0, 1, 2):
                for b in (0, 1, 2):
                    if (a, b) == (0, 0) or i + a > n or j + b > m:
                        continue
                    seg_w, seg_r = wrong[i:i + a], right[j:j + b]
                    known = costs.get((seg_w, seg_r), costs.get((seg_w.lower(), seg_r.lower())))
                    if known is not None and seg_w != seg_r:
                        relax(a, b, known, int(known > CHEAP_COST), confusion_reason(seg_w, seg_r, channel))
            if w and r and w.lower() == r.lower():
                relax(1, 1, CASE_COST, 0, f"“{w}” for “{r}” (a capital read inside a word)")
            if w == " ":
                relax(1, 0, SPACE_COST, 0, "a word split by a space")
            if r == " ":
                relax(0, 1, SPACE_COST, 0, "two words run together")
            if w and (JUNK_MARK.match(w) or (w.isdigit() and not (wrong[i - 1:i].isdigit() or wrong[i + 1:i + 2].isdigit()))):
                relax(1, 0, JUNK_COST, 0, f"a stray mark “{w}”")
            if w and not w.isalnum() and w != " ":
                relax(1, 0, PUNCT_COST, 0, None)
            if r and not r.isalnum() and r != " ":
                relax(0, 1, PUNCT_COST, 0, None)
            if w and r and w != " " and r != " ":
                both_marks = not w.isalnum() and not r.isalnum()
                relax(1, 1, PUNCT_COST if both_marks else GENERIC_COST, 0 if both_marks else 1,
                      None if both_marks else f"“{w}” read for “{r}”")
            if r.isalnum():
                relax(0, 1, GENERIC_INDEL_COST, 1, f"a letter “{r}” lost")
            if w.isalnum():
                relax(1, 0, GENERIC_INDEL_COST, 1, f"a letter “{w}” added")
    final = cells[n][m]
    reasons: list[str] = []
    i, j = n, m
    while cells[i][j][2] is not None:
        pi, pj, reason = cells[i][j][2]
        if reason and reason not in reasons:
            reasons.append(reason)
        i, j = pi, pj
    return round(final[0], 2), final[1], list(reversed(reasons))


def confusion_reason(wrong: str, right: str, channel) -> str:
    """An edit of the channel's table, or one the book's own text shows (``learned``)."""
    seen = channel.learned.get((wrong, right)) or channel.learned.get((wrong.lower(), right.lower()))
    source = (f"a confusion this book shows {'once' if seen == 1 else f'{seen} times'}" if seen
              else "a known OCR confusion")
    if not wrong:
        return f"“{right}” lost ({source})"
    if not right:
        return f"“{wrong}” added ({source})"
    return f"“{wrong}” read for “{right}” ({source})"
