"""The command line: `app` (the root, built from the manifests) and helpers commands share."""
