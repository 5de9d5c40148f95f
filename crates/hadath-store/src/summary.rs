//! One-line English summaries of story events, and the CAMEO root code of a stored event.

/// The CAMEO root code of a stored type and mode ([`hadath_core::Category::cameo_root`]);
/// `None` for a word this version does not know.
pub fn cameo_root(kind: &str, mode: Option<&str>) -> Option<&'static str> {
    let kind: hadath_core::Category = kind.parse().ok()?;
    Some(kind.cameo_root(mode.and_then(|m| m.parse().ok())))
}

/// "A", "A and B", "A, B and C".
pub(crate) fn join_names(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [a] => a.clone(),
        [init @ .., last] => format!("{} and {}", init.join(", "), last),
    }
}

/// What a summary is made from.
pub(crate) struct SummaryInput<'a> {
    pub kind: &'a str,
    pub mode: Option<&'a str>,
    pub modality: &'a str,
    pub actors: &'a [String],
    pub recipients: &'a [String],
    pub mediators: &'a [String],
    pub dead: Option<i64>,
    pub injured: Option<i64>,
    pub arrested: Option<i64>,
}

/// The sentence of a summary (without date and place): "Armenia and Azerbaijan clash; 206 killed".
pub fn summary_sentence(
    kind: &str,
    mode: Option<&str>,
    modality: &str,
    actors: &[String],
    recipients: &[String],
) -> String {
    sentence(&SummaryInput {
        kind,
        mode,
        modality,
        actors,
        recipients,
        mediators: &[],
        dead: None,
        injured: None,
        arrested: None,
    })
}

pub(crate) fn sentence(s: &SummaryInput) -> String {
    let a = join_names(s.actors);
    let r = join_names(s.recipients);
    let plural = s.actors.len() > 1;
    let subject = if a.is_empty() {
        "Unidentified actors".to_string()
    } else {
        a.clone()
    };
    let subj_plural = plural || a.is_empty();
    let vv = |sing: &str, pl: &str| {
        if subj_plural {
            pl.to_string()
        } else {
            sing.to_string()
        }
    };
    let with_r = |verb: String, prep: &str| {
        if r.is_empty() {
            format!("{subject} {verb}")
        } else {
            format!("{subject} {verb} {prep}{r}")
        }
    };
    let mut out = match s.kind {
        "CONSULT" => match s.mode {
            Some("visit") if !r.is_empty() => format!("{subject} {} {r}", vv("visits", "visit")),
            Some("phone") => {
                if r.is_empty() {
                    format!("{subject} {} by phone", vv("talks", "talk"))
                } else {
                    format!("{subject} {} by phone with {r}", vv("talks", "talk"))
                }
            }
            _ if r.is_empty() => format!("{subject} {}", vv("holds talks", "hold talks")),
            _ => with_r(vv("holds talks", "hold talks"), "with "),
        },
        "AGREE" => {
            if r.is_empty() {
                format!("{subject} {}", vv("agrees", "reach an agreement"))
            } else {
                format!("{subject} {} {r}", vv("agrees with", "agree with"))
            }
        }
        "SUPPORT" => with_r(vv("expresses support", "express support"), "for "),
        "CONCEDE" => with_r(vv("concedes", "concede"), "to "),
        "COOPERATE" => with_r(vv("cooperates", "cooperate"), "with "),
        "AID" => with_r(vv("sends aid", "send aid"), "to "),
        "RETREAT" => match s.mode {
            Some("ceasefire") => {
                let parties: Vec<String> = s.actors.iter().chain(s.recipients).cloned().collect();
                if parties.is_empty() {
                    "Ceasefire".to_string()
                } else if parties.len() == 1 {
                    format!("{} agrees to a ceasefire", parties[0])
                } else {
                    format!("Ceasefire between {}", join_names(&parties))
                }
            }
            Some("release") => with_r(vv("releases prisoners", "release prisoners"), "of "),
            Some("resign") => format!("{subject} {}", vv("resigns", "resign")),
            Some("disarm") => format!("{subject} {}", vv("disarms", "disarm")),
            Some("access") => with_r(vv("allows access", "allow access"), "to "),
            _ => with_r(vv("withdraws", "withdraw"), "from "),
        },
        "REQUEST" => {
            let what = match s.mode {
                Some("assist") => " to help",
                Some("change") => " to change course",
                Some("yield") => " to yield",
                Some("meet") => " to meet",
                _ => "",
            };
            if r.is_empty() {
                format!(
                    "{subject} {}{what}",
                    vv("makes an appeal", "make an appeal")
                )
            } else {
                format!("{subject} {} {r}{what}", vv("calls on", "call on"))
            }
        }
        "ACCUSE" => match s.mode {
            Some("investigate") => with_r(vv("investigates", "investigate"), ""),
            Some("allege") => with_r(vv("accuses", "accuse"), ""),
            _ => with_r(vv("criticises", "criticise"), ""),
        },
        "REJECT" => with_r(vv("rejects demands", "reject demands"), "from "),
        "THREATEN" => with_r(vv("threatens", "threaten"), ""),
        "PROTEST" => {
            if a.is_empty() {
                if r.is_empty() {
                    "Protest".to_string()
                } else {
                    format!("Protest against {r}")
                }
            } else {
                with_r(vv("protests", "protest"), "against ")
            }
        }
        "SANCTION" => with_r(vv("imposes sanctions", "impose sanctions"), "on "),
        "MOBILIZE" => with_r(vv("mobilises forces", "mobilise forces"), "against "),
        "COERCE" => match s.mode {
            Some("arrest") => with_r(vv("makes arrests", "make arrests"), "among "),
            Some("seize") => with_r(vv("seizes", "seize"), "from "),
            Some("deport") => with_r(vv("deports", "deport"), ""),
            _ => with_r(vv("imposes restrictions", "impose restrictions"), "on "),
        },
        "ASSAULT" => {
            // (singular, plural, with an object) for each mode.
            let how: Option<(&str, &str, &str)> = match s.mode {
                Some("aerial") => {
                    Some(("carries out air strikes", "carry out air strikes", " on "))
                }
                Some("drone") => Some((
                    "carries out drone strikes",
                    "carry out drone strikes",
                    " on ",
                )),
                Some("heavy-weapons") => {
                    Some(("carries out shelling", "carry out shelling", " of "))
                }
                Some("explosives") => {
                    Some(("carries out a bombing", "carry out a bombing", " against "))
                }
                Some("suicide-attack") => Some((
                    "carries out a suicide attack",
                    "carry out a suicide attack",
                    " against ",
                )),
                Some("abduct") => Some(("carries out abductions", "carry out abductions", " of ")),
                Some("targeted") => Some((
                    "carries out a targeted killing",
                    "carry out a targeted killing",
                    " of ",
                )),
                _ => None,
            };
            match how {
                _ if r.is_empty() && plural => format!("Clashes between {a}"),
                Some((sg, pl, prep)) => {
                    let verb = vv(sg, pl);
                    if r.is_empty() {
                        format!("{subject} {verb}")
                    } else {
                        format!("{subject} {verb}{prep}{r}")
                    }
                }
                None => with_r(vv("attacks", "attack"), ""),
            }
        }
        other => {
            let k = other.to_lowercase();
            with_r(format!("{k} event"), "involving ")
        }
    };
    if !s.mediators.is_empty() && s.kind != "RETREAT" {
        out.push_str(&format!(", mediated by {}", join_names(s.mediators)));
    }
    let mut toll = Vec::new();
    if let Some(d) = s.dead {
        toll.push(format!("{d} killed"));
    }
    if let Some(i) = s.injured {
        toll.push(format!("{i} injured"));
    }
    if let Some(n) = s.arrested {
        toll.push(format!("{n} arrested"));
    }
    if !toll.is_empty() {
        out.push_str("; ");
        out.push_str(&toll.join(", "));
    }
    match s.modality {
        "future" => format!("Planned: {out}"),
        "hypothetical" => format!("Possible: {out}"),
        "negated" => format!("Reported not to have happened: {out}"),
        _ => out,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn sentences() {
        let a = names(&["United States", "European Union", "Russia", "Turkey"]);
        assert_eq!(
            summary_sentence("CONSULT", None, "asserted", &a, &[]),
            "United States, European Union, Russia and Turkey hold talks"
        );
        assert_eq!(
            summary_sentence(
                "ASSAULT",
                Some("heavy-weapons"),
                "asserted",
                &names(&["Azerbaijan"]),
                &names(&["Armenia"])
            ),
            "Azerbaijan carries out shelling of Armenia"
        );
        assert_eq!(
            summary_sentence(
                "REQUEST",
                None,
                "asserted",
                &names(&["China"]),
                &names(&["Azerbaijan", "Armenia"])
            ),
            "China calls on Azerbaijan and Armenia"
        );
        let s = sentence(&SummaryInput {
            kind: "ASSAULT",
            mode: None,
            modality: "asserted",
            actors: &names(&["Armenia", "Azerbaijan"]),
            recipients: &[],
            mediators: &[],
            dead: Some(206),
            injured: None,
            arrested: None,
        });
        assert_eq!(s, "Clashes between Armenia and Azerbaijan; 206 killed");
    }

    #[test]
    fn cameo() {
        assert_eq!(cameo_root("CONSULT", None), Some("04"));
        assert_eq!(cameo_root("ACCUSE", Some("investigate")), Some("09"));
        assert_eq!(cameo_root("ASSAULT", Some("aerial")), Some("19"));
        assert_eq!(cameo_root("ASSAULT", Some("suicide-attack")), Some("18"));
        assert_eq!(cameo_root("NOPE", None), None);
    }
}
