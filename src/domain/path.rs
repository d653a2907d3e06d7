//! How the admin does a step that can be done more than one way, named in the consoles' own
//! words: step 2 by hand in the Microsoft Entra admin center, from this page with Microsoft
//! Graph, or as a script for another admin; step 3 with the generated script or by hand in
//! the Microsoft 365 consoles. Only the chosen way is shown.
//!
//! The choice is part of the autosave (it is how this admin works) but not of the export file
//! (a configuration, the same whoever made it and however): version 1 files stay as they are,
//! and an import keeps the choice on screen (`Setup::take_import`).

use serde::{Deserialize, Deserializer, Serialize};

use super::step::Step;

/// Step 2: where the app registration is made.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EntraPath {
    /// Click by click in the Microsoft Entra admin center.
    ByHand,
    /// From this page with Microsoft Graph (connected mode only).
    Graph,
    /// The same Graph requests as a script (Microsoft Graph PowerShell or `az rest`) that
    /// another admin runs; works with no connection.
    Script,
}

/// Step 3: how the Exchange Online settings are made.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MailboxPath {
    /// The generated Exchange Online PowerShell script.
    Script,
    /// By hand in the Microsoft 365 admin center and the Microsoft Defender portal.
    ByHand,
}

impl EntraPath {
    pub const ALL: [EntraPath; 3] = [EntraPath::ByHand, EntraPath::Graph, EntraPath::Script];

    pub fn as_str(self) -> &'static str {
        match self {
            EntraPath::ByHand => "by_hand",
            EntraPath::Graph => "graph",
            EntraPath::Script => "script",
        }
    }

    pub fn parse(s: &str) -> Option<EntraPath> {
        EntraPath::ALL.into_iter().find(|p| p.as_str() == s)
    }

    /// Why this deployment cannot offer the path (a locale key), if it cannot: the Graph path
    /// needs connected mode (a client id in config.json).
    pub fn unavailable(self, connected: bool) -> Option<&'static str> {
        (self == EntraPath::Graph && !connected).then_some("path.entra_app.graph.unavailable")
    }
}

impl MailboxPath {
    pub const ALL: [MailboxPath; 2] = [MailboxPath::Script, MailboxPath::ByHand];

    pub fn as_str(self) -> &'static str {
        match self {
            MailboxPath::Script => "script",
            MailboxPath::ByHand => "by_hand",
        }
    }

    pub fn parse(s: &str) -> Option<MailboxPath> {
        MailboxPath::ALL.into_iter().find(|p| p.as_str() == s)
    }
}

/// The chosen way of each step that has more than one; `None` until the admin chooses.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Paths {
    #[serde(deserialize_with = "lenient_entra")]
    pub entra: Option<EntraPath>,
    #[serde(deserialize_with = "lenient_mailbox")]
    pub mailbox: Option<MailboxPath>,
}

/// One way of doing a step, as the choice at the top of the step shows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PathOption {
    /// The autosave's name, also the radio button's value.
    pub value: &'static str,
    pub label_key: &'static str,
    /// One line under the label: what this way involves.
    pub detail_key: &'static str,
    /// Why it cannot be chosen here (a locale key), when it cannot.
    pub unavailable: Option<&'static str>,
}

fn option(step: Step, value: &'static str, unavailable: Option<&'static str>) -> PathOption {
    // Keys are spelled out so the locale completeness test can find each one.
    let (label_key, detail_key) = match (step, value) {
        (Step::EntraApp, "by_hand") => ("path.entra_app.by_hand", "path.entra_app.by_hand.detail"),
        (Step::EntraApp, "graph") => ("path.entra_app.graph", "path.entra_app.graph.detail"),
        (Step::EntraApp, _) => ("path.entra_app.script", "path.entra_app.script.detail"),
        (_, "script") => ("path.mailbox.script", "path.mailbox.script.detail"),
        _ => ("path.mailbox.by_hand", "path.mailbox.by_hand.detail"),
    };
    PathOption { value, label_key, detail_key, unavailable }
}

/// Locale key of the question the choice answers, for a step that offers one.
pub fn legend_key(step: Step) -> Option<&'static str> {
    match step {
        Step::EntraApp => Some("path.entra_app.legend"),
        Step::Mailbox => Some("path.mailbox.legend"),
        _ => None,
    }
}

/// The ways of doing `step`, in the order they are offered; empty for a step done one way.
pub fn options(step: Step, connected: bool) -> Vec<PathOption> {
    match step {
        Step::EntraApp => EntraPath::ALL.iter().map(|p| option(step, p.as_str(), p.unavailable(connected))).collect(),
        Step::Mailbox => MailboxPath::ALL.iter().map(|p| option(step, p.as_str(), None)).collect(),
        _ => Vec::new(),
    }
}

impl Paths {
    /// The chosen way's name for `step`, if any.
    pub fn chosen(&self, step: Step) -> Option<&'static str> {
        match step {
            Step::EntraApp => self.entra.map(EntraPath::as_str),
            Step::Mailbox => self.mailbox.map(MailboxPath::as_str),
            _ => None,
        }
    }

    /// Records a choice; false (and nothing changed) for a name the step does not offer.
    pub fn choose(&mut self, step: Step, value: &str) -> bool {
        match step {
            Step::EntraApp => EntraPath::parse(value).map(|p| self.entra = Some(p)).is_some(),
            Step::Mailbox => MailboxPath::parse(value).map(|p| self.mailbox = Some(p)).is_some(),
            _ => false,
        }
    }

    /// Step 2's way to show: the chosen one while this deployment can offer it. A Graph choice
    /// made where connected mode was on stays saved, but nothing connected is shown without it.
    pub fn entra_shown(&self, connected: bool) -> Option<EntraPath> {
        self.entra.filter(|p| p.unavailable(connected).is_none())
    }

    /// The name of the way shown for `step` (see `entra_shown`).
    pub fn shown(&self, step: Step, connected: bool) -> Option<&'static str> {
        match step {
            Step::EntraApp => self.entra_shown(connected).map(EntraPath::as_str),
            _ => self.chosen(step),
        }
    }
}

// An autosave from a later version may name a way this one does not know: it reads as "not
// chosen yet" instead of making the whole autosave unreadable.
fn lenient_entra<'de, D: Deserializer<'de>>(d: D) -> Result<Option<EntraPath>, D::Error> {
    Ok(serde_json::Value::deserialize(d)?.as_str().and_then(EntraPath::parse))
}

fn lenient_mailbox<'de, D: Deserializer<'de>>(d: D) -> Result<Option<MailboxPath>, D::Error> {
    Ok(serde_json::Value::deserialize(d)?.as_str().and_then(MailboxPath::parse))
}

#[cfg(test)]
#[path = "path_tests.rs"]
mod tests;
