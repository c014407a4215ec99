"""The build engine: reading inputs, running the pipeline over many files, the cache, and the one place that forks.

``inputs`` reads the folder of reports and the folders below it, naming the files it refuses;
``pipeline`` runs the report stages over every input (in a pool of processes, results cached by content
hash in ``cache``); ``ahead`` starts that work while MkDocs loads; ``forked`` is the only module that
forks processes or starts pools of them.
"""
