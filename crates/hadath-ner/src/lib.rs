//! hadath-ner
