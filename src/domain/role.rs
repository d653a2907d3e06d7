//! Who can do each step: the admin role to ask for before starting, and where that fact comes
//! from (a vendor's documentation, linked, or this app's inference), so the admin knows whom
//! to ask and how sure the answer is.

use super::step::Step;

/// Microsoft Learn, "Grant tenant-wide admin consent to an application", Prerequisites.
pub const GRANT_ADMIN_CONSENT: &str = "https://learn.microsoft.com/entra/identity/enterprise-apps/grant-admin-consent";
/// Microsoft Learn, "Least privileged roles by task in Microsoft Entra ID".
pub const ROLES_BY_TASK: &str = "https://learn.microsoft.com/entra/identity/role-based-access-control/delegate-by-task";

/// Where a statement about roles comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Basis {
    /// Microsoft's documentation: the page's address and the locale key of its title.
    Microsoft { url: &'static str, title_key: &'static str },
    /// The Cisco TAC document this app follows (the seed procedure).
    CiscoTac,
    /// This app's reading of the documentation or of the consoles; not stated by a vendor.
    Inference,
}

impl Basis {
    /// Locale key of the words that say where the statement comes from.
    pub fn key(self) -> &'static str {
        match self {
            Basis::Microsoft { .. } => "role.basis.microsoft",
            Basis::CiscoTac => "role.basis.cisco_tac",
            Basis::Inference => "role.basis.inference",
        }
    }
}

/// One statement about who can do (part of) a step.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RoleNote {
    /// Locale key of the statement; also the element's `data-role`.
    pub key: &'static str,
    pub basis: Basis,
}

const CONSENT_PAGE: Basis = Basis::Microsoft { url: GRANT_ADMIN_CONSENT, title_key: "role.source.grant_admin_consent" };
const BY_TASK_PAGE: Basis = Basis::Microsoft { url: ROLES_BY_TASK, title_key: "role.source.roles_by_task" };

const WEBEX_APP: [RoleNote; 1] = [RoleNote { key: "role.webex_app.tenant_admin", basis: Basis::Inference }];
const ENTRA_APP: [RoleNote; 3] = [
    RoleNote { key: "role.entra_app.register", basis: BY_TASK_PAGE },
    RoleNote { key: "role.entra_app.consent", basis: CONSENT_PAGE },
    // Both profiles avoid Microsoft Graph app roles, the page's one exception for the
    // application administrators: read from the page, not stated by it for this app.
    RoleNote { key: "role.entra_app.consent_profiles", basis: Basis::Inference },
];
const MAILBOX: [RoleNote; 1] = [RoleNote { key: "role.mailbox.exchange_admin", basis: Basis::Inference }];
const WEBEX_OAUTH: [RoleNote; 2] = [
    RoleNote { key: "role.webex_oauth.tenant_admin", basis: Basis::Inference },
    RoleNote { key: "role.webex_oauth.generate_token", basis: Basis::CiscoTac },
];
const VERIFY: [RoleNote; 1] = [RoleNote { key: "role.verify.no_admin", basis: Basis::CiscoTac }];
const TROUBLESHOOT: [RoleNote; 3] = [
    RoleNote { key: "role.troubleshoot.debug_console", basis: Basis::Inference },
    // Day two: reading the registration, rotating its secret, the read-only Exchange check.
    RoleNote { key: "role.troubleshoot.rotate_secret", basis: Basis::Inference },
    RoleNote { key: "role.troubleshoot.exchange_check", basis: Basis::Inference },
];

/// What a step needs, in the order to read it; empty for the summary (nothing to change).
pub fn roles(step: Step) -> &'static [RoleNote] {
    match step {
        Step::WebexApp => &WEBEX_APP,
        Step::EntraApp => &ENTRA_APP,
        Step::Mailbox => &MAILBOX,
        Step::WebexOauth => &WEBEX_OAUTH,
        Step::Verify => &VERIFY,
        Step::Troubleshoot => &TROUBLESHOOT,
        Step::Summary => &[],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_step_that_changes_something_says_who_can_do_it() {
        for step in Step::ALL {
            assert_eq!(roles(step).is_empty(), step == Step::Summary, "{step:?}");
        }
    }

    #[test]
    fn step_2_cites_microsofts_consent_page_and_marks_its_own_reading() {
        let notes = roles(Step::EntraApp);
        let consent = notes.iter().find(|n| n.key == "role.entra_app.consent").map(|n| n.basis);
        assert_eq!(
            consent,
            Some(Basis::Microsoft { url: GRANT_ADMIN_CONSENT, title_key: "role.source.grant_admin_consent" })
        );
        let profiles = notes.iter().find(|n| n.key == "role.entra_app.consent_profiles").map(|n| n.basis);
        assert_eq!(profiles, Some(Basis::Inference));
        for n in notes {
            if let Basis::Microsoft { url, .. } = n.basis {
                assert!(url.starts_with("https://learn.microsoft.com/"), "{url}");
            }
        }
    }

    #[test]
    fn every_key_exists_in_both_languages() {
        use crate::domain::locale::{Catalog, Lang};
        for lang in Lang::ALL {
            let (catalog, _) = Catalog::parse(lang.files());
            for note in Step::ALL.iter().flat_map(|s| roles(*s)) {
                assert!(catalog.get(note.key).is_some(), "{lang:?}: {}", note.key);
                assert!(catalog.get(note.basis.key()).is_some(), "{lang:?}: {:?}", note.basis);
                if let Basis::Microsoft { title_key, .. } = note.basis {
                    assert!(catalog.get(title_key).is_some(), "{lang:?}: {title_key}");
                }
            }
        }
    }

    #[test]
    fn keys_are_unique() {
        let mut keys: Vec<&str> = Step::ALL.iter().flat_map(|s| roles(*s)).map(|n| n.key).collect();
        let all = keys.len();
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), all);
    }
}
