"""Stage 1, read: bytes or text → :class:`~mapper.model.Article`, and sentences."""
