"""Pure rules of petition work: no database, no Qt (a test enforces both)."""
