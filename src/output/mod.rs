//! Masked previews and the contract output formats.
