"""schemasmith: one YAML spec of data models, rendered into every SDK's types."""

__version__ = "0.1.0"
