"""Case studies as JSON Lines, one case study per line (docs/import-format.md).

- `validation`: the whole file is checked before anything is written, every error reported as
  `line N: field: message`;
- `writer`: valid records become organisations and case studies, in one transaction;
- `export`: the case studies in the same format, which `writer` also compares with to leave an
  unchanged line alone;
- `body_html`: the case study body as simple HTML, and back.
"""
