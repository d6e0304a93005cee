"""Article pages, clinicians and topics."""
