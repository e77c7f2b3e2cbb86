"""auditor: audit machine-translated, scraped news articles before they are published.

The data flows one way: documents -> segmentation -> findings -> scores -> outputs.
The library entry point is :func:`auditor.engine.audit_paths`; the CLI is a thin shell over it.
"""

__version__ = "0.1.0"
