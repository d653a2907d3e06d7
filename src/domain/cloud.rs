//! Endpoints per Microsoft cloud. The login and Graph hosts are documented by Microsoft;
//! the SMTP host and Outlook resource of the sovereign clouds are not confirmed
//! (DOMAIN.md section 3): they are the best-known public values, flagged unverified so
//! the UI lets the admin see and override them.

use super::finding::Message;
use super::guid::TenantId;
use super::model::Cloud;

/// The scope Webex Connect requests (seed, step 4); also what the least-privilege profile
/// consents to.
pub const SMTP_SCOPE: &str = "offline_access https://outlook.office.com/SMTP.Send";
/// SMTP submission port (seed, step 4).
pub const SMTP_PORT: u16 = 587;
/// Webex Connect's "Security" setting (seed, step 4).
pub const SMTP_SECURITY: &str = "STARTTLS";

/// A value and whether DOMAIN.md confirms it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Known {
    pub value: &'static str,
    pub verified: bool,
}

const fn verified(value: &'static str) -> Known {
    Known { value, verified: true }
}

const fn unverified(value: &'static str) -> Known {
    Known { value, verified: false }
}

impl Cloud {
    /// Locale key of the cloud's display name.
    pub fn label_key(self) -> &'static str {
        match self {
            Cloud::Global => "cloud.global",
            Cloud::UsGovGccHigh => "cloud.us_gov_gcc_high",
            Cloud::UsGovDod => "cloud.us_gov_dod",
            Cloud::China => "cloud.china",
        }
    }

    /// Microsoft identity platform (Entra sign-in) host.
    pub fn login_host(self) -> &'static str {
        match self {
            Cloud::Global => "login.microsoftonline.com",
            Cloud::UsGovGccHigh | Cloud::UsGovDod => "login.microsoftonline.us",
            Cloud::China => "login.partner.microsoftonline.cn",
        }
    }

    pub fn graph_host(self) -> &'static str {
        match self {
            Cloud::Global => "graph.microsoft.com",
            Cloud::UsGovGccHigh => "graph.microsoft.us",
            Cloud::UsGovDod => "dod-graph.microsoft.us",
            Cloud::China => "microsoftgraph.chinacloudapi.cn",
        }
    }

    /// `Connect-ExchangeOnline -ExchangeEnvironmentName <this>`; `None` for the global
    /// cloud, which needs no parameter.
    pub fn exchange_environment_name(self) -> Option<&'static str> {
        match self {
            Cloud::Global => None,
            Cloud::UsGovGccHigh => Some("O365USGovGCCHigh"),
            Cloud::UsGovDod => Some("O365USGovDoD"),
            Cloud::China => Some("O365China"),
        }
    }

    /// SMTP AUTH client submission host. Only the global host is confirmed (the seed).
    pub fn smtp_host(self) -> Known {
        match self {
            Cloud::Global => verified("smtp.office365.com"),
            Cloud::UsGovGccHigh | Cloud::UsGovDod => unverified("smtp.office365.us"),
            Cloud::China => unverified("smtp.partner.outlook.cn"),
        }
    }

    /// Resource of the SMTP.Send scope. Webex Connect's scope uses the global one; for a
    /// sovereign cloud the admin may have to change the scope to this resource.
    pub fn outlook_resource(self) -> Known {
        match self {
            Cloud::Global => verified("https://outlook.office.com"),
            Cloud::UsGovGccHigh => unverified("https://outlook.office365.us"),
            Cloud::UsGovDod => unverified("https://outlook-dod.office365.us"),
            Cloud::China => unverified("https://partner.outlook.cn"),
        }
    }

    /// `https://<login host>/<tenant>/oauth2/v2.0/authorize`.
    pub fn authorization_url(self, tenant: &TenantId) -> String {
        format!("https://{}/{tenant}/oauth2/v2.0/authorize", self.login_host())
    }

    /// `https://<login host>/<tenant>/oauth2/v2.0/token` (also the refresh token URL).
    pub fn token_url(self, tenant: &TenantId) -> String {
        format!("https://{}/{tenant}/oauth2/v2.0/token", self.login_host())
    }

    /// Warning for a sovereign cloud, `None` for the global cloud.
    pub fn unverified_warning(self) -> Option<Message> {
        if !self.is_sovereign() {
            return None;
        }
        Some(
            Message::new("cloud.sovereign_unverified")
                .with("smtp_host", self.smtp_host().value)
                .with("outlook_resource", self.outlook_resource().value),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tenant() -> TenantId {
        TenantId::parse("72F988BF-86F1-41AF-91AB-2D7CD011DB47").unwrap()
    }

    #[test]
    fn global_matches_the_seed() {
        let c = Cloud::Global;
        assert_eq!(
            c.authorization_url(&tenant()),
            "https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/oauth2/v2.0/authorize"
        );
        assert_eq!(
            c.token_url(&tenant()),
            "https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/oauth2/v2.0/token"
        );
        assert_eq!(c.smtp_host(), Known { value: "smtp.office365.com", verified: true });
        assert!(c.outlook_resource().verified);
        assert!(SMTP_SCOPE.ends_with(&format!("{}/SMTP.Send", c.outlook_resource().value)));
        assert_eq!(c.exchange_environment_name(), None);
        assert_eq!(c.graph_host(), "graph.microsoft.com");
        assert_eq!(c.unverified_warning(), None);
        assert_eq!((SMTP_PORT, SMTP_SECURITY), (587, "STARTTLS"));
    }

    #[test]
    fn sovereign_clouds_use_their_hosts_and_are_unverified() {
        let domain = TenantId::parse("Contoso.onmicrosoft.us").unwrap();
        let gcc = Cloud::UsGovGccHigh;
        assert_eq!(gcc.token_url(&domain), "https://login.microsoftonline.us/contoso.onmicrosoft.us/oauth2/v2.0/token");
        assert_eq!(gcc.graph_host(), "graph.microsoft.us");
        assert_eq!(Cloud::UsGovDod.graph_host(), "dod-graph.microsoft.us");
        assert_eq!(Cloud::UsGovDod.login_host(), "login.microsoftonline.us");
        assert_eq!(Cloud::China.login_host(), "login.partner.microsoftonline.cn");
        assert_eq!(Cloud::China.graph_host(), "microsoftgraph.chinacloudapi.cn");
        assert_eq!(gcc.exchange_environment_name(), Some("O365USGovGCCHigh"));
        assert_eq!(Cloud::UsGovDod.exchange_environment_name(), Some("O365USGovDoD"));
        assert_eq!(Cloud::China.exchange_environment_name(), Some("O365China"));
        for c in [Cloud::UsGovGccHigh, Cloud::UsGovDod, Cloud::China] {
            assert!(!c.smtp_host().verified, "{c:?}");
            assert!(!c.outlook_resource().verified, "{c:?}");
            let w = c.unverified_warning().unwrap();
            assert_eq!(w.key, "cloud.sovereign_unverified");
            assert_eq!(w.param("smtp_host"), Some(c.smtp_host().value));
            assert!(c.authorization_url(&tenant()).starts_with(&format!("https://{}/", c.login_host())));
        }
    }

    #[test]
    fn label_keys_are_distinct() {
        let mut keys: Vec<_> = Cloud::ALL.iter().map(|c| c.label_key()).collect();
        keys.sort();
        keys.dedup();
        assert_eq!(keys.len(), Cloud::ALL.len());
    }
}
