//! The title rule takes a name after a title only where a name is written: function words,
//! verbs, common nouns, months, nisba adjectives and tanween-marked words are refused
//! (`data/kb/not-names.tsv` and the shape rules of the matcher). Sentences written for these
//! tests.

mod common;
use common::find;
use hadath_lexicon::{EntityKind, MatchHow};

/// The names the title rule took (unknown persons with a written name), as written.
fn title_names(text: &str) -> Vec<String> {
    find(text)
        .iter()
        .filter(|m| m.how == MatchHow::Title && !m.unnamed && m.kind == EntityKind::Person)
        .map(|m| text[m.source.clone()].to_string())
        .collect()
}

/// The title is read (an office-only mention is given) but no name after it.
#[track_caller]
fn no_name(text: &str) {
    assert_eq!(title_names(text), Vec::<String>::new(), "{text}");
    let ms = find(text);
    assert!(
        ms.iter().any(|m| m.how == MatchHow::Title && m.unnamed),
        "{text}: {ms:?}"
    );
}

#[track_caller]
fn names(text: &str, want: &[&str]) {
    assert_eq!(title_names(text), want, "{text}");
}

#[test]
fn function_words_behind_a_conjunction_are_no_names() {
    no_name("وقال وزير الدفاع الأذري وفي الوقت نفسه إن القوات جاهزة.");
    no_name("وقال وزير الدفاع الأذري وذلك بعد لقائه الوفد.");
    no_name("وأعرب وزير الدفاع الأذري وهو يتحدث للصحفيين عن قلقه.");
}

#[test]
fn prepositions_and_particles_are_no_names() {
    no_name("أكد وزير الدفاع الأذري بأن الوضع هادئ.");
    no_name("وأضاف وزير الدفاع الأذري لأنه لا يريد التصعيد.");
    no_name("وكان وزير الدفاع الأذري حاليا في زيارة رسمية.");
}

#[test]
fn prepositional_phrases_are_no_names() {
    no_name("وقال المبعوث الأذري لشؤون السلام إن المحادثات مستمرة.");
    no_name("وتعهد وزير الدفاع الأذري بالتصدي لأي هجوم.");
    no_name("واحتفل الرئيس الأذري بذكرى الاستقلال.");
}

#[test]
fn verbs_and_nouns_after_the_title_are_no_names() {
    no_name("هنأ الملك الرئيس الأذري وتلقى اتصالا من رئيس الوزراء.");
    no_name("بعث الرئيس الأذري رسالته إلى القمة.");
    no_name("ويغادر وزير الدفاع الأذري يوم الأحد.");
}

#[test]
fn tanween_marks_no_name() {
    no_name("اتصل وزير الدفاع الأذري هاتفياً بنظيره.");
    no_name("عقد الرئيس الأذري اجتماعاً موسعاً مع قادة الجيش.");
}

#[test]
fn months_and_nisbas_are_no_names() {
    no_name("وزار وزير الدفاع الأذري أيار الماضي العاصمة.");
    no_name("والتقى وزير الخارجية الأرميني دبلوماسيين في يريفان.");
    no_name("وقال وزير الخارجية الأرميني والإقليمي إن الحل سلمي.");
}

#[test]
fn names_that_look_like_clitics_stay_names() {
    names(
        "وقال وزير الدفاع الأذري ذكير خسنوف إن القوات جاهزة.",
        &["ذكير خسنوف"],
    );
    // ف + يصل would be a verb behind ف: not read so.
    names(
        "وقال وزير الدفاع الأذري فيصل مقدادوف إن القوات جاهزة.",
        &["فيصل مقدادوف"],
    );
    // منى is not من + ي.
    names(
        "وقالت وزيرة الخارجية الأذرية منى علييفا إن الحوار مستمر.",
        &["منى علييفا"],
    );
    // فان is not ف + ان, باو not ب + او.
    names(
        "وقال وزير الخارجية الهولندي جيرارد فان بوهيمن إن الاتفاق قريب.",
        &["جيرارد فان بوهيمن"],
    );
    names(
        "وقال نائب وزير الخارجية الصيني لي باو دونغ إن بكين تدعم الحوار.",
        &["لي باو دونغ"],
    );
    // A two-letter stem behind و + the article: a foreign name, not a common noun.
    names("والتقى المبعوث الأمريكي والتر كوبر بالوفد.", &["والتر كوبر"]);
}

#[test]
fn a_refused_word_ends_the_name() {
    names(
        "وقال وزير الدفاع الأذري ذكير خسنوف وفي يده الوثيقة.",
        &["ذكير خسنوف"],
    );
    names(
        "وصرح وزير الدفاع الأذري ذكير خسنوف لصحافيين بأن القوات جاهزة.",
        &["ذكير خسنوف"],
    );
}

#[test]
fn a_state_in_a_title_is_also_reported() {
    let text = "وحلت رئيسة ليتوانيا فيرا فايك في المرتبة الثالثة.";
    let ms = common::find(text);
    let state = ms
        .iter()
        .find(|m| &text[m.source.clone()] == "ليتوانيا")
        .expect("the state");
    assert!(state.in_title);
    assert_eq!(state.code.as_deref(), Some("LTU"));
    let person = ms
        .iter()
        .find(|m| &text[m.source.clone()] == "فيرا فايك")
        .expect("the person");
    assert!(!person.in_title);
    assert_eq!(person.code.as_deref(), Some("LTU"));
}

#[test]
fn a_conjunct_with_a_pronoun_ends_the_name_after_a_title() {
    let text = "وقال الرئيس الأمريكي جورج بوش وفشله في العراق واضح.";
    let ms = common::find(text);
    assert!(
        ms.iter().any(|m| &text[m.source.clone()] == "جورج بوش"),
        "{ms:?}"
    );
}
