//! User entries at run time, and errors naming the line.

mod common;
use common::{at, find_in};
use hadath_lexicon::{EntityKind, Error, Lexicon, MatchHow, Office, SourceKind};

#[test]
fn user_people_and_orgs() {
    let mut lx = Lexicon::new();
    lx.extend_tsv(
        SourceKind::People,
        "my-people.tsv",
        "# source: test\nname_en\tcode\toffice\tfrom\tto\tnames_ar\nZakir Hasanov\tAZE\tdefence_minister\t2013-10-22\t\tذاكر حسنوف|حسنوف\n",
    )
    .unwrap();
    lx.extend_tsv(
        SourceKind::Orgs,
        "my-orgs.tsv",
        "name_en\tcode\tkind\tnames_ar\nZangezur Watch\tARM\tngo\tمرصد زنغزور\n",
    )
    .unwrap();
    let text = "وقال ذاكر حسنوف إن مرصد زنغزور نشر تقريرا.";
    let ms = find_in(&lx, text, Some("2022-09-14"));
    let p = at(text, &ms, "ذاكر حسنوف");
    assert_eq!(p.name, "Zakir Hasanov");
    assert_eq!(p.office, Some(Office::DefenceMinister));
    assert_eq!(at(text, &ms, "مرصد زنغزور").kind, EntityKind::Organization);
    // The user person is an office holder too.
    let d = "2022-01-01".parse().unwrap();
    assert_eq!(
        lx.office_holder("AZE", Office::DefenceMinister, d)
            .map(|p| p.name.as_str()),
        Some("Zakir Hasanov")
    );
    // The embedded lexicon is untouched.
    assert!(find_in(Lexicon::embedded(), text, None)
        .iter()
        .all(|m| m.name != "Zangezur Watch"));
}

#[test]
fn user_metonym_resolves_code() {
    let mut lx = Lexicon::new();
    lx.extend_tsv(
        SourceKind::Metonyms,
        "m.tsv",
        "code\tnames_ar\tnote\nAZE\tقصر زاغولبا\ttest seat\n",
    )
    .unwrap();
    let text = "أعلن قصر زاغولبا موقفه.";
    let ms = find_in(&lx, text, None);
    let m = at(text, &ms, "قصر زاغولبا");
    assert_eq!((m.code.as_deref(), m.how), (Some("AZE"), MatchHow::Metonym));
}

#[test]
fn with_user_files_takes_kind_from_name() {
    let lx = Lexicon::new()
        .with_user_files([("conf/people.local.tsv", "name_en\tcode\toffice\tfrom\tto\tnames_ar\nTest Person\tFRA\tother\t2020\t\tتيستو بيرسوني\n")])
        .unwrap();
    let text = "صرح تيستو بيرسوني للصحفيين.";
    assert_eq!(
        at(text, &find_in(&lx, text, None), "تيستو بيرسوني")
            .code
            .as_deref(),
        Some("FRA")
    );
}

#[test]
fn bad_user_line_names_the_line() {
    let mut lx = Lexicon::new();
    let e = lx
        .extend_tsv(SourceKind::People, "bad.tsv", "# c\nname_en\tcode\toffice\tfrom\tto\tnames_ar\nA\tFRA\tother\t\t\tأ ب ت\nB\tFRA\tpresident\t\t\tب ت ث\n")
        .unwrap_err();
    match &e {
        Error::Line { file, line, msg } => {
            assert_eq!((file.as_str(), *line), ("bad.tsv", 4));
            assert!(msg.contains("office"), "{msg}");
        }
        other => panic!("{other:?}"),
    }
    assert!(e.to_string().starts_with("bad.tsv:4: "));
    for (contents, want) in [
        ("name_en\tcode\tkind\tnames_ar\nX\tXX1\tngo\tس ص\n", "code"),
        ("name_en\tcode\tkind\tnames_ar\nX\tFRA\tngo\n", "columns"),
        ("name_en\tcode\tkind\tnames_ar\nX\tFRA\tclub\tس ص\n", "kind"),
    ] {
        let e = lx
            .extend_tsv(SourceKind::Orgs, "o.tsv", contents)
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("o.tsv:2: ") && e.contains(want), "{e}");
    }
    let e = lx
        .extend_tsv(
            SourceKind::People,
            "d.tsv",
            "name_en\tcode\toffice\tfrom\tto\tnames_ar\nX\tFRA\tother\t2020-13-01\t\tس ص\n",
        )
        .unwrap_err();
    assert!(
        e.to_string().contains("d.tsv:2: ") && e.to_string().contains("month"),
        "{e}"
    );
    // Nothing from the failed files was added.
    assert!(lx.entries().all(|e| e.name != "A" && e.name != "X"));
}

#[test]
fn gazetteer_flags_mark_words() {
    let lx = Lexicon::embedded();
    assert_ne!(
        lx.gazetteer_flags("موسكو") & hadath_lexicon::flags::LOCATION,
        0
    );
    assert_ne!(
        lx.gazetteer_flags("باشينيان") & hadath_lexicon::flags::PERSON,
        0
    );
    assert_ne!(
        lx.gazetteer_flags("الروسيه") & hadath_lexicon::flags::NATIONALITY,
        0
    );
    assert_eq!(lx.gazetteer_flags("قال"), 0);
}

#[test]
fn versions_name_one_state_of_one_lexicon() {
    let mut a = Lexicon::new();
    let b = Lexicon::new();
    assert_ne!(a.version(), 0);
    assert_ne!(a.version(), b.version());
    assert_eq!(Lexicon::embedded().version(), Lexicon::embedded().version());
    let before = a.version();
    assert_eq!(a.gazetteer_flags("زنغزوريه"), 0);
    a.extend_tsv(
        SourceKind::Orgs,
        "my-orgs.tsv",
        "name_en\tcode\tkind\tnames_ar\nZangezur Watch\tARM\tngo\tمرصد زنغزوريه\n",
    )
    .unwrap();
    // An edit changes the answers, so it gives a new version.
    assert_ne!(a.gazetteer_flags("زنغزوريه"), 0);
    assert_ne!(a.version(), before);
    assert_ne!(a.version(), b.version());
    // A failed edit changes nothing, the version included.
    let v = a.version();
    assert!(a
        .extend_tsv(SourceKind::Orgs, "bad.tsv", "no header")
        .is_err());
    assert_eq!(a.version(), v);
}
