//! One multi-pattern pass over a buffer; knows nothing about files.
