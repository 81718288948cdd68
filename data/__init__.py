"""Data shipped with mapper as ``mapper.data``: derived gazetteer and basemap files, curated supplement. See README.md here for sources and licences."""
