//! Pattern catalog: kinds, validators, and pattern files.
pub mod kinds;
pub mod validators;
