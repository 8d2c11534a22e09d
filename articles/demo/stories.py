"""Writes demo stories from the desks' templates: headline, standfirst, body, tags and captions.

Only the seeded random decides the words of a headline, never the date, so the same seed always
gives the same headlines and slugs; that is how a second run recognises what it made before.
"""

import string
from dataclasses import dataclass

from articles.text import sanitize_article_html, slugify_headline

from .content import COMMON_SLOTS, TAGGED_SLOTS, Desk, Topic
from .stories_business import BUSINESS
from .stories_culture import CULTURE
from .stories_economy import ECONOMY
from .stories_environment import ENVIRONMENT
from .stories_health import HEALTH
from .stories_nation import BREAKING, TURKIYE
from .stories_politics import POLITICS
from .stories_science import SCIENCE
from .stories_sport import SPORT
from .stories_world import WORLD

# The Türkiye desk must stay first: the live breaking story is filed from it.
DESKS = (TURKIYE, WORLD, POLITICS, ECONOMY, BUSINESS, SCIENCE, HEALTH, ENVIRONMENT, SPORT, CULTURE)
MAX_TAGS = 5
_FORMATTER = string.Formatter()


@dataclass(frozen=True)
class Story:
    section: str
    headline: str
    slug: str
    standfirst: str
    body: str
    tags: tuple
    scenes: tuple
    captions: tuple


def pick_desk(rng):
    return rng.choices(DESKS, weights=[desk.weight for desk in DESKS])[0]


def write_story(rng, *, desk, taken_slugs, when, site, topic=None):
    """A story from ``desk`` whose slug is not in ``taken_slugs``; ``when`` is its local publication time."""
    for _ in range(200):
        chosen = topic or rng.choice(desk.topics)
        values = _slot_values(rng, desk, when=when, site=site)
        if any("{coast}" in headline for headline in chosen.headlines):
            values["city"] = values[
                "coast"
            ]  # so the desk's lines about "the city" name the same place
        headline = _capitalise(rng.choice(chosen.headlines).format_map(values))
        slug = slugify_headline(headline)
        if slug not in taken_slugs:
            taken_slugs.add(slug)
            return _finish(rng, desk, chosen, values, headline, slug)
    raise RuntimeError(
        f"The {desk.section} desk ran out of distinct headlines; add templates or slot values."
    )


def _slot_values(rng, desk, *, when, site):
    values = {"weekday": when.strftime("%A"), "month": when.strftime("%B"), "site": site}
    for name, pool in {**COMMON_SLOTS, **desk.slots}.items():
        first = rng.choice(pool)
        values[name] = values[f"{name}2"] = first
        if len(pool) > 1:
            values[f"{name}2"] = rng.choice([value for value in pool if value != first])
    # A slot value may name another slot ("Professor Kaan Özgür of {university}").
    for name, value in values.items():
        if isinstance(value, str) and "{" in value:
            values[name] = value.format_map(values)
    return values


def _finish(rng, desk: Desk, topic: Topic, values, headline, slug):
    def fill(template):
        return _capitalise(template.format_map(values))

    standfirst = fill(rng.choice(topic.standfirsts))
    return Story(
        section=desk.section,
        headline=headline,
        slug=slug,
        standfirst=standfirst,
        body=sanitize_article_html(_body(rng, desk, topic, fill, values)),
        tags=_tags(desk, topic, values, f"{headline} {standfirst}"),
        scenes=topic.scenes,
        captions=tuple(fill(caption) for caption in topic.captions),
    )


def _body(rng, desk, topic, fill, values):
    lead, *rest = topic.paragraphs
    later = [fill(paragraph) for paragraph in rng.sample(rest, k=min(len(rest), rng.randint(1, 3)))]
    pool = topic.speakers or desk.speakers
    speakers = rng.sample(pool, k=2) if len(pool) > 1 else [pool[0]] * 2
    quotes = [
        (quote, speakers[number]) if isinstance(quote, str) else quote
        for number, quote in enumerate(rng.sample(topic.quotes, k=2))
    ]
    said = [(text.format_map(values), speaker.format_map(values)) for text, speaker in quotes]
    parts = [_p(fill(lead)), _p(_said(rng, *said[0], values["site"]))]
    if later and rng.random() < 0.35:
        parts.append(f"<h2>{rng.choice(topic.subheads + desk.subheads)}</h2>")
    parts.extend(_p(paragraph) for paragraph in later)
    if rng.random() < 0.5:
        # A pull quote repeats the strongest line already in the story, as on the printed page.
        parts.insert(
            len(parts) - len(later) // 2, f"<blockquote><p>“{said[0][0]}.”</p></blockquote>"
        )
    if topic.lists and rng.random() < 0.35:
        intro, items = rng.choice(topic.lists)
        parts.append(_p(fill(intro)))
        chosen = rng.sample(items, k=min(len(items), rng.randint(3, 4)))
        parts.append("<ul>" + "".join(f"<li>{fill(item)}</li>" for item in chosen) + "</ul>")
    if said[1][1] == said[0][1]:
        parts.append(_p(_added(*said[1])))
    else:
        parts.append(_p(_said(rng, *said[1], values["site"])))
    if rng.random() < 0.8:
        parts.append(_p(fill(rng.choice(topic.closers or desk.closers))))
    return "\n".join(parts)


def _said(rng, quote, speaker, site):
    style = rng.randrange(4)
    if style == 0:
        return f"“{quote},” said {speaker}."
    # "Emre Baysal, a taxi driver, said": a description after a name needs its closing comma.
    subject = f"{speaker}," if "," in speaker else speaker
    if style == 1:
        return f"“{quote},” {subject} said."
    if style == 2:
        return f"{_capitalise(subject)} said: “{quote}.”"
    return f"“{quote},” {subject} told {site}."


def _added(quote, speaker):
    """The second quote from the same person: "Emre Baysal added", "the spokesperson added"."""
    short = speaker.split(",")[0]
    for article in ("a ", "an "):
        if short.startswith(article):
            short = "the " + short.removeprefix(article)
    return f"“{quote},” {short} added."


def _p(text):
    return f"<p>{text}</p>"


def _capitalise(text):
    return text[:1].upper() + text[1:]


def _tags(desk, topic, values, headline_and_standfirst):
    """Places and teams named up top first, then the topic's tags, then the section's."""
    tags = [
        values[name]
        for name in TAGGED_SLOTS
        if name in values and values[name] in headline_and_standfirst
    ]
    tags += [
        values[f"{name}2"]
        for name in TAGGED_SLOTS
        if f"{name}2" in values and values[f"{name}2"] in headline_and_standfirst
    ]
    for tag in (*topic.tags, *desk.tags):
        if tag not in tags:
            tags.append(tag)
    return tuple(dict.fromkeys(tags))[:MAX_TAGS]


def slots_used(template):
    """The slot names a template asks for (used by the tests that check the banks)."""
    return {name for _, name, _, _ in _FORMATTER.parse(template) if name}


__all__ = ["BREAKING", "DESKS", "Story", "pick_desk", "slots_used", "write_story"]
