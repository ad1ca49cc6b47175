"""Reports: what a run found, for machines (JSON, CSV) and people (table), what changed between runs,
and scorecards (HTML, XLSX, JSON, CSV) scored with a model."""
