//! The entity types of the knowledge base: kinds, offices, entries and mentions.

use crate::compile::{self, kind, RawEntry};
use jiff::civil::Date;
use std::borrow::Cow;
use std::ops::Range;

/// What a mention is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EntityKind {
    /// A person: a named office holder, an unknown person revealed by a title, or a title alone.
    Person,
    /// An organisation that is not an IGO: a government, ministry, army or security service, a
    /// party, an armed group, a news medium, a court, a company, an NGO.
    Organization,
    /// A state, by its name or (with [`MatchHow::Metonym`]) by its capital or seat of government.
    Country,
    /// A city; its `code` is the state it lies in.
    City,
    /// A region, province or other sub-national or cross-border area; its `code` is the state it lies
    /// in, when there is one.
    Region,
    /// Any other named place. No entry of the embedded knowledge base has this kind; it is treated as
    /// a place like [`EntityKind::City`] and [`EntityKind::Region`].
    Location,
    /// A nisba adjective or plural (الروسية، الأذري، الأرمن): stands for the state.
    Nationality,
    /// An intergovernmental organisation.
    Igo,
}

impl EntityKind {
    /// The lower-case type word of the output contract. IGOs are organisations there.
    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::Person => "person",
            EntityKind::Organization | EntityKind::Igo => "organization",
            EntityKind::Country => "country",
            EntityKind::City => "city",
            EntityKind::Region => "region",
            EntityKind::Location => "location",
            EntityKind::Nationality => "nationality",
        }
    }
}

/// An office held by a person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Office {
    /// President, monarch, emir, sultan, or the chair of a ruling council.
    HeadOfState,
    /// Prime minister, chancellor, or the head of a government or of the European Commission.
    HeadOfGovernment,
    /// Foreign minister (the EU's High Representative too).
    ForeignMinister,
    /// Defence minister.
    DefenceMinister,
    /// Interior or internal-security minister.
    InteriorMinister,
    /// Secretary-general, director-general or president of an intergovernmental organisation.
    IgoHead,
    /// Envoys, special representatives, mediators, ambassadors and permanent representatives.
    Envoy,
    /// Chief of staff or commander of the armed forces or of one of their branches.
    MilitaryChief,
    /// Leader of a political party, of a parliamentary bloc, or of the opposition.
    PartyLeader,
    /// Leader of a non-state group: a movement, a militia, an armed or rebel group.
    GroupLeader,
    /// Speaker or president of a parliament or of one of its chambers.
    Speaker,
    /// Any other office (deputies, ministers of other portfolios, advisers, spokespeople, governors,
    /// clerics, military ranks): it reveals a person but not which post.
    Other,
}

impl Office {
    const ALL: [Office; 12] = [
        Office::HeadOfState,
        Office::HeadOfGovernment,
        Office::ForeignMinister,
        Office::DefenceMinister,
        Office::InteriorMinister,
        Office::IgoHead,
        Office::Envoy,
        Office::MilitaryChief,
        Office::PartyLeader,
        Office::GroupLeader,
        Office::Speaker,
        Office::Other,
    ];

    /// The data-file spelling ("head_of_state").
    pub fn as_str(self) -> &'static str {
        compile::OFFICES[self as usize]
    }

    /// Parse the data-file spelling.
    pub fn parse(s: &str) -> Option<Office> {
        compile::OFFICES
            .iter()
            .position(|o| *o == s)
            .map(|i| Office::ALL[i])
    }

    fn from_u8(i: u8) -> Office {
        Office::ALL
            .get(i as usize)
            .copied()
            .unwrap_or(Office::Other)
    }

    /// An English label ("Defence Minister").
    pub fn label(self) -> &'static str {
        match self {
            Office::HeadOfState => "President",
            Office::HeadOfGovernment => "Prime Minister",
            Office::ForeignMinister => "Foreign Minister",
            Office::DefenceMinister => "Defence Minister",
            Office::InteriorMinister => "Interior Minister",
            Office::IgoHead => "Secretary-General",
            Office::Envoy => "Envoy",
            Office::MilitaryChief => "Chief of Staff",
            Office::PartyLeader => "Party Leader",
            Office::GroupLeader => "Leader",
            Office::Speaker => "Speaker",
            Office::Other => "Official",
        }
    }
}

/// How a mention was matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MatchHow {
    /// The words are one of the entry's names.
    Exact,
    /// A name with clitics stripped (وبموسكو) or the article restored (للاتحاد).
    Clitic,
    /// A spelling variant (generated rule or transliteration skeleton).
    Variant,
    /// A surname alone after a full mention in the same document.
    Partial,
    /// A title with a nationality (الرئيس الروسي), alone or before an unknown name.
    Title,
    /// A nisba adjective or plural.
    Nisba,
    /// A capital or seat of government standing for the state.
    Metonym,
}

/// Index of an entry in a [`Lexicon`](crate::Lexicon).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct EntryId(pub u32);

/// One knowledge-base entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The entry's index in its [`Lexicon`](crate::Lexicon) (embedded entries first, then user ones).
    pub id: EntryId,
    /// What the entry is. Titles are [`EntityKind::Person`] entries that carry only an office.
    pub kind: EntityKind,
    /// Canonical English name.
    pub name: String,
    /// ISO alpha-3 of the state, or the IGO code; the home state of people and organisations.
    pub code: Option<String>,
    /// The office of a person-term.
    pub office: Option<Office>,
    /// Organisation kind ("ministry", "armed_group", …), region kind, or "" .
    pub subkind: Cow<'static, str>,
    /// First day of a person's term (inclusive); `None` when it has no known start.
    pub from: Option<Date>,
    /// Last day of a person's term (inclusive); `None` when the term is still open.
    pub to: Option<Date>,
    /// City population where known.
    pub population: u32,
    pub(crate) is_title: bool,
}

/// A person-term is an entry of kind [`EntityKind::Person`].
pub type Person = Entry;

impl Entry {
    pub(crate) fn from_raw(id: u32, r: RawEntry) -> Entry {
        let (kind, office, subkind): (EntityKind, Option<Office>, Cow<'static, str>) = match r.kind
        {
            kind::COUNTRY => (EntityKind::Country, None, "".into()),
            kind::CITY => (EntityKind::City, None, "".into()),
            kind::REGION => (EntityKind::Region, None, r.extra.clone().into()),
            kind::PERSON => (EntityKind::Person, Some(Office::from_u8(r.sub)), "".into()),
            kind::IGO => (EntityKind::Igo, None, "igo".into()),
            kind::TITLE => (
                EntityKind::Person,
                Some(Office::from_u8(r.sub)),
                "title".into(),
            ),
            _ => {
                let k = compile::ORG_KINDS
                    .get(r.sub as usize)
                    .copied()
                    .unwrap_or("other");
                let kind = if k == "igo_organ" {
                    EntityKind::Igo
                } else {
                    EntityKind::Organization
                };
                (kind, None, k.into())
            }
        };
        Entry {
            id: EntryId(id),
            kind,
            name: r.name,
            code: if r.code.is_empty() {
                None
            } else {
                Some(r.code)
            },
            office,
            subkind,
            from: ymd(r.from),
            to: ymd(r.to),
            population: r.pop,
            is_title: r.kind == kind::TITLE,
        }
    }

    /// True when the term covers `d` (open ends cover everything).
    pub fn in_term(&self, d: Date) -> bool {
        self.from.is_none_or(|f| f <= d) && self.to.is_none_or(|t| d <= t)
    }
}

fn ymd(v: u32) -> Option<Date> {
    if v == 0 {
        return None;
    }
    Date::new((v / 10000) as i16, ((v / 100) % 100) as i8, (v % 100) as i8)
        .ok()
        .or_else(|| Date::new((v / 10000) as i16, ((v / 100) % 100) as i8, 28).ok())
}

/// A mention of a knowledge-base entity (or of an unknown person revealed by a title).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// Bytes in the original text, clitics excluded.
    pub source: Range<usize>,
    /// What the mention is. A nisba is [`EntityKind::Nationality`]; a metonym keeps the kind of the
    /// state or IGO it stands for.
    pub kind: EntityKind,
    /// Canonical English name (for an unknown person: the name as written).
    pub name: String,
    /// ISO alpha-3 of the state, or the IGO code: the state itself for states, nationalities and
    /// metonyms, the home state of people and organisations, the state a city or region lies in.
    /// `None` when unknown.
    pub code: Option<String>,
    /// The office of a person: that of the term covering the date, or the one a title reveals.
    pub office: Option<Office>,
    /// How the words were matched.
    pub how: MatchHow,
    /// The knowledge-base entry matched; `None` for a person known only from a title (a name the
    /// knowledge base lacks, or an office whose holder is unknown).
    pub entry: Option<EntryId>,
    /// Organisation kind ("ministry", "armed_group", "media", …) for organisations.
    pub org_kind: Option<Cow<'static, str>>,
    /// A person referred to by office alone (الرئيس الروسي): no name is written, the span is the
    /// title; `name` is the office holder for the date, or the office itself when unknown.
    pub unnamed: bool,
    /// A state named inside a title phrase (سفير الصين، رئيسة ليتوانيا فيرا فايك): a name of its
    /// own, reported as a mention, while the title's person (or office) is the actor that
    /// carries the state's code.
    pub in_title: bool,
}

impl Mention {
    /// True when the mention stands for an actor (a state, an IGO, a person, an organisation, a
    /// nationality, a metonym); plain places (cities, regions) are locations, whose `code` is the
    /// state they lie in. News media are not actors either.
    pub fn is_actor(&self) -> bool {
        match self.kind {
            EntityKind::City | EntityKind::Region | EntityKind::Location => {
                self.how == MatchHow::Metonym
            }
            // News media report; they are sources, not actors.
            EntityKind::Organization => self.org_kind.as_deref() != Some("media"),
            _ => true,
        }
    }
}
