"""Enquiries from patients and their triage."""
