//! Redacted copies of containers and Office documents.
