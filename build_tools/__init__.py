"""Publisher of annotated Chinese government work reports.

Raw report text goes in; cleaned, structured and annotated Markdown pages come out, which MkDocs
with Material for MkDocs turns into a static site. The stages are plain functions over the
frozen records of ``build_tools.model``; ``python -m build_tools`` is the command line, and
``build_tools.pipeline.publish`` runs every stage over a list of files.
"""
