"""Reports: what a run found, for machines (JSON, CSV) and for people (table, HTML summary)."""
