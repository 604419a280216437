"""Topics: tag the texts of the graph with the thematic areas of ontology/vocabularies/topics.ttl.

The rules are data (data/reference/topic-rules.toml): for each topic, the Chinese words that signal it
and the phrases inside which such a word does not count. A text gets a topic when it holds one of the
topic's signals outside every one of its exclusions. What is read:

- instruments (every kg:LegalInstrument): their Chinese titles (dcterms:title @zh);
- deliverables: dcterms:title and kg:text; planned results: dcterms:title; strategy items: kg:text;
- every node with a Chinese kg:text or dcterms:title in the graphs of the documents the rules list
  under [scan] (the 2008-2011 strategy, once it is built).

Each (node, topic) found becomes a kg:TopicTag, `{base}id/topic-tag/{kind}/{key}/{topic}` (the tagged
node's own kind and key), with the words that matched (kg:matchedText), derived from the node and from
the rule (`{base}id/topic-rule/{topic}`, which lists its words too), plus the shortcut
`node kg:hasTopic topic`. Everything goes into one graph, `{base}graph/topics` (docs/model.md, "Topics").
No blank nodes; nodes, topics and words are visited in sorted order.
"""

from __future__ import annotations

import logging
import re
import tomllib
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import RDF, RDFS, SKOS, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV

from .config import Settings
from .errors import BuildError
from .iris import KEY, Iris

log = logging.getLogger(__name__)

RULES_FILE = "topic-rules.toml"
SCHEME = "topics"  # {base}id/scheme/topics
GRAPH = "topics"  # {base}graph/topics
# Which texts of which classes are read (local names in kg:); instruments are every subclass of kg:LegalInstrument.
TEXTS: dict[str, tuple[str, ...]] = {
    "LegalInstrument": ("title",),
    "Deliverable": ("title", "text"),
    "PlannedResult": ("title",),
    "StrategyItem": ("text",),
}
_SPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    """The form texts and rules are compared in: NFKC (full-width forms), white space removed.

    Chinese words have no spaces inside them; line breaks and spaces of the PDF conversions may.

    >>> normalise("贩运 人口\\n（一）")
    '贩运人口(一)'
    """
    return _SPACE.sub("", unicodedata.normalize("NFKC", text))


def _occurrences(text: str, word: str) -> Iterator[int]:
    at = text.find(word)
    while at >= 0:
        yield at
        at = text.find(word, at + 1)


@dataclass(frozen=True)
class Rule:
    """The rule of one topic: the words that signal it, the phrases inside which they do not count."""

    topic: str
    signals: tuple[str, ...]
    exclusions: tuple[str, ...] = ()
    note: str | None = None

    def matches(self, text: str) -> list[str]:
        """The signals that occur in `text` outside every occurrence of an exclusion, in the rule's order.

        >>> rule = Rule("gender", ("妇女", "女童"), ("特别是妇女和儿童",))
        >>> rule.matches("关于预防、禁止和惩治贩运人口特别是妇女和儿童行为的补充议定书")
        []
        >>> rule.matches("改善农村地区妇女和女童的境况")
        ['妇女', '女童']
        """
        normed = normalise(text)
        excluded = [(at, at + len(e)) for e in self.exclusions for at in _occurrences(normed, e)]
        found: list[str] = []
        for signal in self.signals:
            for at in _occurrences(normed, signal):
                end = at + len(signal)
                if not any(start <= at and end <= stop for start, stop in excluded):
                    found.append(signal)
                    break
        return found


@dataclass(frozen=True)
class Rules:
    """Every topic's rule, and the documents every Chinese text of which is read."""

    rules: tuple[Rule, ...]
    documents: tuple[str, ...] = ()

    def topics(self, text: str) -> dict[str, list[str]]:
        """topic key -> the words that matched, for every topic `text` has.

        >>> rules = Rules((Rule("smuggling-of-migrants", ("偷运移民",)), Rule("trafficking-in-persons", ("贩运人口",))))
        >>> rules.topics("加强国际合作，解决偷运移民问题")
        {'smuggling-of-migrants': ['偷运移民']}
        """
        out: dict[str, list[str]] = {}
        for rule in self.rules:
            words = rule.matches(text)
            if words:
                out[rule.topic] = words
        return out


def _strings(value: object, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and normalise(v) for v in value):
        raise BuildError(f"{where}: expected a list of non-empty strings, got {value!r}")
    words = tuple(normalise(v) for v in value)
    if len(set(words)) != len(words):
        raise BuildError(f"{where}: a word is listed twice: {sorted(w for w in words if words.count(w) > 1)}")
    return words


def parse_rules(text: str, where: str = RULES_FILE) -> Rules:
    """Read the rules from the text of a topic-rules.toml; BuildError names what is wrong and where.

    >>> parse_rules('[[topic]]\\nkey = "firearms"\\nsignals = ["枪支", "火器"]\\n').rules[0].signals
    ('枪支', '火器')
    """
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise BuildError(f"{where}: not valid TOML: {exc}") from exc
    rules: list[Rule] = []
    for n, entry in enumerate(data.get("topic", []), start=1):
        key = entry.get("key")
        if not isinstance(key, str) or not KEY.match(key) or "/" in key:
            raise BuildError(f"{where}: topic {n} has no key like trafficking-in-persons: {key!r}")
        at = f"{where}: topic {key!r}"
        unknown = sorted(set(entry) - {"key", "signals", "exclusions", "note"})
        if unknown:
            raise BuildError(f"{at}: unknown fields {unknown} (known: key, signals, exclusions, note)")
        signals = _strings(entry.get("signals"), f"{at}, signals")
        if not signals:
            raise BuildError(f"{at}: no signals")
        exclusions = _strings(entry.get("exclusions", []), f"{at}, exclusions")
        note = entry.get("note")
        if note is not None and not isinstance(note, str):
            raise BuildError(f"{at}: the note is not a string")
        rules.append(Rule(key, signals, exclusions, " ".join(note.split()) if note else None))
    keys = [r.topic for r in rules]
    if len(set(keys)) != len(keys):
        raise BuildError(f"{where}: a topic has two rules: {sorted(k for k in keys if keys.count(k) > 1)}")
    documents = data.get("scan", {}).get("documents", [])
    if not isinstance(documents, list) or not all(isinstance(d, str) and KEY.match(d) for d in documents):
        raise BuildError(f"{where}: [scan] documents must be a list of document keys, got {documents!r}")
    return Rules(tuple(sorted(rules, key=lambda r: r.topic)), tuple(documents))


def load_rules(path: Path) -> Rules:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise BuildError(f"{path}: cannot read the topic rules: {exc}") from exc
    return parse_rules(text, str(path))


def scheme_topics(ontology: Graph, iris: Iris) -> dict[str, URIRef]:
    """topic key (skos:notation) -> concept, for every concept of id:scheme/topics."""
    scheme = iris.id("scheme", SCHEME)
    out: dict[str, URIRef] = {}
    for concept in ontology.subjects(SKOS.inScheme, scheme):
        notation = ontology.value(concept, SKOS.notation)
        if isinstance(concept, URIRef) and notation is not None:
            out[str(notation)] = concept
    return out


@dataclass
class Tagging:
    """What the tagger found: (node, topic key) -> the words that matched."""

    tags: dict[tuple[URIRef, str], list[str]] = field(default_factory=dict)

    def counts(self) -> dict[str, int]:
        """topic key -> how many nodes it tags."""
        return dict(sorted(Counter(topic for _node, topic in self.tags).items()))


def _subclasses(graphs: Iterable[Graph], root: URIRef) -> set[URIRef]:
    found = {root}
    edges = [(s, o) for g in graphs for s, o in g.subject_objects(RDFS.subClassOf)]
    changed = True
    while changed:
        changed = False
        for s, o in edges:
            if o in found and isinstance(s, URIRef) and s not in found:
                found.add(s)
                changed = True
    return found


def _zh_texts(graphs: Iterable[Graph], node: URIRef, predicates: Iterable[URIRef]) -> set[str]:
    return {
        str(o)
        for g in graphs
        for p in predicates
        for o in g.objects(node, p)
        if isinstance(o, Literal) and o.language == "zh"
    }


def texts_to_tag(graphs: Mapping[str, Graph], iris: Iris, rules: Rules) -> dict[URIRef, set[str]]:
    """node -> its Chinese texts that the rules read (see the module's docstring)."""
    kg = iris.kg
    parts = list(graphs.values())
    by_name = {"title": DCTERMS.title, "text": kg.text}
    out: dict[URIRef, set[str]] = {}
    for cls, names in TEXTS.items():
        classes = _subclasses(parts, kg[cls]) if cls == "LegalInstrument" else {kg[cls]}
        predicates = [by_name[n] for n in names]
        nodes = {s for g in parts for c in classes for s in g.subjects(RDF.type, c) if isinstance(s, URIRef)}
        for node in nodes:
            texts = _zh_texts(parts, node, predicates)
            if texts:
                out.setdefault(node, set()).update(texts)
    for doc in rules.documents:
        g = graphs.get(str(iris.graph(doc)))
        if g is None:
            continue  # not (yet) among the sources
        for p in (kg.text, DCTERMS.title):
            for s, o in g.subject_objects(p):
                if isinstance(s, URIRef) and isinstance(o, Literal) and o.language == "zh":
                    out.setdefault(s, set()).add(str(o))
    return out


def find_tags(texts: Mapping[URIRef, set[str]], rules: Rules) -> Tagging:
    """Apply the rules to every node's texts: (node, topic) -> the words that matched in any of them."""
    result = Tagging()
    for node in sorted(texts):
        words: dict[str, list[str]] = {}
        for text in sorted(texts[node]):
            for topic, found in rules.topics(text).items():
                have = words.setdefault(topic, [])
                have.extend(w for w in found if w not in have)
        for topic in sorted(words):
            result.tags[(node, topic)] = words[topic]
    return result


def _kind_and_key(node: URIRef, iris: Iris) -> tuple[str, str] | None:
    prefix = f"{iris.base}id/"
    if not node.startswith(prefix):
        return None
    kind, _, key = node[len(prefix) :].partition("/")
    return (kind, key) if kind and KEY.match(key) else None


def topic_graph(tagging: Tagging, rules: Rules, topics: Mapping[str, URIRef], iris: Iris) -> Graph:
    """The graph {base}graph/topics: the rules, one kg:TopicTag per (node, topic), the kg:hasTopic shortcuts."""
    kg = iris.kg
    g = Graph()
    g.bind("kg", kg)
    g.bind("skos", SKOS)
    g.bind("prov", PROV)
    for rule in rules.rules:
        node = iris.id("topic-rule", rule.topic)
        g.add((node, RDF.type, kg.TopicRule))
        g.add((node, kg.topic, topics[rule.topic]))
        for word in rule.signals:
            g.add((node, kg.signalText, Literal(word, lang="zh")))
        for word in rule.exclusions:
            g.add((node, kg.exclusionText, Literal(word, lang="zh")))
        if rule.note:
            g.add((node, RDFS.comment, Literal(rule.note, lang="en")))
    for (node, topic), words in sorted(tagging.tags.items()):
        if _kind_and_key(node, iris) is None:
            raise BuildError(f"topics: cannot name a tag of {node}: not an IRI {{base}}id/{{kind}}/{{key}}")
        tag = iris.topic_tag(str(node), topic)
        concept = topics[topic]
        g.add((tag, RDF.type, kg.TopicTag))
        g.add((tag, kg.taggedNode, node))
        g.add((tag, kg.topic, concept))
        for word in words:
            g.add((tag, kg.matchedText, Literal(word, lang="zh")))
        g.add((tag, PROV.wasDerivedFrom, node))
        g.add((tag, PROV.wasDerivedFrom, iris.id("topic-rule", topic)))
        g.add((node, kg.hasTopic, concept))
    return g


def check_rules(rules: Rules, topics: Mapping[str, URIRef], where: str) -> None:
    """Every topic of the scheme has a rule, and every rule a topic of the scheme."""
    keys = {r.topic for r in rules.rules}
    if not topics:
        raise BuildError("ontology/vocabularies/topics.ttl: no concept in id:scheme/topics")
    if keys != set(topics):
        raise BuildError(
            f"{where}: the rules and the topics of id:scheme/topics differ: "
            f"rules without a topic {sorted(keys - set(topics))}, topics without a rule {sorted(set(topics) - keys)}"
        )


def tag_graphs(graphs: Mapping[str, Graph], iris: Iris, rules: Rules, where: str = RULES_FILE) -> Graph:
    """Tag the texts of `graphs` (the ontology's graph holds the scheme) and return {base}graph/topics."""
    ontology = graphs.get(str(iris.graph("ontology")), Graph())
    topics = scheme_topics(ontology, iris)
    check_rules(rules, topics, where)
    texts = texts_to_tag(graphs, iris, rules)
    for node in sorted(n for n in texts if _kind_and_key(n, iris) is None):
        log.warning("topics: %s is not an IRI {base}id/{kind}/{key}; left untagged", node)
        del texts[node]
    tagging = find_tags(texts, rules)
    graph = topic_graph(tagging, rules, topics, iris)
    counts = tagging.counts()
    log.info(
        "topics: %d tags on %d nodes (%s)",
        len(tagging.tags),
        len({n for n, _ in tagging.tags}),
        ", ".join(f"{k} {n}" for k, n in counts.items()),
    )
    return graph


def tag(settings: Settings, iris: Iris, graphs: Mapping[str, Graph]) -> Graph:
    """The build's step: the rules of data/reference/topic-rules.toml applied to the documents' graphs."""
    path = settings.reference_dir / RULES_FILE
    return tag_graphs(graphs, iris, load_rules(path), f"data/reference/{RULES_FILE}")
