"""Entity resolution: names across documents and scripts -> one entity each.

`keys.blocking_keys` makes the keys that bring candidates together,
`compare.best_match` decides one new entity against its candidates,
`graph.graph_matches` joins what names cannot (a translated title) by the
relations it shares with stored entities, `cluster.resolve_all` resolves
many at once, `rules.must_link_target` says which curator rule binds a new
entity, and `explain` says why two names are or are not one entity.
"""

from reelgraph.resolve.compare import EntityProfile, Match, best_match
from reelgraph.resolve.keys import blocking_keys

__all__ = ["EntityProfile", "Match", "best_match", "blocking_keys", "explain"]


def __getattr__(name: str):
    # explain needs the store and query modules; load them only when asked
    if name == "explain":
        from reelgraph.resolve.why import explain

        return explain
    raise AttributeError(name)
