"""The data the stages read (patterns, word lists, units, glossary, labels, settings), as files."""
