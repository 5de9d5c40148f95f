//! hadath-lexicon
