"""Tools beside the service, never imported by it while it serves: the local Neo4j launcher, the
seed generator and first load, the benchmark and the probe, tuning and evaluation of the ranking,
and the analysts' networkx helpers. The CLI (``graphsvc``) reaches them; the API does not.
"""
