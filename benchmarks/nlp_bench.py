"""Benchmark 1: spaCy + geonews extraction against bare spaCy (the same pipeline object, batch size and texts)."""

from __future__ import annotations

import time
from collections import deque
from dataclasses import dataclass

from corpus import Corpus
from measure import Result, median, timed

from geonews.pipeline.extract import extract


@dataclass
class NlpTimes:
    bare_s: float  # median seconds for the whole corpus through nlp.pipe alone
    full_s: float  # ... through nlp.pipe + extract()


def run(nlp, corpus: Corpus, batch_size: int, repeats: int, budget_s: float) -> tuple[list[Result], NlpTimes]:
    items = corpus.articles
    texts = [a.text for a in items]

    def bare() -> None:
        deque(nlp.pipe(texts, batch_size=batch_size), maxlen=0)

    extract_runs: list[float] = []

    def full() -> None:
        spent = 0.0
        for doc, article in zip(nlp.pipe(texts, batch_size=batch_size), items, strict=True):
            t = time.perf_counter()
            extract(doc, article)
            spent += time.perf_counter() - t
        extract_runs.append(spent)

    warm = texts[:2 * batch_size]  # the first batches through a fresh pipeline are slow
    deque(nlp.pipe(warm, batch_size=batch_size), maxlen=0)
    for doc, article in zip(nlp.pipe(warm, batch_size=batch_size), items, strict=False):
        extract(doc, article)
    bare_runs, full_runs = [], []
    deadline = time.monotonic() + budget_s
    while len(bare_runs) < repeats and (not bare_runs or time.monotonic() < deadline):
        bare_runs.append(timed(bare))  # interleaved, so drift (thermal, caches) hits both alike
        full_runs.append(timed(full))
    times = NlpTimes(median(bare_runs), median(full_runs))
    words = corpus.words
    note = f"{len(items)} articles, {words:,} words, batch {batch_size}, median of {len(bare_runs)}"
    results = [
        Result("NLP+extraction throughput", words / times.full_s, "words/s",
               words / times.bare_s, "bare nlp.pipe", note),
        Result("extract() per article", median(extract_runs) / len(items) * 1e3, "ms/article",
               times.bare_s / len(items) * 1e3, "bare nlp.pipe", "time inside extract() calls"),
    ]
    return results, times


def long_article_result(nlp, corpus: Corpus, times: NlpTimes, chars: int = 200_000) -> Result:
    """One article of about `chars` characters (the corpus's texts one after another) through
    spaCy and extract(), per character, against the corpus's own articles per character: near 1
    when the cost grows linearly with an article's length (the default size limit is 1 MB)."""
    from geonews.pipeline.model import Article

    body, texts = "", [a.text.split("\n", 2)[-1] for a in corpus.articles[:corpus.originals]]
    while len(body) < chars:
        body += "\n\n".join(texts) + "\n\n"
    article = Article(id="long", title="A long article", text="A long article\n\n" + body)

    def run() -> None:
        extract(nlp(article.text), article)

    per_char = timed(run) / len(article.text)
    corpus_chars = sum(len(a.text) for a in corpus.articles)
    return Result("NLP+extraction of one long article, per character", per_char * 1e6, "us/char",
                  times.full_s / corpus_chars * 1e6, "the corpus's articles", f"{len(article.text):,} characters")
