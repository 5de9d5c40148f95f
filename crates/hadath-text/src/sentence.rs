use crate::{BoilerKind, Folded, Token};
use std::ops::Range;
#[derive(Debug, Clone)]
pub struct Sentence { pub source: Range<usize>, pub tokens: Range<usize>, pub boilerplate: Option<BoilerKind> }
pub fn split_sentences(_f: &Folded, _t: &[Token], _b: &[(Range<usize>, BoilerKind)]) -> Vec<Sentence> { Vec::new() }
