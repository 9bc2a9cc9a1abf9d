"""Structured-data exports: CSV, NDJSON, GeoJSON, JSON-LD, ACLED CSV and a Frictionless package.

The serializers stay the single definition of each record: every writer here turns serializer
output (plus, for geometry, the model instance) into its format. Pages of a list endpoint go
through the same writers as whole-collection streams (``/<resource>/export/``).
"""
