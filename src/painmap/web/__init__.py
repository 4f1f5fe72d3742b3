"""`painmap serve`: the body map as a local web page over the Python API (imported only by serve)."""
