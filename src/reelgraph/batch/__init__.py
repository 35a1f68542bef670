"""Batch runs over many documents: the same library functions, mapped by an engine."""
