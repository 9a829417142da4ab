"""Looking at what the cleaning did: one document in the terminal, a whole run as an HTML page."""
