"""The build engine: reading inputs, running the pipeline over many files, the cache, and the one place that forks.

``pipeline`` runs the report stages over every input (in a pool of processes, results cached by content
hash in ``cache``); ``ahead`` starts that work while MkDocs loads; ``forked`` is the only module that
forks processes or starts pools of them.
"""
