"""Stage 3, find movements: who moved from where to where, and how many."""
