"""Work across reports: identity, duplicates, catalogue, series."""
