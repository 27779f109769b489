"""Tests of the benchmarks' own parts (their figures are printed, never asserted)."""
