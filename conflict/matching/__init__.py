"""Matching across articles: one incident, one actor, one statement, however many outlets
report it (DESIGN.md, "Many articles, one record").

An ingest calls :func:`conflict.matching.ingest.match_article` once its drafts are written.
Each part scores a new draft against existing records found through indexes, keeps every
score with its reasons (``IncidentMatch``, ``ActorMatch``), attaches automatically only
above a high threshold, and leaves doubtful cases to an editor. A wrong merge is worse
than a missed one, so the thresholds and the vetoes lean towards asking.
"""
