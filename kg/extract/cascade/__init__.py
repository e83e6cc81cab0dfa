"""A cascade of small finite-state layers, in the manner of FASTUS.

tokens (spaCy tokenizer, lookup lemmas, mentions as single tokens) → phrases
(entity groups with coordination, verb groups with tense, voice, negation and
modality) → clauses (subjects through relative clauses, appositions and
coordinated verb phrases) → frames (kg/data/frames.json: predicates and how their
arguments map to member, organization, status and date) → discourse (pronouns and
descriptions resolved across sentences). Each layer reads only the one below it.
"""
