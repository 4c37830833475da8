"""File formats, one codec each: the readers of articles (text, HTML, JSON, JSONL, corpus
JSON; ``readers``), the quotation corpus' JSON (``corpus_json``) and the flat tables of
results (``tables``, with their Arrow types in ``columnar``) that export, batch output and
the store share. Formats import only the data model, errors, language data and text."""
