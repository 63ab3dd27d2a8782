"""System security (Guideline dimension 2.2): jailbreaks and prompt injection,
secrets and credentials, request size limits."""
