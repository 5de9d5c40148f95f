//! Places: coordinates, disambiguation and the readings refused (sentences written for these
//! tests).

use hadath_extract::{Config, Document, EventOut, Extractor, GeoPrecision};

fn events(text: &str) -> Vec<EventOut> {
    let doc = Document {
        published: Some("2024-05-02".into()),
        ..Document::new("t", text)
    };
    Extractor::default().extract(&doc).events
}

fn located(text: &str) -> Vec<(String, f64, f64, GeoPrecision)> {
    events(text)
        .into_iter()
        .filter_map(|e| e.location)
        .filter_map(|l| {
            let g = l.geo?;
            Some((l.name.unwrap_or_default(), g.lat, g.lon, g.precision))
        })
        .collect()
}

#[test]
fn a_village_after_a_place_word_gets_its_coordinates_and_a_reason() {
    let ev =
        events("قصفت الطائرات الحربية أمس بلدة كفرنبل في ريف إدلب، مما أسفر عن مقتل خمسة مدنيين.");
    let loc = ev
        .iter()
        .find_map(|e| e.location.clone())
        .expect("a location");
    let g = loc.geo.expect("coordinates");
    assert!(
        (g.lat - 35.61).abs() < 0.05 && (g.lon - 36.56).abs() < 0.05,
        "{g:?}"
    );
    assert_eq!(g.precision, GeoPrecision::Place);
    assert!(g.geonameid.is_some());
    assert!(g.reason.as_deref().is_some_and(|r| !r.is_empty()));
}

#[test]
fn protectors_of_the_homeland_are_not_hama() {
    let l = located("أعلنت مجموعة تطلق على نفسها اسم حماة الوطن مسؤوليتها عن تفجير استهدف دورية للشرطة في الرياض أمس.");
    // Hama is at 35.13 N, 36.75 E; whatever is found must not be there
    assert!(
        l.iter()
            .all(|(_, lat, lon, _)| (lat - 35.13).abs() > 0.5 || (lon - 36.75).abs() > 0.5),
        "{l:?}"
    );
    // the same word after a place word is the city
    let l = located("قصفت الطائرات أمس مدينة حماة وقتلت عشرة أشخاص.");
    assert!(
        l.iter()
            .any(|(_, lat, lon, _)| (lat - 35.13).abs() < 0.2 && (lon - 36.75).abs() < 0.2),
        "{l:?}"
    );
}

#[test]
fn tear_gas_is_not_msila() {
    let l = located("أطلقت الشرطة الغاز المسيل للدموع لتفريق المحتجين أمام البرلمان في عمان أمس.");
    // M'Sila, Algeria: 35.7 N, 4.5 E
    assert!(
        l.iter()
            .all(|(_, lat, lon, _)| (lat - 35.7).abs() > 1.0 || (lon - 4.5).abs() > 1.0),
        "{l:?}"
    );
}

#[test]
fn a_crossing_named_after_ibrahim_khalil_is_not_hebron() {
    let l = located("أغلقت السلطات العراقية معبر إبراهيم الخليل الحدودي أمام الشاحنات التركية أمس بعد اشتباكات قربه.");
    // Hebron: 31.53 N, 35.1 E; the crossing near Zakho: 37.12 N, 42.58 E
    assert!(
        l.iter().all(|(_, lat, _, _)| (lat - 31.53).abs() > 1.0),
        "{l:?}"
    );
}

#[test]
fn a_country_only_event_gets_the_country_point() {
    let l = located("شنت الطائرات الأمريكية غارات على مواقع في اليمن أمس وقتلت عشرة مسلحين.");
    assert!(
        l.iter().any(|(_, _, _, p)| *p == GeoPrecision::Country),
        "{l:?}"
    );
}

#[test]
fn user_places_need_no_recompiling() {
    let text = "قصفت الطائرات أمس قرية زيزفونة الغربية وقتلت ثلاثة أشخاص.";
    assert!(located(text).iter().all(|(n, ..)| n != "Zayzafuna West"));
    let places = "geonameid\tname_en\tcode\tadmin1\tlat\tlon\tpopulation\tcommon\tnames_ar\n\
                  0\tZayzafuna West\tSYR\t\t35.5\t36.5\t800\t0\tزيزفونة الغربية\n";
    let x = Extractor::new(&Config {
        kb: vec![("my-places.tsv".into(), places.into())],
        ..Config::default()
    })
    .expect("a good file");
    let doc = Document {
        published: Some("2024-05-02".into()),
        ..Document::new("t", text)
    };
    let out = x.extract(&doc);
    let loc = out
        .events
        .iter()
        .find_map(|e| e.location.clone())
        .expect("located");
    assert_eq!(loc.name.as_deref(), Some("Zayzafuna West"));
    assert_eq!(loc.geo.map(|g| (g.lat, g.lon)), Some((35.5, 36.5)));
    // a bad user file names its line
    let e = Extractor::new(&Config {
        kb: vec![("places.tsv".into(), places.replace("35.5", "north"))],
        ..Config::default()
    })
    .unwrap_err();
    assert!(e.to_string().contains("places.tsv:2: lat"), "{e}");
}
