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

/// Whether a point lies within `d` degrees of latitude and longitude of (`lat`, `lon`).
fn near(p: &(String, f64, f64, GeoPrecision), lat: f64, lon: f64, d: f64) -> bool {
    (p.1 - lat).abs() < d && (p.2 - lon).abs() < d
}

#[test]
fn an_event_without_a_place_of_its_own_takes_the_town_named_before_it() {
    // the second sentence names no place; the nearest before it is the governorate, and the
    // town named before that lies in it: Mukalla (14.54 N, 49.12 E), not the region's point
    let l = located(
        "سيطر مسلحو تنظيم القاعدة على مدينة المكلا عاصمة محافظة حضرموت قبل أشهر. \
         وقتل المسلحون أمس خمسة جنود بعد اشتباكات عنيفة.",
    );
    assert!(!l.is_empty(), "{l:?}");
    assert!(l.iter().all(|p| near(p, 14.54, 49.12, 0.2)), "{l:?}");
    let ev = events(
        "سيطر مسلحو تنظيم القاعدة على مدينة المكلا عاصمة محافظة حضرموت قبل أشهر. \
         وقتل المسلحون أمس خمسة جنود بعد اشتباكات عنيفة.",
    );
    let reasons: Vec<String> = ev
        .iter()
        .filter_map(|e| e.location.as_ref()?.geo.as_ref()?.reason.clone())
        .collect();
    assert!(
        reasons.iter().any(|r| r.contains("the document's place")),
        "{reasons:?}"
    );
}

#[test]
fn a_place_named_only_after_the_event_is_not_its_place() {
    // the killing comes first; the town is named for a later, different report
    let l = located("قتل مسلحون خمسة جنود يمنيين أمس. وفي مدينة المكلا تظاهر المئات ضد التنظيم.");
    let first = events("قتل مسلحون خمسة جنود يمنيين أمس. وفي مدينة المكلا تظاهر المئات ضد التنظيم.");
    let killing = first
        .iter()
        .find(|e| e.evidence.text.contains("قتل"))
        .and_then(|e| e.location.as_ref()?.geo.clone());
    assert!(
        killing
            .as_ref()
            .is_none_or(|g| g.precision == GeoPrecision::Country),
        "{killing:?} {l:?}"
    );
}

#[test]
fn a_town_whose_name_is_a_common_word_needs_a_place_word() {
    // عشاق "lovers" is also Uşak in Turkey (38.67 N, 29.41 E)
    let l = located("اعتقلت الشرطة عشرين من عشاق الفريق بعد أعمال شغب في إسطنبول أمس.");
    assert!(l.iter().all(|p| !near(p, 38.67, 29.41, 0.5)), "{l:?}");
    let l = located("اعتقلت الشرطة عشرين متظاهرا في مدينة عشاق غرب تركيا أمس.");
    assert!(l.iter().any(|p| near(p, 38.67, 29.41, 0.2)), "{l:?}");
}

#[test]
fn a_village_abroad_read_only_from_a_locative_is_refused() {
    // مفرق "junction" is also Mafraq in Jordan (32.34 N, 36.2 E); the document is about Yemen
    let l =
        located("قتل عشرة من الحوثيين في هجوم استهدف دوريتهم بالقرب من مفرق حبيش في اليمن أمس.");
    assert!(l.iter().all(|p| !near(p, 32.34, 36.2, 0.5)), "{l:?}");
}

#[test]
fn news_spellings_and_areas_of_the_gazetteer() {
    // Washington is the capital (38.9 N, 77.04 W), not a town in Utah
    let l = located(
        "استقبل الرئيس الأمريكي وزير الخارجية السعودي في واشنطن أمس وبحثا الأوضاع في المنطقة.",
    );
    assert!(l.iter().any(|p| near(p, 38.9, -77.04, 0.2)), "{l:?}");
    // Suruç as news spells it (36.98 N, 38.43 E)
    let l = located("قتل ثلاثون شخصا في تفجير انتحاري في مدينة سوروتش التركية أمس.");
    assert!(l.iter().any(|p| near(p, 36.98, 38.43, 0.2)), "{l:?}");
    // Kashmir is an area with a point of its own, not India's capital
    let l = located("قتل أربعة مدنيين بنيران القوات الهندية في كشمير أمس.");
    assert!(
        l.iter()
            .any(|p| near(p, 34.0, 74.6, 0.5) && p.3 == GeoPrecision::Place),
        "{l:?}"
    );
}

#[test]
fn amman_is_amman_where_the_document_is_about_jordan() {
    // عمان is Oman (the capital Muscat: 23.58 N, 58.41 E) and Amman (31.96 N, 35.95 E)
    let l = located("تظاهر مئات الأردنيين في عمان أمام مجلس النواب احتجاجا على رفع الأسعار.");
    assert!(l.iter().any(|p| near(p, 31.96, 35.95, 0.2)), "{l:?}");
    let l = located("وصل وزير الخارجية الإيراني إلى سلطنة عمان أمس والتقى السلطان قابوس.");
    assert!(l.iter().all(|p| !near(p, 31.96, 35.95, 1.0)), "{l:?}");
    let l = located("تظاهر مئات العمانيين في عمان احتجاجا على البطالة.");
    assert!(l.iter().all(|p| !near(p, 31.96, 35.95, 1.0)), "{l:?}");
}

#[test]
fn a_canal_named_in_passing_is_not_the_documents_place() {
    // the Suez Canal (30.7 N, 32.34 E) is named first, as a topic; the talks name no place
    let l = located(
        "تحدث التقرير عن افتتاح قناة السويس الجديدة الشهر المقبل. \
         وبحث الرئيس المصري مع وزير الخارجية السعودي أمس العلاقات بين البلدين.",
    );
    assert!(l.iter().all(|p| !near(p, 30.7, 32.34, 0.3)), "{l:?}");
}

#[test]
fn a_place_named_after_a_people_is_a_place() {
    // جبل التركمان (35.84 N, 36.03 E): the Turkmen's mountain in Latakia's countryside, not
    // the province's point
    let l = located(
        "سيطر مقاتلو المعارضة أمس على تلة في جبل التركمان بريف محافظة اللاذقية وقتلوا عشرة جنود.",
    );
    assert!(l.iter().any(|p| near(p, 35.84, 36.03, 0.1)), "{l:?}");
}

#[test]
fn a_part_of_a_country_named_by_direction_gets_its_regions_point() {
    // northern Iraq (36.3 N, 43.6 E), flagged as a region, not Baghdad
    let l = located("قتل خمسة أشخاص في انفجار سيارة مفخخة في شمال العراق أمس.");
    assert!(
        l.iter()
            .any(|p| near(p, 36.3, 43.6, 0.2) && p.3 == GeoPrecision::Admin1),
        "{l:?}"
    );
    // the country alone keeps the country's point
    let l = located("قتل خمسة أشخاص في انفجار سيارة مفخخة في العراق أمس.");
    assert!(l.iter().all(|p| !near(p, 36.3, 43.6, 0.5)), "{l:?}");
}

#[test]
fn talks_are_not_placed_where_the_article_was_before() {
    // an attack in Taiz, then talks whose clause names no place: the talks are not in Taiz
    // (13.58 N, 44.02 E)
    let ev = events(
        "قتل خمسة جنود يمنيين في هجوم على معسكر في مدينة تعز أمس. \
         وبحث الرئيس اليمني مع رئيس الوزراء اليمني الأوضاع الأمنية أمس.",
    );
    let talks: Vec<_> = ev
        .iter()
        .filter(|e| e.kind == hadath_extract::Category::Consult)
        .collect();
    assert!(!talks.is_empty(), "{ev:#?}");
    for e in talks {
        let g = e.location.as_ref().and_then(|l| l.geo.as_ref());
        assert!(
            g.is_none_or(|g| (g.lat - 13.58).abs() > 0.5),
            "{:?}",
            e.location
        );
    }
}

#[test]
fn a_headline_placed_at_a_state_takes_the_town_its_lead_names() {
    let text = "مقتل ثلاثة جنود في هجوم شمال العراق\n\nقتل ثلاثة جنود عراقيين أمس في هجوم شنه مسلحون على نقطة تفتيش قرب مدينة تكريت.";
    let ev = events(text);
    let first = ev
        .first()
        .and_then(|e| e.location.clone())
        .expect("a location");
    let g = first.geo.expect("coordinates");
    // Tikrit, not the point of northern Iraq
    assert!(
        (g.lat - 34.6).abs() < 0.1 && (g.lon - 43.68).abs() < 0.1,
        "{g:?}"
    );
    assert_eq!(g.precision, GeoPrecision::Place);
    assert!(
        g.reason.as_deref().is_some_and(|r| r.contains("headline")),
        "{g:?}"
    );
    // a lead whose town lies in another state leaves the headline where it was
    let l = located("مقتل ثلاثة جنود في هجوم شمال العراق\n\nقتل ثلاثة جنود عراقيين أمس في هجوم، وذلك بعد يوم من زيارة الوزير إلى مدينة حلب.");
    assert!(
        l.first().is_some_and(|p| !near(p, 36.2, 37.16, 0.3)),
        "{l:?}"
    );
}

#[test]
fn a_city_standing_for_its_government_lies_at_the_city() {
    // Aden stands for Yemen's government; its point is Aden, not the capital Sanaa
    let l = located("قصفت الطائرات أمس مواقع للمتمردين على أطراف عدن وقتلت عشرة مسلحين.");
    assert!(l.iter().any(|p| near(p, 12.78, 45.04, 0.2)), "{l:?}");
    assert!(l.iter().all(|p| !near(p, 15.35, 44.21, 0.5)), "{l:?}");
}

#[test]
fn a_two_word_name_written_glued_is_found() {
    let l = located("قتل مسلحون شرطيا أمس في هجوم على دورية في دياربكر.");
    assert!(l.iter().any(|p| near(p, 37.91, 40.22, 0.2)), "{l:?}");
}
