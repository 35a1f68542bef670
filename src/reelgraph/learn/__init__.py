"""Training of the learned parts (scikit-learn is needed here only, never at run time)."""
