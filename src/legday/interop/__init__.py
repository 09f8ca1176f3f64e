"""Outside formats parsed into domain records, and written back. No storage, no shells."""
