"""One blueprint per page area: the search page, report pages, and the JSON/CSV API."""
