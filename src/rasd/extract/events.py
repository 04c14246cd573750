"""Events and claims, sentence by sentence: triggers from the lexicon (events.yaml), modality from the words
before them, arguments from the entity mentions around them, and who the article says said so.

The pipeline stage is ``find_events``; it runs after ``find_entities`` and reads its mentions.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from itertools import compress, filterfalse, pairwise
from operator import itemgetter

from rasd.document import Document, Mention, Span
from rasd.extract.classifier import builtin_classifier, cue_before, stem
from rasd.extract.dates import EventDate, find_dates
from rasd.extract.index import entity_index
from rasd.extract.lexicon import EventLexicon, Trigger, event_lexicon
from rasd.extract.matcher import Token, word_tokens
from rasd.extract.phrases import WORDS as PHRASE_WORDS
from rasd.extract.quantities import Quantity, quantities
from rasd.extract.status import status_lexicon, status_near
from rasd.knowledge import load
from rasd.knowledge.entities import PLACE_PRECISION
from rasd.text.furniture import ends_with_punctuation
from rasd.text.normalize import NormalizedText, normalize, normalize_with_index

MAX_EVENTS_PER_SENTENCE = 4
MIN_BLOCK_WORDS = 6  # shorter paragraphs are crossheads and captions
MAX_LABEL_WORDS = 14  # a paragraph this short without final punctuation is a second headline or a crosshead
ACTOR_REACH = 10  # words after a trigger searched for its actor (verb-subject order)
SUBJECT_GAP = 2  # words between a subject and its verb, or a verb and its subject, for "right before/after"
NONE_THRESHOLD = 0.4  # the classifier's belief that a trigger is no event, above which it is dropped
MODALITY_THRESHOLD = 0.6  # its confidence in a modality, above which it overrides the cue words


@dataclass
class Event:
    type: str
    mode: str
    modality: str  # asserted | negated | future | hypothetical | generic
    trigger: Span  # view offsets
    sentence: Span
    actor: Mention | None = None
    target: Mention | None = None
    co_actors: list[Mention] = field(default_factory=list)
    location: Mention | None = None
    location_from: str | None = None  # sentence | paragraph | article
    date: EventDate | None = None
    quantities: list[Quantity] = field(default_factory=list)
    speaker: Mention | None = None
    confidence: float = 0.5
    clause: Span | None = None  # the part of the sentence the trigger is in (between "،" …)
    verb: bool = False  # reported by a verb ("قصفت"), not a noun ("القصف")
    first_token: int = 0  # of the trigger, in its sentence's tokens
    status: str | None = None  # the state the report puts a process in: stopped | suspended | ongoing | …
    status_span: Span | None = None  # the word that says so

    @property
    def negated(self) -> bool:
        return self.modality == "negated"


@dataclass
class Claim:
    kind: str  # statement | assessment | accusation | denial | demand | warning | threat | rejection
    speaker: Mention | None
    cue: Span  # the speech verb or "بحسب …"
    content: Span  # what was said (view offsets)
    sentence: Span
    target: Mention | None = None


@dataclass
class _Hit:
    trigger: Trigger
    start_token: int
    end_token: int
    start: int  # view offsets
    end: int
    clitic: str = ""  # written onto its first word ("ل" in "للوصول"), normalised
    first: str = ""  # its first word in the lexicon's form ("الوصول")


class EventFinder:
    def __init__(self, doc: Document, norm: NormalizedText) -> None:
        self.doc = doc
        self.norm = norm
        self.lex: EventLexicon = event_lexicon()
        self.idx = entity_index()
        self.mentions = sorted(doc.entities, key=lambda m: m.start)
        self.mention_starts = [m.start for m in self.mentions]
        self.all_tokens: list[Token] | None = doc.tokens if doc.norm is norm else None
        self.token_starts = [t.start for t in self.all_tokens] if self.all_tokens is not None else []
        self.memo = _TRIGGER_MEMO
        self.speech_memo = _SPEECH_MEMO
        self.flags: tuple[list[bool], list[bool]] | None = None
        if self.all_tokens is not None:
            texts = list(map(itemgetter(0), self.all_tokens))
            self.learn(set(texts))
            self.flags = list(map(self.memo.__getitem__, texts)), list(map(self.speech_memo.__getitem__, texts))
        self.classifier = builtin_classifier()
        self.new_story = False  # the paragraph being read turns to another story

    # --- the article -----------------------------------------------------------------------------------
    def run(self) -> tuple[list[Event], list[Claim]]:
        events: list[Event] = []
        claims: list[Claim] = []
        placed_before = True  # the paragraph before named a specific place
        for block in self.doc.blocks:
            if self.label(block):
                continue  # the headline, a second headline and crossheads repeat or label the body
            previous_speaker: Mention | None = None
            sentences = [s for s in self.doc.sentences if block.start <= s.start < block.end]
            places = [[m for m in self.mentions_in(s.start, s.end) if m.kind == "place"] for s in sentences]
            # a story turned to stays unplaced until a paragraph names a specific place
            self.new_story = self.switches_topic(block) or (self.new_story and not placed_before)
            placed_before = any(self.place_rank(m) == (0, 1) for ps in places for m in ps)
            for n, sentence in enumerate(sentences):
                tokens = self.tokens(sentence)
                if not tokens:
                    continue
                mentions = self.mentions_in(sentence.start, sentence.end)
                triggers, speech = self.prescan(tokens)
                said = self.attribution(tokens, sentence, mentions, previous_speaker) if speech else []
                claims.extend(said)
                found = self.sentence_events(tokens, sentence, mentions, said) if triggers else []
                found += self.statements(said, found, sentence)
                if said:
                    found += self.status_reports(tokens, sentence, said, found, events)
                # the paragraph's other sentences, nearest first: those before, then those after
                around = [*reversed(places[:n]), *places[n + 1:]]
                for event in found:
                    self.locate(event, mentions, around)
                    events.append(event)
                if said:
                    previous_speaker = said[-1].speaker
        self.spokespeople(events, claims)
        return events, claims

    def label(self, block: Span) -> bool:
        text = self.doc.view[block.start:block.end]
        words = len(text.split())
        return block == self.doc.headline or words < MIN_BLOCK_WORDS or \
            (words <= MAX_LABEL_WORDS and not ends_with_punctuation(text))

    def spokespeople(self, events: list[Event], claims: list[Claim]) -> None:
        """A body that "says" in an article where one of its people is quoted speaks through that person:
        "اتهم التحالف …" after "قال الجنرال غيدني، نائب قائد التحالف" is Gedney speaking for the coalition."""
        people: dict[str, Mention] = {}
        for claim in claims:
            person = claim.speaker
            if person is not None and person.kind == "person" and person.affiliation:
                people.setdefault(person.affiliation, person)
        if not people:
            return
        for item in [*events, *claims]:
            body = item.speaker
            if body is not None and body.kind == "actor" and body.entity_id in people:
                item.speaker = people[body.entity_id]  # where the person is named: the evidence for who spoke

    def statements(self, said: list[Claim], found: list[Event], sentence: Span) -> list[Event]:
        """A speaker's intent or expectation ("قال التحالف إنه سيواصل عملياته", "رجّح أن يحاول التنظيم …") is an
        event of its own: the statement was made (OTHER, asserted), whatever becomes of what it announces."""
        out = []
        for claim in said:
            if claim.kind not in _TELLING:
                continue  # a demand, a refusal, a threat … is an event of its own type already
            inside = [e for e in found if claim.content.start <= e.trigger.start < claim.content.end]
            intent = any(e.modality in ("future", "hypothetical") for e in inside) or self.announces(claim)
            if not intent or claim.speaker is None or any(_same(e.speaker, claim.speaker) for e in out):  # type: ignore[arg-type]
                continue
            event = Event("OTHER", "intent" if intent else "assessment", "asserted", claim.cue, sentence,
                          speaker=claim.speaker, verb=True, clause=claim.content)
            event.actor = self.organisation(claim.speaker)
            event.target = claim.target
            # the figures said ("نحو ألف عنصر قد يحاولون العبور"), as the events inside carry them
            event.quantities = quantities(self.norm, claim.content.start, claim.content.end)
            out.append(event)
        return out

    def announces(self, claim: Claim) -> bool:
        """What was said speaks of the future or of a possibility ("سيواصل", "قد يحاولون", "ربما")."""
        words = [t.text for t in self.tokens(claim.content)]
        if self.lex.intent_words.isdisjoint(words):
            return False
        table = self.lex.modality
        for k, word in enumerate(words):
            if word not in table.by_first and stem(word) not in table.by_first:
                continue
            found = table.starting(words, k) or table.starting(words, k, stem(word))
            if found is not None and found[1] in ("future", "hypothetical"):
                return True
        return False

    def learn(self, words: set[str]) -> None:
        lex, memo, speech = self.lex, self.memo, self.speech_memo
        for word in list(filterfalse(memo.__contains__, words)):
            memo[word] = lex.triggers.could_start(word)
            speech[word] = lex.speech.could_start(word) or word in lex.according_to.by_first

    def prescan(self, tokens: list[Token]) -> tuple[bool, bool]:
        """Whether a sentence may hold a trigger, and a speech verb or "بحسب": most sentences hold neither.
        With the article's tokens at hand, flags computed once for all of them answer by a slice."""
        if self.flags is not None and tokens:
            lo = bisect_left(self.token_starts, tokens[0].start)
            hi = lo + len(tokens)
            return any(self.flags[0][lo:hi]), any(self.flags[1][lo:hi])
        words = {t.text for t in tokens}
        self.learn(words)
        return any(self.memo[w] for w in words), any(self.speech_memo[w] for w in words)

    def tokens(self, sentence: Span) -> list[Token]:
        nstart, nend = self.norm.from_original(sentence.start, sentence.end)
        if self.all_tokens is None:
            return word_tokens(self.norm.text, nstart, nend)
        return self.all_tokens[bisect_left(self.token_starts, nstart):bisect_left(self.token_starts, nend)]

    def view(self, tokens: list[Token], i: int, j: int) -> tuple[int, int]:
        return self.norm.span_to_original(tokens[i].start, tokens[j - 1].end)

    def mentions_in(self, start: int, end: int) -> list[Mention]:
        lo, hi = bisect_left(self.mention_starts, start), bisect_left(self.mention_starts, end)
        return self.mentions[lo:hi]

    # --- triggers and modality -------------------------------------------------------------------------
    def hits(self, tokens: list[Token]) -> list[_Hit]:
        lex, memo, out = self.lex, self.memo, []
        i = 0
        for k in compress(range(len(tokens)), map(memo.__getitem__, map(itemgetter(0), tokens))):  # most start none
            if k < i:
                continue
            m = lex.triggers.match_at(tokens, k)
            if m is None:
                continue
            i = m.end_token
            trigger = m.values[0]
            glued = self.norm.text[tokens[k].start:m.start]
            if trigger.verb and glued[-1:] in lex.noun_proclitics:  # "بقتل": a preposition takes a noun, not a verb
                trigger = next((v for v in m.values if not v.verb), trigger)
            if (trigger.verb and glued.endswith(self.idx.article)) or stem(tokens[k].text) in lex.not_triggers:
                continue  # a verb never takes the article ("الحادث الغادر"); "وصولا إلى" is "up to"
            if trigger.verb and self.noun_ending(m.end):
                continue  # "حملة" (a campaign) is not "حمله" (he carried it)
            start, end = self.norm.span_to_original(m.start, m.end)
            out.append(_Hit(trigger, k, m.end_token, start, end, glued, m.key[0]))
        return out

    def status_stop(self, tokens: list[Token], hits: list[_Hit], n: int, said: list[Claim], segment: int) -> int:
        """Where the words about hit n end: at the next trigger, or where the next speaker's words begin."""
        stop = hits[n + 1].start_token if n + 1 < len(hits) else len(tokens)
        if segment + 1 < len(said) and said[segment + 1].cue.start > hits[n].start:
            cue = said[segment + 1].cue.start
            stop = min(stop, next((k for k in range(hits[n].end_token, stop) if self.view(tokens, k, k + 1)[0] >= cue),
                                  stop))
        return stop

    def status_reports(self, tokens: list[Token], sentence: Span, said: list[Claim], found: list[Event],
                       earlier: list[Event]) -> list[Event]:
        """A speaker who only gives the state of a process just named ("نفى … هذا الموضوع، وأكد أنّها لا تزال
        مستمرة") reports that process: an event of its type, with this speaker and the state said."""
        lex = status_lexicon()
        out: list[Event] = []
        words = [t.text for t in tokens]
        for claim in said:
            if claim.speaker is None or any(claim.content.start <= e.trigger.start < claim.content.end
                                            for e in found):
                continue
            inside = [k for k in range(len(tokens))  # "وأكد أنّها …": the pronoun is written on the complementiser
                      if claim.cue.start <= self.view(tokens, k, k + 1)[0] < claim.content.end]
            if not inside or lex.pronoun_subjects.isdisjoint(words[k] for k in inside):
                continue
            said_status = next(((st, k) for k in inside if (st := lex.status_at(words, k)) is not None), None)
            if said_status is None:
                continue
            before = [e for e in [*earlier[-4:], *found] if e.trigger.start < claim.cue.start
                      and e.type in lex.process_types and e.modality == "asserted"]
            if not before:
                continue
            topic = before[-1]
            at = Span(*self.view(tokens, said_status[1], said_status[1] + 1))
            event = Event(topic.type, topic.mode, "asserted", at, sentence, actor=topic.actor, target=topic.target,
                          co_actors=list(topic.co_actors), location=topic.location, location_from=topic.location_from,
                          speaker=claim.speaker, confidence=topic.confidence, clause=claim.content, verb=True,
                          status=said_status[0], status_span=at)
            out.append(event)
        return out

    def anaphoric(self, tokens: list[Token], hit: _Hit) -> bool:
        """A definite trigger noun after a demonstrative ("هذه الاعتداءات"), or joined by "و" to a noun that has one
        ("هذه الجرائم والاعتداءات")."""
        k = hit.start_token
        written = tokens[k].text
        defined = written.startswith(self.idx.article)
        if not defined and written.startswith(self.idx.conjunction + self.idx.article) and k >= 2:
            return tokens[k - 2].text in self.lex.anaphoric_before
        return defined and k > 0 and tokens[k - 1].text in self.lex.anaphoric_before

    def noun_ending(self, end: int) -> bool:
        """The word ending at normalised offset ``end`` was written with ta marbuta: a noun or adjective, not the
        verb with an object pronoun that the normalised letters also spell ("تابعة" / "تابعه")."""
        written, folded = self.idx.ta_marbuta
        return self.norm.text[end - 1] == folded and self.norm.original_char(end - 1) == written

    def modality(self, tokens: list[Token], hit: _Hit) -> str:
        """The nearest modality cue before the trigger in its clause; the future prefix of the trigger itself."""
        if hit.trigger.future:
            return "future"
        lo = max(0, hit.start_token - self.lex.denial_reach)
        for k in range(hit.start_token - 1, lo - 1, -1):
            if self.clause_break(tokens, k, k + 1):
                lo = k + 1
                break
        return cue_before([t.text for t in tokens], hit.start_token, self.lex, lo) or "asserted"

    def reports_denied(self, words: list[str], i: int) -> bool:
        """A denial of the reports that tell it: "نفى …، أمس، التقارير التي تحدثت عن مقتل مدنيين", "ما يشاع عن
        انهيار المفاوضات عارٍ عن الصحة" (hearsay.yaml)."""
        nouns, reach, denials = _hearsay()
        for k in range(i - 1, max(-1, i - 1 - reach), -1):
            if words[k] in nouns or stem(words[k]) in nouns:
                return any(w in denials or stem(w) in denials for w in words)  # "… عارٍ عن الصحة" after
        return False

    def clause_break(self, tokens: list[Token], i: int, j: int) -> bool:
        """Punctuation between token i and token j."""
        between = self.norm.text[tokens[i].end:tokens[j].start] if j < len(tokens) else ""
        return any(ch in self.lex.clause_marks for ch in between)

    # --- events of one sentence ------------------------------------------------------------------------
    def clauses(self, sentence: Span) -> list[int]:
        """View offsets where the sentence's clauses start (after "،", ";", ":" …)."""
        marks = self.lex.clause_mark.finditer(self.doc.view, sentence.start, sentence.end)
        return [sentence.start] + [m.end() for m in marks]

    def sentence_events(self, tokens: list[Token], sentence: Span, mentions: list[Mention],
                        said: list[Claim]) -> list[Event]:
        hits = self.hits(tokens)
        if not hits:
            return []
        lex = self.lex
        words_list = [t.text for t in tokens]
        stems = frozenset(map(stem, words_list))
        conflict = not lex.conflict_cues.isdisjoint(stems)  # is the sentence about armed conflict?
        armed = any(self.sector(m) in lex.armed_sectors for m in mentions)  # does it name an armed party?
        mishap = not armed and not lex.mishaps.isdisjoint(stems)  # a disaster or an accident, no armed party
        clause_starts = self.clauses(sentence)
        groups: list[tuple[tuple[int, int], Event]] = []  # ((speaker segment, clause), event)
        names = [(m.start, m.end) for m in mentions]
        for n, hit in enumerate(hits):
            if any(self.is_topic(tokens, head, hit, names) for head in hits[:n]):
                continue  # what an earlier trigger is about ("رفض الخروج"), whether or not that one counts
            key = tuple(t.text for t in tokens[hit.start_token:hit.end_token])
            if hit.trigger.context and not conflict:
                continue  # an everyday word ("تقدم", "وصول") in a sentence with no conflict word
            # "انفجر الإطار الأمامي": an accident, not an attack ("ضربات جوية" says enough without a cue)
            if hit.trigger.type in lex.armed_types and hit.trigger.context and not (armed or conflict):
                continue
            if hit.trigger.type in lex.armed_types and mishap:
                continue  # "قتل 14 شخصا جراء إعصار": a disaster or an accident, no armed party named
            if hit.end_token < len(tokens) and tokens[hit.end_token].text in lex.metaphor_after:
                continue  # "قصف إعلامي", "المعركة الانتخابية"
            if hit.start_token > 0 and tokens[hit.start_token - 1].text in lex.metaphor_after:
                continue
            if hit.end_token + 1 < len(tokens) and tokens[hit.end_token].text in lex.metaphor_prepositions and \
                    stem(tokens[hit.end_token + 1].text) in lex.metaphor_objects:
                continue  # "وصل إلى السلطة"
            if not hit.trigger.verb and self.anaphoric(tokens, hit):
                continue  # "هذه الاعتداءات": the events already reported (not "وسبق ذلك اعتقال …")
            if not hit.trigger.verb and hit.start_token > 0 and \
                    stem(tokens[hit.start_token - 1].text) in lex.description_before:
                continue  # "يشكل تهديدا": a danger described, not an event reported
            k = hit.start_token
            if hit.trigger.verb and k >= 2 and tokens[k - 1].text in lex.relative_pronouns and \
                    stem(tokens[k - 2].text) in lex.described_areas:
                continue  # "المناطق التي حررها حلفاؤنا": the areas described
            if any(s <= hit.start and hit.end <= e for s, e in names) and \
                    not self.idx.force_nouns.could_start(key[0]):
                continue  # a word of a name ("هيئة تحرير الشام"), unless the name is "the Russian strikes"
            modality, confidence = self.modality(tokens, hit), 0.5
            segment = max(0, sum(c.cue.start <= hit.start for c in said) - 1)  # before the first cue: its speaker
            status = status_near(words_list, hit.start_token, hit.end_token,
                                 self.status_stop(tokens, hits, n, said, segment))
            if self.classifier is not None:
                verdict = self.classifier.judge(words_list, hit.start_token, hit.end_token, hit.trigger)
                if verdict.none_p >= NONE_THRESHOLD and status is None:
                    continue  # a metaphor, a match, a market: not an event (talks said to be suspended are)
                if verdict.modality_p >= MODALITY_THRESHOLD:
                    modality = verdict.modality
                confidence = 1.0 - verdict.none_p
            if not hit.trigger.verb and hit.trigger.type in lex.aim_types and hit.clitic.endswith(lex.aim_clitic) \
                    and hit.first in lex.aim_words:
                modality = "hypothetical"  # "يمضون قدما للوصول إلى حل": an aim, not an agreement reached
            if modality == "asserted" and self.reports_denied(words_list, hit.start_token):
                modality = "negated"
            clause = bisect_left(clause_starts, hit.start + 1) - 1
            same = next((e for (seg, cl), e in groups if e.type == hit.trigger.type and seg == segment
                         and e.modality == modality  # what happened and what did not are two events
                         and (cl == clause or not (e.verb and hit.trigger.verb)
                              or e.mode in _GENERIC_MODES or hit.trigger.mode in _GENERIC_MODES)), None)
            if same is None:
                clause_span = Span(clause_starts[clause], clause_starts[clause + 1] if clause + 1 < len(clause_starts)
                                   else sentence.end)
                event = Event(hit.trigger.type, hit.trigger.mode, modality, Span(hit.start, hit.end), sentence,
                              confidence=confidence, clause=clause_span, verb=hit.trigger.verb,
                              first_token=hit.start_token)
                groups.append(((segment, clause), event))
                same = event
            elif same.mode in _GENERIC_MODES and hit.trigger.mode not in _GENERIC_MODES:
                same.mode = hit.trigger.mode
            if status is not None and same.status is None:
                same.status, same.status_span = status[0], Span(*self.view(tokens, status[1], status[1] + 1))
        by_segment: dict[int, list[Event]] = {}
        for (segment, _), event in groups:
            by_segment.setdefault(segment, []).append(event)
        events = []
        for group in by_segment.values():
            types = {e.type: e for e in group}
            for winner, loser, mode in lex.subsumes:
                if winner in types and loser in types:
                    group = [e for e in group if not (e.type == loser and (mode is None or e.mode == mode))]
            events.extend(group)
        if any(e.verb for e in events):
            events = [e for e in events if e.verb or not self.background(tokens, e)]
        events = sorted(events, key=lambda e: e.trigger.start)[:MAX_EVENTS_PER_SENTENCE]
        if not events:
            return []
        numbers = quantities(self.norm, sentence.start, sentence.end)
        dates = find_dates(self.norm, sentence.start, sentence.end, self.doc.published)
        for event in events:
            self.refine_mode(event, tokens)
            self.arguments(event, tokens, hits, mentions, self.speaker_at(said, event.trigger.start))
            # the figures of its own clause and of what follows it in the sentence; the sentence's first event
            # also takes those before it ("بسقوط 70 قتيلاً وجريحاً، معظمهم من النساء، في غارات …")
            begin = event.clause.start if event.clause is not None else sentence.start
            if event is events[0]:
                begin = sentence.start
            event.quantities = [q for q in numbers if q.start >= begin]
            event.date = dates[0] if dates else None
        return [e for e in events if e.verb or e.actor is not None or e.quantities or e.speaker is not None
                or e.status is not None]

    def is_topic(self, tokens: list[Token], head: _Hit, hit: _Hit, names: list[tuple[int, int]]) -> bool:
        """Whether a trigger noun is what an earlier trigger of its clause is about: "يتفاوضون على صفقة",
        "طالب بالإفراج", "رفض (داعش) الخروج", "اتفاق يقضي بخروج"."""
        marks = self.lex.topic_marks.get(head.trigger.type)
        if marks is None or hit.trigger.verb or head.trigger.type == hit.trigger.type \
                or not 0 <= hit.start_token - head.end_token <= self.lex.topic_reach:
            return False
        between = self.norm.text[tokens[head.end_token - 1].end:tokens[hit.start_token].start]
        if any(ch in self.lex.clause_marks for ch in between):
            return False
        gap = tokens[head.end_token:hit.start_token]
        if hit.clitic:
            return hit.clitic in marks  # "بالإفراج"; not "وقصف" (and)
        if gap and gap[-1].text in marks:
            return True
        if "" not in marks:
            return False
        named = [self.view(gap, k, k + 1) for k in range(len(gap))]
        return all(any(s <= a and b <= e for s, e in names) for a, b in named)  # nothing but names between

    def background(self, tokens: list[Token], event: Event) -> bool:
        """A trigger noun behind "مع/بعد/بسبب/في إطار …": the circumstance of another event (never one denied:
        "نفى التقارير التي تحدثت عن مقتل مدنيين في غارات" is the news)."""
        if event.modality == "negated":
            return False
        after = {t.text for t in tokens[event.first_token + 1:event.first_token + 4]}
        if not self.lex.told_after.isdisjoint(after):
            return False  # "بعد ضربات جوية نفذها التحالف": told with its own verb
        words = [t.text for t in tokens[max(0, event.first_token - 3):event.first_token]]
        if self.lex.background_before.ending(words, len(words)) is not None:
            return True
        far = [stem(t.text) for t in tokens[max(0, event.first_token - self.lex.background_reach):event.first_token]]
        return not self.lex.background_far.isdisjoint(far)

    def refine_mode(self, event: Event, tokens: list[Token]) -> None:
        """"قصف" with "الطيران" in its sentence is an air strike."""
        cues = self.lex.mode_cues.get(event.type)
        if cues is None or event.mode not in _REFINABLE_MODES:
            return
        words = [t.text for t in tokens]
        for k in range(len(words)):
            found = cues.starting(words, k)
            if found is not None:
                event.mode = str(found[1])
                return

    # --- arguments ---------------------------------------------------------------------------------------
    def arguments(self, event: Event, tokens: list[Token], hits: list[_Hit], mentions: list[Mention],
                  speaker: Mention | None) -> None:
        """Actor: the first actor after the trigger (verb-subject order) that no target word introduces, else the
        nearest before it; target: civilians named in the sentence or an actor behind a target word."""
        view = self.doc.view
        parties = [m for m in mentions if m.kind in ("actor", "person", "org")
                   and (speaker is None or not _same(m, speaker)) and not self.reporter(m)]
        civilians = [m for m in parties if self.sector(m) in _CIVILIAN_SECTORS]
        supporting = self.supporting([m for m in parties if self.sector(m) not in _CIVILIAN_SECTORS])
        fighters = [m for m in parties if self.sector(m) not in _CIVILIAN_SECTORS and m not in supporting]
        marks = self.lex.target_marks
        targeted = [m for m in fighters if _preceded_by(view, m.start, marks, self.lex.mark_proclitics)]
        trigger_words = view[event.trigger.start:event.trigger.end].split()
        head = normalize(trigger_words[0]).removeprefix(self.idx.article) if trigger_words else ""
        if trigger_words and (trigger_words[-1] in marks or (not event.verb and head in self.lex.object_nouns)):
            # "القضاء على X", "السيطرة على X", "استهداف القوات الأميركية": X right after is the object
            reach = SUBJECT_GAP if trigger_words[-1] in marks else 1
            first = [m for m in fighters if m.start >= event.trigger.end and m not in targeted
                     and len(view[event.trigger.end:m.start].split()) <= reach][:1]
            # ... unless an object marked by "ل" follows it: "اعتقال «الهيئة» للعشرات" (the Hay'a arrests)
            agent = first and trigger_words[-1] not in marks and \
                view[first[0].end:first[0].end + 30].lstrip(_QUOTES + "»”").startswith(self.lex.object_clitic)
            targeted += [] if agent else first
        died = self.victim_verb_end(event)
        if died is not None:  # "استشهد القائد … في غارة", "لقي عنصران مصرعهما": who follows died, not killed
            targeted += [m for m in fighters if m.start >= died and m not in targeted]
        after = [m for m in fighters if event.trigger.end <= m.start and m not in targeted
                 and len(view[event.trigger.end:m.start].split()) <= ACTOR_REACH]
        before = [m for m in fighters if m.end <= event.trigger.start and m not in targeted]
        close_before = [m for m in before if len(view[m.end:event.trigger.start].split()) <= SUBJECT_GAP
                        and not any(ch in self.lex.clause_marks for ch in view[m.end:event.trigger.start])]
        close_after = [m for m in after if len(view[event.trigger.end:m.start].split()) <= SUBJECT_GAP]
        clause_end = event.clause.end if event.clause is not None else event.sentence.end
        agents = [m for m in parties if event.trigger.end <= m.start < clause_end
                  and len(view[event.trigger.end:m.start].split()) <= ACTOR_REACH
                  and _preceded_by(view, m.start, self.lex.agent_marks, self.lex.mark_proclitics)]
        if event.type in _SPEECH_TYPES and speaker is not None:
            event.actor = self.organisation(speaker)
        elif agents:
            event.actor = agents[0]  # "اغتيال المستشار من قبل إسرائيل"
            targeted = [m for m in targeted if m is not agents[0]]
        elif event.verb and close_before and not close_after:
            event.actor = close_before[-1]  # subject first: "التنظيم يعيد تجميع قواته"
        elif after:
            event.actor = after[0]
        elif (adjective := self.adjective_actor(event, tokens, hits, mentions)) is not None:
            event.actor = adjective  # "في غارة إسرائيلية": a nationality is a better guess than who is named before
        elif before:
            event.actor = before[-1]
        if event.type in _SPEECH_TYPES and event.actor is None:
            event.actor = after[0] if after else (before[-1] if before else None)
        rest = [m for m in (targeted or fighters) if event.actor is None or not _same(m, event.actor)]
        if event.type in _TARGETED_TYPES:
            event.target = civilians[0] if civilians else (rest[0] if rest else None)
        elif event.type in _SPEECH_TYPES:
            # "اتهم التحالف النظام السوري بـ…", "طالبت الوزارة مجلس الأمن بـ…": the object right after the actor
            objects = [m for m in fighters if m.start >= event.trigger.end and m.kind != "person"
                       and (event.actor is None or not _same(m, event.actor))]
            event.target = objects[0] if objects else (rest[0] if rest else None)
        elif event.type in _SYMMETRIC_TYPES:
            event.target = rest[0] if rest else None
            if event.type == "FIGHT" and (event.actor is None) != (event.target is None):
                event.target, event.actor = self.other_side(event.actor or event.target), event.actor or event.target
        if event.actor is None and speaker is not None and event.type in self.lex.armed_types:
            claimant = self.organisation(speaker)  # "أعلنت المقاومة استهداف قاعدة …": who claims the attack …
            if self.sector(claimant) in self.lex.armed_sectors and not self.same_side(claimant, event.target):
                event.actor = claimant  # … unless it tells of its own losses ("أكدت القيادة مقتل ثلاثة من جنودها")
        event.co_actors = supporting
        if event.type in self.lex.flight_types and civilians and (event.actor is None or not after) and \
                any(m.start >= event.trigger.end for m in civilians):
            event.type, event.mode = self.lex.flight_to  # civilians fleeing
            event.actor, event.target = next(m for m in civilians if m.start >= event.trigger.end), None
        event.speaker = speaker

    def victim_verb_end(self, event: Event) -> int | None:
        """Where a verb whose subject suffered ("استشهد", "لقي") ends in the event's clause, if one is there."""
        for token in self.tokens(event.clause or event.sentence):
            if stem(token.text) in self.lex.victim_verbs:
                return self.norm.span_to_original(token.start, token.end)[1]
        return None

    def adjective_actor(self, event: Event, tokens: list[Token], hits: list[_Hit],
                        mentions: list[Mention]) -> Mention | None:
        """The party a nationality adjective after a trigger of the event's type in its sentence names: "في غارة
        إسرائيلية" was Israel's forces, "ضغوط أميركية" the United States'."""
        table = self.idx.forces_by_country if event.type in self.lex.armed_types else self.idx.state_by_country
        for hit in hits:
            if hit.trigger.type != event.type:
                continue
            for word in tokens[hit.end_token:hit.end_token + 2]:  # right after, or one word on ("العدوان الصاروخي …")
                country = self.idx.nationalities.get(word.text, ("", None))[1]
                if country not in table:
                    continue
                start, end = self.norm.span_to_original(word.start, word.end)
                if any(m.start <= start < m.end for m in mentions):
                    continue  # part of a name found already ("بدعم من الطيران الروسي"): that mention speaks
                return Mention("actor", start, end, table[country], "adjective", nationality=country)
        return None

    def supporting(self, fighters: list[Mention]) -> list[Mention]:
        """Parties behind "بدعم من", "بمساندة" …, and those joined to them by "و" ("بدعم من الطيران الروسي
        والميليشيات الإيرانية"): co-actors, never the actor or the target."""
        view = self.doc.view

        def support(m: Mention) -> bool:  # "بدعم روسي": the support is the mention itself
            words = view[m.start:m.end].split()
            return bool(words) and self.idx.support_nouns.could_start(normalize(words[0]))

        return self.marked(fighters, self.lex.co_actor_marks, support)

    def marked(self, mentions: list[Mention], marks: tuple[str, ...],
               also: Callable[[Mention], bool] | None = None) -> list[Mention]:
        """The mentions right after one of ``marks`` (or for which ``also`` holds), and those joined to one of them
        by "و": "بدعم من الطيران الروسي والميليشيات الإيرانية", "باتجاه دمشق ودرعا"."""
        view, out = self.doc.view, []
        for m in mentions:
            joined = out and view[out[-1].end:m.start].strip(_QUOTES + "،,") in self.lex.joiners
            if joined or (also is not None and also(m)) or _preceded_by(view, m.start, marks, self.lex.mark_proclitics):
                out.append(m)
        return out

    def other_side(self, side: Mention | None) -> Mention | None:
        """A clash has two sides: when a sentence names one, the other is the armed actor the article names most
        (its first mention is the evidence)."""
        if side is None:
            return None
        family = set(self.idx.lineage(side.entity_id)) if side.entity_id else set()
        counts: dict[str, list[Mention]] = {}
        for m in self.mentions:
            if m.kind == "actor" and m.entity_id and m.entity_id not in family and \
                    self.sector(m) in self.lex.armed_sectors and side.entity_id not in self.idx.lineage(m.entity_id):
                counts.setdefault(m.entity_id, []).append(m)
        return max(counts.values(), key=len)[0] if counts else None

    def organisation(self, speaker: Mention) -> Mention:
        """The body a person speaks for, when known, else the speaker."""
        if speaker.kind == "person" and speaker.affiliation:
            return speaker._replace(kind="actor", entity_id=speaker.affiliation, resolved_by="coref", name_en=None,
                                    name_ar=None, role=None)
        return speaker

    def same_side(self, a: Mention, b: Mention | None) -> bool:
        if b is None or not a.entity_id or not b.entity_id:
            return False
        return not set(self.idx.lineage(a.entity_id)).isdisjoint(self.idx.lineage(b.entity_id))

    def reporter(self, m: Mention) -> bool:
        """The media, sources and witnesses only tell of an event."""
        return m.entity_id in self.lex.reporter_ids or self.sector(m) in self.lex.reporter_sectors

    def sector(self, m: Mention) -> str | None:
        e = self.idx.entity(m.entity_id)
        return e.sector if e is not None else None

    def locate(self, event: Event, mentions: list[Mention], around: list[list[Mention]]) -> None:
        """The most specific place in the sentence; else the most specific of the nearest sentence of its paragraph
        that names one (before it, else after it: a lead may name the place a sentence later); else the last
        specific place of an earlier paragraph, or the article's most named. Where people or convoys are headed
        ("باتجاه دير الزور") is not where it happened, unless the event is an arrival."""
        named = [m for m in mentions if m.kind == "place"]
        here = self.where(event, named)
        clause = event.clause
        if clause is not None and any(clause.start <= m.start < clause.end for m in here):
            here = [m for m in here if clause.start <= m.start < clause.end]
        before = next((ps for ps in (self.where(event, ps) for ps in around) if ps), [])
        earlier = self.earlier_place(event) if not here and not before else None
        if not here and not before and earlier is None and named:
            here = named  # nothing but where they were headed
        if here:
            event.location, event.location_from = min(here, key=self.place_rank), "sentence"
        elif before:
            best = min(self.place_rank(m) for m in before)
            event.location = [m for m in before if self.place_rank(m) == best][-1]
            event.location_from = "paragraph"
        elif earlier is not None:
            event.location, event.location_from = earlier, "article"

    def earlier_place(self, event: Event) -> Mention | None:
        """The last specific place named in an earlier paragraph (the first one named later, in a paragraph that
        turns to another story: "من ناحية أخرى، …"); else the article's most named one."""
        specific = [m for m in self.mentions if m.kind == "place" and self.place_rank(m) == (0, 1)]
        earlier = self.where(event, [m for m in specific if m.start < event.sentence.start])
        later = self.where(event, [m for m in specific if m.start >= event.sentence.end])
        if self.new_story and later:
            return later[0]
        return earlier[-1] if earlier else self.focus()

    def switches_topic(self, block: Span) -> bool:
        words = PHRASE_WORDS.findall(normalize(self.doc.view[block.start:min(block.end, block.start + 60)]))
        return bool(words) and self.lex.topic_switch.starting(words, 0) is not None

    def where(self, event: Event, places: list[Mention]) -> list[Mention]:
        """The places that may be the event's: not those people come from or head for, nor those they reach unless
        the event is the movement that reached them."""
        lex = self.lex
        marks = lex.elsewhere_marks if event.type in lex.reaching_types else lex.elsewhere_marks + lex.reaching_marks
        away = self.marked(places, marks)
        return [m for m in places if m not in away]

    def place_rank(self, m: Mention) -> tuple[int, int]:
        e = self.idx.entity(m.entity_id)
        has_point = m.lat is not None or (e is not None and e.lat is not None)
        precision = m.precision or (PLACE_PRECISION.get(e.subtype, 2) if e is not None else 2)
        return (0 if has_point else 1, precision)

    def focus(self) -> Mention | None:
        counts: dict[str, list[Mention]] = {}
        for m in self.mentions:
            if m.kind == "place" and m.entity_id and self.place_rank(m)[1] <= 2:
                counts.setdefault(m.entity_id, []).append(m)
        return max(counts.values(), key=len)[0] if counts else None

    # --- who said so ---------------------------------------------------------------------------------------
    def attribution(self, tokens: list[Token], sentence: Span, mentions: list[Mention],
                    previous: Mention | None) -> list[Claim]:
        """Every attributed statement of a sentence, in order: the speaker after a speech verb ("قال المرصد"),
        before it ("المرصد قال"), after "بحسب/وفق/نقلاً عن"; a continuing "وأضاف" without one is the previous
        speaker. "قال المرصد إن … فيما قال التلفزيون إن …" gives two claims, each up to the next."""
        lex = self.lex
        words = [t.text for t in tokens]
        sources = [m for m in mentions if m.kind in ("actor", "person", "org")]
        found_claims: list[Claim] = []
        i = 0
        memo, firsts = self.speech_memo, lex.according_to.by_first
        while i < len(tokens):
            text = tokens[i].text
            if not memo.get(text) and text not in firsts:
                i += 1
                continue
            found = lex.speech.match_at(tokens, i) if memo.get(text) else None
            if found is not None and (self.noun_ending(found.end) or text in lex.bare_not_speech):
                found = None  # "خلايا تابعة للتنظيم", "فصيل تابع للجيش الحر": affiliated, not "he went on"
            if found is not None:
                kind, span_end = found.values[0].kind, found.end_token
            else:
                according = lex.according_to.starting(words, i)
                if according is None:
                    i += 1
                    continue
                kind, span_end = "statement", i + len(according[0])
            cue_start, cue_end = self.view(tokens, i, span_end)
            said_from = self.said_from(tokens, span_end)  # "وأضاف: «…»", "قال إن …": what follows is said, not who
            after = [m for m in sources if cue_end <= m.start < said_from and m.entity_id not in lex.not_speakers
                     and len(self.doc.view[cue_end:m.start].split()) <= lex.speaker_reach]
            if found is not None and found.values[0].first_person:
                after = []  # "ندعو النظام": we (the one quoted) call on the regime
            before = [m for m in sources if m.end <= cue_start and m.entity_id not in lex.not_speakers
                      and (not found_claims or m.start > found_claims[-1].cue.end)
                      and not _preceded_by(self.doc.view, m.start, lex.target_marks, lex.mark_proclitics)
                      ] if found is not None else []
            # "قال المتحدث باسم التحالف الكولونيل شون رايان": the person, who speaks for the body named first;
            # "سامر الخليل مدير المكتب الإعلامي لجيش العزة المدعوم من تركيا اتهم …": the person, not his titles
            person = next((m for m in after if m.kind == "person"), None)
            person_before = next((m for m in reversed(before) if m.kind == "person"), None)
            speaker = person or (after[0] if after else (person_before or (before[-1] if before else None)))
            if speaker is None and (words[i] in lex.continuation or words[i][1:] in lex.continuation
                                    or (found is not None and found.values[0].first_person)):
                speaker = previous
            if speaker is not None and not any(_same(c.speaker, speaker) and c.kind == kind  # type: ignore[arg-type]
                                               for c in found_claims[-1:]):
                content_start = self.content_start(tokens, span_end, speaker)
                target = next((m for m in sources if m.start >= content_start and not _same(m, speaker)), None)
                found_claims.append(Claim(kind, speaker, Span(cue_start, cue_end), Span(content_start, sentence.end),
                                          sentence, target))
            i = span_end
        for here, following in pairwise(found_claims):
            here.content = Span(here.content.start, max(here.content.start, following.cue.start))
        return found_claims

    @staticmethod
    def speaker_at(claims: list[Claim], offset: int) -> Mention | None:
        """Who says what is written at ``offset``: the last claim opened before it, else the sentence's first
        ("قُتل 12 مدنياً، بحسب المرصد")."""
        before = [c for c in claims if c.cue.start <= offset]
        return (before[-1] if before else claims[0]).speaker if claims else None

    def said_from(self, tokens: list[Token], j: int) -> int:
        """Where the words of a statement begin, if they begin within reach of its verb: an opener ("إن", "أن"),
        a colon or an opening quote. Before that is the speaker."""
        for k in range(j, min(len(tokens), j + self.lex.speaker_reach + 1)):
            gap = self.norm.text[tokens[k - 1].end:tokens[k].start] if k > 0 else ""
            if ":" in gap or '"' in gap or tokens[k].text in self.lex.openers:
                return self.norm.span_to_original(tokens[k].start, tokens[k].end)[0]
        return len(self.doc.view)

    def content_start(self, tokens: list[Token], j: int, speaker: Mention) -> int:
        """Where what was said starts: after "إن/أن" when one follows, else after the speaker."""
        for k in range(j, min(len(tokens), j + 12)):
            if tokens[k].text in self.lex.openers:
                return self.view(tokens, k, k + 1)[1]
        return max(speaker.end, self.view(tokens, j - 1, j)[1])


_TELLING = frozenset({"statement", "assessment"})  # claims whose future or possible content is a statement of intent
_GENERIC_MODES = frozenset({"killing", "attack", "clashes", "talks", "movement"})
_REFINABLE_MODES = frozenset({"killing", "attack", "shelling"})
_SPEECH_TYPES = frozenset({"ACCUSE", "REQUEST", "REJECT", "SUPPORT", "THREATEN", "OTHER"})
_TARGETED_TYPES = frozenset({"ASSAULT", "COERCE", "SEIZE", "SANCTION"})
_SYMMETRIC_TYPES = frozenset({"FIGHT", "CONSULT", "AGREE", "COOPERATE"})
_CIVILIAN_SECTORS = frozenset({"CVL", "REF"})


_TRIGGER_MEMO: dict[str, bool] = {}  # word -> may start a trigger (per process: the lexicon does not change)
_SPEECH_MEMO: dict[str, bool] = {}


@cache
def _hearsay() -> tuple[frozenset[str], int, frozenset[str]]:
    """The report nouns and their reach (hearsay.yaml), and the first words of the denials (events.yaml)."""
    data = load("hearsay.yaml")
    denials = frozenset(phrase[0] for phrase in event_lexicon().denials)
    return frozenset(normalize(w) for w in data["report_nouns"]), int(data["reach"]), denials


def _same(a: Mention, b: Mention) -> bool:
    return (a.start, a.end) == (b.start, b.end) or (a.entity_id is not None and a.entity_id == b.entity_id)


_QUOTES = " «\"“(\u200f"


def _preceded_by(view: str, start: int, marks: tuple[str, ...], proclitics: str = "") -> bool:
    """One of ``marks`` right before offset ``start``: a whole word or phrase ("ضد", "بدعم من"), or a clitic
    written onto the name itself ("لتنظيم داعش"), never the last letter of another word ("اعتقال «هيئة")."""
    before = view[max(0, start - 30):start]
    glued = before[len(before.rstrip(_NOT_SPACE)):] if before and not before[-1].isspace() else ""
    if glued and glued[-1] not in _QUOTES:
        return glued in marks  # the letters attached to the name ("ل", "لـ")
    words = before.rstrip(_QUOTES).split()
    for n, phrases in _by_length(marks):
        tail = tuple(words[-n:])
        if tail in phrases or (len(tail) == n and len(tail[0]) > 2 and tail[0][:1] in proclitics
                               and (tail[0][1:], *tail[1:]) in phrases):  # "لعناصر من", "وباتجاه"
            return True
    return False


@cache
def _by_length(marks: tuple[str, ...]) -> tuple[tuple[int, frozenset[tuple[str, ...]]], ...]:
    """Marks as word tuples grouped by their number of words."""
    groups: dict[int, set[tuple[str, ...]]] = {}
    for mark in marks:
        words = tuple(mark.split())
        groups.setdefault(len(words), set()).add(words)
    return tuple((n, frozenset(g)) for n, g in groups.items())


_NOT_SPACE = "".join(chr(c) for c in range(0x0600, 0x06FF + 1)) + "ـ"  # Arabic letters a clitic is written with


def find_events(doc: Document) -> Document:
    norm = doc.norm if doc.norm is not None else normalize_with_index(doc.view)
    doc.norm = norm
    doc.events, doc.claims = EventFinder(doc, norm).run()
    return doc
