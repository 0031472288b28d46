"""Events an article tells as background, which take no date from the article's (the guidelines: ``null``
when the text gives none).

A news article dates its news by its own date: the lead ("WARSAW - Poland has handed over the first four
MiG-29s"), a live report's entry.  Past the lead, a supply, sale, training or sanction told in the perfect
with no time written ("Seoul has sold K9s to ten countries", "Dassault has delivered more than 200 Rafales",
"the company said the jet had also been ordered by Iraq") is the record behind the news, not an act of the
article's day.  Fighting and losses told in the perfect ("its air defences had shot down two bombers",
"seven soldiers had been killed") stay news of the day, and keep the article's date.
The perfect must be the event's own: an event word hanging from a verb of telling ("officials have described
Gondor's assistance to Arnor") takes the perfect of the telling, not its own, and a beginning told in the
perfect ("the training of the crews has begun") is the news that it started.
"""

from __future__ import annotations

import re
from typing import Any

from eventgraph.extract.speaker import questioner_line
from eventgraph.model import EventType

# a live report's entry stamped with its time, with or without the day ("11:10 ", "09:40 - ", "23 Sep, 09:00 - ")
TIME_STAMP = re.compile(r"\s*(?:\d{1,2} [A-Z][a-z]{2,8},? |[A-Z][a-z]{2,8}\.? \d{1,2},? )?\d{1,2}[:.]\d\d\b")

# the types whose perfect past the lead is the day's news all the same
NEWS_IN_THE_PERFECT = frozenset({EventType.ATTACK, EventType.CASUALTIES})

# links up which an event word reaches the verb of its clause ("has signed a contract", "has taken delivery")
_CLAUSE_LINKS = frozenset({"dobj", "pobj", "prep", "compound", "attr", "nsubj", "nsubjpass", "amod", "nmod"})


def clause_verb(trigger: Any) -> Any:
    """The verb of the trigger's clause: the trigger itself when it is one, else the verb its noun hangs from."""
    verb = trigger
    for _ in range(6):
        if verb.pos_ in ("VERB", "AUX") or verb.dep_ not in _CLAUSE_LINKS or verb.head.i == verb.i:
            break
        verb = verb.head
    return verb


# verbs of telling beyond the lexicon's words of saying (cue kind ``attribution``) that an event noun hangs from
TELLING_VERBS = frozenset({"describe", "detail", "document", "outline", "mention", "discuss", "highlight"})

# verbs whose perfect tells that something has started: the start is the news ("deliveries have begun")
BEGINNING_VERBS = frozenset({"begin", "start", "commence", "resume"})


def told_in_the_perfect(trigger: Any) -> bool:
    """ "has sold", "have been training", "had been ordered", "has taken delivery": the event's clause is
    in the present or past perfect."""
    verb = clause_verb(trigger)
    if verb.pos_ not in ("VERB", "AUX") or verb.tag_ not in ("VBN", "VBG"):
        return False
    return any(c.dep_ == "aux" and c.lemma_.lower() == "have" for c in verb.children)


def perfect_not_its_own(trigger: Any, lexicon: Any) -> bool:
    """The perfect of the trigger's clause is a telling's ("officials have described Gondor's assistance to
    Arnor") or a beginning's ("the training of the crews has begun"), not the record of the event itself."""
    verb = clause_verb(trigger)
    lemma = verb.lemma_.lower()
    if lemma in BEGINNING_VERBS:
        return True
    return verb.i != trigger.i and (lemma in TELLING_VERBS or lexicon.has_cue("attribution", lemma))


def background_perfect(trigger: Any, kind: EventType, lexicon: Any = None) -> bool:
    """An event of a type told as a record (a supply, training, a sanction) in the perfect: past an article's
    lead, with no time written, it takes no date."""
    if kind in NEWS_IN_THE_PERFECT or not told_in_the_perfect(trigger):
        return False
    return lexicon is None or not perfect_not_its_own(trigger, lexicon)


def news_line(sent: Any, lexicon: Any) -> bool:
    """A line that tells the news wherever it stands: a live report's entry stamped with its time ("11:10
    Slovakia has handed over its S-300s") or a briefing questioner's ("Q: London and Paris have imposed
    sanctions")."""
    return bool(TIME_STAMP.match(sent.text)) or questioner_line(sent, lexicon)


def participle_mistagged(trigger: Any) -> bool:
    """ "flies MiG-29s bought from Arnor": a participle naming a thing that the parser tagged as a finite past
    (a finite verb is never a clause hanging from a noun), which dates nothing by itself."""
    return trigger.tag_ == "VBD" and trigger.dep_ == "acl" and trigger.head.pos_ in ("NOUN", "PROPN")
