"""A caseload: many complaints from one case file, each with its due dates."""
