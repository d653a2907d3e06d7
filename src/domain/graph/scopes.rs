//! The delegated Microsoft Graph permissions of this app's own sign-in, and which action
//! needs which (the "Connect this app to your tenant" page lists them with the reason).
//! Scopes are requested only when an action needs them (incremental consent).

use crate::domain::finding::Message;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DelegatedScope {
    UserRead,
    PolicyReadAll,
    ApplicationReadAll,
    ApplicationReadWriteAll,
    AppRoleAssignmentReadWriteAll,
    DelegatedPermissionGrantReadWriteAll,
    UserReadAll,
    /// Read-only, for the consent check: Microsoft documents no narrower delegated permission
    /// for reading an app's delegated permission grants.
    DirectoryReadAll,
    MailSend,
}

impl DelegatedScope {
    pub const ALL: [DelegatedScope; 9] = [
        DelegatedScope::UserRead,
        DelegatedScope::PolicyReadAll,
        DelegatedScope::ApplicationReadAll,
        DelegatedScope::ApplicationReadWriteAll,
        DelegatedScope::AppRoleAssignmentReadWriteAll,
        DelegatedScope::DelegatedPermissionGrantReadWriteAll,
        DelegatedScope::UserReadAll,
        DelegatedScope::DirectoryReadAll,
        DelegatedScope::MailSend,
    ];

    /// The permission's value, as Graph and the consent screen name it.
    pub fn value(self) -> &'static str {
        match self {
            DelegatedScope::UserRead => "User.Read",
            DelegatedScope::PolicyReadAll => "Policy.Read.All",
            DelegatedScope::ApplicationReadAll => "Application.Read.All",
            DelegatedScope::ApplicationReadWriteAll => "Application.ReadWrite.All",
            DelegatedScope::AppRoleAssignmentReadWriteAll => "AppRoleAssignment.ReadWrite.All",
            DelegatedScope::DelegatedPermissionGrantReadWriteAll => "DelegatedPermissionGrant.ReadWrite.All",
            DelegatedScope::UserReadAll => "User.Read.All",
            DelegatedScope::DirectoryReadAll => "Directory.Read.All",
            DelegatedScope::MailSend => "Mail.Send",
        }
    }

    /// Why this app asks for it.
    pub fn reason(self) -> Message {
        Message::new(match self {
            DelegatedScope::UserRead => "graph.scope.user_read",
            DelegatedScope::PolicyReadAll => "graph.scope.policy_read_all",
            DelegatedScope::ApplicationReadAll => "graph.scope.application_read_all",
            DelegatedScope::ApplicationReadWriteAll => "graph.scope.application_read_write_all",
            DelegatedScope::AppRoleAssignmentReadWriteAll => "graph.scope.app_role_assignment_read_write_all",
            DelegatedScope::DelegatedPermissionGrantReadWriteAll => {
                "graph.scope.delegated_permission_grant_read_write_all"
            }
            DelegatedScope::UserReadAll => "graph.scope.user_read_all",
            DelegatedScope::DirectoryReadAll => "graph.scope.directory_read_all",
            DelegatedScope::MailSend => "graph.scope.mail_send",
        })
    }

    /// A broader scope this one is covered by (`Application.ReadWrite.All` includes reading).
    pub fn covered_by(self) -> Option<DelegatedScope> {
        match self {
            DelegatedScope::ApplicationReadAll => Some(DelegatedScope::ApplicationReadWriteAll),
            _ => None,
        }
    }
}

/// What the admin can do with this app once it is connected.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Action {
    /// Dry run: read the tenant, the consent policy, the resource principals and what exists.
    Inspect,
    /// Create or update the registration, its secret and principal, and grant consent.
    Provision,
    /// Check the mailbox user.
    CheckMailbox,
    /// Send a test mail to the mailbox.
    SendTestMail,
    /// After [Generate Token]: read this app's consents and application permissions.
    CheckConsent,
    /// Day two: read an existing registration, its principal, consents and assignments.
    Audit,
    /// Day two: add a new client secret, then remove the old one.
    RotateSecret,
}

impl Action {
    pub const ALL: [Action; 7] = [
        Action::Inspect,
        Action::Provision,
        Action::CheckMailbox,
        Action::SendTestMail,
        Action::CheckConsent,
        Action::Audit,
        Action::RotateSecret,
    ];

    pub fn label_key(self) -> &'static str {
        match self {
            Action::Inspect => "graph.action.inspect",
            Action::Provision => "graph.action.provision",
            Action::CheckMailbox => "graph.action.check_mailbox",
            Action::SendTestMail => "graph.action.send_test_mail",
            Action::CheckConsent => "graph.action.check_consent",
            Action::Audit => "graph.action.audit",
            Action::RotateSecret => "graph.action.rotate_secret",
        }
    }

    /// The delegated scopes the action requests, least first.
    pub fn scopes(self) -> &'static [DelegatedScope] {
        use DelegatedScope::*;
        match self {
            Action::Inspect => &[UserRead, PolicyReadAll, ApplicationReadAll],
            Action::Provision => &[
                UserRead,
                PolicyReadAll,
                ApplicationReadWriteAll,
                AppRoleAssignmentReadWriteAll,
                DelegatedPermissionGrantReadWriteAll,
            ],
            Action::CheckMailbox => &[UserReadAll, PolicyReadAll],
            Action::SendTestMail => &[MailSend],
            // Each read's least privileged permission as Microsoft documents it: the principals
            // and app roles Application.Read.All, the grants Directory.Read.All, the user
            // User.Read.All (as the mailbox check, so its consent carries over).
            Action::CheckConsent => &[ApplicationReadAll, UserReadAll, DirectoryReadAll],
            // The consent check's reads, plus the tenant id (User.Read) to fill the wizard.
            Action::Audit => &[UserRead, ApplicationReadAll, UserReadAll, DirectoryReadAll],
            // addPassword and removePassword: Microsoft documents Application.ReadWrite.All as
            // the least privileged delegated permission for both.
            Action::RotateSecret => &[ApplicationReadWriteAll],
        }
    }
}

/// The smallest set that covers `scopes`, in `DelegatedScope::ALL` order.
pub fn minimal(scopes: impl IntoIterator<Item = DelegatedScope>) -> Vec<DelegatedScope> {
    let all: Vec<DelegatedScope> = scopes.into_iter().collect();
    let mut out: Vec<DelegatedScope> = DelegatedScope::ALL
        .into_iter()
        .filter(|s| all.contains(s))
        .filter(|s| s.covered_by().is_none_or(|broader| !all.contains(&broader)))
        .collect();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_distinct_and_reasons_distinct() {
        let mut values: Vec<_> = DelegatedScope::ALL.iter().map(|s| s.value()).collect();
        let mut reasons: Vec<_> = DelegatedScope::ALL.iter().map(|s| s.reason().key).collect();
        values.sort();
        values.dedup();
        reasons.sort();
        reasons.dedup();
        assert_eq!((values.len(), reasons.len()), (9, 9));
    }

    #[test]
    fn minimal_drops_covered_scopes() {
        use DelegatedScope::*;
        assert_eq!(
            minimal([ApplicationReadAll, UserRead, ApplicationReadWriteAll]),
            [UserRead, ApplicationReadWriteAll]
        );
        assert_eq!(minimal([ApplicationReadAll, ApplicationReadAll]), [ApplicationReadAll]);
        assert!(minimal([]).is_empty());
    }

    #[test]
    fn actions_need_what_their_requests_need() {
        assert!(Action::Provision.scopes().contains(&DelegatedScope::AppRoleAssignmentReadWriteAll));
        assert!(!Action::Inspect.scopes().iter().any(|s| s.value().contains("ReadWrite")));
        assert_eq!(Action::SendTestMail.scopes(), [DelegatedScope::MailSend]);
        // The consent check only reads.
        assert!(!Action::CheckConsent.scopes().iter().any(|s| s.value().contains("ReadWrite")));
        assert!(!Action::Audit.scopes().iter().any(|s| s.value().contains("ReadWrite")));
        assert_eq!(Action::RotateSecret.scopes(), [DelegatedScope::ApplicationReadWriteAll]);
    }
}
