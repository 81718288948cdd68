"""Stage 2, find places: place-name mentions with character offsets."""
