"""Corpus stage: a folder of articles → `Article`s with metadata, datelines and boilerplate spans."""

from kg.corpus.article import Article, Corpus, Problem, Span
from kg.corpus.reader import read_article, read_corpus

__all__ = ["Article", "Corpus", "Problem", "Span", "read_article", "read_corpus"]
