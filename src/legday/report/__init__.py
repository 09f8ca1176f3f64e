"""Charts and HTML/PDF rendering of track results and plans."""
