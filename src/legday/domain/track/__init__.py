"""Track: what the logged training says — volume, the leg-neglect audit, strength trends, load
monitoring, symmetry and guideline adherence. Pure functions over columnar data (numpy arrays);
numpy is imported inside the modules that compute, so importing this package stays cheap.

Definitions follow docs/evidence/load-monitoring.md exactly; each module names the one it
implements."""
