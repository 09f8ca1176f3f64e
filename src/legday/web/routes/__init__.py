"""One router per resource of the REST API under /api/v1."""
