"""Who states an event, against who takes part in it: the signal behind ``confirmed`` and ``reported``.

The corpus conventions (``data/corpus/README.md``): a party stating an event it takes part in is
``confirmed``; a third party stating it without doubt, ``reported``.  Both readers ask this module: the rule
reader when it sets an event's certainty, the learned reader over its certainty head's choice between the two.
The words it looks for are cues of ``data/cues.csv`` (kinds ``unnamed_speaker``, ``unnamed_saying``,
``presupposing_prep``, ``undated_prep``, ``observer``, ``medium``, ``questioner``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from eventgraph.extract.lexicon import Lexicon, Mention
from eventgraph.extract.sentence import countries_of
from eventgraph.model import ACTOR_KINDS, Certainty, Entity, EntityKind

FIRST_PERSON = frozenset({"we", "us", "our", "ours"})


def by_speaker(sources: list[Entity], listed: set[str], parties: set[str], lexicon: Lexicon) -> Certainty | None:
    """The certainty the sentence's named sources give an event of these parties (state codes): ``confirmed``
    when a source is a party (or listed with one: "Britain, France and Germany said"), ``reported`` when the
    sources are unnamed or other states; ``None`` when they are of no known state ("analysts")."""
    if sources and all(anonymous(source.label, lexicon) for source in sources):
        return Certainty.REPORTED
    states = countries_of(sources) | listed
    if not states:
        return Certainty.REPORTED if sources and all(observer(s, lexicon) for s in sources) else None
    return Certainty.CONFIRMED if states & parties else Certainty.REPORTED


def questioner_line(sent: Any, lexicon: Lexicon) -> bool:
    """ "Q: Arnor says Gondor has sent troops.", "QUESTION: ...": a transcript's line the questioner speaks,
    stating (not asking) what others did; a third party's word, whatever the article's voice.  A line
    ending in a question mark states nothing of its own."""
    text = sent.text.strip()
    label, colon, _ = text.partition(":")
    words = label.split()
    return (
        bool(colon)
        and 0 < len(words) <= 3
        and lexicon.has_cue("questioner", words[-1].lower())
        and not text.endswith("?")
    )


def observer(source: Entity, lexicon: Lexicon) -> bool:
    """A source that takes part in no state's event: an organisation of no state ("NATO said", "the IAEA
    said": a state-pair event is then a third party's report) or a watcher of others ("analysts", "United
    Nations experts", "monitors").  A person or an unknown name may speak for a party, so is not one."""
    if source.kind == EntityKind.ORGANIZATION and source.resolved:
        return True
    # "state television", "a research institute's database", "the report": a medium passes on others' word
    return any(
        lexicon.has_cue("observer", word) or lexicon.has_cue("medium", word)
        for word in (w.strip(",.").removesuffix("'s").removesuffix("’s") for w in source.label.lower().split())
    )


def by_voice(voice: Entity | None, parties: set[str]) -> Certainty | None:
    """With no source named: the article's outlet, when it is a state's (a ministry's release), speaks."""
    states = countries_of([voice]) if voice is not None else set()
    if not states:
        return None
    return Certainty.CONFIRMED if states & parties else Certainty.REPORTED


def anonymous(label: str, lexicon: Lexicon) -> bool:
    """ "an Indian defence source", "sources close to the ministry", "officials in Kyiv": a speaker the text
    leaves unnamed (no institution or person speaks on the record)."""
    return any(lexicon.has_cue("unnamed_speaker", word.strip(",.")) for word in label.lower().split())


def listed_with(roots: Iterable[Any], speaker_roots: set[int]) -> bool:
    """A state's name is listed with a speaker's ("the United States, Germany and Italy announced")."""
    for root in roots:
        token = root
        while token.dep_ in ("conj", "appos") and token.head.i != token.i:
            token = token.head
            if token.i in speaker_roots:
                return True
    return False


def said_without_speaker(word: Any, lexicon: Lexicon) -> bool:
    """The word hangs from a passive word of saying with no agent ("troops are expected to join", "are said
    to have delivered"): the writer passes on what someone unnamed says."""
    for token in word.ancestors:
        if (
            lexicon.has_cue("unnamed_saying", token.lemma_.lower())
            and token.tag_ == "VBN"
            and any(c.dep_ == "auxpass" for c in token.children)
            and not any(c.dep_ == "agent" for c in token.children)
        ):
            return True
        if token.dep_ in ("ccomp", "ROOT"):
            return False
    return False


def presupposed(trigger: Any, lexicon: Lexicon) -> bool:
    """The event word sits in a time adjunct ("after Russia's invasion", "days after Israel struck"): the
    sentence takes it as known background, not as what its source says."""
    for token in [trigger, *trigger.ancestors]:
        if token.dep_ == "pobj" and lexicon.has_cue("presupposing_prep", token.head.lower_):
            return True
        if token.dep_ == "advcl" and any(
            c.dep_ == "mark" and lexicon.has_cue("presupposing_prep", c.lower_) for c in token.children
        ):
            return True
        if token.dep_ in ("ccomp", "ROOT"):
            return False
    return False


def undated_form(trigger: Any, lexicon: Lexicon) -> bool:
    """An event word that writes no date gets none from the article's date (the guidelines: dates come from
    the text, ``null`` when it gives none) when the text places it in no time of its own: a noun named as
    background ("after Russia's full-scale invasion", "amid the war") or an act spread over unstated years
    ("had sold weapons to both for years", "has sold ... in recent years")."""
    if trigger.pos_ == "NOUN" and trigger.dep_ == "pobj" and lexicon.has_cue("undated_prep", trigger.head.lower_):
        return True
    return any(_vague_span(child) for child in trigger.children)


# links up which a word reaches the verb of its clause ("the French army still has bases in Chad")
CLAUSE_LINKS = frozenset(
    {"dobj", "nsubj", "nsubjpass", "attr", "pobj", "prep", "xcomp", "compound", "conj", "appos", "amod", "poss", "nmod"}
)


def standing_state(trigger: Any, lexicon: Lexicon) -> bool:
    """ "Romania, which already flies F-16s", "Gondor still has bases in Arnor", "Arnor keeps a garrison
    there": a state told in the present simple as standing, with no time of its own (the guidelines: ``null``
    when the text gives none)."""
    verb = trigger
    for _ in range(8):
        if verb.pos_ in ("VERB", "AUX") or verb.dep_ not in CLAUSE_LINKS or verb.head.i == verb.i:
            break
        verb = verb.head
    if verb.pos_ not in ("VERB", "AUX"):
        return False
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if verb.tag_ in ("VBZ", "VBP"):
        present = not auxes
    else:
        # "is already flown by Arnor": the present passive
        present = (
            verb.tag_ == "VBN" and bool(auxes) and all(a.dep_ == "auxpass" and a.tag_ in ("VBZ", "VBP") for a in auxes)
        )
    if not present:
        return False
    if any(c.dep_ == "advmod" and lexicon.has_cue("standing_adverb", c.lower_) for c in verb.children):
        return True
    return lexicon.has_cue("standing_verb", verb.lemma_.lower())


def _vague_span(token: Any) -> bool:
    """ "for years", "in recent years", "over the decades", "long": a time with no date in it."""
    if token.dep_ == "advmod" and token.lower_ == "long":
        return True
    if token.dep_ != "prep" or token.lower_ not in ("for", "in", "over"):
        return False
    return any(
        g.dep_ == "pobj"
        and g.lemma_.lower() in ("year", "decade")
        and g.tag_ == "NNS"
        and not g.like_num
        and not any(c.like_num or c.dep_ == "nummod" for c in g.children)
        for g in token.children
    )


def with_first_person(
    sent: Any, mentions: list[Mention], lexicon: Lexicon, states: Mapping[str, Entity]
) -> list[Mention]:
    """The sentence's names, and "we", "us" and "our" in reported speech read as the speaker's state
    ('"We provided Russia with drones," Iran's foreign minister said'; "Seoul said our troops ..."): the
    nearest word of saying above the pronoun has a subject naming one state (its name, demonym or capital, or
    a body of it).  A pronoun with no such speaker ("we said", "analysts say we") stays no one."""
    by_token = {i: m for m in mentions for i in range(m.start, m.end)}
    found = [
        Mention(token.i, token.i + 1, (state,))
        for token in sent
        if token.lower_ in FIRST_PERSON
        and token.i not in by_token
        and (state := _speaker_state(token, by_token, lexicon, states)) is not None
    ]
    return sorted([*mentions, *found], key=lambda m: m.start) if found else mentions


def _speaker_state(
    token: Any, by_token: Mapping[int, Mention], lexicon: Lexicon, states: Mapping[str, Entity]
) -> Entity | None:
    for verb in token.ancestors:
        if not lexicon.has_cue("attribution", verb.lemma_.lower()) or verb.pos_ not in ("VERB", "AUX"):
            continue
        words = [t for child in verb.children if child.dep_ in ("nsubj", "agent") for t in child.subtree]
        if any(t.i == token.i for t in words):
            return None  # "we said": the pronoun is the speaker
        speakers = [e for t in words if t.i in by_token and (e := by_token[t.i].first(ACTOR_KINDS)) is not None]
        codes = countries_of(speakers)
        return states.get(next(iter(codes))) if len(codes) == 1 else None
    return None
