//! The event vocabulary, defined once: PLOVER categories with their quad and CAMEO root, modes,
//! modalities, date sources and actor sectors.
//!
//! ```
//! use hadath_core::{Category, Modality, Quad};
//! let c: Category = "assault".parse().unwrap();
//! assert_eq!(c, Category::Assault);
//! assert_eq!(c.quad(), Quad::MaterialConflict);
//! assert_eq!(c.as_str(), "ASSAULT");
//! // A wrong word is refused with the list of right ones.
//! let e = "ATTACK".parse::<Category>().unwrap_err();
//! assert!(e.to_string().contains("AGREE, CONSULT"));
//! assert!(Modality::Asserted.is_reported());
//! ```

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

/// A word that is not in one of the vocabularies: what was given, what it should be, and the
/// words allowed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{what} must be one of {allowed}, not {given:?}")]
pub struct UnknownWord {
    /// The vocabulary (`type`, `modality`, …).
    pub what: &'static str,
    /// The word given.
    pub given: String,
    /// The words allowed, comma-separated.
    pub allowed: String,
}

/// Defines a closed vocabulary: the enum, its words, `as_str`, `ALL`, `FromStr` (case-insensitive,
/// with an error listing the words) and serde as the word.
macro_rules! vocabulary {
    (
        $(#[$meta:meta])*
        $name:ident, $what:literal, upper = $upper:literal {
            $( $(#[$vmeta:meta])* $variant:ident = $word:literal ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum $name {
            $( $(#[$vmeta])* $variant ),+
        }

        impl $name {
            /// Every word of the vocabulary, in its canonical order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The word as written in the output contract.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $word),+
                }
            }

            /// The words allowed, comma-separated (for error messages and help texts).
            pub fn allowed() -> String {
                Self::ALL.iter().map(|v| v.as_str()).collect::<Vec<_>>().join(", ")
            }
        }

        impl PartialEq<str> for $name {
            fn eq(&self, word: &str) -> bool {
                self.as_str() == word
            }
        }

        impl PartialEq<&str> for $name {
            fn eq(&self, word: &&str) -> bool {
                self.as_str() == *word
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl FromStr for $name {
            type Err = UnknownWord;
            fn from_str(s: &str) -> Result<Self, UnknownWord> {
                let t = s.trim();
                let t = if $upper { t.to_ascii_uppercase() } else { t.to_ascii_lowercase() };
                Self::ALL
                    .iter()
                    .copied()
                    .find(|v| v.as_str() == t)
                    .ok_or_else(|| UnknownWord {
                        what: $what,
                        given: s.to_string(),
                        allowed: Self::allowed(),
                    })
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = String::deserialize(d)?;
                s.parse().map_err(serde::de::Error::custom)
            }
        }
    };
}

vocabulary! {
    /// The sixteen PLOVER v2 event categories.
    Category, "type", upper = true {
        /// Agree to, sign or settle.
        Agree = "AGREE",
        /// Meet, talk, visit, phone.
        Consult = "CONSULT",
        /// Praise, endorse, stand by.
        Support = "SUPPORT",
        /// Yield a demand, apologise, ease.
        Concede = "CONCEDE",
        /// Cooperate materially (military, economic, intelligence).
        Cooperate = "COOPERATE",
        /// Give aid.
        Aid = "AID",
        /// Withdraw, release, cease fire.
        Retreat = "RETREAT",
        /// Ask, demand, call on.
        Request = "REQUEST",
        /// Accuse, condemn, investigate.
        Accuse = "ACCUSE",
        /// Refuse, reject.
        Reject = "REJECT",
        /// Threaten.
        Threaten = "THREATEN",
        /// Demonstrate, strike, boycott, riot.
        Protest = "PROTEST",
        /// Sanction, expel, cut ties, convict.
        Sanction = "SANCTION",
        /// Mobilise troops, police or militias.
        Mobilize = "MOBILIZE",
        /// Arrest, seize, restrict, impose curfew.
        Coerce = "COERCE",
        /// Use violence: strikes, bombings, clashes, killings, abductions.
        Assault = "ASSAULT",
    }
}

vocabulary! {
    /// The four PLOVER quad classes (with `other` for nothing known).
    Quad, "quad", upper = false {
        /// AGREE, CONSULT, SUPPORT, CONCEDE.
        VerbalCooperation = "verbal cooperation",
        /// COOPERATE, AID, RETREAT.
        MaterialCooperation = "material cooperation",
        /// REQUEST, ACCUSE, REJECT, THREATEN.
        VerbalConflict = "verbal conflict",
        /// PROTEST, SANCTION, MOBILIZE, COERCE, ASSAULT.
        MaterialConflict = "material conflict",
    }
}

impl Quad {
    /// GDELT's QuadClass number (1 verbal cooperation … 4 material conflict).
    pub fn number(self) -> u8 {
        match self {
            Quad::VerbalCooperation => 1,
            Quad::MaterialCooperation => 2,
            Quad::VerbalConflict => 3,
            Quad::MaterialConflict => 4,
        }
    }
}

impl Category {
    /// The category's quad class.
    pub fn quad(self) -> Quad {
        use Category::*;
        match self {
            Agree | Consult | Support | Concede => Quad::VerbalCooperation,
            Cooperate | Aid | Retreat => Quad::MaterialCooperation,
            Request | Accuse | Reject | Threaten => Quad::VerbalConflict,
            Protest | Sanction | Mobilize | Coerce | Assault => Quad::MaterialConflict,
        }
    }

    /// The CAMEO root code (two digits, as text: `"03"`) this category and mode map onto.
    ///
    /// ACCUSE is 11 (09 when investigating); ASSAULT is 18 for abductions, targeted killings,
    /// bombings and beatings, 20 for mass violence and weapons of mass destruction, 19 for the
    /// rest (fighting with small arms, artillery, aircraft).
    ///
    /// ```
    /// use hadath_core::{Category, Mode};
    /// assert_eq!(Category::Assault.cameo_root(Some(Mode::SuicideAttack)), "18");
    /// assert_eq!(Category::Assault.cameo_root(Some(Mode::Aerial)), "19");
    /// assert_eq!(Category::Accuse.cameo_root(Some(Mode::Investigate)), "09");
    /// ```
    pub fn cameo_root(self, mode: Option<Mode>) -> &'static str {
        use Category::*;
        match self {
            Agree => "03",
            Consult => "04",
            Support => "05",
            Cooperate => "06",
            Aid => "07",
            Concede | Retreat => "08",
            Accuse if mode == Some(Mode::Investigate) => "09",
            Accuse => "11",
            Request => "10",
            Reject => "12",
            Threaten => "13",
            Protest => "14",
            Mobilize => "15",
            Sanction => "16",
            Coerce => "17",
            Assault => match mode.map(Mode::assault_class) {
                Some(AssaultClass::Unconventional) => "18",
                Some(AssaultClass::Mass) => "20",
                _ => "19",
            },
        }
    }
}

/// Which CAMEO root an ASSAULT mode falls under.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum AssaultClass {
    Unconventional,
    Conventional,
    Mass,
}

vocabulary! {
    /// PLOVER modes (sub-types of a category), as `data/events/triggers.tsv` writes them.
    Mode, "mode", upper = false {
        /// ACCUSE: alleging wrongdoing.
        Allege = "allege",
        /// ACCUSE: disapproving, condemning.
        Disapprove = "disapprove",
        /// ACCUSE: investigating.
        Investigate = "investigate",
        /// ASSAULT: abduction, hostage-taking.
        Abduct = "abduct",
        /// ASSAULT: air strikes.
        Aerial = "aerial",
        /// ASSAULT: chemical, biological, radiological or nuclear weapons.
        Cbrn = "cbrn",
        /// ASSAULT: drones.
        Drone = "drone",
        /// ASSAULT: bombs, IEDs, car bombs.
        Explosives = "explosives",
        /// ASSAULT: small arms.
        Firearms = "firearms",
        /// ASSAULT: artillery, tanks, missiles.
        HeavyWeapons = "heavy-weapons",
        /// ASSAULT: suicide attacks.
        SuicideAttack = "suicide-attack",
        /// ASSAULT: targeted killings.
        Targeted = "targeted",
        /// ASSAULT: assassinations.
        Assassination = "assassination",
        /// ASSAULT: beatings.
        Beat = "beat",
        /// ASSAULT: sexual violence.
        Sexual = "sexual",
        /// ASSAULT: torture.
        Torture = "torture",
        /// ASSAULT: other physical violence.
        Physical = "physical",
        /// ASSAULT: mass killings.
        MassKilling = "mass-killing",
        /// ASSAULT: weapons of mass destruction.
        Wmd = "wmd",
        /// ASSAULT: ethnic cleansing.
        EthnicCleansing = "ethnic-cleansing",
        /// ASSAULT / THREATEN / SANCTION: expulsion.
        Expel = "expel",
        /// COERCE / THREATEN: arrests.
        Arrest = "arrest",
        /// COERCE: censorship.
        Censor = "censor",
        /// COERCE: curfews.
        Curfew = "curfew",
        /// COERCE: deportation.
        Deport = "deport",
        /// COERCE: martial law, state of emergency.
        MartialLaw = "martial-law",
        /// COERCE / THREATEN: restrictions.
        Restrict = "restrict",
        /// COERCE: seizures.
        Seize = "seize",
        /// COERCE: withholding.
        Withhold = "withhold",
        /// CONSULT: multilateral meetings.
        Multilateral = "multilateral",
        /// CONSULT: phone calls.
        Phone = "phone",
        /// CONSULT: mediated talks.
        ThirdParty = "third-party",
        /// CONSULT: visits.
        Visit = "visit",
        /// MOBILIZE: militias.
        Militia = "militia",
        /// MOBILIZE: police.
        Police = "police",
        /// MOBILIZE: troops.
        Troops = "troops",
        /// MOBILIZE: weapons.
        Weapons = "weapons",
        /// PROTEST: boycotts.
        Boycott = "boycott",
        /// PROTEST: demonstrations.
        Demo = "demo",
        /// PROTEST: hunger strikes.
        Hunger = "hunger",
        /// PROTEST: obstruction, sit-ins, blockades.
        Obstruct = "obstruct",
        /// PROTEST: riots.
        Riot = "riot",
        /// PROTEST: strikes.
        Strike = "strike",
        /// PROTEST: vandalism.
        Vandalize = "vandalize",
        /// REQUEST / REJECT: assistance.
        Assist = "assist",
        /// REQUEST / REJECT: a change of policy or leadership.
        Change = "change",
        /// REQUEST / REJECT: a meeting.
        Meet = "meet",
        /// REQUEST / REJECT: yielding.
        Yield = "yield",
        /// RETREAT: access granted.
        Access = "access",
        /// RETREAT: ceasefires.
        Ceasefire = "ceasefire",
        /// RETREAT: disarmament.
        Disarm = "disarm",
        /// RETREAT: release of prisoners.
        Release = "release",
        /// RETREAT: resignations.
        Resign = "resign",
        /// RETREAT / SANCTION: withdrawal.
        Withdraw = "withdraw",
        /// SANCTION: convictions.
        Convict = "convict",
        /// SANCTION: discontinued ties or aid.
        Discontinue = "discontinue",
        /// THREATEN: relations.
        Relations = "relations",
        /// THREATEN: territory.
        Territory = "territory",
        /// THREATEN: violence.
        Violence = "violence",
    }
}

/// Which modes belong to which category (PLOVER v2's mode lists, as hadath uses them).
/// `scripts/check_events_data.py` reads this table too.
const MODES_OF: &[(Category, &[Mode])] = &[
    (
        Category::Consult,
        &[
            Mode::Visit,
            Mode::ThirdParty,
            Mode::Multilateral,
            Mode::Phone,
        ],
    ),
    (
        Category::Retreat,
        &[
            Mode::Withdraw,
            Mode::Release,
            Mode::Disarm,
            Mode::Ceasefire,
            Mode::Access,
            Mode::Resign,
        ],
    ),
    (
        Category::Request,
        &[Mode::Assist, Mode::Change, Mode::Yield, Mode::Meet],
    ),
    (
        Category::Reject,
        &[Mode::Assist, Mode::Change, Mode::Yield, Mode::Meet],
    ),
    (
        Category::Accuse,
        &[Mode::Disapprove, Mode::Investigate, Mode::Allege],
    ),
    (
        Category::Threaten,
        &[
            Mode::Restrict,
            Mode::Arrest,
            Mode::Relations,
            Mode::Expel,
            Mode::Territory,
            Mode::Violence,
        ],
    ),
    (
        Category::Protest,
        &[
            Mode::Demo,
            Mode::Riot,
            Mode::Strike,
            Mode::Hunger,
            Mode::Boycott,
            Mode::Obstruct,
            Mode::Vandalize,
        ],
    ),
    (
        Category::Sanction,
        &[
            Mode::Convict,
            Mode::Expel,
            Mode::Withdraw,
            Mode::Discontinue,
        ],
    ),
    (
        Category::Mobilize,
        &[Mode::Troops, Mode::Weapons, Mode::Police, Mode::Militia],
    ),
    (
        Category::Coerce,
        &[
            Mode::Seize,
            Mode::Restrict,
            Mode::Censor,
            Mode::Curfew,
            Mode::MartialLaw,
            Mode::Arrest,
            Mode::Deport,
            Mode::Withhold,
        ],
    ),
    (
        Category::Assault,
        &[
            Mode::Abduct,
            Mode::Targeted,
            Mode::Firearms,
            Mode::Explosives,
            Mode::SuicideAttack,
            Mode::Aerial,
            Mode::Drone,
            Mode::HeavyWeapons,
            Mode::Beat,
            Mode::Sexual,
            Mode::Torture,
            Mode::Cbrn,
            Mode::Assassination,
            Mode::Physical,
            Mode::MassKilling,
            Mode::Wmd,
            Mode::EthnicCleansing,
            Mode::Expel,
        ],
    ),
];

impl Category {
    /// The modes of this category (none for AGREE, SUPPORT, CONCEDE, COOPERATE, AID).
    ///
    /// ```
    /// use hadath_core::{Category, Mode};
    /// assert!(Category::Assault.modes().contains(&Mode::Aerial));
    /// assert!(!Category::Consult.modes().contains(&Mode::Aerial));
    /// ```
    pub fn modes(self) -> &'static [Mode] {
        MODES_OF
            .iter()
            .find(|(c, _)| *c == self)
            .map_or(&[], |(_, m)| m)
    }
}

impl Mode {
    fn assault_class(self) -> AssaultClass {
        use Mode::*;
        match self {
            Abduct | Targeted | Explosives | SuicideAttack | Beat | Sexual | Torture
            | Assassination | Physical => AssaultClass::Unconventional,
            Cbrn | MassKilling | Wmd | EthnicCleansing | Expel => AssaultClass::Mass,
            _ => AssaultClass::Conventional,
        }
    }
}

vocabulary! {
    /// How the text reports an event.
    Modality, "modality", upper = false {
        /// Reported as done.
        Asserted = "asserted",
        /// Reported as not done, or denied.
        Negated = "negated",
        /// Conditional, possible, feared.
        Hypothetical = "hypothetical",
        /// Planned or announced for a date.
        Future = "future",
        /// Long past (history, biography, chronology).
        Historical = "historical",
    }
}

impl Modality {
    /// Whether the record counts it as a reported happening (`asserted` or `future`): what the
    /// timeline shows and the scorer scores by default.
    pub fn is_reported(self) -> bool {
        matches!(self, Modality::Asserted | Modality::Future)
    }

    /// The group coreference compares: reports of one happening share it (history is a past
    /// assertion).
    pub fn group(self) -> u8 {
        match self {
            Modality::Asserted | Modality::Historical => 0,
            Modality::Future => 1,
            Modality::Hypothetical => 2,
            Modality::Negated => 3,
        }
    }
}

vocabulary! {
    /// How fine an event's coordinates are: the place itself, or only its admin-1 region
    /// (governorate, province, wilaya) or its country.
    GeoPrecision, "precision", upper = false {
        /// A populated place, crossing, strait or other named point.
        Place = "place",
        /// The admin-1 region's point (the centroid of its places).
        Admin1 = "admin1",
        /// The country's point (its capital).
        Country = "country",
    }
}

vocabulary! {
    /// Why a toll is an event's `cumulative` and not its `size`: not this happening's alone.
    TollScope, "toll scope", upper = false {
        /// A running or whole-war total (ارتفعت حصيلة القتلى إلى، منذ بداية الحرب، الحرب التي
        /// أودت بحياة).
        RunningTotal = "running-total",
        /// More dead than one happening has, with no words that scope it.
        TooLarge = "too-large",
    }
}

vocabulary! {
    /// Where an event's date came from.
    DateSource, "date_source", upper = false {
        /// A time expression of the clause or sentence.
        Text = "text",
        /// The paragraph's narrative anchor.
        Paragraph = "paragraph",
        /// The publication date.
        Publication = "publication",
        /// The story's day: no date of its own, in a story whose first day-dated expression
        /// falls in the week before publication (شنت … فجر أمس السبت): the day it reports.
        Story = "story",
    }
}

vocabulary! {
    /// PLOVER actor sectors.
    Sector, "sector", upper = true {
        /// Government, executive.
        Gov = "GOV",
        /// Armed forces.
        Mil = "MIL",
        /// Police.
        Cop = "COP",
        /// Rebels, insurgents.
        Reb = "REB",
        /// Unidentified armed forces.
        Uaf = "UAF",
        /// Political opposition.
        Opp = "OPP",
        /// Civilians.
        Cvl = "CVL",
        /// Intergovernmental organisations.
        Igo = "IGO",
        /// Non-governmental organisations.
        Ngo = "NGO",
        /// Media.
        Med = "MED",
        /// Business.
        Bus = "BUS",
        /// Judiciary.
        Jud = "JUD",
        /// Legislature.
        Leg = "LEG",
        /// Religious.
        Rel = "REL",
        /// Refugees, displaced people.
        Ref = "REF",
        /// Political parties.
        Pty = "PTY",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_category_has_a_quad_and_a_cameo_root() {
        assert_eq!(Category::ALL.len(), 16);
        for c in Category::ALL {
            let r = c.cameo_root(None);
            assert!(r.len() == 2 && r.bytes().all(|b| b.is_ascii_digit()));
            assert_eq!(c.as_str().parse::<Category>().unwrap(), *c);
        }
        let per_quad = |q: Quad| Category::ALL.iter().filter(|c| c.quad() == q).count();
        assert_eq!(per_quad(Quad::VerbalCooperation), 4);
        assert_eq!(per_quad(Quad::MaterialConflict), 5);
    }

    #[test]
    fn words_round_trip_through_serde() {
        let m: Mode = serde_json::from_str("\"heavy-weapons\"").unwrap();
        assert_eq!(m, Mode::HeavyWeapons);
        assert_eq!(
            serde_json::to_string(&Modality::Future).unwrap(),
            "\"future\""
        );
        assert!(serde_json::from_str::<Modality>("\"maybe\"").is_err());
        assert_eq!("Maybe".parse::<Modality>().unwrap_err().given, "Maybe");
    }

    #[test]
    fn every_mode_belongs_to_a_category() {
        for m in Mode::ALL {
            assert!(
                Category::ALL.iter().any(|c| c.modes().contains(m)),
                "{m} belongs to no category"
            );
        }
    }

    #[test]
    fn mass_violence_is_cameo_20() {
        assert_eq!(Category::Assault.cameo_root(Some(Mode::Cbrn)), "20");
        assert_eq!(Category::Assault.cameo_root(Some(Mode::Firearms)), "19");
        assert_eq!(Category::Consult.cameo_root(None), "04");
    }
}
