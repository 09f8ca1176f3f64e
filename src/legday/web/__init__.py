"""legday on the web: the FastAPI server, its pages and their static files."""
