"""Stage 6, render: folium maps (self-contained HTML), static images, exports."""
