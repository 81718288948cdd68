"""Stage 4, geocode: the offline gazetteer, context-aware resolution, geopy geocoders."""
