"""`make bench`: the production stack measured at growing data sets (docs/benchmarks.md)."""
