"""`python -m reelgraph` runs the command line."""

from reelgraph.cli import app

if __name__ == "__main__":
    app(prog_name="reelgraph")
