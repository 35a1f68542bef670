"""reelgraph: film news into a knowledge graph, every fact with its evidence."""

__version__ = "0.1.0"
