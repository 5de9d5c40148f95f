//! hadath-extract
