"""Whom "we" and "the country" stand for when the sentence itself does not say.

A first-person pronoun inside a quotation, or in a transcript's answer line, speaks for the state of the one
quoted: the speaker an earlier sentence named ('Gondor's foreign minister said on Monday that ...  "We gave
Arnor drones," Bob Smith told reporters'), or the state of the office that publishes the transcript
("Ministry of Defence, Gondor").  "The country", "the kingdom", "the nation" as a subject stand for the last
state named as the subject of a sentence (not as a place), else the state the article named most.
"""

from __future__ import annotations

from typing import Any

from eventgraph.extract.lexicon import Lexicon, Mention, mention_root
from eventgraph.gazetteer import Gazetteer
from eventgraph.model import ACTOR_KINDS, Entity, EntityKind

COUNTRY_NOUNS = frozenset({"country", "kingdom", "nation"})
OPENING_QUOTES = frozenset({'"', "“", "«"})
CLOSING_QUOTES = frozenset({'"', "”", "»"})
SUBJECTS = ("nsubj", "nsubjpass")


def country_noun(token: Any) -> bool:
    """ "the country", "this kingdom": one state named by a noun with no number, name or modifier of its own."""
    return (
        token.lemma_.lower() in COUNTRY_NOUNS
        and token.tag_ == "NN"
        and all(ch.dep_ == "det" and ch.lower_ in ("the", "this") for ch in token.children)
        and any(ch.dep_ == "det" for ch in token.children)
    )


def in_quotation(token: Any) -> bool:
    """The token stands between an opening quotation mark and its closing one in its paragraph."""
    open_ = False
    for t in token.doc[: token.i]:
        if t.text in OPENING_QUOTES and not open_:
            open_ = True
        elif t.text in CLOSING_QUOTES and open_:
            open_ = False
    return open_


def answer_line(sent: Any, lexicon: Lexicon) -> bool:
    """A transcript's line spoken by the one who answers: "MINISTER: ...", "MR. SMITH: ...", "A: ..." (a
    label of at most three words in capitals before a colon opening the paragraph, not the questioner's)."""
    text = sent.doc.text.strip()
    label, colon, _ = text.partition(":")
    words = label.split()
    return (
        bool(colon)
        and 0 < len(words) <= 3
        and label.upper() == label
        and any(c.isalpha() for c in label)
        and not lexicon.has_cue("questioner", words[-1].strip(".").lower())
    )


def speaker_states(sent: Any, mentions: list[Mention], lexicon: Lexicon, states_of: Any) -> list[Entity]:
    """The one state the subjects of the sentence's words of saying name ("Gondor's foreign minister said",
    "Tehran admits"), or none when they name none or several."""
    by_token = {i: m for m in mentions for i in range(m.start, m.end)}
    found: list[Entity] = []
    for verb in sent:
        if verb.pos_ not in ("VERB", "AUX") or not lexicon.has_cue("attribution", verb.lemma_.lower()):
            continue
        for child in verb.children:
            if child.dep_ not in ("nsubj", "agent"):
                continue
            for t in child.subtree:
                actor = by_token[t.i].first(ACTOR_KINDS) if t.i in by_token else None
                if actor is not None:
                    state = states_of([actor])[0]
                    if state.kind == EntityKind.COUNTRY and state not in found:
                        found.append(state)
    return found if len(found) == 1 else []


def subject_states(sent: Any, mentions: list[Mention], states_of: Any) -> list[tuple[int, Entity]]:
    """The states named as (or as the possessor or modifier of) a clause's subject, with their positions:
    "South Korea's policy bars it", "the Gondorian government said"; not the places of "in Arnor"."""
    out: list[tuple[int, Entity]] = []
    for mention in mentions:
        actor = mention.first(ACTOR_KINDS)
        if actor is None:
            continue
        root = mention_root(sent.doc, mention)
        while root.dep_ in ("poss", "compound", "amod") and root.head.i != root.i:
            root = root.head
        if root.dep_ in SUBJECTS:
            state = states_of([actor])[0]
            if state.kind == EntityKind.COUNTRY:
                out.append((mention.start, state))
    return out


def publisher_state(texts: tuple[str | None, ...], gazetteer: Gazetteer) -> Entity | None:
    """The state a header names as a part of its own (between commas, dashes or brackets): "Ministry of
    Defense, Japan", "Transcript, Ministry of Defence media centre, New Delhi", "Ankara - transcript",
    "Ministry of Defence of Gondor"."""
    for text in texts:
        if not text:
            continue
        for mark in ("(", ")", " - ", " – ", " — "):
            text = text.replace(mark, ",")
        parts = [p.strip(" .") for p in text.split(",")]
        for part in parts:
            # "Ministry of National Defence of Cambodia": the state the office is of
            for name in (part, part.rpartition(" of ")[2] if " of " in part else ""):
                entity = gazetteer.lookup(name, {EntityKind.COUNTRY}) if name else None
                if entity is not None:
                    return entity
    return None
