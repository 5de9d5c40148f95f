//! hadath-time
