"""Model architectures of svpol's statistical components (registered with spaCy by entry points)."""
