"""The PostgreSQL trail's schema, one numbered SQL file per version (package data).

Applied in order by :func:`guardrail.audit.postgres_schema.migrate`; never edit a file
once released: a change is a new file with the next number.
"""
