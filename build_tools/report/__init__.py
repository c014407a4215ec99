"""The stages of one report: a file's bytes in, a fully processed ``model.Report`` out.

decode (bytes → ``SourceText``; ``sniff`` names the files that are not text by their bytes) → split
(→ ``RawReport``s) → clean (→ ``CleanedReport`` and its audit) → structure and headings (→ blocks)
→ anomalies → metadata → indicators (and provenance: each figure's exact source text) → tagging and
glossary. Each module is a pure stage; ``idf`` regenerates the tagger's IDF table from folders of reports.
"""
