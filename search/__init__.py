"""Site search at /search/: the form, the results page, and the help around it (crisis
resources for a query in crisis language, "Did you mean …?" for misspelt words)."""
