"""Language data: the word lists and marks the analysis reads text with, by language."""
