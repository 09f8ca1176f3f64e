"""Training: the logging grammar, plate and warm-up calculators, PR detection and progression."""
